"""The overdue cases a counter is behind on (Today's Overdue box, its count): open cases whose first
response or callback is late, or whose callback is flagged, by the one overdue rule of
app.services.figures. Apart from the guided recovery (guide.py), which loads the script pack's code:
Today reads these right after sign-in, and nothing of the scripts is needed for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, literal_column, select

from app.models import FailureCase, utcnow
from app.services import figures


@dataclass(frozen=True)
class Overdue:
    case_id: str
    number: str
    status: str
    first_response: bool
    callback: bool
    callback_flagged: bool


def overdue_now(store, *, now: datetime | None = None, limit: int | None = None) -> tuple[list[Overdue], int]:
    """Open cases whose first response or callback is late, or whose callback is flagged, oldest
    first, with why, and how many there are (the one overdue rule, app.services.figures); for Today's
    Overdue box. One statement: the rule's union is read once for the rows and their count, and the
    reasons are looked up for the rows listed only (sorted with the reasons, every overdue case's callbacks were looked up twice: 4,388 cases at 100k, and each
    case was read again by its id for the list and for the count)."""
    now = now or utcnow()
    if limit == 0:  # no row to carry the count
        return [], count_overdue(store, now=now)
    with store.session() as s:
        rule = figures.overdue_rule(s, now)
        # Read once (materialized): counted, and the first ``limit`` ranks by opening taken from it, those
        # opened no later than the limit-th (ties at the last rank are all read, so that id decides among
        # them). Ranked by window functions over every overdue case, it cost a third more.
        late = rule.late_rows(store.identity.home_dealer_id).cte().prefix_with("MATERIALIZED")
        total = select(func.count()).select_from(late).scalar_subquery()
        case = FailureCase.__table__  # its columns: a statement Core compiles without the ORM layer
        q = (select(case.c.id, case.c.number, case.c.status, rule.no_response, rule.late_callback,
                    rule.flagged_callback, total.label("total"))
             .join_from(case, late, late.c.rid == literal_column("failure_case.rowid"))
             .order_by(case.c.opened_at, case.c.id))
        if limit is not None:
            last = select(late.c.opened_at).order_by(late.c.opened_at).limit(1).offset(limit - 1).scalar_subquery()
            q = q.where(late.c.opened_at <= func.coalesce(last, late.c.opened_at)).limit(limit)
        rows = s.execute(q).all()
    return [Overdue(i, n, st, bool(a), bool(b), bool(c)) for i, n, st, a, b, c, _ in rows], \
        rows[0].total if rows else 0


def overdue_cases(store, *, now: datetime | None = None, limit: int | None = None) -> list[Overdue]:
    """The rows of overdue_now (its count aside)."""
    return overdue_now(store, now=now, limit=limit)[0]


def count_overdue(store, *, now: datetime | None = None) -> int:
    now = now or utcnow()
    with store.session() as s:
        return figures.count_overdue(s, store.identity.home_dealer_id, now)

