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
    everything, count = _read_apart(store, now, None)
    assert count and len(everything) == count == len({o.case_id for o in everything})
    assert any(o.callback and o.callback_flagged for o in everything)
    assert any(o.first_response and o.callback_flagged for o in everything)
    for limit in (None, 1, 7, 50, count):
        assert overdue_now(store, now=now, limit=limit) == _read_apart(store, now, limit)
