"""One SQL definition of each figure (overdue, failure, recovery, response and resolution times) for every view.

Today, the case list, the case, feedback and network PDFs, `feedback summary` and head office's
window all read their figures through here, so they cannot disagree. Each is the SQL form of a
rule in app.rules.figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, exists, func, literal, literal_column, not_, or_, select, union, union_all

from app.models import Callback, FailureCase, FeedbackForm
from app.rules.vocab import CallbackState, CaseStatus
from app.rules.scoring import FAILING_GRADES, ITEMS
from app.services import settings

_FAILING = tuple(sorted(FAILING_GRADES))


# The rules on the tables' columns, not the mapped classes': in a statement of columns only (the case
# list's page, Today's lists and counts) SQLAlchemy's Core compiles and runs it without the ORM layer;
# in an ORM statement the columns read the same. See app.services.cases.case_queries.
_case, _call, _form = FailureCase.__table__.c, Callback.__table__.c, FeedbackForm.__table__.c


def failure_condition(overall_threshold: int):
    """SQL: the form is a failure (app.rules.failure.failure_of)."""
    return or_(_form.overall < overall_threshold, *(_form[item].in_(_FAILING) for item in ITEMS))


@dataclass(frozen=True)
class OverdueRule:
    """The overdue rule (app.rules.figures.overdue_reasons) at one instant with the store's settings:
    a case not closed whose first response is late, or with a callback still to make that is late
    or flagged as not reached.

    SQL forms of the same three clauses: ``of_dealer`` reads the late cases from three indexes
    (cases without a first response by migration 0005's (dealer, status, first_response_at,
    opened_at) index, open callbacks by their partial (dealer, due_at) index, flagged callbacks by
    (state, due_at)), so the work follows the number of late cases; ``per_case`` tests one case and
    suits a page of known ids."""
    late_response: datetime  # a case opened before this with no first response is late
    late_due: datetime  # a callback due before this and not reached is late

    @classmethod
    def bound(cls) -> OverdueRule:
        """The rule with its two instants left to each run of the statement (``values`` gives them):
        a statement built once with it serves every instant and every change of the settings."""
        return cls(bindparam("late_response", type_=_case.opened_at.type),
                   bindparam("late_due", type_=_call.due_at.type))

    def values(self) -> dict[str, datetime]:
        """This rule's instants, as the parameters of a statement built with ``bound()``."""
        return {"late_response": self.late_response, "late_due": self.late_due}

    @property
    def not_closed(self):
        return _case.status != CaseStatus.CLOSED.value

    @property
    def no_response(self):
        return and_(_case.first_response_at.is_(None), _case.opened_at < self.late_response)

    # Tested for one case at a time, a callback is found by its case (a case has one or two):
    # "state || ''" keeps SQLite from reading the (state, due_at) index instead, which for the
    # flagged test meant reading every flagged callback of every dealer for each case.
    _state = _call.state.concat("")

    def _open_callback(self):
        return and_(_call.case_id == _case.id, self._state != CallbackState.REACHED.value)

    @property
    def late_callback(self):
        return exists().where(self._open_callback(), _call.due_at < self.late_due)

    @property
    def flagged_callback(self):
        return exists().where(self._open_callback(), self._state == CallbackState.FLAGGED.value)

    @property
    def per_case(self):
        return and_(self.not_closed, or_(self.no_response, self.late_callback, self.flagged_callback))

    def of_dealer(self, dealer_id: str):
        return and_(_case.id.in_(self._late_ids(dealer_id)), self.not_closed)

    def of_network(self):
        """The same three clauses over every dealer at once (head office counts them per dealer in
        one grouped query instead of one query per dealer)."""
        return and_(_case.id.in_(self._late_ids(None)), self.not_closed)

    def late_rows(self, dealer_id: str):
        """The dealer's overdue cases as (rowid, opened_at), the same three clauses with ``not_closed``
        tested in each (a counter's store, SQLite: its rowid), read as two disjoint parts joined by UNION
        ALL. The late first responses come from migration 0005's index alone. The late and the flagged
        callbacks come from one range of the open callbacks' partial (dealer, due_at, case_id, state)
        index, each of their cases read once, and a case already among the late first responses is left
        out there: no temporary B-tree merges the parts, and no flagged callback is read by the (state,
        due_at) index (each one's row was read for its dealer: every dealer's flagged callbacks). At 100k
        cases (5,772 overdue) Today's Overdue statement went from 21.6 to 17.6 ms on a fresh connection
        (19.1 to 15.2 warm) against three parts merged by UNION."""
        not_closed = [c.value for c in CaseStatus if c is not CaseStatus.CLOSED]
        rowid = literal_column("failure_case.rowid").label("rid")
        late_response = [_case.dealer_id == dealer_id, _case.status.in_(not_closed), _case.first_response_at.is_(None),
                         _case.opened_at < self.late_response]
        # Each case of a late or flagged callback once, by its id in order (grouped): the cases are then
        # looked up in the order of their id index (and of their rows: ids grow with time), not in the
        # callbacks' due order, each a jump to another page. At 100k cases (2,308 late callbacks, 1,756
        # cases) this part went from 8.0 to 6.6 ms on a fresh connection against a DISTINCT over the join.
        late_calls = (select(_call.case_id)
                      .where(_call.dealer_id == dealer_id, _call.state != CallbackState.REACHED.value,
                             or_(_call.due_at < self.late_due, _call.state == CallbackState.FLAGGED.value))
                      .group_by(_call.case_id).subquery())
        return union_all(
            select(rowid, _case.opened_at).where(*late_response),  # the (dealer, status, response, opened) index alone
            select(rowid, _case.opened_at)
            .join_from(late_calls, FailureCase.__table__, _case.id == late_calls.c.case_id)
            .where(self.not_closed,
                   # coalesce: a null in one of the case's columns must not drop it here (it is not in the part above)
                   not_(func.coalesce(and_(*late_response), False))),
        )

    def _late_ids(self, dealer_id: str | None):
        not_closed = [c.value for c in CaseStatus if c is not CaseStatus.CLOSED]
        cases = [] if dealer_id is None else [_case.dealer_id == dealer_id]
        calls = [] if dealer_id is None else [_call.dealer_id == dealer_id]
        ids = union(
            select(_case.id).where(*cases, _case.status.in_(not_closed), _case.first_response_at.is_(None),
                                   _case.opened_at < self.late_response),
            select(_call.case_id).where(*calls, _call.state != CallbackState.REACHED.value, _call.due_at < self.late_due),
            select(_call.case_id).where(_call.state == CallbackState.FLAGGED.value, *calls),
        ).subquery()
        return select(ids.c.id)


