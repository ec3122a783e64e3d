"""Rows to JSON and back, and applying a case file's events and records to a database.

The same code applies a counter's file at head office and head office's files at a counter.
Events are stored once (by id); a change made on top of a version the receiver has replaced with
another is a conflict, kept whole in sync_conflict and never applied over the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter, methodcaller
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Integer, String, bindparam, delete, literal, select
from sqlalchemy.orm import Session

from app.foundation.ids import new_id
from app.models import Event, StoreMeta, SyncConflict, SyncFile, SyncOutbox, utcnow
from app.models.base import UTCDateTime
from app.models.bulk import (among, among_joined, among_param, bulk_insert, bulk_insert_columns, id_value, prepared,
                             utc_values)
from app.models.event_codec import COLUMNS as EVENT_COLUMNS, HQ_ORIGIN, from_wire, occurred_at, to_wire
from app.rules.identifiers import normalised_record
from app.sync.tables import AGGREGATE, AGGREGATES, CHILD, CHILDREN, RECORD, SYNCED, refs
from app.services.today import alerts
from app.services.customers import merging
from app.services.privacy import purging
from app.services.glance import form_month
from app.services.orders import call_log

# Every synced table by its name in a case file (app.sync.tables places every table of the models).
MODELS = {s.name: s.model for s in SYNCED}
ENTITY_MODEL = {etype: s.model for etype, s in AGGREGATES.items()}
ENTITY_TABLE = {etype: s.name for etype, s in AGGREGATES.items()}
# Never in a file: a password hash is the user's, not head office's; a derived column each database
# works out from its own events (app.sync.tables).
PRIVATE = {s.name: s.private | s.derived for s in SYNCED if s.private or s.derived}
# Columns that point at rows another place may know under another id (see _natural_ids), from the
# models' ForeignKeys and the registry's user columns.
REFS = {s.name: refs(s.name) for s in SYNCED}
# Where a conflict keeps the children of the change it set aside, inside its snapshot.
CHILDREN_KEY = "_children"
# The kinds of events the settling of a file's merges and purges reads (it passes over every other).
_SETTLED_KINDS = frozenset(merging.MERGE_KINDS) | frozenset(purging.PURGE_KINDS)
# Events in the order of their entities' histories (a key in C: a lambda per event cost more than the sort).
BY_ENTITY = itemgetter("entity_type", "entity_id", "seq")
# An event's wire values stored as they are, and its time's text (store_events).
_EVENT_WIRE = itemgetter("id", "entity_type", "entity_id", "seq", "kind", "payload", "origin", "occurred_at")
_ACTOR = methodcaller("get", "actor_id")  # who made the change, when the event names one


def _iso(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def to_record(table: str, obj) -> dict[str, Any]:
    cols = MODELS[table].__table__.columns
    return {c.key: _iso(getattr(obj, c.key)) for c in cols if c.key not in PRIVATE.get(table, ())}


@cache
def _columns_in(table: str) -> tuple[tuple[str, str], ...]:
    """(column, kind) of a synced table's columns a record may set, in the table's order; kind is
    "time", "date" or "" (taken as it is)."""
    out = []
    for c in MODELS[table].__table__.columns:
        if c.key in PRIVATE.get(table, ()):
            continue
        out.append((c.key, "time" if isinstance(c.type, UTCDateTime) else "date" if isinstance(c.type, Date) else ""))
    return tuple(out)


@cache
def _typed_columns(table: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """_columns_in as the keys a record may set and, of those, (column, kind) of the typed ones."""
    columns = _columns_in(table)
    return tuple(key for key, _ in columns), tuple((key, kind) for key, kind in columns if kind)


def from_record(table: str, rec: dict[str, Any]) -> dict[str, Any]:
    """Typed column values from a record; unknown keys are ignored (a newer minor writer)."""
    keys, typed = _typed_columns(table)
    out = {key: rec[key] for key in keys if key in rec}  # in the table's order, as taken one by one
    for key, kind in typed:
        v = out.get(key)
        if v is not None:
            out[key] = _typed(table, key, kind, v)
    return out


def check_record(table: str, rec: dict[str, Any]) -> None:
    """Raise what from_record raises for ``rec``, without making its values (a record that changes
    nothing here is refused for the same faults as one that is stored)."""
    for key, kind in _typed_columns(table)[1]:
        v = rec.get(key)
        if v is not None:
            _typed(table, key, kind, v)


def _typed(table: str, key: str, kind: str, v: Any) -> Any:
    if kind == "time":
        v = datetime.fromisoformat(v)
        if v.tzinfo is None:
            raise ValueError(f"{table}.{key}: a time without a zone")
        return v
    return date.fromisoformat(v)


def _record_columns(table: str) -> tuple[list, list[str]]:
    """The columns a record of ``table`` carries (never a private one) and their keys, in one order."""
    cols = [c for c in MODELS[table].__table__.columns if c.key not in PRIVATE.get(table, ())]
    return cols, [c.key for c in cols]


def records_for(session: Session, events: list,
                rows: tuple[tuple[str, str], ...] = ()) -> dict[str, list[dict]]:
    """Current snapshots of the aggregates (cases, forms) these events touch, and of ``rows``
    ((table, id): records sent again with no change of their own), every child row of those
    aggregates, and the rows any of them point at, followed until nothing new is named.

    Read as plain rows on the session's connection (the same values to_record takes from a loaded
    object, without the ORM's work per row: a case file carries hundreds); flushed first, so a change
    made in this session is read."""
    session.flush()
    conn = session.connection()
    want: dict[str, set[str]] = {t: set() for t in MODELS}
    for table, rid in rows:
        if table in want:
            want[table].add(rid)
    for e in events:
        if e.entity_type in ENTITY_TABLE:  # a counter's audit events have no row
            want[ENTITY_TABLE[e.entity_type]].add(e.entity_id)
        if e.actor_id:  # who made each change, so head office can name them (e.g. in a conflict)
            want["user"].add(e.actor_id)
    out: dict[str, dict[str, dict]] = {t: {} for t in MODELS}
    fetched: dict[str, set[str]] = {t: set() for t in MODELS}
    children_read: dict[tuple[str, str], set[str]] = {(c.name, col): set() for c in CHILDREN for col, _ in c.parents}

    def read(table: str, column, ids: list[str]) -> bool:
        cols, keys = _record_columns(table)
        refs = list(REFS[table].items())
        for chunk in _chunks(ids):
            for row in conn.execute(select(*cols).where(column.in_(chunk))):
                rec = dict(zip(keys, map(_iso, row)))
                out[table][rec["id"]] = rec
                for col, target in refs:
                    if rec.get(col):
                        want[target].add(rec[col])
        return bool(ids)

    moved = True
    while moved:  # a child or a case can name a form, a form a repair order...: read until closed
        moved = False
        for spec in SYNCED:
            if spec.role == CHILD:
                continue  # read by their aggregate, below
            ids = sorted(want[spec.name] - fetched[spec.name])
            fetched[spec.name].update(ids)
            moved |= read(spec.name, spec.table.c.id, ids)
        for spec in CHILDREN:
            for col, parent in spec.parents:
                seen = children_read[(spec.name, col)]
                ids = sorted(set(out[parent]) - seen)
                seen.update(ids)
                moved |= read(spec.name, spec.table.c[col], ids)
    return {t: [out[t][i] for i in sorted(out[t])] for t in MODELS}


def children_in(records: dict[str, list[dict]], parent: str, parent_id: str) -> dict[str, list[dict]]:
    """The child records of one aggregate in a file's records (kept with a conflict's snapshot)."""
    out = {}
    for spec in CHILDREN:
        cols = [col for col, p in spec.parents if p == parent]
        rows = [r for r in records.get(spec.name, []) if any(r.get(c) == parent_id for c in cols)]
        if rows:
            out[spec.name] = rows
    return out


@dataclass
class ApplyResult:
    events_new: int = 0
    events_present: int = 0
    conflicts: list[str] = field(default_factory=list)  # conflict ids recorded
    purged: int = 0  # customers anonymised here by the file (the store is compacted after the pull)


@dataclass(frozen=True)
class Held:
    """What a database holds of a file's events, read in one statement: the stored events of the
    file's entities (entity type, id, seq, event id, dealer), which of the file's event ids are
    stored, and which of those and of the events they are built on are kept aside as conflicts.
    Head office's ownership check and the file's application read the same rows."""

    chain: tuple[tuple[str, str, int, str, str], ...]
    known: frozenset[str]
    kept: frozenset[str]
    # table -> id -> version (None: a table without one) of the rows held under every record id of
    # the file, when the caller read them too (head office's ownership check does).
    rows: dict[str, dict[str, int | None]] | None = None
    # Whether the database knew any customer merge of the file's dealer (merging.known), when read with
    # the rest (held_parts); None: not read.
    merges: bool | None = None


def held_parts(pg: bool) -> list:
    """The parts of the statement reading what is held of a file's events, each row (part, entity type,
    entity id, seq, event id, dealer): the stored events of the file's entities (part 0), which of its
    event ids are stored (1), which of those and of the events they are built on are kept aside (2),
    whether the dealer's customer merges are known (3: a row). Its values: held_values. Head office
    reads them in one statement with the owners of the file's ids."""
    blank, zero = literal("", String), literal(0, Integer)
    return [among_joined(pg, select(literal(0, Integer), Event.entity_type, Event.entity_id, Event.seq, Event.id,
                                    Event.dealer_id), Event.entity_id, "entities"),
            among_joined(pg, select(literal(1, Integer), blank, blank, zero, Event.id, blank), Event.id, "events"),
            among_joined(pg, select(literal(2, Integer), blank, blank, zero, SyncConflict.other_event_id, blank),
                         SyncConflict.other_event_id, "kept"),
            select(literal(3, Integer), blank, blank, zero, StoreMeta.key, blank).where(
                StoreMeta.key == bindparam("merges", type_=String))]


