"""Head office takes in one case file: verify, refuse replays, keep it, store every change it may
(app.hq.ownership) and refuse the others one by one, each with its reason.

Shared by the intake server and `hq import`. Safe with concurrent importers in any number of
processes and hosts on one database: the file's (counter, sequence) row and its events are unique
in the database, so the loser of a race finds the winner's row and answers "already present";
imports of different dealers never wait for each other (app.hq.ordering).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from operator import methodcaller
from pathlib import Path

from sqlalchemy import Float, Integer, LargeBinary, String, bindparam, case, func, insert, literal, select, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.hq import blobs, ordering, ownership
from app.hq.counters import counter_secret, valid_counter_id
from app.hq.ownership import Refusal, merged
from app.hq.purge_round import PurgeRound, purge_round
from app.hq.verify_ahead import VerifyAhead
from app.foundation.cycles import paused_collection
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Dealer, HqCounter, HqRefusal, SyncReceived, SyncReceivedCustomer, utcnow
from app.models.bulk import id_rows, id_value, prepared, time_value
from app.rules import wire_text
from app.sync import casefile
from app.foundation.paths import write_atomic
from app.foundation.signing import sha256
from app.services.network import month_sums
from app.services.privacy import kept_files, purging
from app.sync.apply import apply_file
from app.sync.casefile import CaseFileRejected
from app.services.cases.attachments import KIND

UNPROCESSABLE = QT_TRANSLATE_NOOP("Errors",
    "The case file is signed but head office could not process it ({reason}). Nothing of it was imported; "
    "it was set aside for head office's staff.")

log = logging.getLogger(__name__)
_PURGES = frozenset(purging.PURGE_KINDS)


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
    refused: tuple[Refusal, ...] = ()  # changes of the file head office did not store
    # The file's changes head office keeps aside as conflicts (their event ids): the counter names
    # the two sides of such a conflict as head office does (app.sync.conflicts).
    kept_aside: tuple[str, ...] = ()
    purged: int = 0  # customers the file anonymised here (then no kept copy may hold them: receive)

    def ack(self, server_time: datetime) -> dict:
        return {"status": self.status, "counter": self.counter, "sequence": self.sequence,
                "sha256": self.sha256, "events_new": self.events_new, "conflicts": self.conflicts,
                "refused": [r.to_wire() for r in self.refused], "kept_aside": list(self.kept_aside),
                "server_time": server_time.isoformat()}


def verify(db, data: bytes) -> casefile.CaseFile:
    """Parse and authenticate; also that the dealer the file names (id and code) is the counter's own."""
    with db.session() as s:
        cf = casefile.parse(data, lambda counter: counter_secret(s, counter))
    check_dealer(db, cf)
    return cf


def check_dealer(db, cf: casefile.CaseFile) -> None:
    with db.session() as s:
        _check_dealer(s, cf)


def _check_dealer(s, cf: casefile.CaseFile) -> None:
    _check_enrolment(cf, prepared(s, "hq.enrolled_dealer", lambda pg: select(Dealer.id, Dealer.code).join(
        HqCounter, HqCounter.dealer_id == Dealer.id).where(HqCounter.id == bindparam("counter", type_=String)),
        {"counter": cf.counter}).one_or_none())


def _enrolled_and_already(s, cf: casefile.CaseFile):
    """_check_dealer and then _already in one statement (one round trip less for every file):
    the file's (arrival number, SHA-256) when it is stored already, else None."""
    received = SyncReceived.__table__
    row = prepared(s, "hq.enrolled_and_already", lambda pg: select(Dealer.id, Dealer.code, received.c.n,
                                                                   received.c.sha256)
                   .select_from(HqCounter).join(Dealer, HqCounter.dealer_id == Dealer.id)
                   .outerjoin(received, (received.c.counter_id == HqCounter.id)
                              & (received.c.sequence == bindparam("sequence", type_=Integer)))
                   .where(HqCounter.id == bindparam("counter", type_=String)),
                   {"counter": cf.counter, "sequence": cf.sequence}).one_or_none()
    _check_enrolment(cf, None if row is None else row[:2])
    return None if row is None or row[2] is None else row[2:]


