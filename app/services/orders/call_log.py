"""Recording a 3-day call on its repair order: an event of the order, on the version the call list showed;
and the order's reached mark kept from its events."""

from __future__ import annotations

from sqlalchemy import exists, update

from app.foundation.errors import NotFound, OrderChanged
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Event, RepairOrder, utcnow
from app.models.bulk import among
from app.models.event_codec import event_row
from app.services.cases.case_log import changed_by
from app.services.uow import UnitOfWork

ATTEMPTED, REACHED = "order.call_attempted", "order.call_reached"


def order_for_call(uow: UnitOfWork, repair_order_id: str, expected_version: int | None) -> RepairOrder:
    """The order a call is recorded on, read in the caller's write transaction, so the check and the write
    see the same state; refused with OrderChanged when it moved on from the version the call list showed
    (a call recorded at another counter and synced here, the order updated by an import). None: the
    caller doesn't care (command line, tests)."""
    ro = uow.session.get(RepairOrder, repair_order_id)
    if ro is None:
        raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Repair order"), key=repair_order_id)
    version = ro.version or 1
    if expected_version is not None and version != expected_version:
        who, name, at = changed_by(uow, "order", ro.id, ro.updated_at or utcnow())
        raise OrderChanged(number=ro.number, seen=expected_version, version=version, who=who, name=name, at=at)
    return ro


def add_call(uow: UnitOfWork, ro: RepairOrder, *, reached: bool, form_id: str | None = None, note: str = "") -> int:
    """The call as an event of the order (the caller commits); returns the order's new version."""
    ro.version = (ro.version or 1) + 1
    ro.updated_at = utcnow()
    uow.session.add(Event(**event_row("order", ro.id, ro.version, REACHED if reached else ATTEMPTED,
                                      {"repair_order": ro.number, "form_id": form_id, "note": note[:400]},
                                      actor_id=uow.actor_id, dealer_id=ro.dealer_id, origin=uow.identity.store_id)))
    if reached:
        ro.call_reached = True  # what mark_reached derives from the event just written
    return ro.version


def reached_event(order_id):
    """SQL: the order ``order_id`` names has a reached call among its events, the definition of the order's
    reached mark. A call is never an order's first event (add_call numbers it on top of the order's
    version, so seq >= 2; seq 1 is the order's creation or record): with ``seq > 1`` the (entity_type,
    entity_id, seq) index skips the creation event."""
    return exists().where(Event.entity_type == "order", Event.entity_id == order_id, Event.seq > 1,
                          Event.kind == REACHED)


def mark_reached(session, order_ids=None) -> None:
    """Set each order's reached mark (RepairOrder.call_reached) from its events: of the orders ``order_ids``
    (those whose reached calls came or went with a pulled file: app.sync.apply), or of every order not
    marked yet (None: the migration that added the mark; only the reached ones are written). The call
    figures and the day's calls read the mark: reached calls counted from the order's row, not by a
    lookup in the event index for each order. ``session``: a session, or a connection (a migration's)."""
    order = RepairOrder.__table__
    if order_ids is None:
        session.execute(update(order).where(~order.c.call_reached, reached_event(order.c.id)).values(call_reached=True))
    elif order_ids:
        session.execute(update(order).where(among(session, order.c.id, order_ids))
                        .values(call_reached=reached_event(order.c.id)))
