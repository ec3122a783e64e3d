"""Which changes of a counter's case file head office may store: a dealer's data is its own.

A change is an aggregate: a case or a form with its events, its snapshot and the rows the snapshot
points at. Every record of every table the case file can carry (casefile.RECORD_TABLES, read
through the models, so a table added there is covered without a list here) and every event's
entity must belong to the counter's dealer both as the file names it (``dealer_id``) and as head
office already stores it (a row, or an entity's event history, of another dealer is never
touched). So must every id or attachment hash an event's payload names: a payload naming another
dealer's row, or a blob head office holds only for another dealer, refuses that change. A
refusal names the record (table and id) and the reason; the rest of the file goes in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import Integer, String, literal, select, union_all

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.hq.blobs import held_by_others
from app.models import SyncConflict
from app.models.bulk import among_joined, among_param, id_value, ids_read_once, prepared
from app.models.record_limits import record_refusal
from app.rules import wire_text
from app.sync import casefile, tables
from app.sync.apply import BY_ENTITY, ENTITY_TABLE, HELD_PARTS, MODELS, REFS, Held, held_of, held_parts, held_values

TABLE_ENTITY = {table: etype for etype, table in ENTITY_TABLE.items()}
_EVENT_ID, _ENTITY_ID = itemgetter("id"), itemgetter("entity_id")
_PART_AND_ID = itemgetter(0, 2)  # the owners of the statement of _held_and_owners, in the order of its parts
LOOSE = ("", "")  # the group of records no case or form of the file points at
# Children owned through their case or form alone (no dealer column of their own).
CHILD_WITHOUT_DEALER = {c.name for c in tables.CHILDREN if "dealer_id" not in c.table.columns}

NAMED_OTHER = QT_TRANSLATE_NOOP("Errors",
    "{table} {id} names dealer {named}, not this counter's dealer. A counter sends only its own "
    "dealer's data.")
STORED_OTHER = QT_TRANSLATE_NOOP("Errors",
    "{table} {id} is stored at head office for another dealer ({where}). A counter can't change "
    "another dealer's data.")
HISTORY_OTHER = QT_TRANSLATE_NOOP("Errors",
    "The history of {table} {id} at head office belongs to another dealer. A counter can't add to it.")
REFERS_OTHER = QT_TRANSLATE_NOOP("Errors",
    "{table} {id} points at {target} {target_id} ({column}), which belongs to another dealer or was "
    "refused.")
PAYLOAD_OTHER = QT_TRANSLATE_NOOP("Errors",
    "{table} {id}: a change names {target} {target_id}, which belongs to another dealer. A counter's "
    "changes name only its own dealer's data.")
BLOB_OTHER = QT_TRANSLATE_NOOP("Errors",
    "{table} {id} names the attachment {sha}, whose file this dealer's counters never delivered to head "
    "office. Attach the file again at the counter; it is sent with the change.")
OTHER_COUNTER = QT_TRANSLATE_NOOP("Errors",
    "{table} {id}: a counter's audit trail is written only by that counter. A counter can't add to another's.")
MISSING_BASE = QT_TRANSLATE_NOOP("Errors",
    "{table} {id}: the change at version {seq} is built on version {base}, which head office does not "
    "have (it was refused, or it is in a case file of the counter head office has not taken in yet). "
    "Send the earlier change again together with this one.")
NOT_STORED = QT_TRANSLATE_NOOP("Errors",
    "{table} {id} can't be stored at head office ({reason}). Correct it at the counter; it is sent "
    "again with the correction.")


@dataclass(frozen=True)
class Refusal:
    """One change head office did not store, and why (English source text and its values)."""

    entity_type: str  # case | form | "" (a record no case or form of the file carries)
    entity_id: str
    table: str  # the record that failed
    record_id: str
    code: str
    text: str
    params: dict[str, str]
    event_ids: tuple[str, ...] = ()

    def render(self, words=None) -> str:
        """In the reader's words: the rows it names as the desk names them ("a feedback form", not its table)."""
        return tables.refusal_words(self.text, self.params, words, casefile.CaseFileRejected.worded)

    def to_wire(self) -> dict[str, Any]:
        return {"entity_type": self.entity_type, "entity_id": self.entity_id, "table": self.table,
                "record_id": self.record_id, "code": self.code, "text": self.text, "params": self.params,
                "event_ids": list(self.event_ids)}


