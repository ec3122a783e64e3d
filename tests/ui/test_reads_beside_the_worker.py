"""The notices' and the navigation's counts are read beside the database worker, not on it: at 100,000
cases they held it about 1.4 s right after Today was filled, and the page a person opened then (the
case list) waited for them. Only the latest of several reads is shown (they may finish out of order)."""

from __future__ import annotations

import threading
from datetime import datetime

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


def test_only_the_latest_read_is_shown(qtbot, store, advisor, monkeypatch):
    """The bell's first read answers after its second (two readers beside each other): the second's
    notices stay on screen."""
    from app.services.notices import inbox
    from app.ui.common.qt_app import create_app

    create_app()
    ops = Ops()
    w = MainWindow(store, ops, advisor)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not ops.busy, timeout=30000)
    first_in, let_first_go = threading.Event(), threading.Event()
    read = inbox.notices_for
    calls = []

    def notices_for(store_, uid):
        calls.append(uid)
        which = "late" if len(calls) == 1 else "latest"  # the window's own later refresh is "latest" too
        if which == "late":
            first_in.set()
            assert let_first_go.wait(30)
        return read(store_, uid) + [inbox.Notice(which, inbox.PACK, datetime(2026, 1, 1))]

    monkeypatch.setattr(inbox, "notices_for", notices_for)
    try:
        w.notices.refresh()
        assert first_in.wait(10)
        with qtbot.waitSignal(w.notices.notices_shown, timeout=10000):
            w.notices.refresh()
        assert w.notices.notices[-1].id == "latest"
    finally:
        let_first_go.set()
        qtbot.waitUntil(lambda: not ops.busy, timeout=30000)
        ops.close()
    assert w.notices.notices[-1].id == "latest"  # the late answer came and was dropped
    # The navigation's counts and the case list's status counts are read the same way.
    from app.ui.common.ops import LatestRead

    assert isinstance(w.glance._read, LatestRead) and w.glance._read.show == w.glance.show_counts