HELD_PARTS = 4  # held_parts' rows are numbered below this


def held_values(pg: bool, events: list[dict], dealer_id: str) -> dict[str, Any]:
    ids = list(map(itemgetter("id"), events))
    bases = list(map(itemgetter("event_id"), filter(dict.__instancecheck__, map(methodcaller("get", "base"), events))))
    return {"entities": id_value(pg, map(itemgetter("entity_id"), events)), "events": id_value(pg, ids),
            "kept": id_value(pg, ids + bases), "merges": merging.merges_key(dealer_id)}


def held_of(rows) -> Held:
    """Held from the rows of held_parts (rows of other parts passed over)."""
    chain, known, kept, merges = [], set(), set(), False
    for part, et, eid, seq, i, dealer in rows:
        if part == 0:
            chain.append((et, eid, seq, i, dealer))
        elif part == 1:
            known.add(i)
        elif part == 2:
            kept.add(i)
        elif part == 3:
            merges = True
    return Held(tuple(chain), frozenset(known), frozenset(kept), merges=merges)


def _settles(ev: dict) -> bool:
    return ev.get("origin") == HQ_ORIGIN and str(ev.get("kind", "")).endswith(".conflict_resolved")


def _chunks(items: list, n: int = 500):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _existing(session: Session, model, ids: list[str]) -> dict[str, int | None]:
    """id -> version (cases and forms) or None, for the rows of ``ids`` this database holds."""
    if not ids:
        return {}
    has_version = "version" in model.__table__.columns
    cols = (model.id, model.version) if has_version else (model.id,)
    rows = prepared(session, f"sync.existing.{model.__tablename__}",
                    lambda pg: select(*cols).where(among_param(pg, model.id, "ids")), {"ids": _ids(session, ids)})
    return {row[0]: row[1] if has_version else None for row in rows}