def _check_enrolment(cf: casefile.CaseFile, enrolled) -> None:
    """Refuse the file unless its counter is enrolled for the dealer (id and code) the file names."""
    if enrolled is None or tuple(enrolled) != (cf.dealer_id, cf.dealer_code):
        raise CaseFileRejected(QT_TRANSLATE_NOOP("Errors",
            "The case file says it is from dealer {dealer}, but counter {counter} is enrolled for another "
            "dealer. Nothing of it was imported."), code="wrong_dealer", dealer=cf.dealer_code[:40],
            counter=cf.counter)


def _already(s, cf: casefile.CaseFile):
    """(arrival number, SHA-256) of the file already stored under the same counter and sequence, or None."""
    return prepared(s, "hq.already", lambda pg: select(SyncReceived.n, SyncReceived.sha256).where(
        SyncReceived.counter_id == bindparam("counter", type_=String),
        SyncReceived.sequence == bindparam("sequence", type_=Integer)),
        {"counter": cf.counter, "sequence": cf.sequence}).one_or_none()


def _replay(cf: casefile.CaseFile) -> CaseFileRejected:
    return CaseFileRejected(QT_TRANSLATE_NOOP("Errors",
        "Replay refused: counter {counter} already delivered a different file with sequence {sequence}. "
        "An old or copied file can't be applied twice."), code="replay", counter=cf.counter, sequence=cf.sequence)


def _refusals_of(s, n: int) -> tuple[Refusal, ...]:
    rows = s.scalars(select(HqRefusal).where(HqRefusal.received_n == n).order_by(HqRefusal.id)).all()
    return tuple(Refusal(r.entity_type, r.entity_id, r.record_table, r.record_id, r.code, r.reason["text"],
                         r.reason["params"], tuple(r.event_ids)) for r in rows)


def _kept_aside(s, cf: casefile.CaseFile) -> tuple[str, ...]:
    ids = [str(e.get("id")) for e in cf.events if isinstance(e, dict) and e.get("id")]
    if not ids:
        return ()
    # One statement whatever the number of events (a chunk of 500 each was a statement per 500).
    return tuple(ownership.kept_aside_among(s, ids))


def _duplicate(s, cf: casefile.CaseFile, row) -> Receipt:
    n, stored_sha256 = row
    if stored_sha256 != cf.sha256:
        raise _replay(cf)
    # The same answer as the first time, refusals included: the first acknowledgement may be lost.
    return Receipt("duplicate", cf.counter, cf.dealer_code, cf.sequence, cf.sha256, 0, 0, n, _refusals_of(s, n),
                   _kept_aside(s, cf))


def _named(folder: Path, name: str) -> Path:
    """``folder/name``, checked to stay inside ``folder`` whatever ``name`` holds."""
    folder = Path(folder).resolve()
    path = (folder / name).resolve()
    if path.parent != folder:
        raise CaseFileRejected(QT_TRANSLATE_NOOP("Errors",
            "The case file can't be kept: its name {name} would lead outside head office's folder."),
            code="invalid", name=name[:80])
    return path


def inbox_path(inbox: Path, cf: casefile.CaseFile) -> Path:
    """Built only from what head office issued and checked: the enrolled counter's UUID (a folder)
    and the file's integer sequence; nothing the file names (its dealer code) goes into a path."""
    try:
        counter = str(uuid.UUID(cf.counter))  # enrolment accepts only canonical UUIDs
    except ValueError:
        counter = ""
    if counter != cf.counter or not isinstance(cf.sequence, int):
        raise CaseFileRejected(QT_TRANSLATE_NOOP("Errors",
            "The case file can't be kept: its name {name} would lead outside head office's folder."),
            code="invalid", name=cf.counter[:80])
    return _named(_named(inbox, counter), f"{int(cf.sequence):08d}.casefile")


