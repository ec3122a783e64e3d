"""The counter's outbox: its changes not yet acknowledged by head office, filed as signed case files.

A change is filed once, into the case file with the next per-counter sequence, written atomically
to ``<data dir>/outbox/`` before the database records it. The file is then sent as is (online) or
copied out (export) until head office acknowledges it, so the same change always travels in the
same bytes and head office can recognise it when it arrives twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, tuple_

from app.foundation import secrets
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Dealer, Event, StoreMeta, SyncFile, SyncOutbox, utcnow
from app.models.event_codec import event_to_wire
from app.models.identity import SEQUENCE_FLOOR_KEY
from app.services import attachments
from app.sync import casefile, found_problems
from app.foundation.paths import write_atomic
from app.foundation import signing
from app.sync.apply import records_for

BATCH = 500  # events per file: small enough to resend cheaply after a dropped connection


@dataclass(frozen=True)
class WaitingFile:
    seq: int
    path: Path
    sha256: str
    events: int


@dataclass(frozen=True)
class OutboxCounts:
    unfiled_events: int
    waiting_files: int
    waiting_events: int
    rejected_files: int
    last_ack: datetime | None


def outbox_dir(store) -> Path:
    return Path(store.path).parent / "outbox"


def _path(store, seq: int) -> Path:
    ident = store.identity
    return outbox_dir(store) / casefile.file_name(ident.home_dealer_code, ident.store_id, seq)


# Events of cases and forms travel; a person's (a lockout and its lifting) stay in the store that wrote
# them until people travel as records of their own.
TRAVELS = Event.entity_type.in_(casefile.ENTITY_TYPES)


def _unfiled(session, store_id: str, limit: int) -> list[Event]:
    filed = select(SyncOutbox.event_id)
    return list(session.scalars(select(Event).where(Event.origin == store_id, Event.id.not_in(filed), TRAVELS)
                                .order_by(Event.id).limit(limit)))


def _sequence_floor(session) -> int:
    """Sequences this counter gave out that its store may no longer list (a backup was restored):
    never numbered again, or head office would refuse the new file as a replay."""
    row = session.get(StoreMeta, SEQUENCE_FLOOR_KEY)
    return int(row.value) if row is not None and row.value.isdigit() else 0


def file_waiting(store, secret: str | None = None) -> list[int]:
    """Put every unfiled change of this counter into new case files; return their sequences."""
    ident = store.identity
    made = []
    while True:
        with store.session() as s, s.begin():
            events = _unfiled(s, ident.store_id, BATCH)
            if not events:
                return made
            if secret is None:
                secret = secrets.require(secrets.counter_key(ident.store_id))
            seq = max(s.scalar(select(func.max(SyncFile.seq))) or 0, _sequence_floor(s)) + 1
            # The version each change was based on, by its event id (how head office spots conflicts).
            keys = [(e.entity_type, e.entity_id, e.seq - 1) for e in events if e.seq > 1]
            bases = {}
            for i in range(0, len(keys), 300):
                for et, eid, sq, bid in s.execute(select(Event.entity_type, Event.entity_id, Event.seq, Event.id)
                                                  .where(tuple_(Event.entity_type, Event.entity_id, Event.seq)
                                                         .in_(keys[i:i + 300]))):
                    bases[(et, eid, sq)] = bid
            dealer = s.get(Dealer, ident.home_dealer_id)
            body = casefile.build_body(
                dealer_id=dealer.id, dealer_code=dealer.code, counter=ident.store_id, sequence=seq,
                created_at=utcnow().isoformat(),
                events=[event_to_wire(e, bases.get((e.entity_type, e.entity_id, e.seq - 1))) for e in events],
                records=records_for(s, events))
            data = casefile.sign(body, secret)
            write_atomic(_path(store, seq), data)
            s.add(SyncFile(seq=seq, sha256=signing.sha256(data), events=len(events), created_at=utcnow(),
                           status="waiting", reason="", attempts=0))
            s.flush()
            s.execute(SyncOutbox.__table__.insert(), [{"event_id": e.id, "file_seq": seq} for e in events])
        made.append(seq)


def waiting(store) -> list[WaitingFile]:
    with store.session() as s:
        rows = s.scalars(select(SyncFile).where(SyncFile.status == "waiting").order_by(SyncFile.seq)).all()
        return [WaitingFile(r.seq, _path(store, r.seq), r.sha256, r.events) for r in rows]


def mark_acked(store, seq: int) -> None:
    with store.session() as s, s.begin():
        f = s.get(SyncFile, seq)
        if f.status == "waiting":
            f.status, f.acked_at = "acked", utcnow()
    _path(store, seq).unlink(missing_ok=True)  # acknowledged: head office holds it now


def mark_rejected(store, seq: int, reason: str) -> None:
    """Head office refused the file: it stays on disk and in the list of sync problems."""
    with store.session() as s, s.begin():
        f = s.get(SyncFile, seq)
        f.status, f.reason = "rejected", reason


def count_attempt(store, seq: int) -> None:
    with store.session() as s, s.begin():
        s.get(SyncFile, seq).attempts += 1


def requeue(store, seq: int) -> int:
    """Act on a sync problem: file its changes again under a new sequence (e.g. after head office
    enrolled the counter again). The refused file is kept as it was."""
    with store.session() as s, s.begin():
        f = s.get(SyncFile, seq)
        if f is None or f.status != "rejected":
            return 0
        f.status = "requeued"
        n = s.execute(SyncOutbox.__table__.delete().where(SyncOutbox.file_seq == seq)).rowcount
    return n


def counts(store) -> OutboxCounts:
    with store.session() as s:
        unfiled = s.scalar(select(func.count()).select_from(Event).where(
            Event.origin == store.identity.store_id, Event.id.not_in(select(SyncOutbox.event_id)), TRAVELS))
        wf, we = s.execute(select(func.count(), func.coalesce(func.sum(SyncFile.events), 0))
                           .where(SyncFile.status == "waiting")).one()
        rejected = s.scalar(select(func.count()).select_from(SyncFile).where(SyncFile.status == "rejected"))
        last = s.scalar(select(func.max(SyncFile.acked_at)))
        return OutboxCounts(unfiled, wf, we, rejected, last)


def export(store, out_dir: Path) -> list[Path]:
    """Write every waiting change as case files into ``out_dir`` (USB stick, shared folder);
    they are marked exported, not acknowledged, and still go out on the next online sync."""
    file_waiting(store)
    out_dir = Path(out_dir)
    written = []
    for w in waiting(store):
        target = out_dir / w.path.name
        write_atomic(target, w.path.read_bytes())
        written.append(target)
        with store.session() as s, s.begin():
            s.get(SyncFile, w.seq).exported_at = utcnow()
    export_attachments(store, attachments.waiting(store), out_dir)  # the files the changes name travel with them
    return written


def export_attachments(store, names: dict[str, str], out_dir: Path) -> int:
    """Copy these attachments into ``out_dir/attachments`` in the store's layout, for a USB stick;
    one that can't be read is a sync problem, as when it can't be sent."""
    n = 0
    for sha, name in names.items():
        try:
            data = attachments.read_blob(store, sha)
        except (OSError, ValueError):
            found_problems.attachment_failed(store, sha, "send", name, found_problems.reason(
                "attachment_not_exported", QT_TRANSLATE_NOOP("Errors",
                    "The attachment {name} ({sha}) is missing or damaged on this counter and was not exported. "
                    "Attach the file to the case again."), name=name, sha=sha[:12]))
            continue
        write_atomic(Path(out_dir) / "attachments" / attachments.relative_path(sha), data)
        n += 1
    return n
