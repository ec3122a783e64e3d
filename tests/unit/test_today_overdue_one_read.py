"""Today's Overdue box reads its rows and its count in one statement (app.services.recovery.overdue.overdue_now):
the same rows, reasons and count as the overdue list and the overdue count read apart (the reading Today
made before), for stores whose cases take every combination of status, first response and callback
state, at this dealer and at another one."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.foundation import clock
from app.models import FailureCase
from app.services import figures
from app.services.demo.sample_data import fill_demo
from app.services.recovery.overdue import Overdue, overdue_now

FMT = "%Y-%m-%d %H:%M:%S.%f"
STATUSES = ("open", "awaiting_callback", "in_recovery", "closed")
RESPONSES = ("late", "fresh", "answered")  # no first response for days / for minutes, or answered
CALLBACKS = (("due", "late"), ("due", "soon"), ("flagged", "soon"), ("flagged", "late"), ("reached", "late"))


def _apply(store, combos) -> None:
    """Each case (of both dealers) takes the next combination: status, first response, its callbacks' state."""
    now = clock.now()
    at = {"late": (now - timedelta(days=3)).strftime(FMT), "soon": (now + timedelta(hours=5)).strftime(FMT),
          "fresh": (now - timedelta(minutes=10)).strftime(FMT)}
    con = sqlite3.connect(store.path)
    cases = [r[0] for r in con.execute("SELECT id FROM failure_case ORDER BY rowid")]
    for case_id, (status, response, (state, due)) in zip(cases, itertools.cycle(combos)):
        opened = at["fresh"] if response == "fresh" else at["late"]
        con.execute("UPDATE failure_case SET status = ?, opened_at = ?, first_response_at = ? WHERE id = ?",
                    (status, opened, opened if response == "answered" else None, case_id))
        con.execute("UPDATE callback SET state = ?, due_at = ? WHERE case_id = ?", (state, at[due], case_id))
    con.commit()
    con.close()


def _read_apart(store, now, limit):
    """The reading Today made before: the list (its reasons per row) and the count, two statements."""
    dealer = store.identity.home_dealer_id
    with store.session() as s:
        rule = figures.overdue_rule(s, now)
        q = (select(FailureCase.id, FailureCase.number, FailureCase.status, rule.no_response, rule.late_callback,
                    rule.flagged_callback).where(rule.of_dealer(dealer)).order_by(FailureCase.opened_at, FailureCase.id))
        rows = [Overdue(i, n, st, bool(a), bool(b), bool(c)) for i, n, st, a, b, c in
                s.execute(q if limit is None else q.limit(limit))]
        count = s.scalar(select(func.count()).select_from(FailureCase).where(rule.of_dealer(dealer)))
    return rows, count


EVERY = list(itertools.product(STATUSES, RESPONSES, CALLBACKS))


@pytest.mark.parametrize("combos, overdue", [
    (EVERY, True),  # every combination, overdue ones among them
    ([("closed", r, c) for r in RESPONSES for c in CALLBACKS], False),  # closed: never overdue
    ([(st, "answered", ("reached", "late")) for st in STATUSES[:3]]
     + [(st, "fresh", ("due", "soon")) for st in STATUSES[:3]], False),  # nothing late yet
    ([(st, "answered", ("flagged", "soon")) for st in STATUSES[:3]], True),  # flagged only
], ids=["every combination", "closed", "nothing late", "flagged only"])
def test_the_overdue_box_reads_what_the_list_and_the_count_read(store, combos, overdue):
    fill_demo(store, forms=240, cases=90, seed=5)
    fill_demo(store, forms=120, cases=45, dealer_code="OTHER", seed=6)  # another dealer's: never counted
    _apply(store, combos)
    now = clock.now()
    everything, count = _read_apart(store, now, None)
    assert bool(count) is overdue and len(everything) == count
    if overdue and combos is EVERY:  # each reason occurs
        assert all(any(getattr(o, why) for o in everything) for why in ("first_response", "callback", "callback_flagged"))
    for limit in (None, 0, 1, 7, 50, count, count + 5):
        assert overdue_now(store, now=now, limit=limit) == _read_apart(store, now, limit)


def test_the_overdue_box_reads_the_rule_once(store):
    """One statement for the rows and the count, the rule read in it once, each overdue case read once."""
    from tests.helpers import plans_of

    fill_demo(store, forms=60, cases=30, seed=7)
    _apply(store, EVERY)
    plans = plans_of(store, lambda: overdue_now(store, limit=5))
    read = [(s, plan) for s, plan in plans if "failure_case" in s]
    assert len(read) == 1 and read[0][0].count("UNION ALL") == 1 == read[0][0].count("UNION"), read
    plan = read[0][1]
    # The late first responses from the (dealer, status, response, opened) index alone; a case is read
    # by its id only for its callbacks, never again for the list or the count.
    assert any("COVERING INDEX ix_failure_case_dealer_status_response" in line for line in plan), plan
    # The late and the flagged callbacks' cases from the open callbacks' index alone (migration 0023), in one
    # range: not a flagged callback's row each by the (state, due_at) index, and each case looked up once.
    assert any("COVERING INDEX ix_callback_dealer_due_open" in line for line in plan), plan
    assert not any("ix_callback_state_due" in line for line in plan), plan
    assert sum("failure_case USING INDEX sqlite_autoindex_failure_case_1" in line for line in plan) == 1, plan
    # Its parts disjoint: no temporary B-tree merges them (it cost more than reading them).
    assert not any("UNION USING TEMP B-TREE" in line for line in plan), plan


