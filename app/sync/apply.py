"""Rows to JSON and back, and applying a case file's events and records to a database.

The same code applies a counter's file at head office and head office's files at a counter.
Events are stored once (by id); a change made on top of a version the receiver has replaced with
another is a conflict, kept whole in sync_conflict and never applied over the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, select
from sqlalchemy.orm import Session

from app.ids import new_id
from app.models import (Customer, Event, FailureCase, FeedbackForm, RepairOrder, SyncConflict, User,
                        Vehicle, utcnow)
from app.models.base import UTCDateTime

MODELS = {"user": User, "customer": Customer, "vehicle": Vehicle, "repair_order": RepairOrder,
          "feedback_form": FeedbackForm, "failure_case": FailureCase}
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


def _natural_key(session: Session, table: str, vals: dict) -> str | None:
    """The id this database already uses for the same user or repair order, if any."""
    if table == "user":
        return session.scalar(select(User.id).where(User.dealer_id == vals["dealer_id"],
                                                    User.username == vals["username"]))
    if table == "repair_order":
        return session.scalar(select(RepairOrder.id).where(RepairOrder.dealer_id == vals["dealer_id"],
                                                           RepairOrder.number == vals["number"]))
    return None


def apply_file(session: Session, dealer_id: str, events: list[dict], records: dict[str, list[dict]]) -> ApplyResult:
    """Apply inside the caller's transaction; the caller commits or rolls back the whole file."""
    res = ApplyResult()
    now = utcnow()
    remap: dict[str, str] = {}
    conflicted: set[tuple[str, str]] = set()
    snapshots = {(etype, r["id"]): r for etype, table in ENTITY_TABLE.items() for r in records.get(table, [])}

    def keep_conflict(ev: dict, kept_id: str | None) -> None:
        if session.scalar(select(SyncConflict.id).where(SyncConflict.other_event_id == ev["id"])):
            return  # the same conflicting change delivered again
        cid = new_id()
        session.add(SyncConflict(id=cid, dealer_id=dealer_id, entity_type=ev["entity_type"],
                                 entity_id=ev["entity_id"], seq=ev["seq"], kept_event_id=kept_id,
                                 other_event_id=ev["id"], other_event=ev,
                                 other_snapshot=snapshots.get((ev["entity_type"], ev["entity_id"])),
                                 detected_at=now))
        res.conflicts.append(cid)

    # 1. Events: stored once; a clash on (entity, seq) or a different base is a conflict.
    known = set()
    ids = [e["id"] for e in events]
    for i in range(0, len(ids), 500):
        known.update(session.scalars(select(Event.id).where(Event.id.in_(ids[i:i + 500]))))
    new_events = []
    for ev in sorted(events, key=lambda e: (e["entity_type"], e["entity_id"], e["seq"])):
        key = (ev["entity_type"], ev["entity_id"])
        if ev["id"] in known:
            res.events_present += 1
            continue
        if key in conflicted:
            keep_conflict(ev, None)  # built on a conflicting change: part of the same conflict
            continue
        at_seq = session.scalar(select(Event.id).where(Event.entity_type == ev["entity_type"],
                                                       Event.entity_id == ev["entity_id"], Event.seq == ev["seq"]))
        clash = at_seq is not None
        if not clash and ev["seq"] > 1:
            base = session.scalar(select(Event.id).where(Event.entity_type == ev["entity_type"],
                                                         Event.entity_id == ev["entity_id"],
                                                         Event.seq == ev["seq"] - 1))
            clash = base is not None and base != ev["base"]["event_id"]
            at_seq = base if clash else None
        if clash:
            conflicted.add(key)
            keep_conflict(ev, at_seq)
            continue
        row = Event(id=ev["id"], entity_type=ev["entity_type"], entity_id=ev["entity_id"], seq=ev["seq"],
                    kind=ev["kind"], payload=ev["payload"], actor_id=ev.get("actor_id"), dealer_id=dealer_id,
                    origin=ev["origin"], occurred_at=datetime.fromisoformat(ev["occurred_at"]))
        if row.occurred_at.tzinfo is None:
            raise ValueError("event time without a zone")
        session.add(row)
        new_events.append(ev)
        known.add(ev["id"])
        session.flush()
        res.events_new += 1

    # 2. Records, parents first; cases and forms only when newer and not in conflict.
    for table in ("user", "customer", "vehicle", "repair_order", "feedback_form", "failure_case"):
        model = MODELS[table]
        for rec in records.get(table, []):
            vals = from_record(table, rec)
            if vals.get("dealer_id") != dealer_id:
                raise ValueError(f"{table} {rec['id']}: another dealer's row")
            for col, target in REFS[table].items():
                if vals.get(col) in remap:
                    vals[col] = remap[vals[col]]
            etype = {"failure_case": "case", "feedback_form": "form"}.get(table)
            if etype and (etype, rec["id"]) in conflicted:
                continue
            current = session.get(model, rec["id"])
            if current is None:
                same = _natural_key(session, table, vals)
                if same is not None:
                    remap[rec["id"]] = same  # e.g. the same advisor added at two counters
                    continue
                if table == "feedback_form" and session.scalar(select(FeedbackForm.id).where(
                        FeedbackForm.repair_order_id == vals["repair_order_id"])):
                    for ev in new_events:  # a second form for one repair order: keep it aside
                        if ev["entity_id"] == rec["id"]:
                            session.execute(Event.__table__.delete().where(Event.id == ev["id"]))
                            res.events_new -= 1
                            keep_conflict(ev, None)
                    conflicted.add(("form", rec["id"]))
                    continue
                if table == "user":
                    vals["password_hash"] = None
                session.add(model(**vals))
            elif etype and vals.get("version", 0) > current.version:
                for k, v in vals.items():
                    setattr(current, k, v)
            session.flush()
    return res
