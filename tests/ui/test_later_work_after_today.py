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
        assert started == [True]
    finally:
        release.set()
        _settle(qtbot, ops, shell)
