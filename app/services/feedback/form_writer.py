"""The one writer of new feedback forms, typed, imported or made for the demo: checked values in, rows out in bulk."""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import select

from app.foundation.ids import id_stream
from app.models import Customer, Event, FeedbackForm, RepairOrder, Vehicle, utcnow
from app.models.bulk import among, bulk_insert
from app.models.event_codec import event_row
from app.rules.scoring import form_score
from app.rules.vocab import Verification
from app.services.customers.returning import Returning
from app.services.directory import ensure_advisors
from app.services.feedback.form_values import FormValues
from app.services.uow import UnitOfWork

DISPUTED, UNVERIFIED = Verification.DISPUTED.value, Verification.UNVERIFIED.value
_CHUNK = 500  # stays under SQLite's bound-parameter limit in IN (...) lookups


def chunks(items: list, n: int = _CHUNK) -> Iterable[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def store_forms(uow: UnitOfWork, dealer_id: str, rows: list[FormValues], *, source: str,
                origin_note: str = "", disputed_payload: dict | None = None) -> list[str]:
    """The one writer of new forms, typed, imported or made for the demo: forms with their customers,
    vehicles and repair orders inserted in bulk (Core executemany); each form's creation is its first
    event, and a form entered as disputed has that in a second event (``disputed_payload``), as a
    dispute recorded later would. Returns the new forms' ids, in the order of ``rows``; the caller
    commits."""
    s = uow.session
    if not rows:
        return []
    now = utcnow()
    advisors = ensure_advisors(s, dealer_id, {r.advisor for r in rows})

    # A returning customer (same name, same phone or same plate) keeps one record.
    customers = Returning(s, dealer_id, ((r.customer, r.phone, r.plate) for r in rows))
    vehicles: dict[tuple[str, str], str] = {}
    known_customer_ids = set(customers.by_phone.values()) | set(customers.by_plate.values())
    if known_customer_ids:  # each lookup one statement, whatever the number of rows (app.models.bulk.among)
        for vid, cid, plate in s.execute(select(Vehicle.id, Vehicle.customer_id, Vehicle.plate)
                                         .where(among(s, Vehicle.customer_id, known_customer_ids))):
            vehicles.setdefault((cid, plate), vid)

    # Orders already stored under these numbers (imported from the management system before the form
    # arrived, or opened by a complaint): the form links to its order, whichever came first.
    held: dict[str, str] = dict(s.execute(select(RepairOrder.number, RepairOrder.id).where(
        RepairOrder.dealer_id == dealer_id, among(s, RepairOrder.number, {r.repair_order for r in rows}))).all())

    new_customers, new_vehicles, ros, forms, events, ids = [], [], [], [], [], []
    new_id = id_stream().__next__  # ids made a batch at a time: four or five a form
    origin = uow.identity.store_id
    for r in rows:
        cid = customers.find(r.customer, r.phone, r.plate)
        if cid is None:
            cid = new_id()
            new_customers.append({"id": cid, "dealer_id": dealer_id, "name": r.customer, "phone": r.phone,
                                  "created_at": now})
        customers.remember(cid, r.customer, r.phone, r.plate)
        vid = vehicles.get((cid, r.plate))
        if vid is None:
            vid = vehicles[(cid, r.plate)] = new_id()
            new_vehicles.append({"id": vid, "dealer_id": dealer_id, "customer_id": cid, "plate": r.plate,
                                 "vin": None, "model": None})
        ro_id, form_id = held.get(r.repair_order), new_id()
        advisor_id = advisors[r.advisor]
        if ro_id is None:
            ro_id = new_id()
            ros.append({"id": ro_id, "dealer_id": dealer_id, "number": r.repair_order, "customer_id": cid,
                        "vehicle_id": vid, "advisor_id": advisor_id, "opened_on": r.service_date, "version": 1})
        # Disputed at entry: created unverified, then disputed in its own event (version 2).
        disputed = r.verification == DISPUTED
        created_as = UNVERIFIED if disputed else r.verification
        score = form_score(r.timeliness, r.repair_quality, r.attitude)
        forms.append({"id": form_id, "dealer_id": dealer_id, "repair_order_id": ro_id, "advisor_id": advisor_id,
                      "service_date": r.service_date, "timeliness": r.timeliness,
                      "repair_quality": r.repair_quality, "attitude": r.attitude, "score": score,
                      "overall": r.overall, "verification": r.verification, "comment": r.comment,
                      "source": source, "version": 2 if disputed else 1, "created_at": now,
                      "created_by": uow.actor_id, "updated_at": now, "updated_by": uow.actor_id})
        events.append(event_row("form", form_id, 1, "form.created", {
            "source": source, "file": origin_note, "repair_order": r.repair_order, "repair_order_id": ro_id,
            "date": r.service_date.isoformat(), "advisor": r.advisor, "customer": r.customer, "phone": r.phone,
            "plate": r.plate, "timeliness": r.timeliness, "repair_quality": r.repair_quality,
            "attitude": r.attitude, "overall": r.overall, "verification": created_as, "comment": r.comment},
            actor_id=uow.actor_id, dealer_id=dealer_id, origin=origin, occurred_at=now, id=new_id()))
        if disputed:
            events.append(event_row("form", form_id, 2, "form.disputed",
                                    {**(disputed_payload or {}), "verification": DISPUTED, "from": UNVERIFIED},
                                    actor_id=uow.actor_id, dealer_id=dealer_id, origin=origin, occurred_at=now,
                                    id=new_id()))
        ids.append(form_id)
    for table, data in ((Customer, new_customers), (Vehicle, new_vehicles), (RepairOrder, ros),
                        (FeedbackForm, forms), (Event, events)):
        bulk_insert(s, table.__table__, data)
    return ids