@dataclass
class Aggregate:
    key: tuple[str, str]
    events: list[dict] = field(default_factory=list)
    records: dict[str, list[dict]] = field(default_factory=dict)
    # The records added, by identity (each is kept in ``records``, so its id() stays its own).
    _added: set[int] = field(default_factory=set, repr=False, compare=False)

    def add_record(self, table: str, rec: dict) -> None:
        if id(rec) not in self._added:
            self._added.add(id(rec))
            self.records.setdefault(table, []).append(rec)


@dataclass(frozen=True)
class Checked:
    aggregates: list[Aggregate]  # what may be stored, each applied on its own if need be
    refused: list[Refusal]
    held: Held | None = None  # what the database held of the file's events when it was checked
    # The whole file as merged() gives it, when check found nothing of it refusable without grouping it.
    whole: tuple[list[dict], dict[str, list[dict]]] | None = None

    def merged(self) -> tuple[list[dict], dict[str, list[dict]]]:
        """What may be stored as one file's events and records."""
        return self.whole if self.whole is not None else merged(self.aggregates)


def _owner_queries(postgresql: bool) -> list:
    """_owner_query of every record table, the ids read once for them all (on SQLite)."""
    source = None if postgresql else ids_read_once("ids")
    return [_owner_query(postgresql, t, i, source) for i, t in enumerate(casefile.RECORD_TABLES)]


def _owner_query(postgresql: bool, table: str, order: int, source=None):
    """(HELD_PARTS + order, "", id, version, owning dealer, "") of a record table's rows among the
    file's ids (the value "ids"), in the shape of apply.held_parts' rows, read in one statement with
    them; a child without a dealer column is its parent's."""
    model = MODELS[table]
    # The row's version too (cases, forms...): what the file's application compares (Held.rows).
    version = model.version if "version" in model.__table__.columns else literal(None, Integer)
    blank, part = literal("", String), literal(HELD_PARTS + order, Integer)
    if "dealer_id" in model.__table__.columns:
        return among_joined(postgresql, select(part, blank, model.id, version, model.dealer_id, blank), model.id, "ids",
                            source)
    col, parent = tables.BY_NAME[table].parents[0]
    pmodel = MODELS[parent]
    query = select(part, blank, model.id, version, pmodel.dealer_id, blank)
    if postgresql:  # the parent's row read with each id's (among_joined)
        return among_joined(True, query.join_from(model, pmodel, pmodel.id == getattr(model, col)), model.id, "ids")
    return among_joined(False, query, model.id, "ids", source).join(pmodel, pmodel.id == getattr(model, col))


def _held_and_owners(session, dealer_id: str, events: list[dict], ids: set[str]) -> tuple[
        Held, dict[str, tuple[str, str]], dict[str, dict[str, int | None]]]:
    """What the database holds of the file's events (apply.held_parts), id -> (table, dealer) for every
    row of any record table head office holds under one of ``ids``, and table -> id -> version of
    those rows: one statement over every table, the ids sent once (on PostgreSQL a round trip, and
    its statement's work, fewer for every file than two reads)."""
    if not events and not ids:
        return Held((), frozenset(), frozenset()), {}, {}
    pg = _postgresql(session)
    rows = prepared(session, "hq.held_and_owners", lambda pg: union_all(
        *held_parts(pg), *_owner_queries(pg)),
        {**held_values(pg, events, dealer_id), "ids": id_value(pg, ids)}).fetchall()
    out: dict[str, tuple[str, str]] = {}
    stored: dict[str, dict[str, int | None]] = {t: {} for t in casefile.RECORD_TABLES} if ids else {}
    for part, _, rid, version, dealer, _ in sorted([r for r in rows if r[0] >= HELD_PARTS], key=_PART_AND_ID):
        table = casefile.RECORD_TABLES[part - HELD_PARTS]
        out.setdefault(rid, (table, dealer))  # the first table, as before
        stored[table][rid] = version
    return held_of(rows), out, stored


