"""Today's 12-month trend: each month's average score and failure share, by the same definitions as the month's figures,
read from the counter's month sums of forms (app.services.glance.form_month)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select

from app.foundation import clock
from app.models import FeedbackForm, FormMonth
from app.rules import scoring
from app.services import settings
from app.services.assessment import counted_condition, month_bounds, previous
from app.services.figures import failure_condition
from app.services.glance.form_month import failures_column

MONTHS = 12


@dataclass(frozen=True)
class MonthPoint:
    month: str  # YYYY-MM
    forms: int
    average: float | None  # None: no assessed form that month (a gap, not a zero)
    failure_share: float | None


def months_back(year: int, month: int, n: int = MONTHS) -> list[tuple[int, int]]:
    """The ``n`` months ending with (year, month), oldest first."""
    out = [(year, month)]
    for _ in range(n - 1):
        out.append(previous(*out[-1]))
    return out[::-1]


def month_trend(store, *, today: date | None = None, months: int = MONTHS) -> list[MonthPoint]:
    """The last ``months`` months up to this one, as Today's month box counts them (forms counted by the
    assessment's rule, failures by the one failure condition)."""
    today = today or clock.today()
    span = months_back(today.year, today.month, months)
    with store.session() as s:
        sums = month_sums(s, store.identity.home_dealer_id, span)
    return [MonthPoint(f"{y:04d}-{m:02d}", n, scoring.average(t, n), scoring.failure_share(f, n))
            for (y, m), (n, t, f) in sums.items()]


def month_sums(session, dealer_id: str, span: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int, int]]:
    """(counted forms, their total score, failures) of each month of ``span`` (consecutive (year, month),
    oldest first), as Today's month box counts them: forms by the assessment's rule, failures by the one
    failure condition, under the settings in force. Today's headline and its trend both read this."""
    verified_only = settings.get(session, "assessment.verified_only")
    threshold = settings.get(session, "failure.overall_threshold")
    start, end = month_bounds(*span[0])[0], month_bounds(*span[-1])[1]
    read = sums_from_table if kept_sums(session, threshold) else sums_from_forms
    sums = {m: [0, 0, 0] for m in span}
    for day, n, total, failures in read(session, dealer_id, start, end, verified_only=verified_only,
                                        overall_threshold=threshold):
        acc = sums[(day.year, day.month)]
        acc[0] += int(n or 0)
        acc[1] += int(total or 0)
        acc[2] += int(failures or 0)
    return {m: (n, t, f) for m, (n, t, f) in sums.items()}


def kept_sums(session, overall_threshold: int) -> bool:
    """Whether form_month holds the answer: on SQLite (its triggers keep it; head office's PostgreSQL
    has none) and for a threshold it counts failures under (every one the setting allows)."""
    return session.get_bind().dialect.name == "sqlite" and failures_column(overall_threshold) is not None


def sums_from_table(session, dealer_id: str, start: date, end: date, *, verified_only: bool,
                    overall_threshold: int):
    """(first day of the month, counted forms, their total score, failures) per month in [start, end),
    from form_month: at most three rows a month, whatever the number of forms."""
    T = FormMonth
    counted = counted_condition(verified_only, T.verification)
    failures = failures_column(overall_threshold)
    return session.execute(
        select(T.month, func.sum(case((counted, T.forms), else_=0)), func.sum(case((counted, T.total), else_=0)),
               func.sum(case((counted, failures), else_=0)))
        .where(T.dealer_id == dealer_id, T.month >= start, T.month < end).group_by(T.month))


def sums_from_forms(session, dealer_id: str, start: date, end: date, *, verified_only: bool,
                    overall_threshold: int):
    """The same sums per day, from the forms themselves (the covering index of their month figures):
    where form_month is not kept, and what tests hold form_month to."""
    counted = counted_condition(verified_only)
    failing = and_(counted, failure_condition(overall_threshold))
    return session.execute(
        select(FeedbackForm.service_date, func.sum(case((counted, 1), else_=0)),
               func.sum(case((counted, FeedbackForm.score), else_=0)), func.sum(case((failing, 1), else_=0)))
        .where(FeedbackForm.dealer_id == dealer_id, FeedbackForm.service_date >= start,
               FeedbackForm.service_date < end)
        .group_by(FeedbackForm.service_date))
