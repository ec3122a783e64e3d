"""The "Sync problems" list: case files head office refused, single changes it refused (the rest
of their file arrived) and conflicts waiting for a supervisor. Nothing in it is dropped; each entry
says what to do. A refused change goes out again when it is corrected (a later change of the same
case or form carries the refused ones with it, so head office gets the whole history) or on request."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from app.models import Event, SyncConflict, SyncFile, SyncRefused, utcnow
from app.sync import outbox
from app.services.changes import SYNC, announces

CHANGE = "c"  # a refused change's key is "c" and its number, a refused file's key its sequence


@dataclass(frozen=True)
class SyncProblem:
    kind: str  # refused (a file) | change (one change of an accepted file) | conflict | attachment | pack | release
    key: str  # the file's sequence, "c" + the refused change's number, the conflict id, or the file/pack's name
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
        changes = s.scalars(select(SyncRefused).where(SyncRefused.resent_at.is_(None)).order_by(SyncRefused.id)).all()
        out += [SyncProblem("change", f"{CHANGE}{c.id}", c.refused_at, len(c.event_ids), c.reason) for c in changes]
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
    out += [SyncProblem("release", str(e.get("version")), found.when(e), 0, e.get("reason", ""))
            for e in found.release_problems(store)]
    out += [SyncProblem("pulled", str(e.get("n")), found.when(e), 0, e.get("reason", ""))
            for e in found.pulled_problems(store)]
    return out


def problem_text(p: SyncProblem, words) -> str:
    """The problem's details in the reader's language."""
    if p.kind == "conflict":
        from app.sync.conflicts import summary

        return summary(p.conflict, words)
    return render_reason(p.detail, words)


@announces(SYNC)
def send_again(store, key: str) -> int:
    """A refused file's (or change's) changes go out again in a new file (after the cause was fixed)."""
    if key.startswith(CHANGE):
        return resend_change(store, int(key[len(CHANGE):]))
    return outbox.requeue(store, int(key))


def record_refused(store, seq: int, refused: list[dict]) -> int:
    """Keep what head office's acknowledgement of file ``seq`` says it refused (once, however often
    the acknowledgement comes)."""
    if not refused:
        return 0
    now = utcnow()
    added = 0
    with store.session() as s, s.begin():
        have = {(r.entity_type, r.entity_id, r.record_table, r.record_id) for r in s.scalars(
            select(SyncRefused).where(SyncRefused.file_seq == seq))}
        for r in refused:
            key = tuple(str(r.get(k) or "")[:36] for k in ("entity_type", "entity_id", "table", "record_id"))
            if key in have:
                continue
            have.add(key)
            s.add(SyncRefused(file_seq=seq, entity_type=key[0][:16], entity_id=key[1], record_table=key[2][:32],
                              record_id=key[3], code=str(r.get("code", ""))[:32],
                              reason=json.dumps({"code": r.get("code"), "text": r.get("text", ""),
                                                 "params": r.get("params") or {}}, ensure_ascii=False),
                              event_ids=[str(e) for e in r.get("event_ids", [])], refused_at=now))
            added += 1
    return added


def _unfile(s, row: SyncRefused, now) -> int:
    n = outbox.refile(s, list(row.event_ids))
    row.resent_at = now
    return n


def resend_change(store, number: int) -> int:
    """File a refused change's events again (they go out in the next file, with any later change)."""
    with store.session() as s, s.begin():
        row = s.get(SyncRefused, number)
        if row is None or row.resent_at is not None:
            return 0
        return _unfile(s, row, utcnow())


def release_corrected(store) -> int:
    """Refused changes whose case or form was changed again since go out with that change: head
    office gets the whole history, the refused versions first (events file in id order)."""
    here = store.identity.store_id
    n = 0
    with store.session() as s, s.begin():
        rows = s.scalars(select(SyncRefused).where(SyncRefused.resent_at.is_(None), SyncRefused.entity_id != "")).all()
        now = utcnow()
        for row in rows:
            newer = s.scalar(select(func.count()).select_from(Event).where(
                Event.entity_type == row.entity_type, Event.entity_id == row.entity_id, Event.origin == here,
                outbox.not_filed()))
            if newer:
                n += _unfile(s, row, now)
    return n


def count_refused(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(SyncRefused).where(SyncRefused.resent_at.is_(None))) or 0