def _ids(session: Session, ids) -> Any:
    return id_value(session.get_bind().dialect.name == "postgresql", ids)


def _insert(session: Session, table, rows: list[dict]) -> None:
    """New rows in one executemany per set of columns (a file's rows usually share one)."""
    by_columns: dict[tuple[str, ...], list[dict]] = {}
    for r in rows:
        by_columns.setdefault(tuple(r), []).append(r)
    for same in by_columns.values():
        bulk_insert(session, table, same)


def _natural_key(spec, vals: dict) -> tuple | None:
    key = tuple(vals.get(c) for c in spec.natural_key)
    return None if not key or any(v is None for v in key) else key


def _natural_ids(session: Session, spec, dealer_id: str, values: list[dict]) -> dict[tuple, str]:
    """Natural key (a user name, a repair order number, a form's alert) -> the id this database
    already uses for that row of the dealer."""
    if not spec.natural_key:
        return {}
    model, first = spec.model, spec.natural_key[0]
    keys = {k[0] for v in values if (k := _natural_key(spec, v)) is not None}
    if not keys:
        return {}
    out = {}
    q = select(model.id, *(getattr(model, c) for c in spec.natural_key)).where(among(session, getattr(model, first), keys))
    if "dealer_id" in spec.table.columns:
        q = q.where(model.dealer_id == dealer_id)
    for row in session.execute(q):
        out.setdefault(tuple(row[1:]), row[0])
    return out


def _mapped(value: Any, remap: dict[str, str]) -> Any:
    """``value`` (an event payload, a snapshot) with every id this database knows under another id
    replaced by its own. Ids are UUIDv7, unique across every counter, so a string equal to a
    remapped id can only be a reference to that row, whatever key or nesting holds it (a case's
    ``assignee_id`` in ``case.opened``, a form correction's ``before``/``after``...)."""
    if not remap:
        return value
    if isinstance(value, str):
        return remap.get(value, value)
    if isinstance(value, dict):
        return {k: _mapped(v, remap) for k, v in value.items()}
    if isinstance(value, list):
        return [_mapped(v, remap) for v in value]
    return value


def _mapped_event(ev: dict, remap: dict[str, str]) -> dict:
    """An event (as on the wire, or as the row to insert) as this database stores it: who made it and the rows its payload names, under
    this database's ids. Its id, entity, seq, base and origin never change (they are how the same
    change is recognised everywhere)."""
    if not remap:
        return ev
    return {**ev, "actor_id": remap.get(ev.get("actor_id"), ev.get("actor_id")),
            "payload": _mapped(ev.get("payload"), remap)}