def _postgresql(session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _histories(held: Held) -> tuple[dict[tuple[str, str], set[str]], set[tuple[str, str, int]]]:
    """(entity type, id) -> the dealers its stored events were written for; and the stored versions."""
    dealers: dict[tuple[str, str], set[str]] = {}
    versions: set[tuple[str, str, int]] = set()
    for et, eid, seq, _, dealer in held.chain:
        dealers.setdefault((et, eid), set()).add(dealer)
        versions.add((et, eid, seq))
    return dealers, versions


def kept_aside_among(session, event_ids) -> list[str]:
    """Of these events, those kept aside as conflicts (their ids)."""
    return [r[0] for r in prepared(session, "hq.kept_aside", lambda pg: select(SyncConflict.other_event_id).where(
        among_param(pg, SyncConflict.other_event_id, "ids")), {"ids": id_value(_postgresql(session), event_ids)})]


@dataclass(frozen=True)
class _File:
    """A verified file's records by id, and what head office already holds under the same ids."""

    dealer_id: str
    events: list[dict]
    by_id: dict[str, dict[str, dict]]  # table -> id -> record
    refs: dict[str, dict[str, str]]  # table -> column -> table it points at
    owners: dict[str, tuple[str, str]]
    histories: dict[tuple[str, str], set[str]]
    versions: set[tuple[str, str, int]]
    file_events: set[str]
    aside: set[str]  # events kept aside as conflicts (a later change may be built on one)
    foreign_blobs: set[str]  # hashes the file names of blobs head office holds only for other dealers
    values_storable: bool = False  # casefile.CaseFile.values_storable: no value needs checking again
    stored_rows: dict[str, dict[str, int | None]] = field(default_factory=dict)  # table -> id -> version
    held: Held = Held((), frozenset(), frozenset())  # what the database holds of the file's events

    def stored_elsewhere(self, rid: str) -> str | None:
        """The table under which another dealer's row with this id is stored, if any."""
        got = self.owners.get(rid)
        return None if got is None or got[1] == self.dealer_id else got[0]

    @cached_property
    def payload_strings(self) -> dict[int, list[str]]:
        """Every string of each event's payload, by the event (the object: a file may repeat an id),
        read once: only a file checked change by change looks at them one event at a time."""
        return {id(e): _strings(e.get("payload")) for e in self.events}

    @cached_property
    def foreign(self) -> frozenset[str]:
        """Every id and hash the file names that another dealer holds: a payload naming none of them
        (the usual case) needs no look at its strings one by one."""
        return frozenset(r for r, (_, d) in self.owners.items() if d != self.dealer_id) | self.foreign_blobs


Why = tuple[str, str, dict]  # code, text, params


def check(session, dealer_id: str, dealer_code: str, events: list[dict],
          records: dict[str, list[dict]], vouched: frozenset[str] = frozenset(), *,
          values_storable: bool = False, grouped: bool = True) -> Checked:
    """Split a verified file into the changes head office may store and those it refuses.
    ``vouched``: attachment hashes imported together with the file (`hq import` of a folder);
    ``values_storable``: the whole file's values were found storable when it was read.
    ``grouped=False``: the caller stores the file whole (Checked.merged): when nothing of it can be
    refused, its changes are not grouped, only checked (the usual file)."""
    f = replace(_read(session, dealer_id, events, records, vouched), values_storable=values_storable)
    held = replace(f.held, rows=f.stored_rows)
    bad = _bad_rows(f)
    if not grouped and not bad and _nothing_refusable(f):
        # What merged() of every change gives (the same events in the same order, the same records;
        # a table's records in the file's order, not in the order the changes carry them).
        return Checked([], [], held, (sorted(events, key=BY_ENTITY),
                                      {t: list(rows.values()) for t, rows in f.by_id.items()}))
    children = _children(f)
    refused: list[Refusal] = []
    used: set[tuple[str, str]] = set()
    kept: list[Aggregate] = []
    for key, agg in sorted(_aggregates(f).items()):
        etype, eid = key
        table = ENTITY_TABLE.get(etype, etype)  # a counter's audit events have no table: named by their type
        seen, causes = _carry(f, agg, table, eid, children, bad)
        why = _entity_refusal(f, agg, table)
        if why is None and causes:
            # Name the row that is wrong itself, not one refused only for pointing at it.
            why = next((c for c in causes if c[2] != "foreign_reference"), causes[0])
        if why is None:
            used |= seen
            kept.append(agg)
        else:
            used |= seen | {(table, eid)}  # the rows it carries are refused with it, not listed again
            refused.append(Refusal(etype, eid, why[0], why[1], why[2], why[3], why[4],
                                   tuple(e["id"] for e in agg.events)))
    loose = _loose(f, used, bad, refused)
    if loose.records:
        kept.append(loose)
    return Checked(kept, refused, held)


def _nothing_refusable(f: _File) -> bool:
    """Whether, by facts of the whole file, none of its changes can be refused, its records aside
    (_bad_rows): every value storable, no id or hash it names held for another dealer (so no row,
    reference or payload of another dealer's), no history it adds to held for another dealer, no
    other counter's audit trail, and every change built on a version head office has or the file
    brings. Each is the test _entity_refusal makes change by change; any doubt sends the file there."""
    if not f.values_storable or f.foreign:
        return False
    if any(d != f.dealer_id for dealers in f.histories.values() for d in dealers):
        return False
    counter = tables.COUNTER
    for ev in f.events:
        if ev["entity_type"] == counter and ev.get("origin") != ev["entity_id"]:
            return False
        if _base_missing(f, ev):
            return False
    return True


def _strings(value) -> list[str]:
    """Every string inside an event's payload (keys aside), however nested, in the order of the walk
    below (the first named of another dealer is the one a refusal names)."""
    if type(value) is dict:  # most payloads are flat: the same strings, in the same order, in two passes in C
        values = list(value.values())
        if not [v for v in values if type(v) is dict or type(v) is list]:
            return [v for v in reversed(values) if type(v) is str]
    out, todo = [], [value]
    while todo:
        v = todo.pop()
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            todo.extend(v.values())
        elif isinstance(v, list):
            todo.extend(v)
    return out


def _payload_values(events: list[dict]) -> set:
    """Every value (strings among them) the events' payloads hold, however nested. Most payloads are
    flat: then their values are taken in C, with no list per event."""
    payloads = list(map(methodcaller("get", "payload"), events))
    try:  # one pass in C: a payload that is no dict, or holds one or a list (unhashable), is walked
        return set(chain.from_iterable(map(dict.values, payloads)))
    except TypeError:
        return set(chain.from_iterable(map(_strings, payloads)))


def _read(session, dealer_id: str, events: list[dict], records: dict[str, list[dict]],
          vouched: frozenset[str] = frozenset()) -> _File:
    by_id = {t: {r["id"]: r for r in records.get(t, [])} for t in casefile.RECORD_TABLES}
    refs = {t: REFS.get(t, {}) for t in casefile.RECORD_TABLES}
    # The ids named, each set filled in C (a comprehension per file's rows cost more than its reads).
    ids = set(chain.from_iterable(by_id.values()))
    ids.update(map(_ENTITY_ID, events))
    for t, rows in by_id.items():
        for c in refs[t] if rows else ():
            ids.update(v for v in map(methodcaller("get", c), rows.values()) if isinstance(v, str))
    named = _payload_values(events)
    # Ids are UUIDs: what else a payload holds is no row's id.
    ids |= {v for v in named if type(v) is str and len(v) == 36}
    shas = {v for v in named if type(v) is str and len(v) == 64}
    shas |= {r["sha256"] for r in by_id.get("attachment", {}).values() if isinstance(r.get("sha256"), str)}
    held, owners, stored_rows = _held_and_owners(session, dealer_id, events, ids)
    histories, versions = _histories(held)
    return _File(dealer_id, events, by_id, refs, owners, histories, versions,
                 set(map(_EVENT_ID, events)),
                 held.kept & {e["base"]["event_id"] for e in events if e.get("base")} if held.kept else set(),
                 held_by_others(session, dealer_id, shas) - vouched,
                 stored_rows=stored_rows, held=held)


def _bad_rows(f: _File) -> dict[tuple[str, str], Why]:
    """(table, id) -> why, for every record refused on its own or for what it points at."""
    bad: dict[tuple[str, str], Why] = {}
    # Whether head office holds any of the file's ids for another dealer (the usual file: none, so no
    # row of it is stored elsewhere and none needs asking).
    others = any(d != f.dealer_id for _, d in f.owners.values())
    # Each record of each table, parents before the rows that point at them.
    for table in casefile.RECORD_TABLES:
        blobs = table == "attachment" and f.foreign_blobs  # only an attachment names a blob
        for rid, rec in f.by_id[table].items():
            why = (_invalid_value(table, rec, f.values_storable) or _named_other(f, table, rid, rec)
                   or others and _stored_other(f, table, rid) or blobs and _blob_other(f, table, rid, rec))
            if why:
                bad[(table, rid)] = why
    # A row pointing at a refused row (or another dealer's) is refused too: none can when no row is
    # refused and head office holds none of the file's ids for another dealer (the usual file).
    changed = bool(bad) or others
    while changed:
        changed = False
        for table in casefile.RECORD_TABLES:
            for rid, rec in f.by_id[table].items():
                if (table, rid) in bad:
                    continue
                why = _refers_other(f, table, rid, rec, bad)
                if why is not None:
                    bad[(table, rid)] = why
                    changed = True
    return bad


def _invalid_value(table: str, rec: dict, storable: bool = False) -> Why | None:
    value_refused = record_refusal(table, rec, storable)
    if value_refused is not None:
        return ("invalid_value", *value_refused)
    if storable:
        return None
    try:  # values outside the table's columns too: nothing a database can't hold goes further
        wire_text.check(rec, f"{table} {str(rec.get('id'))[:40]}")
    except wire_text.WireProblem as exc:
        return ("invalid_value", exc.text, exc.params)
    return None


def _blob_other(f: _File, table: str, rid: str, rec: dict) -> Why | None:
    sha = rec.get("sha256") if table == "attachment" else None
    if sha not in f.foreign_blobs:
        return None
    return ("foreign_blob", BLOB_OTHER, {"table": table, "id": rid, "sha": sha[:12]})


def _named_other(f: _File, table: str, rid: str, rec: dict) -> Why | None:
    if rec.get("dealer_id", f.dealer_id if table in CHILD_WITHOUT_DEALER else None) == f.dealer_id:
        return None
    return ("foreign_record", NAMED_OTHER, {"table": table, "id": rid, "named": str(rec.get("dealer_id"))[:40]})


def _stored_other(f: _File, table: str, rid: str) -> Why | None:
    where = f.stored_elsewhere(rid)
    return None if where is None else ("foreign_row", STORED_OTHER, {"table": table, "id": rid, "where": where})


def _refers_other(f: _File, table: str, rid: str, rec: dict, bad: dict) -> Why | None:
    for col, target in f.refs[table].items():
        v = rec.get(col)
        if isinstance(v, str) and ((target, v) in bad or f.stored_elsewhere(v) is not None):
            return ("foreign_reference", REFERS_OTHER,
                    {"table": table, "id": rid, "target": target, "target_id": v, "column": col})
    return None


def _aggregates(f: _File) -> dict[tuple[str, str], Aggregate]:
    """The file's changes: events grouped by their entity, and each case or form record sent alone."""
    groups: dict[tuple[str, str], Aggregate] = {}
    for ev in sorted(f.events, key=BY_ENTITY):
        key = (ev["entity_type"], ev["entity_id"])
        agg = groups.get(key)
        if agg is None:  # not setdefault: that made an Aggregate for every event, kept for the first
            agg = groups[key] = Aggregate(key)
        agg.events.append(ev)
    for table, etype in TABLE_ENTITY.items():
        for rid in f.by_id.get(table, {}):
            groups.setdefault((etype, rid), Aggregate((etype, rid)))
    return groups


def _children(f: _File) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """A child row (remedy, callback, verification call...) is part of its case's or form's change."""
    children: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for child in tables.CHILDREN:
        for rid, rec in f.by_id.get(child.name, {}).items():
            for col, parent in child.parents:
                if isinstance(rec.get(col), str):
                    children.setdefault((parent, rec[col]), []).append((child.name, rid))
    return children


def _carry(f: _File, agg: Aggregate, table: str, eid: str, children: dict,
           bad: dict) -> tuple[set[tuple[str, str]], list[tuple]]:
    """Add to the change the rows its snapshot points at (they travel with it); return them and
    the refusals among them (a refused one refuses the change)."""
    actors = [ev["actor_id"] for ev in agg.events if ev.get("actor_id")]
    # Each actor once, at its last place (a change's events are mostly one person's): the walk below
    # takes them from the end, so it visits them in the same order as with every repeat listed.
    todo = [(table, eid)] + [("user", a) for a in reversed(dict.fromkeys(reversed(actors)))]
    todo += children.get((table, eid), [])
    seen: set[tuple[str, str]] = set()
    causes: list[tuple] = []
    while todo:
        t, rid = todo.pop()
        if (t, rid) in seen or rid not in f.by_id.get(t, {}):
            continue
        seen.add((t, rid))
        if (t, rid) in bad:
            causes.append((t, rid, *bad[(t, rid)]))
        rec = f.by_id[t][rid]
        agg.add_record(t, rec)
        todo += [(target, rec[c]) for c, target in f.refs[t].items() if isinstance(rec.get(c), str)]
    return seen, causes


def _entity_refusal(f: _File, agg: Aggregate, table: str) -> tuple[str, str, str, str, dict] | None:
    """Why the case or form itself is refused (table, id, code, text, params), in this order."""
    etype, eid = agg.key
    why = (_stored_other(f, table, eid) or _other_counter(agg, table) or _foreign_history(f, agg, table)
           or _payload_problem(f, agg, table) or _missing_base(f, agg, table))
    return None if why is None else (table, eid, *why)


def _other_counter(agg: Aggregate, table: str) -> Why | None:
    """A counter's audit trail is its own: it writes only under its own id (the file's signer)."""
    etype, eid = agg.key
    if etype != tables.COUNTER or all(ev.get("origin") == eid for ev in agg.events):
        return None
    return ("foreign_history", OTHER_COUNTER, {"table": table, "id": eid})


def _payload_problem(f: _File, agg: Aggregate, table: str) -> Why | None:
    """A payload holding what no database stores, naming another dealer's row or a blob it doesn't hold."""
    eid = agg.key[1]
    for ev in agg.events:
        try:
            if not f.values_storable:
                wire_text.check(ev.get("payload"), f"{table} {eid} {ev['kind'][:40]}")
        except wire_text.WireProblem as exc:
            return ("invalid_value", exc.text, exc.params)
        strings = f.payload_strings[id(ev)]
        if f.foreign.isdisjoint(strings):
            continue
        for v in strings:
            where = f.stored_elsewhere(v)
            if where is not None:
                return ("foreign_payload", PAYLOAD_OTHER, {"table": table, "id": eid, "target": where, "target_id": v})
            if v in f.foreign_blobs:
                return ("foreign_blob", BLOB_OTHER, {"table": table, "id": eid, "sha": v[:12]})
    return None


def _foreign_history(f: _File, agg: Aggregate, table: str) -> Why | None:
    if not any(d != f.dealer_id for d in f.histories.get(agg.key, ())):
        return None
    return ("foreign_history", HISTORY_OTHER, {"table": table, "id": agg.key[1]})


def _base_missing(f: _File, ev: dict) -> bool:
    """Whether ``ev`` is built on a version head office neither holds nor gets with the file (nor keeps
    aside as a conflict): the one test of a missing base, change by change and for the whole file."""
    seq = ev["seq"]
    if seq == 1 or (ev["entity_type"], ev["entity_id"], seq - 1) in f.versions:
        return False
    base = ev["base"]["event_id"]
    return base not in f.file_events and base not in f.aside


def _missing_base(f: _File, agg: Aggregate, table: str) -> Why | None:
    eid = agg.key[1]
    for ev in agg.events:
        if _base_missing(f, ev):
            return ("missing_base", MISSING_BASE,
                    {"table": table, "id": eid, "seq": str(ev["seq"]), "base": str(ev["seq"] - 1)})
    return None


def _loose(f: _File, used: set, bad: dict, refused: list[Refusal]) -> Aggregate:
    """The records no change carried: refused ones are listed on their own, the rest go in together."""
    loose = Aggregate(LOOSE)
    for table in casefile.RECORD_TABLES:
        for rid, rec in f.by_id[table].items():
            if (table, rid) in used:
                continue
            if (table, rid) in bad:
                code, text, params = bad[(table, rid)]
                refused.append(Refusal("", "", table, rid, code, text, params))
            elif table not in TABLE_ENTITY:
                loose.add_record(table, rec)
    return loose


def not_stored(agg: Aggregate, reason: str) -> Refusal:
    """A change the database itself refused (e.g. a value longer than its column)."""
    etype, eid = agg.key
    if agg.key == LOOSE:
        table, rid = next(((t, rows[0]["id"]) for t, rows in agg.records.items() if rows), ("", ""))
    else:
        table, rid = ENTITY_TABLE.get(etype, etype), eid
    return Refusal(etype, eid, table, rid, "not_stored", NOT_STORED,
                   {"table": table, "id": rid, "reason": reason[:300]}, tuple(e["id"] for e in agg.events))


def merged(aggs: list[Aggregate]) -> tuple[list[dict], dict[str, list[dict]]]:
    """The events and records of several changes as one file's lists (each row once)."""
    events: list[dict] = []
    records: dict[str, dict[str, dict]] = {t: {} for t in casefile.RECORD_TABLES}
    for a in aggs:
        events += a.events
        for t, rows in a.records.items():
            for r in rows:
                records[t].setdefault(r["id"], r)
    return events, {t: list(rows.values()) for t, rows in records.items()}


def without(doc: dict, refusals: list[dict]) -> dict:
    """A stored file's document with the refused changes taken out (what other counters pull)."""
    events = {e for r in refusals for e in r.get("event_ids", [])}
    rows = {(r["record_table"], r["record_id"]) for r in refusals if r.get("record_table")}
    rows |= {(ENTITY_TABLE.get(r["entity_type"], r["entity_type"]), r["entity_id"])
             for r in refusals if r.get("entity_type")}
    out = dict(doc)
    out["events"] = [e for e in doc.get("events", []) if e["id"] not in events]
    out["records"] = {t: [r for r in recs if (t, r["id"]) not in rows] for t, recs in doc.get("records", {}).items()}
    return out
