"""The 3-day call's days across a month's end, a year's end and a leap day: which calls are due on a day,
and which month's figures a call counts in (its due day's), on fixed dates whatever the run's clock."""

from datetime import date

import pytest
from sqlalchemy import select

from app.models import Dealer
from app.services.orders.calls import call_figures, due_rows
from app.services.orders.store import import_orders_file
from tests.helpers import csv_file

HEADER = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type"
# Delivered on these days; with the default days (due on day 3, expired on day 15) they are due on
# 12-30, 12-31, 01-01 and 01-02, and 02-29 / 03-01 in a leap year.
DELIVERED = {"D1227": "2025-12-27", "D1228": "2025-12-28", "D1229": "2025-12-29", "D1230": "2025-12-30",
             "L0226": "2024-02-26", "L0227": "2024-02-27"}


@pytest.fixture
def dealer(store, tmp_path):
    rows = [f"{ro},{day} 08:00,{day} 12:00,{day} 11:00,张伟,客户{i},1381234{i:04d},京A{i:05d},保养"
            for i, (ro, day) in enumerate(DELIVERED.items())]
    import_orders_file(store, csv_file(tmp_path / "orders.csv", rows, header=HEADER))
    with store.session() as s:
        return s.scalar(select(Dealer.id))


@pytest.mark.parametrize("today, due", [
    (date(2025, 12, 29), set()),
    (date(2025, 12, 30), {"D1227"}),
    (date(2025, 12, 31), {"D1227", "D1228"}),  # the year's last day
    (date(2026, 1, 1), {"D1227", "D1228", "D1229"}),  # the new year's first: December's orders still due
    (date(2026, 1, 2), {"D1227", "D1228", "D1229", "D1230"}),
    (date(2026, 1, 10), {"D1227", "D1228", "D1229", "D1230"}),  # day 14 of the first
    (date(2026, 1, 11), {"D1228", "D1229", "D1230"}),  # day 15: the first has expired
    (date(2024, 2, 28), set()),
    (date(2024, 2, 29), {"L0226"}),  # a leap day is a day like any other
    (date(2024, 3, 1), {"L0226", "L0227"}),
])
def test_the_calls_due_on_a_day_across_a_boundary(store, dealer, today, due):
    with store.session() as s:
        assert {r.number for r in due_rows(s, dealer, today)} & set(DELIVERED) == due


@pytest.mark.parametrize("first, last, today, due, unreachable", [
    # December's calls are those due in December, whenever the month is looked at.
    (date(2025, 12, 1), date(2025, 12, 31), date(2025, 12, 31), 2, 0),
    (date(2025, 12, 1), date(2025, 12, 31), date(2026, 1, 20), 2, 2),  # both expired since
    # January's: on the first only the call due that day; the one due on the second is not counted yet.
    (date(2026, 1, 1), date(2026, 1, 31), date(2026, 1, 1), 1, 0),
    (date(2026, 1, 1), date(2026, 1, 31), date(2026, 1, 2), 2, 0),
    (date(2026, 1, 1), date(2026, 1, 31), date(2026, 1, 13), 2, 1),  # 12-29's expired on 01-13, 12-30's not yet
    (date(2026, 1, 1), date(2026, 1, 31), date(2026, 1, 14), 2, 2),
    # A leap year's February ends on the 29th: the call due that day is February's, the next one March's.
    (date(2024, 2, 1), date(2024, 2, 29), date(2024, 3, 31), 1, 1),
    (date(2024, 3, 1), date(2024, 3, 31), date(2024, 3, 31), 1, 1),
])
def test_a_call_counts_in_its_due_days_month(store, dealer, first, last, today, due, unreachable):
    with store.session() as s:
        fig = call_figures(s, dealer, first, last, today)
    assert (fig.due, fig.reached, fig.unreachable) == (due, 0, unreachable)
