"""Pictures where people would rather look: Today's 12-month trend (drawn after the first paint, from
the month's own figures) and the case list's status counts as a bar that filters the list."""

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt

from app.foundation import clock
from app.services.feedback import forms as feedback_forms
from app.services.drafts import DraftBox
from app.services.glance.trend import month_trend
from app.ui.common.charts import series_of, value_labels
from app.ui.common.ops import Ops
from app.ui.today.today_view import TodayView
from tests.ui.test_nothing_hidden_on_today import waiting_cases


def test_todays_trend_is_drawn_after_the_first_show_with_the_months_figures(qtbot, store, advisor, tmp_path):
    today = clock.today()
    for i, (days_ago, grades) in enumerate([(0, "AAA"), (1, "ADB"), (40, "BBB"), (70, "CCE")]):
        feedback_forms.enter_form(store, feedback_forms.FormEntry(
            f"RO{i}", today - timedelta(days=days_ago), f"客户{i}", f"1380000{i:04d}", f"京A{i:05d}", *grades,
            overall=9), advisor)
    view = TodayView(store, Ops(inline=True), advisor, DraftBox(tmp_path))
    qtbot.addWidget(view)
    assert view.trend.charts == []  # built with Today, drawn only once it is on screen
    view.show()
    qtbot.waitUntil(lambda: len(view.trend.charts) == 2)
    points = month_trend(store)
    [(_name, average)] = series_of(view.trend.charts[0])
    [(_name, share)] = series_of(view.trend.charts[1])
    assert average == [(float(i), p.average) for i, p in enumerate(points) if p.average is not None]
    assert share == [(float(i), p.failure_share * 100) for i, p in enumerate(points) if p.failure_share is not None]
    assert average[-1][1] == float(view.average.text())  # the last point is the month box's own figure
    assert len(points) == 12 and sum(p.forms for p in points) == 4
    # Each value label names the value at its place, and no two read the same.
    assert [len(set(value_labels(chart))) for chart in view.trend.charts] == [3, 3]


def test_todays_trend_of_a_flat_share_and_of_no_forms_reads_distinct_values(qtbot, store, advisor, tmp_path):
    """A dealer's first day (no forms), then months at one failure share: the share's axis reads 0 1 2
    (Qt's own range read "0 1 1"), then 45 50 55 (the range around a flat line read "50 50 50")."""
    view = TodayView(store, Ops(inline=True), advisor, DraftBox(tmp_path))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.trend.charts) == 2)
    assert [value_labels(chart) for chart in view.trend.charts] == [["0.0", "0.1", "0.2"], ["0", "1", "2"]]
    day = clock.today().replace(day=1)
    for m in range(3):  # a failure in each of the last three months, and a good form: 50 % each month
        for i, grades in enumerate(("AAA", "DAA")):
            feedback_forms.enter_form(store, feedback_forms.FormEntry(
                f"RO{m}{i}", day, f"客户{m}{i}", f"1390000{m}{i:03d}", f"沪B{m}{i:04d}", *grades), advisor)
        day = (day - timedelta(days=1)).replace(day=1)
    view.trend.refresh()
    qtbot.waitUntil(lambda: [p for _n, p in series_of(view.trend.charts[1])] == [[(9.0, 50.0), (10.0, 50.0), (11.0, 50.0)]])
    assert value_labels(view.trend.charts[1]) == ["45", "50", "55"]


def test_a_window_prepared_before_sign_in_draws_its_trend_hidden(qtbot, store, advisor):
    """Prepared while the PIN is typed, the window's trend is read and drawn before it is shown: the
    first show after the PIN only paints it."""
    from app.ui.shell.main_window import MainWindow

    w = MainWindow(store, Ops(inline=True), advisor, sealed=True)
    qtbot.addWidget(w)
    assert w.today.trend.points is not None and w.today.trend.charts == []  # read with Today, not drawn
    w.prepare_paint()
    assert len(w.today.trend.charts) == 2 and not w.isVisible()


def test_the_status_bar_counts_the_list_and_a_part_filters_it(qtbot, window, store, advisor):
    from app.services.recovery.guide import escalate

    refs = waiting_cases(store, advisor, 3)
    escalate(store, refs[0].id, "客户要求经理处理", advisor.user_id)
    cases = window.cases
    window.show_page(cases)
    qtbot.waitUntil(lambda: cases.status_counts.view is not None)
    assert cases.status_counts.counts == {"open": 2, "escalated": 1}
    assert series_of(cases.status_counts.view) == [("Open 2", [(0.0, 2.0)]), ("Escalated 1", [(0.0, 1.0)])]
    assert "Open 2" in cases.status_counts.legend.text() and "Escalated 1" in cases.status_counts.legend.text()
    # A click on the bar's last part (escalated: the right third) lists only those.
    view = cases.status_counts.view
    qtbot.waitUntil(lambda: view.isVisible() and view.width() > 10)  # laid out on screen
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(view.width() * 0.85), view.height() // 2))
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1)
    assert cases.status.currentData() == "escalated"
    # The bar keeps showing the split of everything the other filters find.
    assert cases.status_counts.counts == {"open": 2, "escalated": 1}
