"""The case list's and the Overdue box's queries as SQLite plans them: every callback looked up by
its case or through the dealer's open-callback index, never a scan of callbacks or events and no read of every case, so
a plan that grows with the store (the overdue test reading every flagged callback for each case of
a page) cannot come back unnoticed. (Sorting by a joined column, customer or plate, orders every
case by design and is not among these.)"""

from __future__ import annotations

import sqlite3

import pytest
from app.models import utcnow
from app.services.cases.case_queries import CaseFilter, case_page, count_cases, counted_first_page
from app.services.demo.sample_data import fill_demo
from app.services.recovery.overdue import overdue_cases
from tests.helpers import plans_of


@pytest.fixture
def flagged_store(store):
    fill_demo(store, forms=300, cases=150, seed=4)
    fill_demo(store, forms=100, cases=60, dealer_code="OTHER", seed=5)
    con = sqlite3.connect(store.path)  # flagged callbacks at both dealers: what the bad plan read per case
    con.execute("UPDATE callback SET state = 'flagged', not_reached = 3 WHERE rowid % 3 = 0 AND state != 'reached'")
    con.commit()
    con.close()
    return store


def the_list(store):
    counted_first_page(store, CaseFilter())  # the list as it opens and refreshes
    counted_first_page(store, CaseFilter(overdue=True))
    count_cases(store, CaseFilter())
    page = case_page(store, CaseFilter())
    case_page(store, CaseFilter(), after=page.rows[-1].key("opened_at"))
    case_page(store, CaseFilter(), sort="number", descending=False)
    case_page(store, CaseFilter(), offset=100)
    count_cases(store, CaseFilter(overdue=True))
    case_page(store, CaseFilter(overdue=True))
    case_page(store, CaseFilter(status="open", search=page.rows[0].plate))
    overdue_cases(store, limit=20)


def test_no_scan_of_callbacks_events_or_cases(flagged_store):
    plans = plans_of(flagged_store, lambda: the_list(flagged_store))
    assert any("callback" in s for s, _ in plans)  # the overdue rule was asked
    for statement, plan in plans:
        for line in plan:
            for table in ("callback", "event"):
                assert not line.startswith(f"SCAN {table}"), (statement, plan)
            # Cases may be walked in an index's order up to the page's limit, never read whole.
            assert not (line.startswith("SCAN failure_case") and "INDEX" not in line), (statement, plan)


def test_each_cases_callbacks_are_found_by_the_case(flagged_store):
    """The per-case overdue tests (the page's Overdue column, the Overdue box's reasons) probe the
    callback's case index: a callback test planned on the (state, due) index reads every flagged
    callback of every dealer once for each case."""
    plans = plans_of(flagged_store, lambda: the_list(flagged_store))
    correlated = 0
    for statement, plan in plans:
        for before, line in zip(plan, plan[1:]):
            if before.startswith("CORRELATED") and "callback" in line:
                correlated += 1
                assert "USING INDEX ix_callback_case_id (case_id=?)" in line, (statement, plan)
    assert correlated >= 4  # the page's column and the Overdue box's two reasons were planned


def test_the_default_page_walks_the_dealer_and_opened_index(flagged_store):
    plans = plans_of(flagged_store, lambda: case_page(flagged_store, CaseFilter()))
    assert any("ix_failure_case_dealer_opened" in line for _, plan in plans for line in plan)
    for _, plan in plans:
        assert not any("TEMP B-TREE FOR ORDER BY" in line for line in plan if "failure_case" in line)


def test_the_pages_callback_due_times_are_read_by_the_case(flagged_store):
    """The page's "callback due" column reads its 100 cases' callbacks through the case index, in the
    page's own query. Planned on the (state, due) index it read every due callback of the store for
    each page (11-14 ms of a 20 ms page at 100,000 cases)."""
    plans = plans_of(flagged_store, lambda: the_list(flagged_store))
    read = [(s, plan) for s, plan in plans if "min(callback.due_at)" in s]
    assert read
    for statement, plan in read:
        per_case = [line for before, line in zip(plan, plan[1:]) if before.startswith("CORRELATED") and "callback" in line]
        assert len(per_case) >= 3, (statement, plan)  # the overdue rule's two callback tests and the due time
        assert all("USING INDEX ix_callback_case_id (case_id=?)" in line for line in per_case), (statement, plan)
        if "UNION" not in statement:  # the overdue filter's own ids read flagged callbacks by (state, due)
            assert not any("ix_callback_state_due" in line for line in plan), (statement, plan)


def test_the_whole_list_is_counted_without_reading_its_entries(flagged_store):
    """The dealer's every case (the list as it opens, or a filter cleared) is counted as the whole
    table less other dealers' cases: SQLite counts a table from its pages without reading each entry,
    where the dealer's entries of the (dealer, opened) index were each read (20-30 ms at 100,000)."""
    home = flagged_store.identity.home_dealer_id
    con = sqlite3.connect(flagged_store.path)
    try:
        mine, others = (con.execute(f"SELECT count(*) FROM failure_case WHERE dealer_id {op} ?", (home,)).fetchone()[0]
                        for op in ("=", "!="))
    finally:
        con.close()
    assert others  # another dealer's cases are in the store: they must not be counted
    plans = plans_of(flagged_store, lambda: count_cases(flagged_store, CaseFilter()))
    assert count_cases(flagged_store, CaseFilter()) == mine
    ((statement, plan),) = plans
    assert not any("(dealer_id=?)" in line for line in plan), (statement, plan)
    assert count_cases(flagged_store, CaseFilter(status="open")) == len(
        case_page(flagged_store, CaseFilter(status="open"), limit=10_000).rows)


FILTERS = [CaseFilter(), CaseFilter(status="open"), CaseFilter(overdue=True), CaseFilter(status="open", overdue=True),
           CaseFilter(search="no such case or customer"), CaseFilter(severity="high", status="closed")]


@pytest.mark.parametrize("sort,descending", [("opened_at", True), ("number", False), ("customer", True)])
def test_the_first_page_and_its_count_in_one_statement_are_count_cases_and_case_page(flagged_store, sort,
                                                                                      descending):
    """The list opens and refreshes with counted_first_page: the same count and rows as count_cases and
    case_page, the count a column of the page's own statement where the order has an index."""
    now = utcnow()
    plate = case_page(flagged_store, CaseFilter(), limit=1, now=now).rows[0].plate
    for f in [*FILTERS, CaseFilter(search=plate)]:
        n = count_cases(flagged_store, f, now=now)
        rows = case_page(flagged_store, f, sort=sort, descending=descending, limit=25, total=n, now=now).rows
        plans = plans_of(flagged_store, lambda: counted_first_page(flagged_store, f, sort=sort,
                                                                   descending=descending, limit=25, now=now))
        assert counted_first_page(flagged_store, f, sort=sort, descending=descending, limit=25, now=now) == (
            n, rows if n else [])
        read = [statement for statement, _ in plans if "failure_case" in statement]
        assert len(read) == (1 if sort != "customer" else 1 + 2 * bool(n)), read  # customer: count, ids, rows
