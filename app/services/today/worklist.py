"""What needs the advisor now: cases waiting for a first response, callbacks, failure forms with no case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import exists, func, select

from app.foundation import clock
from app.models import Callback, Customer, FailureCase, FeedbackForm, RepairOrder, utcnow
from app.rules.vocab import CallbackState, CaseStatus
from app.rules import scoring
from app.rules.recovery import callback_overdue, first_response_overdue
from app.services import settings
from app.services.figures import failure_condition
from app.services.glance.trend import month_sums, months_back
from app.services.orders.calls import CallFigures, call_figures

LOOKBACK_DAYS = 30
# A to-do list needs "a lot", not an exact 100,000: counting stops here so Today stays fast.
COUNT_CAP = 1000
# The overdue cases Today lists (the oldest); the case list's "Overdue only" filter shows them all.
OVERDUE_SHOWN = 50
# Today's statements are written on the tables, not the mapped classes: SQLAlchemy's Core compiles and
# runs a statement of columns only without its ORM layer, half of their compiling on the first read in
# a process (the read the desk waits for after the PIN). The SQL is the same.
_case, _customer, _callback, _form, _order = (m.__table__ for m in (FailureCase, Customer, Callback, FeedbackForm,
                                                                    RepairOrder))


@dataclass(frozen=True)
class CaseItem:
    id: str
    number: str
    customer: str
    opened_at: datetime
    severity: str
    due_at: datetime | None = None  # a callback's due time (callbacks list only)
    overdue: bool = False  # first response or callback later than the settings allow


@dataclass(frozen=True)
class FormItem:
    form_id: str
    repair_order: str
    customer: str
    service_date: date
    grades: str
    overall: int | None


@dataclass(frozen=True)
class MonthHeadline:
    """The month's figures Today shows: those of app.services.assessment.month_summary (the same
    counted and failure conditions, the same rules), without the grade tables and complaints it
    also sums, read in one pass over the covering (dealer, date, grades) index."""
    month: str
    forms: int
    total: int
    average: float | None
    failures: int
    failure_share: float | None
    previous_forms: int
    previous_average: float | None
    change: float | None


@dataclass(frozen=True)
class TodayFigures:
    waiting: list[CaseItem]
    waiting_count: int
    callbacks: list[CaseItem]
    callbacks_count: int
    forms_without_case: list[FormItem]
    forms_without_case_count: int
    month: MonthHeadline
    calls: CallFigures | None = None  # the month's 3-day calls so far (the monthly summary's definition)


def _capped(session, q) -> int:
    """How many rows ``q`` finds, counting no further than COUNT_CAP."""
    return session.scalar(select(func.count()).select_from(q.limit(COUNT_CAP).subquery()))


def month_headline(session, dealer_id: str, day: date) -> MonthHeadline:
    """This month's forms, average and failures against last month's, from the month sums (the trend's:
    at most a few rows a month on the counter, not a pass over two months of forms)."""
    before, this = months_back(day.year, day.month, 2)
    sums = month_sums(session, dealer_id, [before, this])
    (forms, total, failures), (previous_forms, previous_total, _) = sums[this], sums[before]
    average, previous_average = scoring.average(total, forms), scoring.average(previous_total, previous_forms)
    return MonthHeadline(day.strftime("%Y-%m"), forms, total, average, failures,
                         scoring.failure_share(failures, forms), previous_forms, previous_average,
                         scoring.change(average, previous_average))


def today_figures(store, *, today: date | None = None, limit: int = 8, now: datetime | None = None) -> TodayFigures:
    today = today or (now.astimezone().date() if now else clock.today())
    now = now or utcnow()
    dealer = store.identity.home_dealer_id
    case, customer, call, form, order = _case.c, _customer.c, _callback.c, _form.c, _order.c
    with store.session() as s:
        threshold = settings.get(s, "failure.overall_threshold")
        first_response_hours = settings.get(s, "cases.first_response_hours")
        grace = settings.get(s, "recovery.callback_overdue_hours")

        def cases(cond, order_by):
            base = select(case.id, case.number, customer.name, case.opened_at, case.severity) \
                .join_from(_case, _customer, customer.id == case.customer_id).where(case.dealer_id == dealer, *cond)
            rows = [CaseItem(*r, overdue=first_response_overdue(r[3], None, now, first_response_hours))
                    for r in s.execute(base.order_by(order_by).limit(limit))]
            # dealer_id, not id: the count then reads Today's index alone (see migration 0005_today).
            n = _capped(s, select(case.dealer_id).where(case.dealer_id == dealer, *cond))
            return rows, n

        waiting, waiting_n = cases([case.status == CaseStatus.OPEN.value, case.first_response_at.is_(None)],
                                   case.opened_at.asc())
        # Callbacks still to make that are due by the end of today (overdue ones first, they are older).
        tonight = clock.local_midnight(today + timedelta(days=1))
        due = [call.dealer_id == dealer, call.state != CallbackState.REACHED.value,
               call.due_at < tonight, case.status != CaseStatus.CLOSED.value]
        callbacks = [CaseItem(r[0], r[1], r[2], r[3], r[4], due_at=r[5],
                              overdue=callback_overdue(r[5], now, grace))
                     for r in s.execute(
                         select(case.id, case.number, customer.name, case.opened_at, case.severity, call.due_at)
                         .join_from(_callback, _case, case.id == call.case_id)
                         .join(_customer, customer.id == case.customer_id)
                         .where(*due).order_by(call.due_at.asc()).limit(limit))]
        # dealer_id, not id: the callbacks are read from their open index alone (see migration 0023). Latest
        # due first (the index read backwards, no sort): the count stops at COUNT_CAP, and the oldest are
        # more often callbacks left open on closed cases, each a case looked up for nothing (at 100k cases
        # 1,552 cases looked up to count 1,000 from the oldest, 1,000 from the latest).
        callbacks_n = _capped(s, select(call.dealer_id).join_from(_callback, _case, case.id == call.case_id)
                              .where(*due).order_by(call.due_at.desc()))
        no_case = [form.dealer_id == dealer,
                   form.service_date >= today - timedelta(days=LOOKBACK_DAYS),
                   failure_condition(threshold),
                   ~exists().where(case.form_id == form.id)]
        forms = [FormItem(r[0], r[1], r[2], r[3], f"{r[4]}{r[5]}{r[6]}", r[7]) for r in s.execute(
            select(form.id, order.number, customer.name, form.service_date,
                   form.timeliness, form.repair_quality, form.attitude, form.overall)
            .join_from(_form, _order, order.id == form.repair_order_id)
            .join(_customer, customer.id == order.customer_id)
            .where(*no_case).order_by(form.service_date.desc()).limit(limit))]
        forms_n = _capped(s, select(form.dealer_id).where(*no_case))
        month = month_headline(s, dealer, today)
        calls = call_figures(s, dealer, today.replace(day=1), today, today)
    return TodayFigures(waiting, waiting_n, callbacks, callbacks_n, forms, forms_n, month, calls)
