"""The "Sync problems" list: case files head office refused and conflicts waiting for a
supervisor. Nothing in it is dropped; each entry says what to do."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from app.models import SyncConflict, SyncFile
from app.sync import outbox


@dataclass(frozen=True)
class SyncProblem:
    kind: str  # refused | conflict | attachment | pack
    key: str  # the file's sequence, or the conflict id
    when: datetime
    changes: int
    detail: str  # for refusals: head office's reason, see render_reason
    conflict: Any = None  # for conflicts: app.sync.conflicts.ConflictFacts


def render_reason(reason: str, words=None) -> str:
    """A refusal in the reader's language: head office sends the English source and its values."""
    try:
        r = json.loads(reason)
        template = r["text"]
        text = words("Errors", template) if words else template
        return text.format(**r["params"])
    except (ValueError, KeyError, TypeError, IndexError):
        return reason


def open_conflicts(store) -> int:
    """How many conflicts wait here for head office: exactly the conflicts list_problems lists."""
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None)))


def list_problems(store) -> list[SyncProblem]:
    with store.session() as s:
        files = s.scalars(select(SyncFile).where(SyncFile.status == "rejected").order_by(SyncFile.seq)).all()
        conflicts = s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))
                              .order_by(SyncConflict.detected_at)).all()
        out = [SyncProblem("refused", str(f.seq), f.created_at, f.events, f.reason) for f in files]
        from app.sync.conflicts import load

        facts = load(s, list(conflicts), here=store.identity.store_id)
        out += [SyncProblem("conflict", f.id, f.detected_at, 1, "", f) for f in facts]
    return out + found_problems(store)


def found_problems(store) -> list[SyncProblem]:
    """Attachments this counter could not send or fetch, script packs it refused (app.sync.found_problems)."""
    from app.sync import found_problems as found

    out = [SyncProblem("attachment", sha, found.when(e), 0, e.get("reason", ""))
           for sha, e in sorted(found.attachment_problems(store).items())]
    out += [SyncProblem("pack", f"{e.get('name')}@{e.get('version')}", found.when(e), 0, e.get("reason", ""))
            for e in found.pack_problems(store)]
    return out


def problem_text(p: SyncProblem, words) -> str:
    """The problem's details in the reader's language."""
    if p.kind == "conflict":
        from app.sync.conflicts import summary

        return summary(p.conflict, words)
    return render_reason(p.detail, words)


def send_again(store, key: str) -> int:
    """A refused file's changes go out again in a new file (after head office fixed the cause)."""
    return outbox.requeue(store, int(key))
