"""Dates on the desk carry the year when it isn't the current one."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QLocale

from app.foundation import clock
from app.ui.common.dates import short_date, short_when

TODAY = date(2026, 11, 30)
EN, ZH = QLocale(QLocale.Language.English), QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def _local(y, m, d, h=9, mi=5):
    return datetime(y, m, d, h, mi).astimezone()  # what the advisor's clock said


@pytest.mark.parametrize("when, expected", [
    (_local(2026, 11, 30, 14, 5), "11-30 14:05"),
    (_local(2026, 1, 2, 8, 0), "01-02 08:00"),
    (_local(2025, 11, 30, 14, 5), "2025-11-30 14:05"),
    (_local(2025, 12, 31, 23, 59), "2025-12-31 23:59"),
    (_local(2027, 1, 1, 0, 0), "2027-01-01 00:00"),
])
@pytest.mark.parametrize("locale", [EN, ZH])
def test_short_when_shows_the_year_only_when_not_this_year(when, expected, locale):
    assert short_when(when, locale, TODAY) == expected
    assert short_when(when.astimezone(timezone.utc), locale, TODAY) == expected  # stored as UTC


@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 30), "11-30"), (date(2026, 1, 1), "01-01"), (date(2025, 12, 31), "2025-12-31"),
])
def test_short_date(day, expected):
    assert short_date(day, ZH, TODAY) == expected


def test_today_lists_last_years_case_with_its_year(qtbot, store, ops):
    from app.services.cases.opening import open_case
    from app.services.cases.opening import NewCase
    from app.ui.today.today_view import TodayView

    last_year = clock.now() - timedelta(days=400)
    new = NewCase(customer_name="王芳", phone="13812345678", plate="京A12345", channel="on_site",
                  failure_type="process", cause_group="employee", severity="moderate")
    open_case(store, new, None, at=last_year)
    open_case(store, new, None, at=clock.now() - timedelta(minutes=5))
    view = TodayView(store, ops)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.waiting.count() == 2)
    old, new_ = view.waiting.item(0).text(), view.waiting.item(1).text()
    assert f"{last_year.astimezone().year}-" in old
    assert f"{clock.today().year}-" not in new_
