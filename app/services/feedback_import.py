"""Import feedback forms from CSV into the store: all or nothing, idempotent, conflicts reported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sqlalchemy import select

from app.foundation.errors import ImportRejected, InvalidInput, Problem
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import new_id
from app.models.bulk import bulk_insert
from app.models import Customer, Dealer, Event, FeedbackForm, RepairOrder, User, Vehicle, utcnow
from app.models.event_codec import event_row
from app.rules.failure import failure_of
from app.rules.scoring import form_score
from app.services import alerts, settings
from app.services.directory import dealer_by_code, ensure_advisors
from app.services.feedback_csv import read_feedback_csv
from app.services.form_values import FormValues
from app.services.uow import UnitOfWork
from app.rules.vocab import Verification

CTX = "Errors"
DISPUTED, UNVERIFIED = Verification.DISPUTED.value, Verification.UNVERIFIED.value
_CHUNK = 500  # stays under SQLite's bound-parameter limit in IN (...) lookups


class OtherDealerRefused(InvalidInput):
    """A counter connected to head office batches only its own dealer's changes."""

    text = QT_TRANSLATE_NOOP("Errors",
        "--dealer {dealer}: this counter is connected to head office for dealer {home}, so it imports only "
        "{home}'s forms (another dealer's would be refused by head office). Leave out --dealer, or import "
        "the file on a counter of {dealer}. Nothing was stored.")

    def render(self, translate=None) -> str:
        text = translate(CTX, self.text) if translate else self.text
        return text.format(**self.params)


def _check_own_dealer(s, dealer_code: str | None, home_dealer_id: str) -> None:
    if not dealer_code or not settings.get(s, "sync.server_url"):
        return
    home = s.get(Dealer, home_dealer_id)
    if home is not None and dealer_code.strip().upper() != home.code.upper():
        raise OtherDealerRefused(dealer=dealer_code.strip()[:40], home=home.code)


@dataclass(frozen=True)
class ImportResult:
    file: str
    dealer_code: str
    rows: int
    imported: int
    already_stored: int


