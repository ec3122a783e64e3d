"""The "Sync problems" list: case files head office refused and conflicts waiting for a
supervisor. Nothing in it is dropped; each entry says what to do."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.models import SyncConflict, SyncFile
from app.sync import outbox


@dataclass(frozen=True)
class SyncProblem:
    kind: str  # refused | conflict
    key: str  # the file's sequence, or the conflict id
    when: datetime
    changes: int
    detail: str  # for refusals: head office's reason, see render_reason


def render_reason(reason: str, words=None) -> str:
    """A refusal in the reader's language: head office sends the English source and its values."""
    try:
        r = json.loads(reason)
        template = r["text"]
        text = words("Errors", template) if words else template
        return text.format(**r["params"])
    except (ValueError, KeyError, TypeError, IndexError):
        return reason


def list_problems(store) -> list[SyncProblem]:
    with store.session() as s:
        files = s.scalars(select(SyncFile).where(SyncFile.status == "rejected").order_by(SyncFile.seq)).all()
        conflicts = s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))
                              .order_by(SyncConflict.detected_at)).all()
        out = [SyncProblem("refused", str(f.seq), f.created_at, f.events, f.reason) for f in files]
        out += [SyncProblem("conflict", c.id, c.detected_at, 1,
                            f"{c.entity_type} {c.entity_id} v{c.seq}: {c.other_event.get('kind', '')} "
                            f"{c.other_event.get('payload', {})}") for c in conflicts]
        return out


def send_again(store, key: str) -> int:
    """A refused file's changes go out again in a new file (after head office fixed the cause)."""
    return outbox.requeue(store, int(key))