def apply_file(session: Session, dealer_id: str, events: list[dict], records: dict[str, list[dict]],
               held: Held | None = None) -> ApplyResult:
    """Apply inside the caller's transaction; the caller commits or rolls back the whole file.

    A row the file names that this database already knows under another id (the same user name or
    repair order number of the dealer, e.g. an advisor added at two counters and at head office) is
    mapped onto this database's row, and so is every reference to it: record columns, each event's
    ``actor_id`` and payload, and what a conflict keeps aside. The mapping happens here, after the
    file's signature was checked; the file itself is kept and passed on as signed, and each receiver
    maps it to its own ids, so every place names the same person.

    Aggregates (cases, forms) are applied when newer and not in conflict; their child rows (remedies,
    callbacks, verification calls, alerts, attachment rows) are upserted by id exactly then, so the
    same file twice stores nothing twice. Head office's resolution of a conflict carries the entity's
    whole history as head office holds it: a counter takes it as it is, and a change of its own that
    head office set aside moves out of its history into a settled conflict (kept, never dropped), so
    every place ends with the same timeline and the same rows.

    Reads what the database holds in a few set queries and writes with executemany, so a file of
    hundreds of changes costs a handful of round trips, not hundreds. ``held``: what is held of these (held_parts)
    events in this transaction, when the caller read it already and nothing was written since."""
    run = _FileApplication(session, dealer_id, events, records, held)
    new_events, superseded = run.sort_events()
    run.close_settled_conflicts()
    aside = _set_aside(session, dealer_id, superseded, run.now) if superseded else {}
    for spec in SYNCED:  # parents first
        run.apply_records(spec, aside)
    run.store_events(new_events)
    run.store_conflicts()
    # The orders whose reached call came with the file, or left with a change set aside: their reached
    # mark follows the events held now (every pulled event is stored here, none elsewhere).
    call_log.mark_reached(session, run.reached | {eid for etype, eid in aside if etype == "order"})
    # Customers merged at another place (or named here after a merge moved them): the same merge here.
    merging.settle(session, dealer_id, run.stored, _customers_named(records, run.remap),
                   none_known=held is not None and held.merges is False)
    run.res.purged = purging.settle(session, dealer_id, run.stored)  # a customer anonymised elsewhere: here too
    forms = [r["id"] for r in records.get("feedback_form", [])]
    if forms:  # a file of cases alone reads no alert settings
        alerts.ensure_for_forms(session, dealer_id, forms)
    session.flush()
    return run.res


def _customers_named(records: dict[str, list[dict]], remap: dict[str, str]) -> set[str]:
    """The customers a file's records are or point at."""
    ids = {r.get("id") for r in records.get("customer", [])}
    ids |= {r.get("customer_id") for rows in records.values() for r in rows}
    return {remap.get(i, i) for i in ids if isinstance(i, str) and i}


