"""A customer's own records, given to them on request (PIPL): who we hold them as, their cars, their
visits with the forms they filled, their cases with what they said and what they were offered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from sqlalchemy import select

from app.foundation import clock
from app.foundation.errors import NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Customer, Dealer, FailureCase, FeedbackForm, Remedy, RepairOrder, Vehicle
from app.rules.vocab import CaseStatus, RemedyKind
from app.reports.pdf import WIDTH, PrintInfo, Styles, Translate, build, para, table


@dataclass(frozen=True)
class CustomerRecords:
    dealer: str
    name: str
    phone: str
    cars: list[tuple[str, str, str]]  # plate, VIN, model
    visits: list[tuple[date, str, str, str, str, str]]  # day, repair order, plate, grades, overall, comment
    cases: list[tuple[datetime, str, str, str, tuple]]  # opened, number, status, what they said, remedies


def gather(store, customer_id: str) -> CustomerRecords:
    with store.session() as s:
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Customer"), key=customer_id)
        cars = [(p or "", v or "", m or "") for p, v, m in s.execute(
            select(Vehicle.plate, Vehicle.vin, Vehicle.model).where(Vehicle.customer_id == customer_id)
            .order_by(Vehicle.plate))]
        visits = [(r.opened_on, r.number, r.plate or "",
                   f"{r.timeliness}{r.repair_quality}{r.attitude}" if r.timeliness else "",
                   "" if r.overall is None else str(r.overall), r.comment or "")
                  for r in s.execute(
                      select(RepairOrder.opened_on, RepairOrder.number, Vehicle.plate, FeedbackForm.timeliness,
                             FeedbackForm.repair_quality, FeedbackForm.attitude, FeedbackForm.overall,
                             FeedbackForm.comment)
                      .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
                      .outerjoin(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
                      .where(RepairOrder.customer_id == customer_id).order_by(RepairOrder.opened_on))]
        cases = []
        for case in s.scalars(select(FailureCase).where(FailureCase.customer_id == customer_id)
                              .order_by(FailureCase.opened_at)):
            offered = tuple((r.kind, r.amount, r.description or "") for r in s.scalars(
                select(Remedy).where(Remedy.case_id == case.id)))
            cases.append((case.opened_at, case.number, case.status, case.customer_words or "", offered))
        dealer = s.get(Dealer, c.dealer_id)
        return CustomerRecords(dealer.code if dealer else "", c.name, c.phone, cars, visits, cases)


def _title(vocab, value: str, translate: Translate) -> str:
    try:
        return translate("Vocab", vocab(value).title)
    except ValueError:
        return value


def render(records: CustomerRecords, out, translate: Translate, printed_by: str,
           printed_at: datetime | None = None) -> None:
    st = Styles()
    story = [para(translate("Reports", "Your records with us"), st.title),
             para(translate("Reports", "Name: {name}  Phone: {phone}").format(name=records.name, phone=records.phone), st.big),
             para(translate("Reports", "Cars"), st.h2),
             table([[translate("Reports", "Plate"), translate("Reports", "VIN"), translate("Reports", "Model")]] + [list(c) for c in records.cars] or [["-", "", ""]],
                   [40 * mm, 60 * mm, WIDTH - 100 * mm], st, numeric=set()),
             para(translate("Reports", "Visits and feedback forms"), st.h2),
             table([[translate("Reports", "Date"), translate("Reports", "Repair order"), translate("Reports", "Plate"), translate("Reports", "Grades"), translate("Reports", "Overall"), translate("Reports", "Comment")]]
                   + [[v[0].isoformat(), *v[1:]] for v in records.visits],
                   [22 * mm, 32 * mm, 25 * mm, 16 * mm, 16 * mm, WIDTH - 111 * mm], st, numeric=set()),
             para(translate("Reports", "Your cases"), st.h2),
             table([[translate("Reports", "Opened"), translate("Reports", "Case"), translate("Reports", "Status"), translate("Reports", "What you told us"), translate("Reports", "Remedies offered")]]
                   + [[c[0].astimezone().strftime("%Y-%m-%d"), c[1], _title(CaseStatus, c[2], translate), c[3],
                       "; ".join(f"{_title(RemedyKind, k, translate)} {amount} {text}".strip() for k, amount, text in c[4])]
                      for c in records.cases],
                   [22 * mm, 40 * mm, 25 * mm, (WIDTH - 87 * mm) / 2, (WIDTH - 87 * mm) / 2], st, numeric=set()),
             para(translate("Reports", "Everything this dealer holds about you is listed here. Ask at the service counter to have "
                    "a mistake corrected."), st.note)]
    info = PrintInfo(translate("Reports", "A customer's own records"), records.dealer, records.name, printed_by,
                     printed_at or clock.local_now())
    build(out, story, info, translate)