def _record_file_refusal(db, counter: str, sequence: int, exc: CaseFileRejected, received_sha256: str) -> None:
    """A whole file refused (from an enrolled counter, or found in the inbox): kept for head office's
    staff to see (`hq refusals`), with the SHA-256 of the bytes that were refused."""
    try:
        with db.session() as s, s.begin():
            dealer = s.scalar(select(HqCounter.dealer_id).where(HqCounter.id == counter)) if valid_counter_id(counter) else None
            params = {k: str(v)[:300] for k, v in exc.params.items()}
            s.add(HqRefusal(counter_id=counter[:36], dealer_id=dealer or "",
                            sequence=sequence if wire_text.small_int(sequence) else 0, received_n=None,
                            entity_type="", entity_id="", record_table="", record_id="", code=exc.code[:32],
                            reason={"text": exc.text, "params": {**params, "received_sha256": received_sha256}},
                            event_ids=[], refused_at=utcnow()))
    except SQLAlchemyError:  # the refusal itself stands; its record is a courtesy
        log.exception("could not record the refusal of %s/%s", counter, sequence)


def _unprocessable(exc: BaseException) -> CaseFileRejected:
    # The kind of fault only: its text may hold the file's values or the database's words.
    return CaseFileRejected(UNPROCESSABLE, code="unprocessable", reason=type(exc).__name__)


def receive(db, data: bytes, *, inbox: Path | None = None, received_at: datetime | None = None,
            skew_s: float | None = None, vouched: frozenset[str] = frozenset(),
            purges: PurgeRound | None = None, ahead: VerifyAhead | None = None) -> Receipt:
    """Verify and import one file. With ``inbox`` the file is written there (atomically, synced)
    before anything is committed, so an acknowledged file survives a crash of the import.
    ``vouched``: attachment hashes imported with the file (`hq import` of a folder): its dealer holds
    them from now on. ``purges``: the round the file is part of (app.hq.purge_round), whose end
    rewrites the kept files a purge names and compacts; without one the file's own import does.
    ``ahead``: the series the file is part of (app.hq.verify_ahead), which may have parsed it already
    and parses the next one while this one waits on the database.
    Whatever the bytes hold, the answer is a Receipt or CaseFileRejected."""
    with paused_collection():  # the parsed file's objects live only as long as its import
        return _receive(db, data, inbox, received_at, skew_s, vouched, purges, ahead)


