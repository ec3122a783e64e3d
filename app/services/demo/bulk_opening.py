"""The demo's cases opened a batch at a time: the rows ``open_case_in`` writes for each case, with the
customer found and the case numbered as it does, stored with a few bulk inserts per batch."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import bindparam, select, update

from app.foundation.ids import case_number, new_id
from app.models import Customer, Event, FailureCase, StoreMeta, Vehicle
from app.models.bulk import bulk_insert
from app.models.event_codec import event_row
from app.models.identity import CASE_SEQ_PREFIX
from app.rules import identifiers
from app.rules.vocab import CaseStatus
from app.services.cases.opening import CaseRef, NewCase, _month_key, highest_running_number
from app.services.customers.returning import Returning
from app.services.feedback.form_values import normalise_phone, normalise_plate


class BulkOpening:
    """``open()`` gives each case its id and number at once; ``flush()`` finds the batch's customers
    (``Returning``, as the form import does: a customer added earlier in the batch is found by later
    rows), their vehicles, and inserts customers, vehicles, cases and their ``case.opened`` events.
    One per unit of work and dealer, as ``open_case_in`` is called in one."""

    def __init__(self, uow, dealer) -> None:
        self.uow, self.s, self.dealer = uow, uow.session, dealer
        self.running: dict[str, int] = {}  # store_meta key of a month -> the last running number given
        self.pending: list[tuple[NewCase, datetime, str, str, str]] = []

    def open(self, new: NewCase, when: datetime, *, actor_id: str | None = None) -> CaseRef:
        case_id, number = new_id(), self._number(when)
        self.pending.append((new, when, actor_id or self.uow.actor_id, case_id, number))
        return CaseRef(case_id, number)

    def _number(self, when: datetime) -> str:
        """As next_case_number: the month's counter or the highest number stored, whichever is higher."""
        year, month = _month_key(when)
        key = f"{CASE_SEQ_PREFIX}{year % 100:02d}{month:02d}"
        tag = self.uow.identity.tag
        if key not in self.running:
            row = self.s.get(StoreMeta, key)
            prefix = case_number(self.dealer.code, year, month, tag, 0)[:-4]
            self.running[key] = max(int(row.value) if row is not None else 0, highest_running_number(self.s, prefix))
        self.running[key] += 1
        return case_number(self.dealer.code, year, month, tag, self.running[key])

    def flush(self) -> None:
        if not self.pending:
            return
        s, dealer_id, origin = self.s, self.dealer.id, self.uow.identity.store_id
        people = []
        for new, *_ in self.pending:
            people.append((identifiers.name(new.customer_name), normalise_phone(new.phone), normalise_plate(new.plate)))
        given = {new.customer_id for new, *_ in self.pending if new.customer_id}
        existing = set()
        for chunk in _chunks(sorted(given)):
            existing.update(s.scalars(select(Customer.id).where(Customer.id.in_(chunk))))
        returning = Returning(s, dealer_id, [p for (new, *_), p in zip(self.pending, people)
                                             if new.customer_id not in existing])
        customers, cases, events = [], [], []
        chosen = []
        for (new, when, actor_id, case_id, number), (name, phone, plate) in zip(self.pending, people):
            cid = new.customer_id if new.customer_id in existing else returning.find(name, phone, plate)
            if cid is None:
                cid = new_id()
                customers.append({"id": cid, "dealer_id": dealer_id, "name": name, "phone": phone, "created_at": when})
                returning.remember(cid, name, phone, plate)
            chosen.append(cid)
        vehicles = self._vehicles(chosen, people)
        new_vehicles, changed = [], {}
        for (new, when, actor_id, case_id, number), (name, phone, plate), cid in zip(self.pending, people, chosen):
            v = vehicles.get((cid, plate))
            if v is None:
                v = vehicles[(cid, plate)] = {"id": new_id(), "dealer_id": dealer_id, "customer_id": cid, "plate": plate,
                                              "vin": new.vin or None, "model": new.model or None}
                new_vehicles.append(v)
            else:  # a known car: what the complaint says of it wins, as open_case_in does
                v["vin"], v["model"] = new.vin or v["vin"], new.model or v["model"]
                if v.get("stored"):
                    changed[v["id"]] = v
            assignee = new.assignee_id or actor_id
            cases.append({
                "id": case_id, "number": number, "dealer_id": dealer_id, "customer_id": cid, "vehicle_id": v["id"],
                "repair_order_id": new.repair_order_id, "form_id": new.form_id, "channel": new.channel,
                "customer_words": new.customer_words, "mood": new.mood, "failure_type": new.failure_type,
                "cause_group": new.cause_group, "blame": new.blame, "severity": new.severity,
                "severity_reason": new.severity_reason, "status": CaseStatus.OPEN.value, "assignee_id": assignee,
                "opened_at": when, "version": 1, "created_by": actor_id, "updated_at": when,
                "root_cause": "", "improvement": ""})
            payload = {k: v for k, v in asdict(new).items() if k != "dealer_code"}
            payload.update(number=number, customer_id=cid, vehicle_id=v["id"], phone=phone, plate=plate,
                           assignee_id=assignee)
            events.append(event_row("case", case_id, 1, "case.opened", payload, dealer_id=dealer_id, origin=origin,
                                    actor_id=actor_id, occurred_at=when))
        bulk_insert(s, Customer.__table__, customers)
        bulk_insert(s, Vehicle.__table__, [{k: v[k] for k in ("id", "dealer_id", "customer_id", "plate", "vin", "model")}
                                           for v in new_vehicles])
        if changed:
            t = Vehicle.__table__
            s.connection().execute(update(t).where(t.c.id == bindparam("b_id")).values(vin=bindparam("vin"), model=bindparam("model")),
                                   [{"b_id": i, "vin": v["vin"], "model": v["model"]} for i, v in changed.items()])
        bulk_insert(s, FailureCase.__table__, cases)
        bulk_insert(s, Event.__table__, events)
        for key, seq in self.running.items():
            row = s.get(StoreMeta, key)
            if row is None:
                s.add(StoreMeta(key=key, value=str(seq)))
            else:
                row.value = str(seq)
        s.flush()
        self.pending = []

    def _vehicles(self, customer_ids: list[str], people) -> dict[tuple[str, str], dict]:
        """The stored vehicles of the batch's customers, by (customer, plate)."""
        found: dict[tuple[str, str], dict] = {}
        plates = {p for _n, _ph, p in people}
        for chunk in _chunks(sorted(set(customer_ids))):
            for vid, cid, plate, vin, model in self.s.execute(
                    select(Vehicle.id, Vehicle.customer_id, Vehicle.plate, Vehicle.vin, Vehicle.model)
                    .where(Vehicle.customer_id.in_(chunk)).order_by(Vehicle.id)):
                if plate in plates:
                    found.setdefault((cid, plate), {"id": vid, "vin": vin, "model": model, "stored": True})
        return found


def _chunks(items: list, n: int = 500):
    for i in range(0, len(items), n):
        yield items[i:i + n]
