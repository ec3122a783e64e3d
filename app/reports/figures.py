"""Aggregates the reports need that SQL has no portable function for: durations and percentiles.

Both SQLite (a counter) and PostgreSQL (head office) compute them; only ever a count and at most
two values per percentile come back to Python.
"""

from __future__ import annotations

import math

from sqlalchemy import func, select



def percentile(session, expr, conditions: list, p: float) -> float | None:
    """The p-quantile (0..1) of ``expr`` over rows meeting ``conditions``, interpolated linearly
    between the two nearest ranks (as PostgreSQL's percentile_cont and Python's
    statistics.quantiles(method="inclusive")); None when there are no values."""
    conds = [*conditions, expr.is_not(None)]
    n = session.scalar(select(func.count()).where(*conds))
    if not n:
        return None
    pos = p * (n - 1)
    lo = math.floor(pos)
    values = [float(v) for v in session.scalars(select(expr).where(*conds).order_by(expr).offset(lo).limit(2))]
    if len(values) == 1 or pos == lo:
        return values[0]
    return values[0] + (values[1] - values[0]) * (pos - lo)


def month_pair_by(session, key, filters: list, year: int, month: int, *, verified_only: bool,
                  overall_threshold: int) -> dict:
    """This month's and last month's assessment counts per value of ``key`` (an advisor, a dealer),
    in one grouped query with the same counted/failure conditions as the monthly assessment.

    Returns {key: (forms, total, failures, all_top_forms, previous_forms, previous_total, previous_failures)}.
    """
    from sqlalchemy import and_, case

    from app.models import FeedbackForm
    from app.services.assessment import counted_condition, month_bounds, previous
    from app.services.figures import failure_condition

    def count_if(cond):
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    def sum_if(cond, value):
        return func.coalesce(func.sum(case((cond, value), else_=0)), 0)

    start, end = month_bounds(year, month)
    prev_start = month_bounds(*previous(year, month))[0]
    counted = counted_condition(verified_only)
    this = and_(counted, FeedbackForm.service_date >= start)
    last = and_(counted, FeedbackForm.service_date < start)
    q = (select(key, count_if(this), sum_if(this, FeedbackForm.score),
                count_if(and_(this, failure_condition(overall_threshold))),
                count_if(and_(this, FeedbackForm.score == 6)), count_if(last), sum_if(last, FeedbackForm.score),
                count_if(and_(last, failure_condition(overall_threshold))))
         .where(FeedbackForm.service_date >= prev_start, FeedbackForm.service_date < end, *filters)
         .group_by(key))
    return {k: tuple(int(x) for x in rest) for k, *rest in session.execute(q)}