def _chunks(items: list, n: int = _CHUNK) -> Iterable[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _stored_content(session, dealer_id: str, numbers: list[str]) -> dict[str, dict]:
    """What the store already holds for these repair orders, in the CSV's terms."""
    out: dict[str, dict] = {}
    for chunk in _chunks(numbers):
        q = (select(RepairOrder.number, FeedbackForm.service_date, User.display_name, Customer.name,
                    Customer.phone, Vehicle.plate, FeedbackForm.timeliness, FeedbackForm.repair_quality,
                    FeedbackForm.attitude, FeedbackForm.overall, FeedbackForm.comment)
             .join(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
             .join(Customer, Customer.id == RepairOrder.customer_id)
             .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
             .outerjoin(User, User.id == FeedbackForm.advisor_id)
             .where(RepairOrder.dealer_id == dealer_id, RepairOrder.number.in_(chunk)))
        for r in session.execute(q):
            out[r.number] = {"date": r.service_date, "advisor": r.display_name, "customer": r.name,
                             "phone": r.phone, "plate": r.plate, "timeliness": r.timeliness,
                             "repair_quality": r.repair_quality, "attitude": r.attitude,
                             "overall": r.overall, "comment": r.comment}
    return out


def import_feedback_csv(store, path: Path, dealer_code: str | None = None,
                        actor_id: str | None = None) -> ImportResult:
    path = Path(path)
    rows = read_feedback_csv(path)
    with UnitOfWork(store, actor_id) as uow:
        s = uow.session
        _check_own_dealer(s, dealer_code, uow.identity.home_dealer_id)
        dealer = dealer_by_code(s, dealer_code, uow.identity.home_dealer_id, create=True)
        stored = _stored_content(s, dealer.id, [r.repair_order for r in rows])
        problems: list[Problem] = []
        new_rows: list[FormValues] = []
        for row in rows:
            have = stored.get(row.repair_order)
            if have is None:
                new_rows.append(row)
                continue
            mine = row.content()
            diff = [k for k in mine if mine[k] != have[k]]
            if diff:
                problems.append(Problem(row.line, ",".join(diff), QT_TRANSLATE_NOOP("Errors",
                    "Repair order {ro} is already stored with different {fields} (stored: {stored}; file: {file}). "
                    "Nothing was overwritten: correct the form in the app, or fix this line."),
                    {"ro": row.repair_order, "fields": ", ".join(diff),
                     "stored": "; ".join(f"{k}={have[k]}" for k in diff),
                     "file": "; ".join(f"{k}={mine[k]}" for k in diff)}))
        if problems:
            raise ImportRejected(path.name, problems)
        store_forms(uow, dealer.id, new_rows, source="import", origin_note=path.name)
        # Supervisors are alerted to an imported failure form as to a typed one (once per form:
        # the file's forms already stored get an alert only if they still lack one).
        alerts.ensure_for_forms(s, dealer.id, _failing_form_ids(s, dealer.id, rows), actor_id)
        uow.commit()
    return ImportResult(path.name, dealer.code, len(rows), len(new_rows), len(rows) - len(new_rows))


def _failing_form_ids(session, dealer_id: str, rows: list[FormValues]) -> list[str]:
    """The stored forms of the file's failure rows (judged on the row first: only those are looked up)."""
    threshold = settings.get(session, "failure.overall_threshold")
    numbers = [r.repair_order for r in rows if failure_of(r, threshold)]
    out: list[str] = []
    for chunk in _chunks(numbers):
        out += session.scalars(select(FeedbackForm.id).join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
                               .where(RepairOrder.dealer_id == dealer_id, RepairOrder.number.in_(chunk)))
    return out


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

    customers: dict[tuple[str, str], str] = {}
    phones = sorted({r.phone for r in rows})
    for chunk in _chunks(phones):
        for cid, name, phone in s.execute(select(Customer.id, Customer.name, Customer.phone)
                                          .where(Customer.dealer_id == dealer_id, Customer.phone.in_(chunk))):
            customers.setdefault((phone, name), cid)
    vehicles: dict[tuple[str, str], str] = {}
    known_customer_ids = list(set(customers.values()))
    for chunk in _chunks(known_customer_ids):
        for vid, cid, plate in s.execute(select(Vehicle.id, Vehicle.customer_id, Vehicle.plate)
                                         .where(Vehicle.customer_id.in_(chunk))):
            vehicles.setdefault((cid, plate), vid)

    new_customers, new_vehicles, ros, forms, events, ids = [], [], [], [], [], []
    origin = uow.identity.store_id
    for r in rows:
        cid = customers.get((r.phone, r.customer))
        if cid is None:
            cid = customers[(r.phone, r.customer)] = new_id()
            new_customers.append({"id": cid, "dealer_id": dealer_id, "name": r.customer, "phone": r.phone,
                                  "created_at": now})
        vid = vehicles.get((cid, r.plate))
        if vid is None:
            vid = vehicles[(cid, r.plate)] = new_id()
            new_vehicles.append({"id": vid, "dealer_id": dealer_id, "customer_id": cid, "plate": r.plate,
                                 "vin": None, "model": None})
        ro_id, form_id = new_id(), new_id()
        advisor_id = advisors[r.advisor]
        ros.append({"id": ro_id, "dealer_id": dealer_id, "number": r.repair_order, "customer_id": cid,
                    "vehicle_id": vid, "advisor_id": advisor_id, "opened_on": r.service_date})
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
            actor_id=uow.actor_id, dealer_id=dealer_id, origin=origin, occurred_at=now))
        if disputed:
            events.append(event_row("form", form_id, 2, "form.disputed",
                                    {**(disputed_payload or {}), "verification": DISPUTED, "from": UNVERIFIED},
                                    actor_id=uow.actor_id, dealer_id=dealer_id, origin=origin, occurred_at=now))
        ids.append(form_id)
    for table, data in ((Customer, new_customers), (Vehicle, new_vehicles), (RepairOrder, ros),
                        (FeedbackForm, forms), (Event, events)):
        bulk_insert(s, table.__table__, data)
    return ids
