"""Aggregates the reports need that SQL has no portable function for: durations and percentiles.

Both SQLite (a counter) and PostgreSQL (head office) compute them; only ever a count and at most
two values per percentile come back to Python.
"""

from __future__ import annotations

import math

from sqlalchemy import func, literal, select


def hours_between(dialect: str, later, earlier):
    """(later - earlier) in hours as a SQL expression."""
    if dialect == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * literal(24.0)
    return func.extract("epoch", later - earlier) / literal(3600.0)


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