def overdue_rule(session, now: datetime) -> OverdueRule:
    conf = settings.get_all(session)
    return OverdueRule(now - timedelta(hours=conf["cases.first_response_hours"]),
                       now - timedelta(hours=conf["recovery.callback_overdue_hours"]))


def overdue_condition(session, dealer_id: str, now: datetime):
    """SQL: the dealer's case is overdue now (the fast, index-backed form)."""
    return overdue_rule(session, now).of_dealer(dealer_id)


def count_overdue(session, dealer_id: str, now: datetime) -> int:
    return session.scalar(select(func.count()).select_from(FailureCase)
                          .where(overdue_condition(session, dealer_id, now))) or 0


def hours_between(dialect: str, later, earlier):
    """(later - earlier) in hours as a SQL expression, on SQLite (a counter) and PostgreSQL (head office)."""
    if dialect == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * literal(24.0)
    return func.extract("epoch", later - earlier) / literal(3600.0)


def first_response_hours(dialect: str):
    """Time to first response of a case, in hours (null until it has one); counted over cases opened
    in the period."""
    return hours_between(dialect, FailureCase.first_response_at, FailureCase.opened_at)


def resolution_hours(dialect: str):
    """Time to resolution of a case, in hours (null until resolved); counted over cases resolved in
    the period."""
    return hours_between(dialect, FailureCase.resolved_at, FailureCase.opened_at)


def recovery_judged(lo: datetime, hi: datetime) -> list:
    """The cases a recovery rate counts: closed in [lo, hi) with a verdict (recovered or not)."""
    return [FailureCase.closed_at >= lo, FailureCase.closed_at < hi, FailureCase.recovered.is_not(None)]


RECOVERED = FailureCase.recovered.is_(True)


def callbacks_due_in(lo: datetime, hi: datetime) -> list:
    """The callbacks a callback completion counts: due in [lo, hi) (app.rules.figures.callback_completion)."""
    return [Callback.due_at >= lo, Callback.due_at < hi]


CALLBACK_REACHED = Callback.state == CallbackState.REACHED.value
