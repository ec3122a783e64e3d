"""Today's 12-month trend agrees with the month's own figures (one definition of each) and leaves gaps."""

from datetime import date

from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.glance.trend import month_trend, months_back
from app.services.today.worklist import today_figures


def test_months_back_cross_the_year():
    assert months_back(2026, 2, 4) == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]


def test_this_months_point_is_todays_figures_and_an_empty_month_is_a_gap(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    today = date(2026, 11, 20)
    for i, (day, grades, overall) in enumerate([(date(2026, 11, 2), "AAA", 9), (date(2026, 11, 5), "ADB", 7),
                                                (date(2026, 11, 9), "BBA", None), (date(2026, 9, 30), "CCC", 4)]):
        feedback_forms.enter_form(store, feedback_forms.FormEntry(
            f"RO{i}", day, f"客户{i}", f"1380000{i:04d}", f"京A{i:05d}", *grades, overall=overall), admin)
    points = month_trend(store, today=today)
    assert [p.month for p in points][0] == "2025-12" and points[-1].month == "2026-11" and len(points) == 12
    now = today_figures(store, today=today).month
    last = points[-1]
    assert (last.forms, last.average, last.failure_share) == (now.forms, now.average, now.failure_share)
    assert (last.forms, last.average, last.failure_share) == (3, (6 + 2 + 4) / 3, 1 / 3)  # AAA, ADB, BBA
    october, september = points[-2], points[-3]
    assert (october.forms, october.average, october.failure_share) == (0, None, None)  # a gap, not a zero
    assert (september.forms, september.average, september.failure_share) == (1, 0.0, 1.0)  # overall 4 < 8
