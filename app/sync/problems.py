"""The "Sync problems" list: case files head office refused, single changes it refused (the rest
of their file arrived) and conflicts waiting for a supervisor. Nothing in it is dropped; each entry
says what to do. A refused change goes out again when it is corrected (a later change of the same
case or form carries the refused ones with it, so head office gets the whole history) or on request,
and leaves the list once head office accepts it (app.sync.refused)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import SyncConflict, SyncFile, SyncRefused
from app.sync import outbox, refused, tables
from app.sync.casefile import CaseFileRejected
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
    times: int = 1  # a refused change: how often head office refused it
    waiting: bool = False  # a refused change sent again, head office's answer still to come


# A refused change that is not new: what the person at the desk needs to know before the reason.
SENT_AGAIN = QT_TRANSLATE_NOOP("Errors",
    "Sent again; head office answers on the next sync. Its last answer: {reason}")
REFUSED_AGAIN = QT_TRANSLATE_NOOP("Errors",
    "Refused again ({times} times): sending it again unchanged does not help. Correct what head office "
    "names at the counter and it goes out with the correction. {reason}")


def render_reason(reason: str, words=None) -> str:
    """A refusal in the reader's language: head office sends the English source and its values."""
    try:
        r = json.loads(reason)
        return tables.refusal_words(r["text"], r["params"], words, CaseFileRejected.worded + tuple(r.get("worded", ())))
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
        changes = s.scalars(select(SyncRefused).where(SyncRefused.settled_at.is_(None)).order_by(SyncRefused.id)).all()
        out += [SyncProblem("change", f"{CHANGE}{c.id}", c.refused_at, len(c.event_ids), c.reason,
                            times=refused.times(c), waiting=refused.waiting_to_go(s, c)) for c in changes]
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
    reason = render_reason(p.detail, words)
    if p.kind == "change" and (p.waiting or p.times > 1):
        template = SENT_AGAIN if p.waiting else REFUSED_AGAIN
        return (words("Errors", template) if words else template).format(reason=reason, times=p.times)
    return reason


@announces(SYNC)
def send_again(store, key: str) -> int:
    """A refused file's (or change's) changes go out again in a new file (after the cause was fixed);
    a refused change's records too when it has no change of its own. How many changes and records."""
    if key.startswith(CHANGE):
        got = refused.resend_change(store, int(key[len(CHANGE):]))
        return 0 if got is None else got.events + got.records
    return outbox.requeue(store, int(key))
