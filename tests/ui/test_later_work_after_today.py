"""What no box of Today needs (sync's code and controller, the daily backup, the case list built while
idle) starts once every box of Today has its first read, not when Today's figures alone are in: it
held the interpreter the other boxes' reads and paints waited for."""

from __future__ import annotations

import threading

from app.services.demo.sample_data import fill_demo
from tests.ui.test_prepared_window import _settle
from tests.ui.test_today_read_once import _sign_in
from tests.ui.threaded_shell import threaded_shell


def test_sync_and_the_backup_start_once_the_last_box_of_today_is_read(qtbot, store, admin, monkeypatch):
    import app.services.glance.trend as trend
    import app.ui.shell.shell as shell_module

    fill_demo(store, forms=40, cases=12, seed=11)
    release, started = threading.Event(), []
    month_trend = trend.month_trend

    def held_trend(*a, **kw):  # the trend's read comes last
        release.wait(20)
        return month_trend(*a, **kw)

    monkeypatch.setattr(trend, "month_trend", held_trend)
    load_later = shell_module.Shell._load_later

    def recorded(self):
        started.append(self.window.today.trend.points is not None)
        load_later(self)

    monkeypatch.setattr(shell_module.Shell, "_load_later", recorded)
    ops, shell, dialog = threaded_shell(qtbot, store)
    try:
        w = _sign_in(qtbot, shell, dialog)
        qtbot.waitUntil(lambda: w.today.is_filled and bool(w.recovery.overdue.title()), timeout=20000)
        qtbot.waitUntil(lambda: ops.first_reads == 1, timeout=20000)  # every first read but the trend's
        qtbot.wait(50)
        assert started == []  # Today's figures are in, the trend is not: nothing else starts yet
        release.set()
        qtbot.waitUntil(lambda: bool(started), timeout=20000)
        qtbot.wait(300); assert started == [True]
    finally:
        release.set()
        _settle(qtbot, ops, shell)


def test_what_waits_for_today_starts_after_the_last_box_is_painted(qtbot, store, admin, monkeypatch):
    """The last box's data in, its paint is asked for at Qt's low priority: the work that waits for
    Today must start after that paint, not before it (a zero timer ran first, and sync's imports and
    the navigation's counts then held the interpreter and the cores the paint needed)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    import app.services.glance.trend as trend
    import app.ui.shell.shell as shell_module

    fill_demo(store, forms=40, cases=12, seed=11)
    release, started, painted = threading.Event(), [], []
    month_trend = trend.month_trend

    def held_trend(*a, **kw):  # the trend's read comes last, once the window is on screen
        release.wait(20)
        return month_trend(*a, **kw)

    monkeypatch.setattr(trend, "month_trend", held_trend)
    load_later = shell_module.Shell._load_later

    def recorded(self):
        started.append(bool(painted))
        load_later(self)

    monkeypatch.setattr(shell_module.Shell, "_load_later", recorded)
    ops, shell, dialog = threaded_shell(qtbot, store)
    window = []

    class Paints(QObject):  # a paint of the trend's charts (made when its points come)
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and window and obj.isWidgetType():
                if any(chart is obj or chart.isAncestorOf(obj) for chart in window[0].today.trend.charts):
                    painted.append(True)
            return False

    paints = Paints()
    QApplication.instance().installEventFilter(paints)
    try:
        w = _sign_in(qtbot, shell, dialog)
        window.append(w)
        qtbot.waitUntil(lambda: w._painted_on_screen and ops.first_reads == 1, timeout=20000)
        qtbot.wait(50)
        release.set()
        qtbot.waitUntil(lambda: bool(started), timeout=20000)
        assert started == [True]
    finally:
        QApplication.instance().removeEventFilter(paints)
        release.set()
        _settle(qtbot, ops, shell)