class _FileApplication:
    """One file being applied, in the order apply_file takes its steps: what the database holds, the
    events sorted into new, already present, conflicting and settled at head office, the records, then
    the new events and the conflicts kept aside (last, once every id this database maps is known)."""

    def __init__(self, session: Session, dealer_id: str, events: list[dict], records: dict[str, list[dict]],
                 held: Held | None = None):
        self.session, self.dealer_id, self.events, self.records = session, dealer_id, events, records
        self.res = ApplyResult()
        self.now = utcnow()
        self.remap: dict[str, str] = {}  # a file's id -> the id this database holds the same row under
        self.conflicted: set[tuple[str, str]] = set()  # (entity type, id) whose changes are kept aside
        self.settled = {(e["entity_type"], e["entity_id"]) for e in events
                        if e.get("origin") == HQ_ORIGIN and _settles(e)}  # the origin first: no call per event
        self.snapshots = {(etype, r["id"]): r for etype, table in ENTITY_TABLE.items() for r in records.get(table, [])}
        self.kept_aside: list[tuple[str, dict, str | None]] = []  # stored last, once the whole mapping is known
        self.settled_aside: dict[str, tuple] = {}  # of those, conflict id -> (resolved at, resolution)
        self.settlements: dict[tuple[str, str], tuple | None] = {}  # conflicted entity -> its conflict's
        self.stored: list[dict] = []  # the events stored of the kinds settled below, as rows
        self.reached: set[str] = set()  # the orders of the reached calls stored
        # The aggregates whose file state is applied here, so their children are too.
        self.applied: dict[str, set[str]] = {s.name: set() for s in AGGREGATES.values()}
        self._read_what_is_held(held)
        self.held_rows = held.rows if held is not None else None

    def _read_what_is_held(self, held: Held | None) -> None:
        """What the database already holds of these events and their entities' histories."""
        ids = [e["id"] for e in self.events]
        s = self.session
        self.known, self.already_kept = set(), set()
        self.kept_bases: set[str] = set()  # of the file's events and their bases, those kept aside here
        self.chain: dict[tuple[str, str, int], str] = {}  # (entity type, id, seq) -> event id
        if not ids:
            return
        if held is not None:
            self.known.update(held.known)
            self.already_kept.update(held.kept & set(ids))
            self.kept_bases.update(held.kept)
            self.chain.update(((et, eid, seq), i) for et, eid, seq, i, _ in held.chain)
            return
        # Compiled once (app.models.bulk.prepared): three reads of every file a place applies.
        value = _ids(s, ids)
        self.known.update(r[0] for r in prepared(s, "sync.known_events", lambda pg: select(Event.id).where(
            among_param(pg, Event.id, "ids")), {"ids": value}))
        bases = [b["event_id"] for b in map(methodcaller("get", "base"), self.events) if isinstance(b, dict)]
        self.kept_bases.update(r[0] for r in prepared(s, "sync.kept_events", lambda pg: select(
            SyncConflict.other_event_id).where(among_param(pg, SyncConflict.other_event_id, "ids")),
            {"ids": _ids(s, ids + bases)}))
        self.already_kept.update(self.kept_bases & set(ids))
        for et, eid, seq, i in prepared(s, "sync.chains", lambda pg: select(
                Event.entity_type, Event.entity_id, Event.seq, Event.id).where(among_param(pg, Event.entity_id, "ids")),
                {"ids": _ids(s, {e["entity_id"] for e in self.events})}):
            self.chain[(et, eid, seq)] = i

    def keep_conflict(self, ev: dict, kept_id: str | None, settled: tuple | None = None) -> None:
        """``settled``: (when, how) of the conflict it belongs to, already resolved: not counted as open."""
        if ev["id"] in self.already_kept:
            return  # the same conflicting change delivered again
        self.already_kept.add(ev["id"])
        cid = new_id()
        self.kept_aside.append((cid, ev, kept_id))
        if settled is None:
            self.res.conflicts.append(cid)
        else:
            self.settled_aside[cid] = settled

    def _settlement_of(self, kept_event_id: str) -> tuple | None:
        """(resolved at, resolution) of the conflict keeping this change aside, None while open."""
        row = self.session.execute(select(SyncConflict.resolved_at, SyncConflict.resolution).where(
            SyncConflict.other_event_id == kept_event_id)).first()
        return tuple(row) if row is not None and row[0] is not None else None

    def sort_events(self) -> tuple[list[tuple[dict, datetime]], list[tuple[str, str | None]]]:
        """Events stored once; a clash on (entity, seq), a different base or one kept aside here is a
        conflict, except in the history head office settled, which replaces what differs here. Returns the
        new events (their wire form and their time, read here: a time without a zone refuses the file
        before anything is written) and the pairs (this database's event id, head office's at its seq) that head office's
        settled history supersedes (head office's last one, or None, for one held here past its end)."""
        new_events: list[tuple[dict, datetime]] = []
        superseded: list[tuple[str, str | None]] = []
        known, chain, settled, conflicted = self.known, self.chain, self.settled, self.conflicted
        kept_bases = self.kept_bases
        replaced: set[tuple[str, str]] = set()  # settled entities whose history here differs
        for ev in sorted(self.events, key=BY_ENTITY):
            i, etype, eid, seq = ev["id"], ev["entity_type"], ev["entity_id"], ev["seq"]
            if i in known:
                self.res.events_present += 1
                continue
            key = (etype, eid)
            at_seq = chain.get((etype, eid, seq))
            if key in settled:
                if at_seq is not None:
                    superseded.append((at_seq, i))
                    replaced.add(key)
            # The usual event (no conflict in its entity, nothing at its seq, its base the one held, or
            # one the file brought before it, or none) asks _kept_as_conflict nothing: its answer would be no.
            elif ((key in conflicted or at_seq is not None
                   or seq > 1 and (base := chain.get((etype, eid, seq - 1))) is not None
                   and base != ev["base"]["event_id"]
                   or kept_bases and seq > 1 and ev["base"]["event_id"] in kept_bases)
                  and self._kept_as_conflict(ev, key, at_seq)):
                continue
            new_events.append((ev, occurred_at(ev)))
            chain[(etype, eid, seq)] = i
            known.add(i)
        # Changes held here past the end of a settled history that replaced some of this database's are
        # built on one it set aside (a counter's chain of changes is one line): set aside with it. Left
        # in the history, they would hold the seqs after head office's version, the record at that
        # version, and this database's next change would take a seq already held.
        ends: dict[tuple[str, str], tuple[int, str]] = {}  # the settled history's last (seq, event id)
        for ev in self.events if replaced else ():
            key = (ev["entity_type"], ev["entity_id"])
            if key in replaced and ev["seq"] > ends.get(key, (0, ""))[0]:
                ends[key] = (ev["seq"], ev["id"])
        for key in sorted(replaced):
            seq, theirs = ends[key]
            while (mine := chain.get((*key, seq + 1))) is not None:
                superseded.append((mine, theirs))
                seq, theirs = seq + 1, None  # the ones after: built on another change kept aside
        return new_events, superseded

    def _kept_as_conflict(self, ev: dict, key: tuple[str, str], at_seq: str | None) -> bool:
        """Whether ``ev`` is built on another version than this database's, or on a change kept aside here
        (kept aside if so)."""
        if key in self.conflicted:  # built on a conflicting change: part of the same conflict
            self.keep_conflict(ev, None, self.settlements.get(key))
            return True
        base = ev["base"]["event_id"] if ev["seq"] > 1 else None
        if base in self.kept_bases and self.chain.get((*key, ev["seq"] - 1)) != base:
            # Built on a change an earlier file's conflict keeps aside here (not in the history held):
            # part of that conflict, settled if it is (a resolution's history does not hold it: every
            # counter sets it aside too), never applied on top of another version.
            self.conflicted.add(key)
            self.settlements[key] = self._settlement_of(base)
            self.keep_conflict(ev, None, self.settlements[key])
            return True
        clash = at_seq is not None
        if not clash and ev["seq"] > 1:
            base = self.chain.get((*key, ev["seq"] - 1))
            clash = base is not None and base != ev["base"]["event_id"]
            at_seq = base if clash else None
        if clash:
            self.conflicted.add(key)
            self.keep_conflict(ev, at_seq)
        return clash

    def close_settled_conflicts(self) -> None:
        """Head office's resolution closes what this side kept aside."""
        for etype, eid in self.settled:
            self.session.execute(SyncConflict.__table__.update()
                                 .where(SyncConflict.entity_type == etype, SyncConflict.entity_id == eid,
                                        SyncConflict.resolved_at.is_(None))
                                 .values(resolved_at=self.now, resolution="resolved at head office"))

    def apply_records(self, spec, aside: dict) -> None:
        """One table's records: aggregates only when newer and not in conflict (or settled at head
        office), their children exactly when their aggregate is applied."""
        # Read with the file's other ids (none deleted since), when the caller read them.
        held = self.held_rows.get(spec.name, {}) if self.held_rows is not None and not aside else None
        values = self._incoming(spec, held)
        if held is not None:
            have = {v["id"]: held[v["id"]] for v in values if v["id"] in held}
        else:
            have = _existing(self.session, spec.model, [v["id"] for v in values])
        new = [v for v in values if v["id"] not in have]
        natural = _natural_ids(self.session, spec, self.dealer_id, new)
        taken_ros = self._forms_by_repair_order(new) if spec.name == "feedback_form" else {}
        inserts = []
        for vals in values:
            if vals["id"] in have:
                self._update(spec, vals, have[vals["id"]])
            elif not self._merged_or_kept_aside(spec, vals, natural, taken_ros):
                for col in spec.private:
                    vals[col] = None
                inserts.append(vals)
                if spec.role == AGGREGATE:
                    self.applied[spec.name].add(vals["id"])
        newest = form_month.newest_form(self.session) if spec.name == "feedback_form" and inserts else None
        _insert(self.session, spec.model.__table__, inserts)
        if newest is not None:
            form_month.add_new(self.session, newest)  # Today's month sums of forms
        if spec.role == AGGREGATE and aside:
            _drop_set_aside_children(self.session, spec, aside, self.records)

    def _incoming(self, spec, held: dict[str, int | None] | None = None) -> list[dict]:
        """The table's records of the file that may change this database, typed and under its ids.
        ``held``: id -> version of the table's rows held here, when known: a record whose row _update
        would leave as it is (a shared record, an aggregate not newer) is not typed, nor is one passed
        over below (in conflict, a child of an aggregate not applied); each is still checked as it
        would be typed, and for its dealer, so the same faults refuse the file."""
        table = spec.name
        values = []
        # What is the same for every record of the table, found once.
        dealer_column = "dealer_id" in spec.table.columns
        refs = list(REFS[table]) if self.remap else ()  # nothing to map when no id is remapped
        entity_type, conflicted = spec.entity_type, self.conflicted
        for rec in self.records.get(table, []):
            if self._passed_over(spec, rec, held):
                check_record(table, rec)
                if dealer_column and rec.get("dealer_id") != self.dealer_id:
                    raise ValueError(f"{table} {rec['id']}: another dealer's row")
                continue
            # Identifiers in their one form (a zero-width space or a full-width digit typed at an older
            # counter names the same repair order, phone or plate), so the natural-key match below
            # finds the row already held. Only normalised, never held to today's formats: an older
            # counter's 7-digit phone is kept as written, and no file is refused for one.
            vals = normalised_record(table, from_record(table, rec))
            if dealer_column and vals.get("dealer_id") != self.dealer_id:
                raise ValueError(f"{table} {rec['id']}: another dealer's row")
            for col in refs:
                if vals.get(col) in self.remap:
                    vals[col] = self.remap[vals[col]]
            if entity_type and (entity_type, rec["id"]) in conflicted:
                continue
            if spec.role == CHILD:
                owners = [(parent, vals.get(col)) for col, parent in spec.parents if vals.get(col)]
                if not owners:
                    raise ValueError(f"{table} {rec['id']}: belongs to no " + " or ".join(p for _, p in spec.parents))
                if not any(oid in self.applied[parent] for parent, oid in owners):
                    continue  # its aggregate is not newer here (or in conflict): nothing of it changes
            values.append(vals)
        return values

    def _passed_over(self, spec, rec: dict, held: dict[str, int | None] | None) -> bool:
        """Whether _incoming passes over ``rec`` whatever its values (then they are not typed): in
        conflict, a child with an aggregate named and none applied, or held and left as it is. Read off
        the record as the file has it: what typing changes (times, identifiers) decides none of it.
        Any doubt (a value no row has) answers no: the record then goes the way it always went."""
        rid = rec["id"]
        try:
            if spec.entity_type and (spec.entity_type, rid) in self.conflicted:
                return True
            if spec.role == CHILD:
                remap, refs = self.remap, REFS[spec.name]
                owners = [(parent, remap.get(rec[col], rec[col]) if col in refs else rec[col])
                          for col, parent in spec.parents if rec.get(col)]
                return bool(owners) and not any(oid in self.applied[parent] for parent, oid in owners)
            version = rec.get("version") if "version" in spec.table.columns else None  # as from_record keeps it
            return held is not None and rid in held and self._left_as_held(spec, rid, version, held[rid])
        except TypeError:
            return False

    def _forms_by_repair_order(self, new: list[dict]) -> dict[str, str]:
        """Repair order id -> the form this database holds for it, for the new forms' repair orders."""
        model = MODELS["feedback_form"]
        wanted = {v["repair_order_id"] for v in new if v.get("repair_order_id") is not None}
        if not wanted:
            return {}
        return dict(self.session.execute(select(model.repair_order_id, model.id)
                                         .where(among(self.session, model.repair_order_id, wanted))).all())

    def _update(self, spec, vals: dict, version: int | None) -> None:
        """A row this database holds: shared records stay as first stored, aggregates take a newer
        version (or head office's settled one), children take the file's state."""
        if self._left_as_held(spec, vals["id"], vals.get("version"), version):
            return
        table = spec.model.__table__
        self.session.execute(table.update().where(table.c.id == vals["id"]).values(**vals))
        if spec.role == AGGREGATE:
            self.applied[spec.name].add(vals["id"])

    def _left_as_held(self, spec, rid: str, version: int | None, held_version: int | None) -> bool:
        """Whether _update leaves the held row as it is: a shared record, or an aggregate the file
        has at a version not newer (and head office did not settle)."""
        if spec.role == RECORD:
            return True
        return spec.role == AGGREGATE and not ((version or 0) > (held_version or 0)
                                               or (spec.entity_type, rid) in self.settled)

    def _merged_or_kept_aside(self, spec, vals: dict, natural: dict, taken_ros: dict) -> bool:
        """Whether a row new to this database is not inserted: the dealer's same row (by natural key)
        is known here under another id, or it is a second form for one repair order (kept aside)."""
        nk = _natural_key(spec, vals)
        same = natural.get(nk) if nk is not None else None
        if same is not None and same != vals["id"]:
            self.remap[vals["id"]] = same  # e.g. the same advisor added at two counters
            if spec.role == CHILD:  # e.g. a form's alert raised here too: it takes the newer state
                table = spec.model.__table__
                self.session.execute(table.update().where(table.c.id == same)
                                     .values(**{k: v for k, v in vals.items() if k != "id"}))
            return True
        if spec.name == "feedback_form" and taken_ros.get(vals["repair_order_id"], vals["id"]) != vals["id"]:
            self.conflicted.add(("form", vals["id"]))  # a second form for one repair order: kept aside
            return True
        return False

    def store_events(self, new_events: list[tuple[dict, datetime]]) -> None:
        """The new events, last: once it is known which belong to forms kept aside and which rows
        (users, repair orders) this database knows under its own ids. Written column by column from
        their wire form (a list per column, in C): a row dict and a tuple per event cost more than
        the insert."""
        conflicted, kept = self.conflicted, new_events
        if conflicted:  # the usual file has no conflict: its new events are all kept
            kept = []
            for pair in new_events:
                ev = pair[0]
                if (key := (ev["entity_type"], ev["entity_id"])) in conflicted:
                    self.keep_conflict(ev, None, self.settlements.get(key))
                else:
                    kept.append(pair)
        events, times = (list(column) for column in zip(*kept)) if kept else ([], [])
        remap = self.remap
        # Every column of the wire form in one pass (in C); the file's structure check vouched for the keys.
        ids, etypes, eids, seqs, kinds, payloads, origins, texts = (
            map(list, zip(*map(_EVENT_WIRE, events))) if events else ([] for _ in range(8)))
        actors = list(map(_ACTOR, events))
        if remap:  # who made each change and the rows its payload names, under this database's ids
            actors = [remap.get(a, a) for a in actors]
            payloads = [_mapped(p, remap) for p in payloads]
        columns = {"id": ids, "entity_type": etypes, "entity_id": eids, "seq": seqs, "kind": kinds,
                   "payload": payloads, "actor_id": actors, "dealer_id": [self.dealer_id] * len(events),
                   "origin": origins, "occurred_at": times}
        bulk_insert_columns(self.session, Event.__table__, list(EVENT_COLUMNS), [columns[c] for c in EVENT_COLUMNS],
                            {"occurred_at": lambda pg: utc_values(pg, texts, times)})
        self.res.events_new = len(events)
        # Each pass below only when one of its kinds came (found in C): most files bring none.
        self.reached = ({eid for eid, kind in zip(eids, kinds) if kind == call_log.REACHED}
                        if call_log.REACHED in kinds else set())
        # What the settling of merges and purges below reads: the rows of the events of those kinds
        # (it passes over every other kind).
        self.stored = ([_mapped_event(from_wire(ev, dealer_id=self.dealer_id, occurred=at), remap)
                        for ev, at in kept if ev["kind"] in _SETTLED_KINDS]
                       if not _SETTLED_KINDS.isdisjoint(kinds) else [])

    def store_conflicts(self) -> None:
        """Each change kept aside, whole, with the aggregate (and its children) as the other side had it."""
        for cid, ev, kept_id in self.kept_aside:
            resolved_at, resolution = self.settled_aside.get(cid, (None, ""))
            snapshot = self.snapshots.get((ev["entity_type"], ev["entity_id"]))
            if snapshot is not None:  # what the other side's change did to the aggregate's children too
                snapshot = {**snapshot, CHILDREN_KEY: children_in(self.records, ENTITY_TABLE[ev["entity_type"]],
                                                                  ev["entity_id"])}
            self.session.add(SyncConflict(id=cid, dealer_id=self.dealer_id, entity_type=ev["entity_type"],
                                          entity_id=ev["entity_id"], seq=ev["seq"], kept_event_id=kept_id,
                                          other_event_id=ev["id"], other_event=_mapped_event(ev, self.remap),
                                          other_snapshot=_mapped(snapshot, self.remap), detected_at=self.now,
                                          resolved_at=resolved_at, resolution=resolution))


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return set()


