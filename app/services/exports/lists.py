"""The case list and the feedback forms as a person reads them in a workbook: names, local dates and
titles in the reader's language, never ids; phones whole only for a role that may take them out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Customer, Dealer, FailureCase, FeedbackForm, RepairOrder, User, Vehicle
from app.rules.privacy import phone_for
from app.rules.vocab import CaseStatus, CauseGroup, Channel, Severity, Verification
from app.services.cases.case_queries import KEYSET_SORTS, CaseFilter, case_page
from app.services.exports.workbook import Progress, Sheet, write_workbook

Translate = Callable[[str, str], str]
CTX = "Export"
PAGE = 1000

CASE_TITLES = (QT_TRANSLATE_NOOP("Export", "Case"), QT_TRANSLATE_NOOP("Export", "Opened"),
               QT_TRANSLATE_NOOP("Export", "Status"), QT_TRANSLATE_NOOP("Export", "Severity"),
               QT_TRANSLATE_NOOP("Export", "Found through"), QT_TRANSLATE_NOOP("Export", "Cause"),
               QT_TRANSLATE_NOOP("Export", "Customer"), QT_TRANSLATE_NOOP("Export", "Phone"),
               QT_TRANSLATE_NOOP("Export", "Plate"), QT_TRANSLATE_NOOP("Export", "Advisor"),
               QT_TRANSLATE_NOOP("Export", "Overdue"))
CASE_WIDTHS = [20, 17, 16, 10, 16, 14, 12, 14, 12, 12, 8]
FORM_TITLES = (QT_TRANSLATE_NOOP("Export", "Service date"), QT_TRANSLATE_NOOP("Export", "Repair order"),
               QT_TRANSLATE_NOOP("Export", "Advisor"), QT_TRANSLATE_NOOP("Export", "Customer"),
               QT_TRANSLATE_NOOP("Export", "Phone"), QT_TRANSLATE_NOOP("Export", "Plate"),
               QT_TRANSLATE_NOOP("Export", "Timeliness"), QT_TRANSLATE_NOOP("Export", "Repair quality"),
               QT_TRANSLATE_NOOP("Export", "Attitude"), QT_TRANSLATE_NOOP("Export", "Score"),
               QT_TRANSLATE_NOOP("Export", "Overall score"), QT_TRANSLATE_NOOP("Export", "Verification"),
               QT_TRANSLATE_NOOP("Export", "Comment"))
FORM_WIDTHS = [12, 16, 12, 12, 14, 12, 8, 8, 8, 7, 8, 12, 40]
YES, NO = QT_TRANSLATE_NOOP("Export", "yes"), QT_TRANSLATE_NOOP("Export", "no")
CASES_SHEET, FORMS_SHEET = QT_TRANSLATE_NOOP("Export", "Cases"), QT_TRANSLATE_NOOP("Export", "Feedback forms")
DEALER = QT_TRANSLATE_NOOP("Export", "Dealer")


def _titles(vocab, translate: Translate) -> dict[str, str]:
    return {m.value: translate("Vocab", m.title) for m in vocab}


def case_rows(store, f: CaseFilter, sort: str, descending: bool, role: str | None,
              translate: Translate) -> Iterator[list]:
    """Every case the list shows under ``f``, in its order (a page at a time, through the list's own query)."""
    status, severity = _titles(CaseStatus, translate), _titles(Severity, translate)
    channel, cause = _titles(Channel, translate), _titles(CauseGroup, translate)
    yes, no = translate(CTX, YES), translate(CTX, NO)
    offset, after = 0, None
    while True:
        page = case_page(store, f, sort=sort, descending=descending, offset=offset, limit=PAGE, after=after)
        for r in page.rows:
            yield [r.number, r.opened_at.astimezone(), status.get(r.status, r.status),
                   severity.get(r.severity, r.severity), channel.get(r.channel, r.channel),
                   cause.get(r.cause_group, r.cause_group), r.customer, phone_for(role, r.phone), r.plate,
                   r.assignee, yes if r.overdue else no]
        if len(page.rows) < PAGE:
            return
        offset += PAGE
        after = page.rows[-1].key(sort) if sort in KEYSET_SORTS else None


@dataclass(frozen=True)
class FormFilter:
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    dealer_id: str | None = None  # None: every dealer's (head office)


def form_rows(session, f: FormFilter, role: str | None, translate: Translate, *,
              with_dealer: bool = False) -> Iterator[list]:
    """The forms under ``f``, by service date then repair order."""
    verification = _titles(Verification, translate)
    q = (select(FeedbackForm.service_date, RepairOrder.number, User.display_name, Customer.name, Customer.phone,
                Vehicle.plate, FeedbackForm.timeliness, FeedbackForm.repair_quality, FeedbackForm.attitude,
                FeedbackForm.score, FeedbackForm.overall, FeedbackForm.verification, FeedbackForm.comment,
                Dealer.code)
         .join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
         .join(Customer, Customer.id == RepairOrder.customer_id)
         .join(Dealer, Dealer.id == FeedbackForm.dealer_id)
         .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
         .outerjoin(User, User.id == FeedbackForm.advisor_id)
         .order_by(FeedbackForm.service_date, RepairOrder.number))
    if f.dealer_id:
        q = q.where(FeedbackForm.dealer_id == f.dealer_id)
    if f.date_from:
        q = q.where(FeedbackForm.service_date >= f.date_from)
    if f.date_to:
        q = q.where(FeedbackForm.service_date <= f.date_to)
    for r in session.execute(q.execution_options(yield_per=2000)):
        row = [r[0], r[1], r[2] or "", r[3], phone_for(role, r[4]), r[5] or "", r[6], r[7], r[8], r[9], r[10],
               verification.get(r[11], r[11]), r[12] or ""]
        yield [r[13], *row] if with_dealer else row


def central_case_rows(session, translate: Translate) -> Iterator[list]:
    """Every dealer's cases for head office: the dealer first, phones masked (head office calls no customer)."""
    status, severity = _titles(CaseStatus, translate), _titles(Severity, translate)
    channel, cause = _titles(Channel, translate), _titles(CauseGroup, translate)
    assignee = aliased(User)
    q = (select(Dealer.code, FailureCase.number, FailureCase.opened_at, FailureCase.status, FailureCase.severity,
                FailureCase.channel, FailureCase.cause_group, Customer.name, Customer.phone, Vehicle.plate,
                assignee.display_name)
         .join(Dealer, Dealer.id == FailureCase.dealer_id)
         .join(Customer, Customer.id == FailureCase.customer_id)
         .outerjoin(Vehicle, Vehicle.id == FailureCase.vehicle_id)
         .outerjoin(assignee, assignee.id == FailureCase.assignee_id)
         .order_by(Dealer.code, FailureCase.opened_at))
    for r in session.execute(q.execution_options(yield_per=2000)):
        yield [r[0], r[1], r[2].astimezone() if r[2] else None, status.get(r[3], r[3]), severity.get(r[4], r[4]),
               channel.get(r[5], r[5]), cause.get(r[6], r[6]), r[7], phone_for(None, r[8]), r[9] or "", r[10] or ""]


def export_cases(store, path: Path, f: CaseFilter, *, sort: str = "opened_at", descending: bool = True,
                 role: str | None = None, translate: Translate = lambda _c, t: t,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> int:
    """The case list as filtered and sorted on screen, to ``path``; the cases written."""
    sheet = Sheet(translate(CTX, CASES_SHEET), [translate(CTX, t) for t in CASE_TITLES],
                  case_rows(store, f, sort, descending, role, translate), CASE_WIDTHS)
    return sum(write_workbook(path, [sheet], progress=progress, cancelled=cancelled).values())


def export_forms(store, path: Path, f: FormFilter, *, role: str | None = None,
                 translate: Translate = lambda _c, t: t, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> int:
    """This dealer's feedback forms between two service dates, to ``path``; the forms written."""
    f = FormFilter(f.date_from, f.date_to, f.dealer_id or store.identity.home_dealer_id)
    with store.session() as s:
        sheet = Sheet(translate(CTX, FORMS_SHEET), [translate(CTX, t) for t in FORM_TITLES],
                      form_rows(s, f, role, translate), FORM_WIDTHS)
        return sum(write_workbook(path, [sheet], progress=progress, cancelled=cancelled).values())
