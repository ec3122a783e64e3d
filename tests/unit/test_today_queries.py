"""Today's figures against a straightforward computation over every row of a generated store.

Today's queries are shaped for the indexes of migration 0005_today (capped counts reading an index
alone, the month summed from a covering index); this checks they still say what plain Python says.
"""

import random
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from app.foundation import clock
from app.services import settings
from app.services.today import worklist as today
from app.services.demo.sample_data import fill_demo
from app.services.today.worklist import today_figures
from tests.helpers import plans_of

POINTS = {"A": 2, "B": 1, "C": 0, "D": -1, "E": -2}


def _rows(store, sql, *params):
    con = sqlite3.connect(store.path)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(sql, params)]
    finally:
        con.close()


def _stir(store, seed=3):
    """Move some cases along (responded, awaiting callback, closed) so every list has work to do."""
    rnd = random.Random(seed)
    con = sqlite3.connect(store.path)
    now = clock.now()
    # The complaints of the last six hours that nobody answered yet stay as they are (demo's newest).
    ids = [r[0] for r in con.execute("SELECT id FROM failure_case WHERE NOT (first_response_at IS NULL AND "
                                     "opened_at > ?)", ((now - timedelta(hours=6)).strftime("%Y-%m-%d %H:%M:%S.%f"),))]
    for cid in ids:
        roll = rnd.random()
        changed = (now - timedelta(minutes=rnd.randrange(10_000))).strftime("%Y-%m-%d %H:%M:%S.%f")
        if roll < 0.25:
            con.execute("UPDATE failure_case SET first_response_at = opened_at WHERE id = ?", (cid,))
        elif roll < 0.5:
            con.execute("UPDATE failure_case SET status = 'awaiting_callback', first_response_at = opened_at, "
                        "updated_at = ? WHERE id = ?", (changed, cid))
        elif roll < 0.6:
            con.execute("UPDATE failure_case SET status = 'closed', first_response_at = opened_at WHERE id = ?",
                        (cid,))
    # Callbacks still to make, spread from a week overdue to a week ahead, so some are due by tonight
    # and some are not.
    for (cb,) in con.execute("SELECT id FROM callback WHERE state != 'reached'").fetchall():
        due = (now + timedelta(hours=rnd.randrange(-24 * 7, 24 * 7))).strftime("%Y-%m-%d %H:%M:%S.%f")
        con.execute("UPDATE callback SET due_at = ? WHERE id = ?", (due, cb))
    # Some forms lose their case, so failure forms with no case appear in the last 30 days.
    con.execute("UPDATE failure_case SET form_id = NULL WHERE rowid % 3 = 0")
    con.commit()
    con.close()


@pytest.fixture
def generated(store):
    fill_demo(store, forms=900, cases=260, seed=11)
    fill_demo(store, forms=300, cases=80, dealer_code="OTHER", seed=12)  # another dealer's rows: never counted
    _stir(store)
    return store


