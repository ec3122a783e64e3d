"""The overdue cases a counter is behind on (Today's Overdue box, its count): open cases whose first
response or callback is late, or whose callback is flagged, by the one overdue rule of
app.services.figures. Apart from the guided recovery (guide.py), which loads the script pack's code:
Today reads these right after sign-in, and nothing of the scripts is needed for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, literal_column, not_, or_, select, union_all

from app.models import Callback, FailureCase, utcnow
from app.rules.vocab import CallbackState, CaseStatus
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
        late = _late_rows(rule, store.identity.home_dealer_id).cte().prefix_with("MATERIALIZED")
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


def _late_rows(rule: figures.OverdueRule, dealer_id: str):
    """The dealer's overdue cases as (rowid, opened_at): the rows of ``rule.late_rows`` (its three clauses,
    the same settings and instant), read as two disjoint parts joined by UNION ALL. The late and the
    flagged callbacks come from one range of the open callbacks' partial (dealer, due_at, case_id, state)
    index, each of their cases read once, and a case already among the late first responses is left out
    there: no temporary B-tree to merge the parts, and no flagged callback read by the (state, due_at) index
    (each one's row was read for its dealer, every dealer's flagged callbacks). At 100k cases (5,772 overdue) the
    Overdue box's statement went from 21.6 to 17.6 ms on a fresh connection (19.1 to 15.2 warm; medians
    of 16 alternated rounds). Today's form of the rule's SQL: tests/unit/test_today_overdue_one_read.py
    checks it reads what ``OverdueRule.of_dealer`` reads, in every combination of states."""
    case, call = FailureCase.__table__.c, Callback.__table__.c
    rowid = literal_column("failure_case.rowid").label("rid")
    not_closed = [c.value for c in CaseStatus if c is not CaseStatus.CLOSED]
    late_response = [case.dealer_id == dealer_id, case.status.in_(not_closed), case.first_response_at.is_(None),
                     case.opened_at < rule.late_response]
    return union_all(
        select(rowid, case.opened_at).where(*late_response),  # the (dealer, status, response, opened) index alone
        select(rowid, case.opened_at).distinct()  # a case with two late callbacks: once
        .join_from(Callback.__table__, FailureCase.__table__, case.id == call.case_id)
        .where(call.dealer_id == dealer_id, call.state != CallbackState.REACHED.value,
               or_(call.due_at < rule.late_due, call.state == CallbackState.FLAGGED.value), rule.not_closed,
               # coalesce: a null in one of the case's columns must not drop it here (it is not in the part above)
               not_(func.coalesce(and_(*late_response), False))),
    )


def overdue_cases(store, *, now: datetime | None = None, limit: int | None = None) -> list[Overdue]:
    """The rows of overdue_now (its count aside)."""
    return overdue_now(store, now=now, limit=limit)[0]


def count_overdue(store, *, now: datetime | None = None) -> int:
    now = now or utcnow()
    with store.session() as s:
        return figures.count_overdue(s, store.identity.home_dealer_id, now)

