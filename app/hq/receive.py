"""Head office takes in one case file: verify, refuse replays, keep it, apply it whole or not at all.

Shared by the intake server and `hq import`. Safe with concurrent importers: the file's
(counter, sequence) row and its events are unique in the database, so the loser of a race finds
the winner's row and answers "already present".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from app.hq.counters import counter_secret
from app.i18n_marks import QT_TRANSLATE_NOOP
from app.models import HqCounter, SyncReceived, utcnow
from app.sync import casefile
from app.sync.apply import apply_file
from app.sync.casefile import CaseFileRejected

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Receipt:
    status: str  # stored | duplicate
    counter: str
    dealer_code: str
    sequence: int
    sha256: str
    events_new: int
    conflicts: int
    n: int  # head office's arrival number for the file

    def ack(self, server_time: datetime) -> dict:
        return {"status": self.status, "counter": self.counter, "sequence": self.sequence,
                "sha256": self.sha256, "events_new": self.events_new, "conflicts": self.conflicts,
                "server_time": server_time.isoformat()}


def verify(db, data: bytes) -> casefile.CaseFile:
    """Parse and authenticate; also that the counter belongs to the dealer the file names."""
    with db.session() as s:
        cf = casefile.parse(data, lambda counter: counter_secret(s, counter))
        dealer_id = s.scalar(select(HqCounter.dealer_id).where(HqCounter.id == cf.counter))
    if dealer_id != cf.dealer_id:
        raise CaseFileRejected(QT_TRANSLATE_NOOP("Errors",
            "The case file says it is from dealer {dealer}, but counter {counter} is enrolled for another "
            "dealer. Nothing of it was imported."), code="wrong_dealer", dealer=cf.dealer_code, counter=cf.counter)
    return cf


def _already(s, cf: casefile.CaseFile) -> SyncReceived | None:
    return s.scalar(select(SyncReceived).where(SyncReceived.counter_id == cf.counter,
                                               SyncReceived.sequence == cf.sequence))


def _replay(cf: casefile.CaseFile) -> CaseFileRejected:
    return CaseFileRejected(QT_TRANSLATE_NOOP("Errors",
        "Replay refused: counter {counter} already delivered a different file with sequence {sequence}. "
        "An old or copied file can't be applied twice."), code="replay", counter=cf.counter, sequence=cf.sequence)


def _duplicate(cf: casefile.CaseFile, row: SyncReceived) -> Receipt:
    if row.sha256 != cf.sha256:
        raise _replay(cf)
    return Receipt("duplicate", cf.counter, cf.dealer_code, cf.sequence, cf.sha256, 0, 0, row.n)


def inbox_path(inbox: Path, cf: casefile.CaseFile) -> Path:
    return Path(inbox) / cf.dealer_code / casefile.file_name(cf.dealer_code, cf.counter, cf.sequence)


def receive(db, data: bytes, *, inbox: Path | None = None, received_at: datetime | None = None,
            skew_s: float | None = None) -> Receipt:
    """Verify and import one file. With ``inbox`` the file is written there (atomically, synced)
    before anything is committed, so an acknowledged file survives a crash of the import."""
    cf = verify(db, data)
    with db.session() as s:
        row = _already(s, cf)
        if row is not None:
            return _duplicate(cf, row)
    if inbox is not None:
        kept = inbox_path(inbox, cf)
        casefile.write_atomic(kept, data)
    try:
        return _import_retrying(db, cf, data, received_at or utcnow(), skew_s)
    except CaseFileRejected as exc:
        if inbox is not None:  # keep it for inspection, out of the way of recover_inbox
            aside = Path(inbox) / "rejected" / kept.name
            aside.parent.mkdir(parents=True, exist_ok=True)
            kept.replace(aside)
            aside.with_suffix(".reason.txt").write_text(exc.render() + "\n", encoding="utf-8")
        raise


def _import_retrying(db, cf, data, now, skew_s) -> Receipt:
    for attempt in range(5):
        try:
            return _import(db, cf, data, now, skew_s)
        except IntegrityError as exc:
            # Another importer stored the same file, or a clashing change, first: look again.
            with db.session() as s:
                row = _already(s, cf)
                if row is not None:
                    return _duplicate(cf, row)
            if attempt >= 1:  # not a race: the content itself breaks a rule of the database
                raise CaseFileRejected(QT_TRANSLATE_NOOP("Errors",
                    "The case file is signed but its content can't be stored ({reason}). Nothing of it "
                    "was imported."), code="invalid", reason=str(exc.orig)[:300]) from exc
        except OperationalError as exc:  # SQLite busy under concurrent importers
            if "locked" not in str(exc) or attempt == 4:
                raise
    raise AssertionError("unreachable")


def _import(db, cf: casefile.CaseFile, data: bytes, now: datetime, skew_s: float | None) -> Receipt:
    with db.session() as s:
        with s.begin():
            if s.bind.dialect.name == "postgresql":
                # One import at a time: arrival numbers then commit in order, so a counter pulling
                # "after n" never skips a file that committed late.
                s.execute(text("SELECT pg_advisory_xact_lock(4242)"))
            rec = SyncReceived(counter_id=cf.counter, sequence=cf.sequence, sha256=cf.sha256,
                               dealer_id=cf.dealer_id, content=data, received_at=now)
            s.add(rec)
            s.flush()  # claims (counter, sequence) first: a concurrent importer waits here
            try:
                result = apply_file(s, cf.dealer_id, cf.events, cf.records)
            except (IntegrityError, OperationalError):
                raise
            except (SQLAlchemyError, ValueError, TypeError, KeyError, AttributeError) as exc:
                raise CaseFileRejected(QT_TRANSLATE_NOOP("Errors",
                    "The case file is signed but its content can't be stored ({reason}). Nothing of it "
                    "was imported."), code="invalid", reason=str(exc).splitlines()[0][:300]) from exc
            rec.events, rec.conflicts = result.events_new, len(result.conflicts)
            counter = s.get(HqCounter, cf.counter)
            counter.last_seen_at = now
            counter.last_sequence = max(counter.last_sequence, cf.sequence)
            if skew_s is not None:
                counter.clock_skew_s = skew_s
            n = rec.n
    return Receipt("stored", cf.counter, cf.dealer_code, cf.sequence, cf.sha256, result.events_new,
                   len(result.conflicts), n)


def recover_inbox(db, inbox: Path) -> list[Receipt]:
    """At server start: import files that were kept in the inbox but whose import never finished."""
    out = []
    for path in sorted(p for p in Path(inbox).rglob("*.casefile") if "rejected" not in p.parts):
        try:
            out.append(receive(db, path.read_bytes()))
        except CaseFileRejected as exc:
            log.warning("inbox file %s refused: %s", path, exc)
    return out