def _expected(store, cap):
    dealer = store.identity.home_dealer_id
    with store.session() as s:
        threshold = settings.get(s, "failure.overall_threshold")
    cases = _rows(store, "SELECT c.id, c.status, c.first_response_at, c.opened_at, c.updated_at, c.dealer_id "
                         "FROM failure_case c")
    mine = [c for c in cases if c["dealer_id"] == dealer]
    waiting = sorted((c for c in mine if c["status"] == "open" and c["first_response_at"] is None),
                     key=lambda c: c["opened_at"])
    tonight = (datetime.combine(clock.today() + timedelta(days=1), datetime.min.time()).astimezone()
               .astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f"))
    status = {c["id"]: c["status"] for c in mine}
    callbacks = sorted((cb for cb in _rows(store, "SELECT case_id, state, due_at FROM callback")
                        if cb["case_id"] in status and status[cb["case_id"]] != "closed"
                        and cb["state"] != "reached" and cb["due_at"] < tonight), key=lambda cb: cb["due_at"])
    later = [cb for cb in _rows(store, "SELECT case_id, state, due_at FROM callback")
             if cb["case_id"] in status and status[cb["case_id"]] != "closed" and cb["state"] != "reached"
             and cb["due_at"] >= tonight]
    with_case = {r["form_id"] for r in _rows(store, "SELECT form_id FROM failure_case WHERE form_id IS NOT NULL")}
    since = (clock.today() - timedelta(days=today.LOOKBACK_DAYS)).isoformat()
    forms = _rows(store, "SELECT id, dealer_id, service_date, timeliness, repair_quality, attitude, overall, "
                         "verification, score FROM feedback_form")

    def failure(f):
        return (f["overall"] is not None and f["overall"] < threshold) or \
            any(f[k] in ("D", "E") for k in ("timeliness", "repair_quality", "attitude"))

    no_case = sorted((f for f in forms if f["dealer_id"] == dealer and f["service_date"] >= since and failure(f)
                      and f["id"] not in with_case), key=lambda f: f["service_date"], reverse=True)
    month = clock.today().strftime("%Y-%m")
    counted = [f for f in forms if f["dealer_id"] == dealer and f["service_date"][:7] == month
               and f["verification"] != "disputed"]
    return dict(waiting=waiting, callbacks=callbacks, later=later, no_case=no_case, cap=cap, counted=counted,
                failures=sum(1 for f in counted if failure(f)))


@pytest.mark.parametrize("cap", [1000, 7])
def test_today_matches_a_plain_computation(generated, monkeypatch, cap):
    monkeypatch.setattr(today, "COUNT_CAP", cap)
    got = today_figures(generated, limit=8)
    want = _expected(generated, cap)
    assert want["waiting"] and want["callbacks"] and want["no_case"]  # the store exercises every list

    assert got.waiting_count == min(len(want["waiting"]), cap)
    assert got.callbacks_count == min(len(want["callbacks"]), cap)
    assert got.forms_without_case_count == min(len(want["no_case"]), cap)
    # The first rows in order (ties in the sort key may come in either order, so compare keys and
    # that each row shown is one of the rows due).
    waiting_ids = {c["id"] for c in want["waiting"]}
    assert [c.id in waiting_ids for c in got.waiting] == [True] * len(got.waiting)
    assert [c.opened_at.strftime("%Y-%m-%d %H:%M:%S") for c in got.waiting] == \
        [c["opened_at"][:19] for c in want["waiting"][:8]]
    # Callbacks due by tonight, earliest first, with their due time; those due later wait their day.
    assert want["later"]
    assert [(c.id, c.due_at.strftime("%Y-%m-%d %H:%M:%S")) for c in got.callbacks] == \
        [(c["case_id"], c["due_at"][:19]) for c in want["callbacks"][:8]]
    no_case_ids = {f["id"] for f in want["no_case"]}
    assert all(f.form_id in no_case_ids for f in got.forms_without_case)
    assert [f.service_date.isoformat() for f in got.forms_without_case] == \
        [f["service_date"] for f in want["no_case"][:8]]

    m = got.month
    assert m.forms == len(want["counted"])
    assert m.total == sum(f["score"] for f in want["counted"])
    assert m.failures == want["failures"]
    assert all(f["score"] == sum(POINTS[f[k]] for k in ("timeliness", "repair_quality", "attitude"))
               for f in want["counted"])


@pytest.mark.parametrize("verified_only", [False, True])
def test_todays_month_is_the_assessments_month(generated, verified_only):
    """Today's headline and the monthly assessment (CLI, reports) cannot disagree."""
    from app.services.assessment import month_summary

    con = sqlite3.connect(generated.path)  # some disputed forms, which both must leave out
    con.execute("UPDATE feedback_form SET verification = 'disputed' WHERE rowid % 17 = 0")
    con.commit()
    con.close()
    if verified_only:
        with generated.session() as s, s.begin():
            settings.put(s, "assessment.verified_only", True)
    m = today_figures(generated).month
    full = month_summary(generated, clock.today().strftime("%Y-%m"))
    assert m.forms > 0 and m.previous_forms > 0
    assert (m.month, m.forms, m.total, m.average, m.failures, m.failure_share, m.previous_forms,
            m.previous_average, m.change) == \
        (full.month, full.forms, full.total, full.average, full.failures, full.failure_share, full.previous_forms,
         full.previous_average, full.change)


def test_todays_queries_use_todays_indexes(generated):
    """The plans the figures rely on (migration 0005_today): no sort for the lists; the month's figures
    from its sums (form_month, migration 0022), not from the forms."""
    plans = [(statement, " / ".join(lines)) for statement, lines in plans_of(generated, lambda: today_figures(generated))]
    joined = "\n".join(p for _, p in plans)
    assert "ix_failure_case_dealer_status_response" in joined
    assert "ix_callback_dealer_due_open" in joined
    # the callbacks due counted from their open index alone, not a callback's row each (migration 0023)
    [(statement, count)] = [(s, plan) for s, plan in plans if "count(*)" in s and "FROM callback" in s]
    assert "SEARCH callback USING COVERING INDEX ix_callback_dealer_due_open" in count, count
    # counted from the latest due, the index read backwards (no sort): the count stops at its cap sooner
    assert "ORDER BY callback.due_at DESC" in statement and "TEMP B-TREE" not in count, (statement, count)
    assert "SEARCH form_month USING" in joined
    for statement, plan in plans:
        if ("FROM failure_case" in statement or "FROM callback" in statement) and "ORDER BY" in statement:
            assert "TEMP B-TREE" not in plan, plan


def test_overdue_cases_match_a_plain_computation(generated):
    """The overdue list (Today's Overdue box, the case list) read from three indexes says what the
    rule says case by case: not closed, and a late first response, a late callback or a flagged one."""
    from app.services.recovery.overdue import count_overdue, overdue_cases, overdue_now

    con = sqlite3.connect(generated.path)
    con.execute("UPDATE callback SET state = 'flagged', not_reached = 3 WHERE rowid % 5 = 0 AND state = 'due'")
    con.commit()
    con.close()
    now = clock.now()
    with generated.session() as s:
        hours = settings.get(s, "cases.first_response_hours")
        grace = settings.get(s, "recovery.callback_overdue_hours")
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    late_response = (now - timedelta(hours=hours)).strftime(fmt)
    late_due = (now - timedelta(hours=grace)).strftime(fmt)
    dealer = generated.identity.home_dealer_id
    callbacks = _rows(generated, "SELECT case_id, state, due_at FROM callback")
    want = []
    for c in sorted(_rows(generated, "SELECT id, status, dealer_id, first_response_at, opened_at FROM failure_case"),
                    key=lambda c: (c["opened_at"], c["id"])):
        if c["dealer_id"] != dealer or c["status"] == "closed":
            continue
        mine = [cb for cb in callbacks if cb["case_id"] == c["id"] and cb["state"] != "reached"]
        flags = (c["first_response_at"] is None and c["opened_at"] < late_response,
                 any(cb["due_at"] < late_due for cb in mine), any(cb["state"] == "flagged" for cb in mine))
        if any(flags):
            want.append((c["id"], *flags))
    assert sum(w[1] for w in want) and sum(w[2] for w in want) and sum(w[3] for w in want)  # each reason occurs
    got = overdue_cases(generated, now=now)
    assert [(o.case_id, o.first_response, o.callback, o.callback_flagged) for o in got] == want
    assert count_overdue(generated, now=now) == len(want)
    assert [o.case_id for o in overdue_cases(generated, now=now, limit=5)] == [w[0] for w in want[:5]]
    # Today's Overdue box: its rows and its count from one statement, as the list and the count say.
    for limit in (None, 1, 5, 50, len(want), len(want) + 3):
        rows, total = overdue_now(generated, now=now, limit=limit)
        assert (rows, total) == (overdue_cases(generated, now=now, limit=limit), count_overdue(generated, now=now))
        assert [(o.case_id, o.first_response, o.callback, o.callback_flagged) for o in rows] == want[:limit]
