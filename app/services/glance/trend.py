"""Today's 12-month trend: each month's average score and failure share, by the same definitions as the month's figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select

from app.foundation import clock
from app.models import FeedbackForm
from app.rules import scoring
from app.services import settings
from app.services.assessment import counted_condition, month_bounds, previous
from app.services.figures import failure_condition

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
    assessment's rule, failures by the one failure condition); the database sums by day (at most 366 rows)."""
    today = today or clock.today()
    span = months_back(today.year, today.month, months)
    start, end = month_bounds(*span[0])[0], month_bounds(today.year, today.month)[1]
    with store.session() as s:
        counted = counted_condition(settings.get(s, "assessment.verified_only"))
        failing = and_(counted, failure_condition(settings.get(s, "failure.overall_threshold")))
        q = (select(FeedbackForm.service_date, func.sum(case((counted, 1), else_=0)),
                    func.sum(case((counted, FeedbackForm.score), else_=0)), func.sum(case((failing, 1), else_=0)))
             .where(FeedbackForm.dealer_id == store.identity.home_dealer_id, FeedbackForm.service_date >= start,
                    FeedbackForm.service_date < end)
             .group_by(FeedbackForm.service_date))
        sums = {m: [0, 0, 0] for m in span}
        for day, n, total, failures in s.execute(q):
            acc = sums[(day.year, day.month)]
            acc[0] += int(n or 0)
            acc[1] += int(total or 0)
            acc[2] += int(failures or 0)
    return [MonthPoint(f"{y:04d}-{m:02d}", n, scoring.average(t, n), scoring.failure_share(f, n))
            for (y, m), (n, t, f) in sums.items()]