def test_a_case_with_two_callbacks_is_read_once(store):
    """A case whose two callbacks are both late, or one late and one flagged, or one flagged beside a late
    first response: listed and counted once, with every reason, as the overdue list and count read apart."""
    fill_demo(store, forms=240, cases=90, seed=5)
    _apply(store, EVERY)
    now = clock.now()
    _second_callbacks(store, now)
    everything, count = _read_apart(store, now, None)
    assert count and len(everything) == count == len({o.case_id for o in everything})
    assert any(o.callback and o.callback_flagged for o in everything)
    assert any(o.first_response and o.callback_flagged for o in everything)
    for limit in (None, 1, 7, 50, count):
        assert overdue_now(store, now=now, limit=limit) == _read_apart(store, now, limit)


def _second_callbacks(store, now) -> None:
    """A second callback for every case, its state and due time taking the next of four."""
    con = sqlite3.connect(store.path)
    columns = [r[1] for r in con.execute("PRAGMA table_info(callback)")]
    second = itertools.cycle([("due", now - timedelta(days=2)), ("flagged", now + timedelta(hours=5)),
                              ("due", now + timedelta(hours=5)), ("reached", now - timedelta(days=2))])
    for (callback_id,) in con.execute("SELECT id FROM callback ORDER BY rowid").fetchall():
        state, due = next(second)
        values = {"id": "second-" + callback_id, "state": state, "due_at": due.strftime(FMT)}
        con.execute(f"INSERT INTO callback ({', '.join(columns)}) "
                    f"SELECT {', '.join('?' if c in values else c for c in columns)} FROM callback WHERE id = ?",
                    [values[c] for c in columns if c in values] + [callback_id])
    con.commit()
    con.close()


def _late_rows_before(rule, dealer_id: str):
    """OverdueRule.late_rows as it read before its callbacks' cases were grouped by id: the reference."""
    from sqlalchemy import and_, not_, or_, union_all
    from sqlalchemy.sql import literal_column

    from app.models import Callback
    from app.rules.vocab import CallbackState, CaseStatus

    case, call = FailureCase.__table__.c, Callback.__table__.c
    not_closed = [c.value for c in CaseStatus if c is not CaseStatus.CLOSED]
    rowid = literal_column("failure_case.rowid").label("rid")
    late_response = [case.dealer_id == dealer_id, case.status.in_(not_closed), case.first_response_at.is_(None),
                     case.opened_at < rule.late_response]
    return union_all(
        select(rowid, case.opened_at).where(*late_response),
        select(rowid, case.opened_at).distinct()
        .join_from(Callback.__table__, FailureCase.__table__, case.id == call.case_id)
        .where(call.dealer_id == dealer_id, call.state != CallbackState.REACHED.value,
               or_(call.due_at < rule.late_due, call.state == CallbackState.FLAGGED.value), rule.not_closed,
               not_(func.coalesce(and_(*late_response), False))),
    )


@pytest.mark.parametrize("combos", [EVERY, [("closed", r, c) for r in RESPONSES for c in CALLBACKS],
                                    [(st, "answered", ("flagged", "soon")) for st in STATUSES[:3]]],
                         ids=["every combination", "closed", "flagged only"])
@pytest.mark.parametrize("second", [False, True], ids=["one callback", "two callbacks"])
def test_the_late_rows_are_those_read_before_their_cases_were_grouped(store, combos, second):
    """The same (rowid, opened) rows, each case once, as the rule's rows read before, at this dealer and the
    other; a callback whose dealer is not its case's counts for the callback's dealer, as before."""
    fill_demo(store, forms=240, cases=90, seed=5)
    fill_demo(store, forms=120, cases=45, dealer_code="OTHER", seed=6)
    _apply(store, combos)
    now = clock.now()
    if second:
        _second_callbacks(store, now)
    con = sqlite3.connect(store.path)
    dealers = [r[0] for r in con.execute("SELECT DISTINCT dealer_id FROM failure_case ORDER BY dealer_id")]
    assert len(dealers) == 2
    con.execute("UPDATE callback SET dealer_id = ? WHERE rowid % 7 = 0 AND dealer_id = ?", (dealers[1], dealers[0]))
    con.commit()
    con.close()
    with store.session() as s:
        rule = figures.overdue_rule(s, now)
        for dealer in dealers:
            new = s.execute(rule.late_rows(dealer)).all()
            before = s.execute(_late_rows_before(rule, dealer)).all()
            assert sorted(new) == sorted(before)
            assert len(new) == len({rid for rid, _ in new})  # each case once
            if combos is EVERY and dealer == store.identity.home_dealer_id:
                assert new


def test_the_late_callbacks_cases_are_looked_up_in_id_order(store):
    """The late and flagged callbacks' cases are grouped by id before each case is looked up (in the order of
    the id index and of the rows), not made distinct after the lookups, which came in the callbacks' due order:
    at 100k cases this part of Today's Overdue read went from 8.0 to 6.6 ms."""
    from tests.helpers import plans_of

    fill_demo(store, forms=60, cases=30, seed=7)
    _apply(store, EVERY)
    plans = plans_of(store, lambda: overdue_now(store, limit=5))
    [plan] = [plan for s, plan in plans if "failure_case" in s]
    grouped = plan.index("USE TEMP B-TREE FOR GROUP BY")
    assert plan[grouped - 1].startswith("SEARCH callback USING COVERING INDEX ix_callback_dealer_due_open"), plan
    assert plan[grouped + 1].startswith("SCAN anon_"), plan
    assert plan[grouped + 2].startswith("SEARCH failure_case USING INDEX sqlite_autoindex_failure_case_1"), plan
    assert not any("DISTINCT" in line for line in plan), plan
