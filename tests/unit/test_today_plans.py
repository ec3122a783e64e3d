"""Every box of Today reads what it shows through an index: the queries behind Today's figures and
lists, the open alerts, the Overdue box, early warnings and improvement actions, as SQLite plans them,
never scan a table that grows with the store (a scan there is what made Today slow at 100k cases)."""

from __future__ import annotations

import re

from app.services.predict.improvements import actions
from app.services.predict.warnings import open_warnings
from app.ui.shell.shell import _today_now
from tests.unit.test_case_list_plans import flagged_store, plans_of  # noqa: F401 - the fixture

# Tables whose size doesn't grow with the dealer's history: read whole, they stay a few rows.
SMALL = {"setting", "store_meta", "dealer", "user", "script_pack"}


def every_box(store) -> None:
    _today_now(store)  # the figures and lists, the open alerts, the Overdue box's rows and count
    open_warnings(store)
    actions(store)


def test_every_box_of_today_reads_through_an_index(flagged_store):
    plans = plans_of(flagged_store, lambda: every_box(flagged_store))
    tables_read = {t for s, _ in plans for t in re.findall(r"FROM (\w+)", s)}
    assert {"failure_case", "callback", "feedback_form", "early_warning", "improvement_action"} <= tables_read
    for statement, plan in plans:
        for line in plan:
            scanned = re.match(r"SCAN (\w+)", line)
            if scanned and not scanned.group(1).startswith("anon_"):  # a covering index scanned whole grows too
                assert scanned.group(1) in SMALL, (" ".join(statement.split()), plan)
