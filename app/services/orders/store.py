"""Storing repair orders, imported or typed: all or nothing, idempotent (the same order again changes
nothing), a changed order updated with an event saying what changed; a form already stored for the
number gets its order's details, whichever arrived first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.foundation.errors import ImportRejected, InvalidFields, InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import new_id
from app.models import Customer, Event, RepairOrder, User, Vehicle, utcnow
from app.models.event_codec import event_row
from app.services.changes import FORMS, announces
from app.services.directory import dealer_by_code, ensure_advisors
from app.services.feedback.form_writer import chunks
from app.services.imports.columns import as_written
from app.services.imports.feedback_store import _check_own_dealer
from app.services.orders.rows import COLUMNS, OrdersFile, OrderValues, check_row, read_orders
from app.services.uow import UnitOfWork

_KEYS = frozenset(c.key for c in COLUMNS)


@dataclass(frozen=True)
class OrdersImported:
    file: str
    dealer_code: str
    rows: int
    added: int  # new repair orders
    filled: int  # orders a form or a complaint had made, now with the system's details
    updated: int  # orders stored before whose details changed
    unchanged: int


def import_orders_file(store, path: Path, dealer_code: str | None = None, actor_id: str | None = None,
                       mapping: dict[str, str] | None = None) -> OrdersImported:
    """Read, check and store a file of repair orders; ImportRejected names every problem and stores nothing."""
    return store_orders(store, read_orders(path, mapping), dealer_code, actor_id)


def _wire(v) -> object:
    return v.isoformat() if hasattr(v, "isoformat") else v


def _payload(row: OrderValues) -> dict:
    return {"repair_order": row.repair_order, **{k: _wire(v) for k, v in row.content().items()}}


@announces(FORMS)
def store_orders(store, checked: OrdersFile, dealer_code: str | None = None, actor_id: str | None = None,
                 *, source: str = "import") -> OrdersImported:
    """Store what ``read_orders`` checked, or refuse the whole file (nothing stored)."""
    if checked.problems or not checked.readable:
        raise ImportRejected(checked.file, list(checked.problems), as_written(checked.header, checked.placement))
    rows = list(checked.orders)
    with UnitOfWork(store, actor_id, write=True) as uow:
        s = uow.session
        _check_own_dealer(s, dealer_code, uow.identity.home_dealer_id)
        dealer = dealer_by_code(s, dealer_code, uow.identity.home_dealer_id, create=True)
        counts = write_orders(uow, dealer.id, rows, source=source, note=checked.file)
        uow.commit()
    return OrdersImported(checked.file, dealer.code, len(rows), *counts)


@announces(FORMS)
def add_order(store, raw: dict[str, str], actor) -> str:
    """An order typed at the counter (no file from the management system): the same checks as a file's
    row, every wrong field at once (InvalidFields); a number already stored is refused. Returns its id."""
    problems: list = []
    row = check_row({k.key: raw.get(k.key, "") for k in COLUMNS}, 0, problems)
    if row is None:  # in the order the form shows its fields
        problems.sort(key=lambda p: [c.key for c in COLUMNS].index(p.column) if p.column in _KEYS else len(COLUMNS))
        raise InvalidFields([InvalidInput(field=p.column, problem=p.text, **p.params) for p in problems])
    with UnitOfWork(store, actor.user_id, write=True) as uow:
        s = uow.session
        dealer_id = uow.identity.home_dealer_id
        held = s.scalar(select(RepairOrder).where(RepairOrder.dealer_id == dealer_id,
                                                  RepairOrder.number == row.repair_order))
        if held is not None and held.opened_at is not None:
            raise InvalidFields([InvalidInput(field="repair_order", problem=_TAKEN)])
        write_orders(uow, dealer_id, [row], source="counter")
        ro_id = s.scalar(select(RepairOrder.id).where(RepairOrder.dealer_id == dealer_id,
                                                      RepairOrder.number == row.repair_order))
        uow.commit()
        return ro_id


_TAKEN = QT_TRANSLATE_NOOP("Errors", "this repair order is already stored; its details change when the management "
                                    "system's file is imported")


def write_orders(uow: UnitOfWork, dealer_id: str, rows: list[OrderValues], *, source: str,
                 note: str = "") -> tuple[int, int, int, int]:
    """Insert new orders and update changed ones, each change an event of the order (the caller commits).
    Returns (added, filled, updated, unchanged)."""
    s = uow.session
    now, origin, actor = utcnow(), uow.identity.store_id, uow.actor_id
    advisors = ensure_advisors(s, dealer_id, {r.advisor for r in rows})
    held: dict[str, RepairOrder] = {}
    for chunk in chunks([r.repair_order for r in rows]):
        for ro in s.scalars(select(RepairOrder).where(RepairOrder.dealer_id == dealer_id, RepairOrder.number.in_(chunk))):
            held[ro.number] = ro
    people = _people(s, held.values())
    added = filled = updated = unchanged = 0
    for r in rows:
        customer_id, vehicle_id = _customer_and_vehicle(s, dealer_id, r, now)
        values = {"customer_id": customer_id, "vehicle_id": vehicle_id, "advisor_id": advisors[r.advisor],
                  "opened_on": r.opened_at.astimezone().date(), "opened_at": r.opened_at,
                  "promised_at": r.promised_at, "delivered_at": r.delivered_at, "work_type": r.work_type or None,
                  "amount_cents": r.amount_cents, "mileage": r.mileage, "updated_at": now}
        ro = held.get(r.repair_order)
        if ro is None:
            ro = RepairOrder(id=new_id(), dealer_id=dealer_id, number=r.repair_order, source=source, version=1, **values)
            s.add(ro)
            held[r.repair_order] = ro
            s.add_all([_event(ro, 1, "order.created", {"source": source, "file": note, **_payload(r)},
                              actor, dealer_id, origin, now)])
            added += 1
            continue
        before = _as_row(ro, people)
        mine = r.content()
        diff = {k: (before[k], mine[k]) for k in mine if before.get(k) != mine[k]}
        if not diff:
            unchanged += 1
            continue
        was_made_elsewhere = ro.opened_at is None
        if ro.source is None:
            # Made by a form or a complaint, so it has no history of its own yet: its first event records
            # it as it was, and the system's details are the change on top (every change has a base).
            s.add(_event(ro, 1, "order.recorded", {"repair_order": r.repair_order,
                                                    **{k: _wire(v) for k, v in before.items()}},
                         actor, dealer_id, origin, now))
            ro.version = 1
        for k, v in values.items():
            setattr(ro, k, v)
        ro.source = ro.source or source
        ro.version = (ro.version or 1) + 1
        kind = "order.filled" if was_made_elsewhere else "order.updated"
        s.add(_event(ro, ro.version, kind, {"source": source, "file": note, "repair_order": r.repair_order,
                                            "before": {k: _wire(b) for k, (b, _) in diff.items()},
                                            "after": {k: _wire(a) for k, (_, a) in diff.items()}},
                     actor, dealer_id, origin, now))
        if was_made_elsewhere:
            filled += 1
        else:
            updated += 1
    s.flush()
    return added, filled, updated, unchanged


def _event(ro: RepairOrder, seq: int, kind: str, payload: dict, actor, dealer_id: str, origin: str, now) -> Event:
    return Event(**event_row("order", ro.id, seq, kind, payload, actor_id=actor, dealer_id=dealer_id,
                             origin=origin, occurred_at=now))


def _people(s, orders) -> dict[str, tuple[str, str, str, str | None, str]]:
    """Per held order's id: (customer name, phone, plate, VIN, advisor's name) as stored."""
    ids = [o.id for o in orders]
    out = {}
    for chunk in chunks(ids):
        q = (select(RepairOrder.id, Customer.name, Customer.phone, Vehicle.plate, Vehicle.vin, User.display_name)
             .join(Customer, Customer.id == RepairOrder.customer_id)
             .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
             .outerjoin(User, User.id == RepairOrder.advisor_id).where(RepairOrder.id.in_(chunk)))
        for rid, name, phone, plate, vin, advisor in s.execute(q):
            out[rid] = (name, phone, plate or "", vin or "", advisor or "")
    return out


def _as_row(ro: RepairOrder, people: dict) -> dict:
    name, phone, plate, vin, advisor = people.get(ro.id, ("", "", "", "", ""))
    return {"opened_at": ro.opened_at, "promised_at": ro.promised_at, "delivered_at": ro.delivered_at,
            "advisor": advisor, "customer": name, "phone": phone, "plate": plate, "vin": vin,
            "work_type": ro.work_type or "", "amount_cents": ro.amount_cents, "mileage": ro.mileage}


def _customer_and_vehicle(s, dealer_id: str, r: OrderValues, now) -> tuple[str, str]:
    """The customer (by phone and name) and their vehicle (by plate) the order names, added when new;
    a VIN the system gives fills the vehicle's."""
    cid = s.scalar(select(Customer.id).where(Customer.dealer_id == dealer_id, Customer.phone == r.phone,
                                             Customer.name == r.customer).limit(1))
    if cid is None:
        cid = new_id()
        s.add(Customer(id=cid, dealer_id=dealer_id, name=r.customer, phone=r.phone, created_at=now))
        s.flush()
    v = s.scalar(select(Vehicle).where(Vehicle.customer_id == cid, Vehicle.plate == r.plate).limit(1))
    if v is None:
        v = Vehicle(id=new_id(), dealer_id=dealer_id, customer_id=cid, plate=r.plate, vin=r.vin or None, model=None)
        s.add(v)
        s.flush()
    elif r.vin and v.vin != r.vin:
        v.vin = r.vin
    return cid, v.id
