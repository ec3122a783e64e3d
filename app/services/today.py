"""What needs the advisor now: cases waiting for a first response, callbacks, failure forms with no case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import exists, func, select

from app.models import Customer, FailureCase, FeedbackForm, RepairOrder, utcnow
from app.services import settings
from app.services.assessment import MonthSummary, failure_condition, month_summary
from app.vocab import CaseStatus

LOOKBACK_DAYS = 30
# A to-do list needs "a lot", not an exact 100,000: counting stops here so Today stays fast.
COUNT_CAP = 1000


@dataclass(frozen=True)
class CaseItem:
    id: str
    number: str
    customer: str
    opened_at: datetime
    severity: str


@dataclass(frozen=True)
class FormItem:
    form_id: str
    repair_order: str
    customer: str
    service_date: date
    grades: str
    overall: int | None


@dataclass(frozen=True)
class TodayFigures:
    waiting: list[CaseItem]
    waiting_count: int
    callbacks: list[CaseItem]
    callbacks_count: int
    forms_without_case: list[FormItem]
    forms_without_case_count: int
    month: MonthSummary


def _capped(session, q) -> int:
    """How many rows ``q`` finds, counting no further than COUNT_CAP."""
    return session.scalar(select(func.count()).select_from(q.limit(COUNT_CAP).subquery()))


def today_figures(store, *, today: date | None = None, limit: int = 8) -> TodayFigures:
    today = today or date.today()
    dealer = store.identity.home_dealer_id
    with store.session() as s:
        threshold = settings.get(s, "failure.overall_threshold")

        def cases(cond, order):
            base = select(FailureCase.id, FailureCase.number, Customer.name, FailureCase.opened_at,
                          FailureCase.severity).join(Customer, Customer.id == FailureCase.customer_id) \
                .where(FailureCase.dealer_id == dealer, *cond)
            rows = [CaseItem(*r) for r in s.execute(base.order_by(order).limit(limit))]
            # dealer_id, not id: the count then reads Today's index alone (see migration 0005_today).
            n = _capped(s, select(FailureCase.dealer_id).where(FailureCase.dealer_id == dealer, *cond))
            return rows, n

        waiting, waiting_n = cases([FailureCase.status == CaseStatus.OPEN.value,
                                    FailureCase.first_response_at.is_(None)], FailureCase.opened_at.asc())
        callbacks, callbacks_n = cases([FailureCase.status == CaseStatus.AWAITING_CALLBACK.value],
                                       FailureCase.updated_at.asc())
        no_case = [FeedbackForm.dealer_id == dealer,
                   FeedbackForm.service_date >= today - timedelta(days=LOOKBACK_DAYS),
                   failure_condition(threshold),
                   ~exists().where(FailureCase.form_id == FeedbackForm.id)]
        forms = [FormItem(r[0], r[1], r[2], r[3], f"{r[4]}{r[5]}{r[6]}", r[7]) for r in s.execute(
            select(FeedbackForm.id, RepairOrder.number, Customer.name, FeedbackForm.service_date,
                   FeedbackForm.timeliness, FeedbackForm.repair_quality, FeedbackForm.attitude, FeedbackForm.overall)
            .join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
            .join(Customer, Customer.id == RepairOrder.customer_id)
            .where(*no_case).order_by(FeedbackForm.service_date.desc()).limit(limit))]
        forms_n = _capped(s, select(FeedbackForm.dealer_id).where(*no_case))
    summary = month_summary(store, today.strftime("%Y-%m"))
    return TodayFigures(waiting, waiting_n, callbacks, callbacks_n, forms, forms_n, summary)