def _set_aside(session: Session, dealer_id: str, superseded: list[tuple[str, str | None]], now) -> dict:
    """This database's events that head office's settled history replaces: each is moved, whole, into a
    conflict record already settled (head office decided on it), so the change is kept, never dropped.
    Returns (entity type, id) -> (that record, the ids its changes' payloads name)."""
    mine = {e.id: e for e in session.scalars(select(Event).where(Event.id.in_([m for m, _ in superseded])))}
    here = session.get(StoreMeta, "store_id")
    acked = set(session.scalars(select(SyncOutbox.event_id).join(SyncFile, SyncFile.seq == SyncOutbox.file_seq)
                                .where(SyncOutbox.event_id.in_(list(mine)), SyncFile.status == "acked")))
    out: dict[tuple[str, str], tuple[SyncConflict | None, set[str]]] = {}
    for mine_id, theirs_id in superseded:
        e = mine[mine_id]
        rec, names = out.get((e.entity_type, e.entity_id), (None, set()))
        names |= _strings(e.payload)
        # A change of this counter head office never received (made after the resolution there) was not
        # decided on: it stays an open conflict here, listed in Sync problems, instead of travelling.
        unsent = here is not None and e.origin == here.value and mine_id not in acked
        if session.scalar(select(SyncConflict.id).where(SyncConflict.other_event_id == mine_id)) is None:
            c = SyncConflict(id=new_id(), dealer_id=dealer_id, entity_type=e.entity_type, entity_id=e.entity_id,
                             seq=e.seq, kept_event_id=theirs_id, other_event_id=mine_id, other_event=to_wire(e),
                             other_snapshot=None, detected_at=now, resolved_at=None if unsent else now,
                             resolution="" if unsent else "set aside at head office")
            session.add(c)
            rec = rec or c
        out[(e.entity_type, e.entity_id)] = (rec, names)
        session.delete(e)
    session.flush()
    return out


def _drop_set_aside_children(session: Session, spec, aside: dict, records: dict) -> None:
    """Children of a settled aggregate that a change set aside at head office made (its payload names
    them) and head office does not hold: they leave the rows, kept in the settled conflict's record,
    so every place holds the same rows."""
    for (etype, eid), (rec, names) in aside.items():
        if etype != spec.entity_type:
            continue
        dropped: dict[str, list[dict]] = {}
        for child in CHILDREN:
            keep = {r["id"] for r in records.get(child.name, [])}
            gone = sorted(names - keep)
            for chunk in _chunks(gone):
                for obj in session.scalars(select(child.model).where(child.model.id.in_(chunk))):
                    dropped.setdefault(child.name, []).append(to_record(child.name, obj))
                    session.execute(delete(child.model.__table__).where(child.model.__table__.c.id == obj.id))
        if dropped and rec is not None:
            rec.other_snapshot = {CHILDREN_KEY: dropped}
