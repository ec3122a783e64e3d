"""The one writer of new feedback forms, typed, imported or made for the demo: checked values in, rows out in bulk."""

from __future__ import annotations

from functools import cache
from typing import Iterable

from sqlalchemy import select

from app.foundation.ids import id_stream
from app.models import Customer, Event, FeedbackForm, RepairOrder, Vehicle, utcnow
from app.models.bulk import among, bulk_insert_rows
from app.models.event_codec import COLUMNS as EVENT_COLUMNS
from app.rules.scoring import form_score
from app.rules.vocab import Verification
from app.services.customers.returning import Returning
from app.services.directory import ensure_advisors
from app.services.feedback.form_values import FormValues
from app.services.glance import form_month
from app.services.uow import UnitOfWork

DISPUTED, UNVERIFIED = Verification.DISPUTED.value, Verification.UNVERIFIED.value
_CHUNK = 500  # stays under SQLite's bound-parameter limit in IN (...) lookups
# The columns store_forms writes, in the order of its rows' values.
_CUSTOMER = ["id", "dealer_id", "name", "phone", "created_at"]
_VEHICLE = ["id", "dealer_id", "customer_id", "plate", "vin", "model"]
_ORDER = ["id", "dealer_id", "number", "customer_id", "vehicle_id", "advisor_id", "opened_on", "version"]
_FORM = ["id", "dealer_id", "repair_order_id", "advisor_id", "service_date", "timeliness", "repair_quality",
         "attitude", "score", "overall", "verification", "comment", "source", "version", "created_at",
         "created_by", "updated_at", "updated_by"]


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

    # Rows as tuples in the order of these columns (a dict per row cost more than SQLite's insert of it).
    new_customers, new_vehicles, ros, forms, events, ids = [], [], [], [], [], []
    new_id = id_stream().__next__  # ids made a batch at a time: four or five a form
    origin, actor = uow.identity.store_id, uow.actor_id
    find, remember = customers.find, customers.remember
    score_of = cache(form_score)  # a file has a few dozen combinations of the three grades
    for r in rows:
        cid = find(r.customer, r.phone, r.plate)
        if cid is None:
            cid = new_id()
            new_customers.append((cid, dealer_id, r.customer, r.phone, now))
        remember(cid, r.customer, r.phone, r.plate)
        vid = vehicles.get((cid, r.plate))
        if vid is None:
            vid = vehicles[(cid, r.plate)] = new_id()
            new_vehicles.append((vid, dealer_id, cid, r.plate, None, None))
        ro_id, form_id = held.get(r.repair_order), new_id()
        advisor_id = advisors[r.advisor]
        if ro_id is None:
            ro_id = new_id()
            ros.append((ro_id, dealer_id, r.repair_order, cid, vid, advisor_id, r.service_date, 1))
        # Disputed at entry: created unverified, then disputed in its own event (version 2).
        disputed = r.verification == DISPUTED
        created_as = UNVERIFIED if disputed else r.verification
        forms.append((form_id, dealer_id, ro_id, advisor_id, r.service_date, r.timeliness, r.repair_quality,
                      r.attitude, score_of(r.timeliness, r.repair_quality, r.attitude), r.overall, r.verification,
                      r.comment, source, 2 if disputed else 1, now, actor, now, actor))
        events.append((new_id(), "form", form_id, 1, "form.created", {
            "source": source, "file": origin_note, "repair_order": r.repair_order, "repair_order_id": ro_id,
            "date": r.service_date.isoformat(), "advisor": r.advisor, "customer": r.customer, "phone": r.phone,
            "plate": r.plate, "timeliness": r.timeliness, "repair_quality": r.repair_quality,
            "attitude": r.attitude, "overall": r.overall, "verification": created_as, "comment": r.comment},
            actor, dealer_id, origin, now))
        if disputed:
            events.append((new_id(), "form", form_id, 2, "form.disputed",
                           {**(disputed_payload or {}), "verification": DISPUTED, "from": UNVERIFIED},
                           actor, dealer_id, origin, now))
        ids.append(form_id)
    newest = form_month.newest_form(s)
    for table, cols, data in ((Customer, _CUSTOMER, new_customers), (Vehicle, _VEHICLE, new_vehicles),
                              (RepairOrder, _ORDER, ros), (FeedbackForm, _FORM, forms), (Event, EVENT_COLUMNS, events)):
        bulk_insert_rows(s, table.__table__, cols, data)
    form_month.add_new(s, newest)  # Today's month sums (an insert trigger would cost more per form)
    return ids
