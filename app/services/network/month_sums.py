"""Head office's month sums of forms (hq_form_month): kept by the import, read by the network page and report.

At 1,000 dealers over 3 years (about 50 million forms) summing a month's forms, or twelve months
for a trend, is too slow for a page. The sums keep, per dealer, month and verification (what the
counted condition of app.services.assessment reads, so it applies to them unchanged), the forms,
their total, the top scores and the failures counted with app.services.figures' failure condition
under every threshold the setting allows: three rows per dealer and month whatever the settings
say. `tests/unit/test_month_sums.py` proves the figures equal those computed from the forms.

A (dealer, month) is recomputed whole from its forms, in the importer's transaction, after the
file's writes: a corrected or re-sent form can never be counted twice or left at its old value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Date, DateTime, and_, case, cast, delete, func, insert, literal, literal_column, select, text

from app.models import FeedbackForm, HqFormMonth
from app.rules import scoring
from app.rules.settings_catalogue import setting
from app.services.assessment import counted_condition, month_bounds, previous
from app.services.figures import failure_condition

TOP_SCORE = 6  # all three items graded A (app.rules.scoring.form_score)
_ALLOWED = setting("failure.overall_threshold")
THRESHOLDS = range(_ALLOWED.minimum, _ALLOWED.maximum + 1)  # every overall threshold the setting allows
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_LOCK_SPACE = 1101  # advisory locks of head office's sums, one per dealer (PostgreSQL)


def month_of(value) -> date | None:
    """The first day of the month of a date or an ISO date text (a case file's record); None when unreadable."""
    if isinstance(value, date):
        return value.replace(day=1)
    found = _YEAR_MONTH.match(value) if isinstance(value, str) else None
    try:
        return date(int(found[1]), int(found[2]), 1) if found else None
    except ValueError:  # month 13
        return None


def months_of(records: dict) -> set[date]:
    """The months of the forms a case file carries (their service dates): what its import can change.
    A form's service date is never corrected, so its month is the one it was counted in before."""
    return {m for r in records.get("feedback_form", ()) if isinstance(r, dict)
            for m in [month_of(r.get("service_date"))] if m is not None}


def refresh(session, dealer_ids: Iterable[str], months: Iterable[date]) -> None:
    """Recompute the sums of these dealers in these months from their forms (inside the caller's
    transaction, after its writes). On PostgreSQL each dealer's sums are locked first, in a fixed
    order, so two importers of one dealer recompute one after the other and each sees the other's
    committed forms."""
    dealer_ids = sorted(set(dealer_ids))
    months = sorted({month_of(m) for m in months} - {None})
    if not dealer_ids or not months:
        return
    if session.get_bind().dialect.name == "postgresql":
        for dealer_id in dealer_ids:
            session.execute(text("SELECT pg_advisory_xact_lock(:space, hashtext(:dealer))"),
                            {"space": _LOCK_SPACE, "dealer": dealer_id})
    # Every month of the file at once: one statement clears their sums, one sums their forms again.
    F, T = FeedbackForm, HqFormMonth
    month = _month_start(session, F.service_date)
    start, end = month_bounds(months[0].year, months[0].month)[0], month_bounds(months[-1].year, months[-1].month)[1]
    session.execute(delete(T).where(T.dealer_id.in_(dealer_ids), T.month.in_(months)))
    grouped = (select(month, F.dealer_id, F.verification, *_sums())
               .where(F.dealer_id.in_(dealer_ids), F.service_date >= start, F.service_date < end, month.in_(months))
               .group_by(month, F.dealer_id, F.verification))
    session.execute(insert(T).from_select(_SUM_COLUMNS, grouped))


def _month_start(session, day):
    """The first day of ``day``'s month, in SQL (a date on PostgreSQL, its ISO text on SQLite, as a
    Date column stores it there)."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.date_trunc(literal_column("'month'"), cast(day, DateTime)), Date)
    return func.date(day, literal_column("'start of month'"), type_=Date)


_SUM_COLUMNS = ["month", "dealer_id", "verification", "forms", "total", "top", *(f"failures_{t}" for t in THRESHOLDS)]


def _sums():
    F = FeedbackForm
    return (func.count(), func.sum(F.score), _count_if(F.score == TOP_SCORE),
            *(_count_if(failure_condition(t)) for t in THRESHOLDS))


def refresh_all(session) -> None:
    """Recompute every dealer's sums from the forms (a migration, a database filled in bulk)."""
    lo, hi = session.execute(select(func.min(FeedbackForm.service_date), func.max(FeedbackForm.service_date))).one()
    session.execute(delete(HqFormMonth))
    if lo is None:
        return
    month, last = month_of(lo), month_of(hi)
    while month <= last:
        _recompute(session, month)
        y, m = month.year + (month.month == 12), month.month % 12 + 1
        month = date(y, m, 1)


def _recompute(session, month: date) -> None:
    start, end = month_bounds(month.year, month.month)
    F = FeedbackForm
    session.execute(delete(HqFormMonth).where(HqFormMonth.month == month))
    grouped = (select(literal(month, HqFormMonth.month.type), F.dealer_id, F.verification, *_sums())
               .where(F.service_date >= start, F.service_date < end)
               .group_by(F.dealer_id, F.verification))
    session.execute(insert(HqFormMonth).from_select(_SUM_COLUMNS, grouped))


def _count_if(cond):
    return func.sum(case((cond, 1), else_=0))


def _failures(overall_threshold: int):
    """The column counting failures under this threshold (the settings allow 1-10)."""
    if overall_threshold not in THRESHOLDS:
        raise ValueError(f"no month sums for an overall threshold of {overall_threshold}")
    return getattr(HqFormMonth, f"failures_{overall_threshold}")


def _sum_if(cond, value):
    return func.coalesce(func.sum(case((cond, value), else_=0)), 0)


def month_pair_by_dealer(session, year: int, month: int, *, verified_only: bool, overall_threshold: int) -> dict:
    """app.reports.figures.month_pair_by(session, FeedbackForm.dealer_id, [], ...) read from the sums:
    {dealer_id: (forms, total, failures, all_top_forms, previous_forms, previous_total, previous_failures)}."""
    T = HqFormMonth
    this_m, last_m = date(year, month, 1), date(*previous(year, month), 1)
    counted = counted_condition(verified_only, T.verification)
    this, last = and_(counted, T.month == this_m), and_(counted, T.month == last_m)
    fail = _failures(overall_threshold)
    q = (select(T.dealer_id, _sum_if(this, T.forms), _sum_if(this, T.total), _sum_if(this, fail),
                _sum_if(this, T.top), _sum_if(last, T.forms), _sum_if(last, T.total), _sum_if(last, fail))
         .where(T.month.in_([last_m, this_m])).group_by(T.dealer_id))
    return {k: tuple(int(x) for x in rest) for k, *rest in session.execute(q)}


def month_trend(session, months: list[tuple[int, int]], *, verified_only: bool,
                dealer_id: str | None = None) -> dict[tuple[int, int], tuple[int, int]]:
    """Counted forms and their total score per month (the network's, or one dealer's): the terms of
    app.reports.feedback.trend's averages."""
    T = HqFormMonth
    firsts = [date(y, m, 1) for y, m in months]
    counted = counted_condition(verified_only, T.verification)
    q = (select(T.month, _sum_if(counted, T.forms), _sum_if(counted, T.total))
         .where(T.month.in_(firsts), *([T.dealer_id == dealer_id] if dealer_id else [])).group_by(T.month))
    out = {(y, m): (0, 0) for y, m in months}
    for first, n, total in session.execute(q):
        first = month_of(first)
        out[(first.year, first.month)] = (int(n), int(total))
    return out


def averages(sums: dict[tuple[int, int], tuple[int, int]]) -> list[tuple[str, int, float | None]]:
    """(YYYY-MM, forms, average) per month, oldest first."""
    return [(f"{y:04d}-{m:02d}", n, scoring.average(t, n)) for (y, m), (n, t) in sorted(sums.items())]
