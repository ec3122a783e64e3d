"""The counter's outbox: its changes not yet acknowledged by head office, filed as signed case files.

A change is filed once, into the case file with the next per-counter sequence, written atomically
to ``<data dir>/outbox/`` before the database records it. The file is then sent as is (online) or
copied out (export) until head office acknowledges it, so the same change always travels in the
same bytes and head office can recognise it when it arrives twice.

What is left to file is found from a high-water mark, not by comparing every event with every
filed one: the mark is the event table's rowid up to which every change of this counter is filed.
SQLite gives a new row the highest rowid plus one, under the one write lock, so a change committed
after the mark was set always lands above it (UUIDv7 ids would not do: they are minted before the
lock, by several processes, from the wall clock). Changes pulled from other places are passed by
their origin. A change put back to be filed again lowers the mark to it; the outbox table still says
which changes are filed, so passing the same rows twice files nothing twice. Records head office
refused with no change of their own to carry them again wait in a queue for the next file.
"""

from __future__ import annotations

from collections import namedtuple
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from typing import Iterator

from sqlalchemy import exists, func, literal_column, select
from sqlalchemy.exc import OperationalError

from app.foundation import secrets
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Dealer, Event, EventTally, StoreMeta, SyncFile, SyncOutbox, utcnow
from app.models.event_codec import event_to_wire
from app.models.identity import SEQUENCE_FLOOR_KEY
from app.services.cases import attachments
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


# Every change that has a place in a case file travels: cases, forms, people and the counter's own audit
# trail (app.sync.tables).
TRAVELS = Event.entity_type.in_(casefile.ENTITY_TYPES)


MARK = "outbox_mark"  # store_meta: "<rowid> <event id>", every change of this counter up to it is filed
ROWID = literal_column("event.rowid")


def _mark(s) -> int:
    row = s.get(StoreMeta, MARK)
    if row is None:
        return 0
    rowid, _, event_id = row.value.partition(" ")
    # The mark names the event it stands at: rowids of a rebuilt database file may differ, and
    # then every change is looked at once more (nothing is filed twice: the outbox table says).
    if not event_id or s.scalar(select(Event.id).where(ROWID == int(rowid))) != event_id:
        return 0
    return int(rowid)


def _set_mark(s, rowid: int) -> None:
    event_id = s.scalar(select(Event.id).where(ROWID == rowid)) if rowid else None
    value = f"{rowid} {event_id}" if event_id else "0 "
    row = s.get(StoreMeta, MARK)
    if row is None:
        s.add(StoreMeta(key=MARK, value=value))
    elif row.value != value:
        row.value = value


def not_filed():
    """SQL: the event is in no case file yet (one probe of the outbox's key per event)."""
    return ~exists().where(SyncOutbox.event_id == Event.id)


# The same test as TRAVELS, written so that SQLite walks the events in rowid order from the mark and
# stops at the batch's limit: on the plain column it takes the (entity_type, entity_id, seq) index,
# reads every travelling change above the mark and sorts them, for each batch (quadratic in all).
# The unary plus keeps that index out of the plan (tests/unit/test_outbox_plans.py reads it).
_TRAVELS_BY_ROWID = literal_column("+event.entity_type").in_(casefile.ENTITY_TYPES)


# A change to file: the event's columns by name and its rowid (``at``). A named tuple, not the
# result's row: a case file reads ten columns of each of its 500 changes by name.
Unfiled = namedtuple("Unfiled", [*(c.key for c in Event.__table__.c), "at"])


def _unfiled(s, store_id: str, mark: int, limit: int) -> list[Unfiled]:
    """The next changes to file, in rowid order, read on the session's connection: nothing here
    needs the ORM."""
    rows = s.connection().execute(select(*Event.__table__.c, ROWID)
                                  .where(ROWID > mark, Event.origin == store_id, _TRAVELS_BY_ROWID, not_filed())
                                  .order_by(ROWID).limit(limit))
    return [Unfiled._make(r) for r in rows]


def _bases(s, events: list) -> dict[tuple[str, str, int], str]:
    """The id of the version each change was made on top of, by (entity type, entity id, seq):
    how head office tells an edit from a conflict. One probe of the event key's unique index per
    change, from a list of constant rows joined to the events (a row-value IN on that list is
    planned as a scan of every event, once per chunk). Sent as plain SQL: built per chunk, it
    would cost more to compile than to run."""
    keys = list(dict.fromkeys((e.entity_type, e.entity_id, e.seq - 1) for e in events if e.seq > 1))
    conn = s.connection()
    out = {}
    for i in range(0, len(keys), 300):
        chunk = keys[i:i + 300]
        sql = ("WITH k(t, i, s) AS (VALUES " + ", ".join(["(?, ?, ?)"] * len(chunk)) + ") "
               "SELECT e.entity_type, e.entity_id, e.seq, e.id FROM k CROSS JOIN event AS e "
               "ON e.entity_type = k.t AND e.entity_id = k.i AND e.seq = k.s")
        for et, eid, sq, bid in conn.exec_driver_sql(sql, tuple(v for key in chunk for v in key)):
            out[(et, eid, sq)] = bid
    return out


def refile(s, event_ids: list[str]) -> int:
    """Put these changes back to be filed again (a refused file or change sent again); returns how
    many were filed. The mark moves down to the first of them."""
    n, low = 0, None
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i:i + 500]
        n += s.execute(SyncOutbox.__table__.delete().where(SyncOutbox.event_id.in_(chunk))).rowcount
        first = s.scalar(select(func.min(ROWID)).where(Event.id.in_(chunk)))
        if first is not None:
            low = first if low is None else min(low, first)
    if low is not None and low <= _mark(s):
        _set_mark(s, low - 1)
    return n


