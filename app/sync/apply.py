"""Rows to JSON and back, and applying a case file's events and records to a database.

The same code applies a counter's file at head office and head office's files at a counter.
Events are stored once (by id); a change made on top of a version the receiver has replaced with
another is a conflict, kept whole in sync_conflict and never applied over the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, insert, select
from sqlalchemy.orm import Session

from app.ids import new_id
from app.models import (Customer, Event, FailureCase, FeedbackForm, RepairOrder, SyncConflict, User,
                        Vehicle, utcnow)
from app.models.base import UTCDateTime
from app.services import alerts

MODELS = {"user": User, "customer": Customer, "vehicle": Vehicle, "repair_order": RepairOrder,
          "feedback_form": FeedbackForm, "failure_case": FailureCase}
# The origin of changes head office itself makes (conflict resolutions): they settle a conflict,
# so a counter applies them even over its own change of the same version.
HQ_ORIGIN = "00000000-0000-7000-8000-000000000000"
ENTITY_MODEL = {"case": FailureCase, "form": FeedbackForm}
ENTITY_TABLE = {"case": "failure_case", "form": "feedback_form"}
# Never leaves the counter: a password hash is the user's, not head office's.
PRIVATE = {"user": {"password_hash"}}
# Columns that point at rows another place may know under another id (see _natural_key).
REFS = {"user": {}, "customer": {}, "vehicle": {"customer_id": "customer"},
        "repair_order": {"customer_id": "customer", "vehicle_id": "vehicle", "advisor_id": "user"},
        "feedback_form": {"repair_order_id": "repair_order", "advisor_id": "user", "created_by": "user",
                          "updated_by": "user"},
        "failure_case": {"customer_id": "customer", "vehicle_id": "vehicle", "repair_order_id": "repair_order",
                         "form_id": "feedback_form", "assignee_id": "user", "created_by": "user"}}


def _iso(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def to_record(table: str, obj) -> dict[str, Any]:
    cols = MODELS[table].__table__.columns
    return {c.key: _iso(getattr(obj, c.key)) for c in cols if c.key not in PRIVATE.get(table, ())}


def from_record(table: str, rec: dict[str, Any]) -> dict[str, Any]:
    """Typed column values from a record; unknown keys are ignored (a newer minor writer)."""
    out = {}
    for c in MODELS[table].__table__.columns:
        if c.key not in rec or c.key in PRIVATE.get(table, ()):
            continue
        v = rec[c.key]
        if v is not None and isinstance(c.type, UTCDateTime):
            v = datetime.fromisoformat(v)
            if v.tzinfo is None:
                raise ValueError(f"{table}.{c.key}: a time without a zone")
        elif v is not None and isinstance(c.type, Date):
            v = date.fromisoformat(v)
        out[c.key] = v
    return out


def event_to_wire(e: Event, base_event_id: str | None) -> dict[str, Any]:
    d = {"id": e.id, "entity_type": e.entity_type, "entity_id": e.entity_id, "seq": e.seq, "kind": e.kind,
         "payload": e.payload, "actor_id": e.actor_id, "dealer_id": e.dealer_id, "origin": e.origin,
         "occurred_at": e.occurred_at.isoformat()}
    if e.seq > 1:
        d["base"] = {"seq": e.seq - 1, "event_id": base_event_id}
    return d


def records_for(session: Session, events: list[Event]) -> dict[str, list[dict]]:
    """Current snapshots of the cases and forms these events touch, and the rows they point at."""
    want: dict[str, set[str]] = {t: set() for t in MODELS}
    for e in events:
        want[ENTITY_TABLE[e.entity_type]].add(e.entity_id)
        if e.actor_id:  # who made each change, so head office can name them (e.g. in a conflict)
            want["user"].add(e.actor_id)
    out: dict[str, dict[str, dict]] = {t: {} for t in MODELS}
    # Follow references from cases and forms down to customers and users.
    for table in ("failure_case", "feedback_form", "repair_order", "vehicle", "customer", "user"):
        ids = sorted(want[table])
        model = MODELS[table]
        for i in range(0, len(ids), 500):
            for obj in session.scalars(select(model).where(model.id.in_(ids[i:i + 500]))):
                rec = to_record(table, obj)
                out[table][obj.id] = rec
                for col, target in REFS[table].items():
                    if rec.get(col):
                        want[target].add(rec[col])
        # references found later (e.g. a form's advisor) are picked up by the later tables
    return {t: list(out[t].values()) for t in MODELS}


@dataclass
class ApplyResult:
    events_new: int = 0
    events_present: int = 0
    conflicts: list[str] = field(default_factory=list)  # conflict ids recorded


def _settles(ev: dict) -> bool:
    return ev.get("origin") == HQ_ORIGIN and str(ev.get("kind", "")).endswith(".conflict_resolved")


def _chunks(items: list, n: int = 500):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _existing(session: Session, model, ids: list[str]) -> dict[str, int | None]:
    """id -> version (cases and forms) or None, for the rows of ``ids`` this database holds."""
    has_version = "version" in model.__table__.columns
    out = {}
    for chunk in _chunks(ids):
        cols = (model.id, model.version) if has_version else (model.id,)
        for row in session.execute(select(*cols).where(model.id.in_(chunk))):
            out[row[0]] = row[1] if has_version else None
    return out


def _natural_ids(session: Session, table: str, dealer_id: str, values: list[dict]) -> dict[str, str]:
    """username or repair-order number -> the id this database already uses for it."""
    if table == "user":
        col, model = "username", User
    elif table == "repair_order":
        col, model = "number", RepairOrder
    else:
        return {}
    keys = sorted({v[col] for v in values if v.get(col) is not None})
    out = {}
    for chunk in _chunks(keys):
        out.update(session.execute(select(getattr(model, col), model.id)
                                   .where(model.dealer_id == dealer_id, getattr(model, col).in_(chunk))).all())
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


def apply_file(session: Session, dealer_id: str, events: list[dict], records: dict[str, list[dict]]) -> ApplyResult:
    """Apply inside the caller's transaction; the caller commits or rolls back the whole file.

    A row the file names that this database already knows under another id (the same user name or
    repair order number of the dealer, e.g. an advisor added at two counters and at head office) is
    mapped onto this database's row, and so is every reference to it: record columns, each event's
    ``actor_id`` and payload, and what a conflict keeps aside. The mapping happens here, after the
    file's signature was checked; the file itself is kept and passed on as signed, and each receiver
    maps it to its own ids, so every place names the same person.

    Reads what the database holds in a few set queries and writes with executemany, so a file of
    hundreds of changes costs a handful of round trips, not hundreds."""
    res = ApplyResult()
    now = utcnow()
    remap: dict[str, str] = {}
    conflicted: set[tuple[str, str]] = set()
    snapshots = {(etype, r["id"]): r for etype, table in ENTITY_TABLE.items() for r in records.get(table, [])}
    kept_aside: list[tuple[str, dict, str | None]] = []  # stored last, once the whole mapping is known

    def keep_conflict(ev: dict, kept_id: str | None) -> None:
        if ev["id"] in already_kept:
            return  # the same conflicting change delivered again
        already_kept.add(ev["id"])
        cid = new_id()
        kept_aside.append((cid, ev, kept_id))
        res.conflicts.append(cid)

    # 1. What the database already holds of these events and their entities' histories.
    ids = [e["id"] for e in events]
    known, already_kept = set(), set()
    for chunk in _chunks(ids):
        known.update(session.scalars(select(Event.id).where(Event.id.in_(chunk))))
        already_kept.update(session.scalars(select(SyncConflict.other_event_id)
                                            .where(SyncConflict.other_event_id.in_(chunk))))
    chain: dict[tuple[str, str, int], str] = {}
    for chunk in _chunks(sorted({e["entity_id"] for e in events})):
        for et, eid, seq, i in session.execute(select(Event.entity_type, Event.entity_id, Event.seq, Event.id)
                                               .where(Event.entity_id.in_(chunk))):
            chain[(et, eid, seq)] = i

    # 2. Events: stored once; a clash on (entity, seq) or a different base is a conflict.
    new_events: list[dict] = []
    settled: set[tuple[str, str]] = set()
    for ev in sorted(events, key=lambda e: (e["entity_type"], e["entity_id"], e["seq"])):
        key = (ev["entity_type"], ev["entity_id"])
        if ev["id"] in known:
            res.events_present += 1
            continue
        if key in conflicted:
            keep_conflict(ev, None)  # built on a conflicting change: part of the same conflict
            continue
        at_seq = chain.get((*key, ev["seq"]))
        clash = at_seq is not None
        if not clash and ev["seq"] > 1 and not _settles(ev):
            base = chain.get((*key, ev["seq"] - 1))
            clash = base is not None and base != ev["base"]["event_id"]
            at_seq = base if clash else None
        if not clash and _settles(ev):
            settled.add(key)
        if clash:
            conflicted.add(key)
            keep_conflict(ev, at_seq)
            continue
        occurred = datetime.fromisoformat(ev["occurred_at"])
        if occurred.tzinfo is None:
            raise ValueError("event time without a zone")
        new_events.append({"id": ev["id"], "entity_type": ev["entity_type"], "entity_id": ev["entity_id"],
                           "seq": ev["seq"], "kind": ev["kind"], "payload": ev["payload"],
                           "actor_id": ev.get("actor_id"), "dealer_id": dealer_id, "origin": ev["origin"],
                           "occurred_at": occurred, "_wire": ev})
        chain[(*key, ev["seq"])] = ev["id"]
        known.add(ev["id"])

    # 3. Records, parents first; cases and forms only when newer and not in conflict.
    for table in ("user", "customer", "vehicle", "repair_order", "feedback_form", "failure_case"):
        model = MODELS[table]
        etype = {"failure_case": "case", "feedback_form": "form"}.get(table)
        values = []
        for rec in records.get(table, []):
            vals = from_record(table, rec)
            if vals.get("dealer_id") != dealer_id:
                raise ValueError(f"{table} {rec['id']}: another dealer's row")
            for col, target in REFS[table].items():
                if vals.get(col) in remap:
                    vals[col] = remap[vals[col]]
            if etype and (etype, rec["id"]) in conflicted:
                continue
            values.append(vals)
        have = _existing(session, model, [v["id"] for v in values])
        natural = _natural_ids(session, table, dealer_id, [v for v in values if v["id"] not in have])
        taken_ros = {}
        if table == "feedback_form":
            ros = sorted({v["repair_order_id"] for v in values if v["id"] not in have})
            for chunk in _chunks(ros):
                taken_ros.update(session.execute(select(FeedbackForm.repair_order_id, FeedbackForm.id)
                                                 .where(FeedbackForm.repair_order_id.in_(chunk))).all())
        inserts = []
        for vals in values:
            if vals["id"] in have:
                if etype and (vals.get("version") or 0) > (have[vals["id"]] or 0):
                    session.execute(model.__table__.update().where(model.__table__.c.id == vals["id"]).values(**vals))
                continue
            same = natural.get(vals.get("username") if table == "user" else vals.get("number"))
            if same is not None and same != vals["id"]:
                remap[vals["id"]] = same  # e.g. the same advisor added at two counters
                continue
            if table == "feedback_form" and taken_ros.get(vals["repair_order_id"], vals["id"]) != vals["id"]:
                conflicted.add(("form", vals["id"]))  # a second form for one repair order: kept aside
                continue
            if table == "user":
                vals["password_hash"] = None
            inserts.append(vals)
        for chunk in _chunks(inserts, 2000):
            session.execute(insert(model.__table__), chunk)

    # 4. Events last, once it is known which belong to forms kept aside and which rows (users,
    # repair orders) this database knows under its own ids.
    rows = []
    for row in new_events:
        ev = row.pop("_wire")
        if (ev["entity_type"], ev["entity_id"]) in conflicted:
            keep_conflict(ev, None)
        else:
            rows.append(_mapped_event(row, remap))
    for chunk in _chunks(rows, 2000):
        session.execute(insert(Event.__table__), chunk)
    res.events_new = len(rows)
    for cid, ev, kept_id in kept_aside:
        snapshot = snapshots.get((ev["entity_type"], ev["entity_id"]))
        session.add(SyncConflict(id=cid, dealer_id=dealer_id, entity_type=ev["entity_type"],
                                 entity_id=ev["entity_id"], seq=ev["seq"], kept_event_id=kept_id,
                                 other_event_id=ev["id"], other_event=_mapped_event(ev, remap),
                                 other_snapshot=_mapped(snapshot, remap), detected_at=now))
    for etype, eid in settled:  # head office's resolution closes what this side kept aside
        session.execute(SyncConflict.__table__.update()
                        .where(SyncConflict.entity_type == etype, SyncConflict.entity_id == eid,
                               SyncConflict.resolved_at.is_(None))
                        .values(resolved_at=now, resolution="resolved at head office"))
    alerts.ensure_for_forms(session, dealer_id, [r["id"] for r in records.get("feedback_form", [])])
    session.flush()
    return res
