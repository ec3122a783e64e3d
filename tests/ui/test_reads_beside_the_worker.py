"""The notices' and the navigation's counts are read beside the database worker, not on it: at 100,000
cases they held it about 1.4 s right after Today was filled, and the page a person opened then (the
case list) waited for them. Only the latest of several reads is shown (they may finish out of order)."""

from __future__ import annotations

import threading

from app.ui.common.ops import Ops
from app.ui.shell.main_window import MainWindow


def _held_worker(ops: Ops) -> threading.Event:
    """The database worker busy until the returned event is set."""
    held, running = threading.Event(), threading.Event()

    def hold():
        running.set()
        held.wait(30)

    ops.run(hold)
    assert running.wait(10)
    return held


def test_notices_and_navigation_counts_arrive_while_the_database_worker_is_busy(qtbot, store, advisor):
    from app.ui.common.qt_app import create_app

    create_app()
    ops = Ops()
    w = MainWindow(store, ops, advisor)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not ops.busy, timeout=30000)
    held = _held_worker(ops)
    try:
        w.glance._started = True  # as once Today's first paint is done
        with qtbot.waitSignal(w.notices.notices_shown, timeout=10000):
            w.notices.refresh()
        w.glance.counts = None
        w.glance.refresh()
        qtbot.waitUntil(lambda: w.glance.counts is not None, timeout=10000)
    finally:
        held.set()
        qtbot.waitUntil(lambda: not ops.busy, timeout=30000)
        ops.close()


def test_only_the_latest_read_is_shown(qtbot, window):
    notices, glance = window.notices, window.glance
    notices.refresh()
    notices.refresh()  # the inline test pool answered both; a third asked, then the first answers late
    notices._asked += 1
    before = notices.notices
    notices._on_read((notices._asked - 1, ["stale"]))
    assert notices.notices is before
    glance._started = True
    glance.refresh()
    shown = glance.counts
    glance._asked += 1
    glance._on_read((glance._asked - 1, "stale"))
    assert glance.counts is shown