RESEND = "outbox_resend"  # store_meta: JSON [[table, id], ...], records that go in the next file


def queued_records(s) -> list[tuple[str, str]]:
    """Records put back to go out in the next file with no change of their own (app.sync.refused)."""
    row = s.get(StoreMeta, RESEND)
    try:
        return [(str(t), str(i)) for t, i in json.loads(row.value)] if row is not None else []
    except (ValueError, TypeError):
        return []


def queue_records(s, rows: list[tuple[str, str]]) -> None:
    """Send these records in the next file, whatever changes it holds (even none): a record head
    office refused that rode with another change has none of its own to carry it."""
    queued = queued_records(s)
    queued += [r for r in dict.fromkeys(rows) if r not in queued]
    value = json.dumps([list(r) for r in queued])
    row = s.get(StoreMeta, RESEND)
    if row is None:
        s.add(StoreMeta(key=RESEND, value=value))
    else:
        row.value = value


def _sequence_floor(session) -> int:
    """Sequences this counter gave out that its store may no longer list (a backup was restored):
    never numbered again, or head office would refuse the new file as a replay."""
    row = session.get(StoreMeta, SEQUENCE_FLOOR_KEY)
    return int(row.value) if row is not None and row.value.isdigit() else 0


def file_waiting(store, secret: str | None = None) -> list[int]:
    """Put every unfiled change of this counter into new case files; return their sequences."""
    return list(filing(store, secret))


def filing(store, secret: str | None = None) -> Iterator[int]:
    """File the unfiled changes one case file at a time, yielding each sequence once the file is on
    disk and recorded, so the caller can send it while the rest are filed."""
    ident = store.identity
    while True:
        with store.session() as s, s.begin():
            mark = _mark(s)
            top = s.scalar(select(func.max(ROWID)).select_from(Event)) or 0  # the same snapshot as what is read below
            events = _unfiled(s, ident.store_id, mark, BATCH)
            again = queued_records(s)
            if not events and not again:
                was = s.get(StoreMeta, MARK)
                was = was.value if was is not None else None
                break
            records = records_for(s, events, tuple(again))
            if not events and not any(records.values()):  # the records queued are no longer here
                s.delete(s.get(StoreMeta, RESEND))
                continue
            if secret is None:
                secret = secrets.require(secrets.counter_key(ident.store_id))
            seq = max(s.scalar(select(func.max(SyncFile.seq))) or 0, _sequence_floor(s)) + 1
            bases = _bases(s, events)
            dealer = s.get(Dealer, ident.home_dealer_id)
            body = casefile.build_body(
                dealer_id=dealer.id, dealer_code=dealer.code, counter=ident.store_id, sequence=seq,
                created_at=utcnow().isoformat(),
                events=[event_to_wire(e, bases.get((e.entity_type, e.entity_id, e.seq - 1))) for e in events],
                records=records)
            data = casefile.sign(body, secret)
            write_atomic(_path(store, seq), data)
            s.add(SyncFile(seq=seq, sha256=signing.sha256(data), events=len(events), created_at=utcnow(),
                           status="waiting", reason="", attempts=0))
            s.flush()
            if events:
                s.execute(SyncOutbox.__table__.insert(), [{"event_id": e.id, "file_seq": seq} for e in events])
            if again:
                s.delete(s.get(StoreMeta, RESEND))
            if events:  # a full batch stops at its last change; a short one took everything up to the top
                _set_mark(s, events[-1].at if len(events) == BATCH else top)
        yield seq
    if top > mark:  # only changes pulled from elsewhere above the mark: pass them for good
        _pass_pulled(store, was, top)


def _pass_pulled(store, was: str | None, top: int) -> None:
    """Move the mark over changes that are not this counter's, in a transaction of its own that
    gives way: it changes the mark only if nobody moved it meanwhile (a change put back to be filed
    again), and a writer holding the lock just means the next round does it."""
    try:
        with store.session() as s, s.begin():
            row = s.get(StoreMeta, MARK)
            if (row.value if row is not None else None) == was:
                _set_mark(s, top)
    except OperationalError:
        pass


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
        return refile(s, list(s.scalars(select(SyncOutbox.event_id).where(SyncOutbox.file_seq == seq))))


def counts(store) -> OutboxCounts:
    with store.session() as s:
        unfiled = _unfiled_count(s, store.identity.store_id)
        wf, we = s.execute(select(func.count(), func.coalesce(func.sum(SyncFile.events), 0))
                           .where(SyncFile.status == "waiting")).one()
        rejected = s.scalar(select(func.count()).select_from(SyncFile).where(SyncFile.status == "rejected"))
        last = s.scalar(select(func.max(SyncFile.acked_at)))
        return OutboxCounts(unfiled, wf, we, rejected, last)


def _unfiled_count(s, store_id: str) -> int:
    """This counter's changes in no case file yet. A counter's store (SQLite) keeps the numbers in
    event_tally as events and outbox rows are written: a few rows read, however long the history."""
    if s.get_bind().dialect.name == "sqlite":
        return s.scalar(select(func.coalesce(func.sum(EventTally.events - EventTally.filed), 0))
                        .where(EventTally.origin == store_id, EventTally.entity_type.in_(casefile.ENTITY_TYPES)))
    return _unfiled_walked(s, store_id)


def _unfiled_walked(s, store_id: str) -> int:
    """The same number read from the events above the mark (no tally on a server database)."""
    above = select(func.count()).select_from(Event).where(ROWID > _mark(s), Event.origin == store_id, TRAVELS)
    if s.scalar(select(SyncOutbox.event_id).limit(1)) is not None:  # nothing filed yet: no probe needed
        above = above.where(not_filed())
    return s.scalar(above)


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