def _receive(db, data: bytes, inbox: Path | None, received_at: datetime | None, skew_s: float | None,
             vouched: frozenset[str], purges: PurgeRound | None, ahead=None) -> Receipt:
    refused = answer = None
    with db.reading() as s:  # one read transaction for everything the file is checked against first
        try:
            secret_for = lambda counter: counter_secret(s, counter)  # noqa: E731
            cf = ahead.parsed(data, secret_for) if ahead is not None else casefile.parse(data, secret_for)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            if isinstance(exc, CaseFileRejected):
                raise
            raise _unprocessable(exc) from None
        try:  # from here on the file is authenticated: a refusal is recorded for head office's staff
            row = _enrolled_and_already(s, cf)
            if row is not None:
                answer = _duplicate(s, cf, row)
        except CaseFileRejected as exc:
            refused = exc
    if refused is not None:
        _record_file_refusal(db, cf.counter, cf.sequence, refused, sha256(data))
        refused.recorded = True
        raise refused
    if answer is not None:
        return answer
    try:
        kept = None
        if inbox is not None:
            kept = inbox_path(inbox, cf)
            write_atomic(kept, data)
        try:
            try:
                receipt = _import_retrying(db, cf, data, received_at or utcnow(), skew_s, vouched,
                                           deferred=purges is not None, ahead=ahead)
                if receipt.purged and purges is not None:
                    purges.add(receipt.purged)
                if receipt.purged and inbox is not None:
                    _drop_stored_copies(db, Path(inbox), cf.dealer_id)
                return receipt
            except (OperationalError, PoolTimeout):
                raise  # the database is away or busy: the file waits in the inbox, the counter sends it again
            except (SQLAlchemyError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
                log.exception("counter %s file %s could not be processed", cf.counter, cf.sequence)
                raise _unprocessable(exc) from None
        except CaseFileRejected as exc:
            if kept is not None:  # keep it for inspection, out of the way of recover_inbox
                aside = _named(Path(inbox) / "rejected", f"{cf.counter}-{cf.sequence:08d}.casefile")
                aside.parent.mkdir(parents=True, exist_ok=True)
                try:
                    kept.replace(aside)
                    _named(aside.parent, aside.name + ".reason.txt").write_text(exc.render() + "\n", encoding="utf-8")
                except FileNotFoundError:  # another process refused the same file at the same moment
                    log.info("counter %s file %s: already set aside by another process", cf.counter, cf.sequence)
            raise
    except CaseFileRejected as exc:
        _record_file_refusal(db, cf.counter, cf.sequence, exc, sha256(data))
        exc.recorded = True
        raise


class _ChangeByChange(Exception):
    """The file's changes did not go in together: its transaction is undone and tried again, each
    change then on its own (a savepoint each), so only the one that breaks a rule is refused."""


def _import_retrying(db, cf, data, now, skew_s, vouched=frozenset(), deferred: bool = False, ahead=None) -> Receipt:
    isolate = False
    for attempt in range(5):
        try:
            try:
                receipt = _import(db, cf, data, now, skew_s, isolate=isolate or attempt > 0, vouched=vouched,
                                  deferred=deferred, ahead=ahead)
            except _ChangeByChange:
                isolate = True  # not a retry: the same attempt, change by change
                receipt = _import(db, cf, data, now, skew_s, isolate=True, vouched=vouched, deferred=deferred,
                                  ahead=ahead)
        except IntegrityError as exc:
            if attempt >= 2:  # not a race: the file itself breaks a rule of the database
                raise CaseFileRejected(QT_TRANSLATE_NOOP("Errors",
                    "The case file is signed but its content can't be stored ({reason}). Nothing of it "
                    "was imported."), code="invalid", reason=str(exc.orig)[:300]) from exc
            continue
        except OperationalError as exc:  # SQLite busy, or PostgreSQL undid this one of two writers
            if not ordering.retryable(exc) or attempt == 4:
                raise
            continue
        if receipt is not None:
            return receipt
        # Another importer (this process or another, on this host or another) stored it first.
        with db.session() as s:
            row = _already(s, cf)
            if row is not None:
                return _duplicate(s, cf, row)
    raise AssertionError("unreachable")


def _claim(s, cf: casefile.CaseFile, data: bytes, now: datetime) -> int | None:
    """Hold the file's dealer (ordering.hold_dealer: this dealer's files commit in arrival order),
    insert the file's row, drawing its arrival number, and note whose records the kept file holds
    (kept_files.note: before the changes, so a purge the file carries finds it too); None when the
    file (counter, sequence) is stored already. Two processes receiving the same file at once: the
    database keeps one row and the other's insert, having waited for the first to commit, does nothing."""
    postgresql = s.bind.dialect.name == "postgresql"
    params = {"counter_id": cf.counter, "sequence": cf.sequence, "sha256": cf.sha256, "dealer_id": cf.dealer_id,
              "content": data, "received_at": time_value(postgresql, now)}
    if not postgresql:
        n = prepared(s, "hq.claim", _claim_statement, params).scalar()
        if n is not None:
            kept_files.note(s, n, cf.records)
        return n
    # One statement for the three, one round trip for what took four (the lock, the insert, the
    # note's COPY in and out).
    return prepared(s, "hq.claim", _claim_statement,
                    {**params, "customers": id_value(True, kept_files.customers_of(cf.records))}).scalar()


def _claim_statement(pg: bool):
    columns = SyncReceived.__table__.c
    values = {c.key: bindparam(c.key, type_=c.type) for c in (columns.counter_id, columns.sequence, columns.sha256,
                                                              columns.dealer_id, columns.content, columns.received_at)}
    if not pg:
        return sqlite_insert(SyncReceived).values({**values, "events": 0, "conflicts": 0}).on_conflict_do_nothing(
            index_elements=["counter_id", "sequence"]).returning(SyncReceived.n)
    # The row is inserted once the lock is held (it is selected from the lock's row), so its number is
    # drawn in the dealer's order. JIT off for the rest of the transaction: its reads are lookups by
    # id, and once the planner's estimate passed jit_above_cost (tables without statistics yet on a
    # head office filling up, or a file of many ids) the read of what head office holds was compiled
    # for every file: 30-60 ms of LLVM for a 4 ms read.
    held = select(ordering.dealer_held(values["dealer_id"]), func.set_config("jit", "off", True)).cte("held")
    claim = (pg_insert(SyncReceived).from_select([*values, "events", "conflicts"], select(
        *values.values(), literal(0, Integer), literal(0, Integer)).select_from(held))
        .on_conflict_do_nothing(index_elements=["counter_id", "sequence"]).returning(SyncReceived.n).cte("claim"))
    customers = id_rows("customers")
    noted = insert(SyncReceivedCustomer).from_select(["customer_id", "n"], select(customers.c.value, claim.c.n).select_from(
        claim).join(customers, true())).cte("noted")
    return select(claim.c.n).add_cte(noted)


def _apply_one(s, dealer_id: str, agg) -> tuple[object | None, str]:
    """Apply one change in a savepoint: (result, "") or (None, why the database refused it)."""
    events, records = merged([agg])
    try:
        with s.begin_nested():
            return apply_file(s, dealer_id, events, records), ""
    except OperationalError as exc:
        if ordering.retryable(exc):
            raise
        return None, str(exc.orig if hasattr(exc, "orig") else exc).splitlines()[0]
    except (SQLAlchemyError, ValueError, TypeError, KeyError, AttributeError) as exc:
        return None, str(getattr(exc, "orig", None) or exc).splitlines()[0]


def _import(db, cf: casefile.CaseFile, data: bytes, now: datetime, skew_s: float | None,
            isolate: bool = False, vouched: frozenset[str] = frozenset(), deferred: bool = False,
            ahead=None) -> Receipt | None:
    """Store the file in one transaction; None when it turns out to be stored already. ``deferred``:
    the kept files its purges name are rewritten, and the database compacted, at its round's end.
    ``ahead`` (VerifyAhead) starts the next file's parse at the file's longest wait out of Python:
    on PostgreSQL the server reading what it holds of the file, on SQLite the commit (its pages
    written and synced)."""
    with db.session() as s:
        postgresql = s.bind.dialect.name == "postgresql"
        with s.begin():
            # The file's bytes go in with its counts, at the end: written at the claim, the update of
            # the counts wrote them a second time (SQLite rewrites a whole row, its 350 kB of a usual
            # file's overflow pages too). A file carrying a purge has them from the claim: the purge
            # rewrites the kept files that hold its customers, this one among them.
            at_claim = not _PURGES.isdisjoint(map(methodcaller("get", "kind"), cf.events))
            n = _claim(s, cf, data if at_claim else b"", now)
            if n is None:
                return None
            if deferred:
                kept_files.defer(s, n)
            if ahead is not None and postgresql:
                ahead.start()
            new_events, conflicts, refused, purged = _store_changes(s, cf, isolate, vouched)
            _record_arrival(s, cf, n, new_events, conflicts, refused, now, skew_s, None if at_claim else data)
            # Every write of the file is done here, in its transaction: what is kept up to date from
            # the imported rows belongs at this point, once per file.
            month_sums.refresh(s, [cf.dealer_id], month_sums.months_of(cf.records))
            kept = _kept_aside(s, cf) if conflicts else ()
            if ahead is not None and not postgresql:
                ahead.start()
    if purged and not deferred:  # a head office on SQLite: what the purge replaced stays in no free page or WAL frame
        purging.compact(db)
    return Receipt("stored", cf.counter, cf.dealer_code, cf.sequence, cf.sha256, new_events, conflicts, n,
                   tuple(refused), kept, purged)


def _store_changes(s, cf: casefile.CaseFile, isolate: bool,
                   vouched: frozenset[str]) -> tuple[int, int, list[Refusal], int]:
    """Every change of the file head office may store, stored: (new events, conflicts, refusals,
    customers the file anonymised here)."""
    if vouched:  # imported together with the file: its dealer holds them
        blobs.hold(s, cf.dealer_id, vouched & _named_blobs(cf))
    checked = ownership.check(s, cf.dealer_id, cf.dealer_code, cf.events, cf.records,
                              values_storable=cf.values_storable, grouped=isolate)
    refused = list(checked.refused)
    if not isolate:
        # Usually every change goes in together, in a few set statements, in the file's transaction
        # itself: a savepoint around them cost two more statements (round trips on PostgreSQL) for
        # every file, for the rare one whose transaction is then undone and done again change by change.
        events, records = checked.merged()
        try:
            whole = apply_file(s, cf.dealer_id, events, records, checked.held)
            return whole.events_new, len(whole.conflicts), refused, whole.purged
        except OperationalError as exc:
            if ordering.retryable(exc):
                raise
            raise _ChangeByChange() from exc
        except (SQLAlchemyError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise _ChangeByChange() from exc  # one change breaks a rule: each is tried on its own
    new_events = conflicts = purged = 0
    for agg in checked.aggregates:
        result, why = _apply_one(s, cf.dealer_id, agg)
        if result is None:
            refused.append(ownership.not_stored(agg, why))
        else:
            new_events += result.events_new
            conflicts += len(result.conflicts)
            purged += result.purged
    return new_events, conflicts, refused, purged


def _record_arrival(s, cf: casefile.CaseFile, n: int, new_events: int, conflicts: int, refused: list[Refusal],
                    now: datetime, skew_s: float | None, content: bytes | None = None) -> None:
    """Head office's bookkeeping of the file: its counts (and its bytes, when ``content`` is given),
    its refusals, its counter's last contact."""
    for r in refused:
        log.warning("counter %s file %s: refused %s %s: %s", cf.counter, cf.sequence, r.table, r.record_id, r.render())
    if refused:
        s.execute(insert(HqRefusal), [dict(
            counter_id=cf.counter, dealer_id=cf.dealer_id, sequence=cf.sequence, received_n=n,
            entity_type=r.entity_type, entity_id=r.entity_id[:36], record_table=r.table, record_id=r.record_id[:36],
            code=r.code, reason={"text": r.text, "params": r.params}, event_ids=list(r.event_ids), refused_at=now)
            for r in refused])
    # Compiled once, as the file's reads are (app.models.bulk.prepared): statements of every file,
    # their expressions made only then (made for every file, the counter's CASE cost more than its update).
    params = {"n": n, "events": new_events, "conflicts": conflicts, "counter": cf.counter, "sequence": cf.sequence,
              "now": time_value(s.bind.dialect.name == "postgresql", now)}
    if content is not None:
        params["content"] = content
    if skew_s is not None:
        params["skew"] = skew_s
    name = "hq.arrival" + (".content" if content is not None else "") + (".skew" if skew_s is not None else "")
    if s.bind.dialect.name == "postgresql":  # one statement, a round trip less for every file
        prepared(s, name, lambda pg: _counter_seen(skew_s).add_cte(_arrival_counts(content).cte("arrival")), params)
        return
    prepared(s, name, lambda pg: _arrival_counts(content), params)
    prepared(s, name + ".seen", lambda pg: _counter_seen(skew_s), params)


def _arrival_counts(content: bytes | None):
    values = {"events": bindparam("events", type_=Integer), "conflicts": bindparam("conflicts", type_=Integer)}
    if content is not None:
        values["content"] = bindparam("content", type_=LargeBinary)
    return update(SyncReceived).where(SyncReceived.n == bindparam("n", type_=Integer)).values(**values)


def _counter_seen(skew_s: float | None):
    sequence = bindparam("sequence", type_=Integer)
    seen = {"last_seen_at": bindparam("now", type_=HqCounter.__table__.c.last_seen_at.type),
            "last_sequence": case((HqCounter.last_sequence < sequence, sequence), else_=HqCounter.last_sequence)}
    if skew_s is not None:
        seen["clock_skew_s"] = bindparam("skew", type_=Float)
    return update(HqCounter).where(HqCounter.id == bindparam("counter", type_=String)).values(**seen)


def _named_blobs(cf: casefile.CaseFile) -> set[str]:
    named = {e["payload"].get("sha256") for e in cf.events if e.get("kind") == KIND}
    named |= {r.get("sha256") for r in cf.records.get("attachment", [])}
    return {h for h in named if isinstance(h, str)}


def _drop_stored_copies(db, inbox: Path, dealer_id: str) -> None:
    """A purge came in: the inbox copies of the dealer's files already stored go (the database holds
    them, rewritten without the purged values), so no kept file names a purged customer."""
    with db.session() as s:
        stored = set(s.execute(select(SyncReceived.counter_id, SyncReceived.sequence)
                               .where(SyncReceived.dealer_id == dealer_id)).all())
    for counter in {c for c, _ in stored}:
        folder = _named(inbox, counter)
        for f in folder.glob("*.casefile") if folder.is_dir() else ():
            if f.stem.isdigit() and (counter, int(f.stem)) in stored:
                f.unlink(missing_ok=True)


def recover_inbox(db, inbox: Path) -> list[Receipt]:
    """At server start: import files that were kept in the inbox but whose import never finished.
    Nothing a file holds keeps the server from starting: a file that is refused or can't be
    processed is moved aside (``rejected/``) with its reason and listed by `hq refusals`."""
    out = []
    inbox = Path(inbox)
    paths = sorted(p for p in inbox.rglob("*.casefile") if "rejected" not in p.relative_to(inbox).parts)
    with purge_round(db) as purges, VerifyAhead() as ahead:  # also what a round a crash cut short left
        for path, data in ahead.files(paths):
            try:
                if isinstance(data, OSError):
                    raise data
                out.append(receive(db, data, purges=purges, ahead=ahead))
            except OperationalError:
                log.exception("inbox file %s left for the next start: the database could not take it", path)
            except Exception as exc:  # noqa: BLE001 - one file must never stop the intake
                refused = exc if isinstance(exc, CaseFileRejected) else _unprocessable(exc)
                log.warning("inbox file %s set aside: %s", path, refused.render())
                _set_aside(db, inbox, path, refused)
    return out


def _set_aside(db, inbox: Path, path: Path, exc: CaseFileRejected) -> None:
    counter = path.parent.name
    try:
        sequence = int(path.stem)
    except ValueError:
        sequence = 0
    try:
        data = path.read_bytes() if path.is_file() else b""
    except OSError:
        data = b""
    try:
        aside = _named(inbox / "rejected", f"{counter}-{path.name}")
        aside.parent.mkdir(parents=True, exist_ok=True)
        path.replace(aside)
        _named(aside.parent, aside.name + ".reason.txt").write_text(exc.render() + "\n", encoding="utf-8")
    except (OSError, CaseFileRejected):
        log.exception("inbox file %s could not be set aside", path)
        return
    if not getattr(exc, "recorded", False):  # receive() records the refusals of files it authenticated
        _record_file_refusal(db, counter, sequence, exc, sha256(data))