"""One event in its three shapes: the row to insert, the Event object, and the dict a case file carries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.foundation.ids import new_id
from app.models.base import utcnow
from app.models.entities import Event

# The origin of changes head office itself makes (conflict resolutions): they settle a conflict,
# so a counter applies them even over its own change of the same version.
HQ_ORIGIN = "00000000-0000-7000-8000-000000000000"
# The entity type of a counter's own audit trail (settings, lockouts, script packs, imports): events with
# no row, one history per counter (entity id: the counter's store id), travelling like every other.
COUNTER_ENTITY = "counter"
COLUMNS = ("id", "entity_type", "entity_id", "seq", "kind", "payload", "actor_id", "dealer_id", "origin",
           "occurred_at")


def event_row(entity_type: str, entity_id: str, seq: int, kind: str, payload: dict[str, Any], *,
              dealer_id: str, origin: str, actor_id: str | None = None, occurred_at: datetime | None = None,
              id: str | None = None) -> dict[str, Any]:  # noqa: A002 - the column's name
    """The columns of a new event, for a bulk insert (executemany) or an Event object."""
    return {"id": id or new_id(), "entity_type": entity_type, "entity_id": entity_id, "seq": seq, "kind": kind,
            "payload": payload, "actor_id": actor_id, "dealer_id": dealer_id, "origin": origin,
            "occurred_at": occurred_at or utcnow()}


def new_event(entity_type: str, entity_id: str, seq: int, kind: str, payload: dict[str, Any], **kw) -> Event:
    """An Event object (to add to a session) with the same columns as ``event_row``."""
    return Event(**event_row(entity_type, entity_id, seq, kind, payload, **kw))


def to_wire(e: Event, *, base_event_id: str | None = None, chained: bool = False) -> dict[str, Any]:
    """The event as JSON. ``chained``: as a case file carries it, naming for a later change the event
    it was made on top of (``base_event_id``), which is how the receiver tells an edit from a conflict."""
    d = {k: getattr(e, k) for k in COLUMNS}
    d["occurred_at"] = e.occurred_at.isoformat()
    if chained and e.seq > 1:
        d["base"] = {"seq": e.seq - 1, "event_id": base_event_id}
    return d


def event_to_wire(e: Event, base_event_id: str | None) -> dict[str, Any]:
    """An event as a case file carries it: naming the event it was made on top of."""
    return to_wire(e, base_event_id=base_event_id, chained=True)


def occurred_at(d: dict[str, Any]) -> datetime:
    """The time of an event received as JSON. ValueError for a time without a zone."""
    occurred = datetime.fromisoformat(d["occurred_at"])
    if occurred.tzinfo is None:
        raise ValueError("event time without a zone")
    return occurred


def from_wire(d: dict[str, Any], *, dealer_id: str | None = None, occurred: datetime | None = None) -> dict[str, Any]:
    """The columns of an event received as JSON (its ``base`` is the sender's, not stored); ``dealer_id``:
    the receiver's dealer the file was checked against; ``occurred``: its ``occurred_at`` read already.
    ValueError for a time without a zone."""
    if occurred is None:
        occurred = occurred_at(d)
    return {"id": d["id"], "entity_type": d["entity_type"], "entity_id": d["entity_id"], "seq": d["seq"],
            "kind": d["kind"], "payload": d["payload"], "actor_id": d.get("actor_id"),
            "dealer_id": dealer_id if dealer_id is not None else d["dealer_id"], "origin": d["origin"],
            "occurred_at": occurred}


def event_from_wire(d: dict[str, Any], **kw) -> Event:
    return Event(**from_wire(d, **kw))
