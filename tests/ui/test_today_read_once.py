"""After the PIN, Today is read once: the window signed in shows the shell's read made before sign-in
(figures, lists, Overdue) and reads none of them again; it shows what a window reading its own shows,
and refreshes on the same change notices."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.cases.complaints import record_complaint
from app.services.demo.sample_data import fill_demo
from app.ui.common.ops import Ops
from app.ui.shell.main_window import MainWindow
from tests.synchelp import new_case
from tests.ui.test_prepared_window import _settle
from tests.ui.threaded_shell import threaded_shell


def _counted(monkeypatch) -> dict:
    """How often Today's figures and the Overdue rows are read (by anyone)."""
    import app.services.recovery.overdue as overdue_reading
    import app.services.today.worklist as worklist

    calls = {"figures": 0, "overdue": 0}
    today_figures, overdue_now = worklist.today_figures, overdue_reading.overdue_now

    def figures(*a, **kw):
        calls["figures"] += 1
        return today_figures(*a, **kw)

    def overdue(*a, **kw):
        calls["overdue"] += 1
        return overdue_now(*a, **kw)

    monkeypatch.setattr(worklist, "today_figures", figures)
    monkeypatch.setattr(overdue_reading, "overdue_now", overdue)
    return calls


def _shown(window) -> tuple:
    """What Today and its Overdue box show, as a person reads them."""
    today, overdue = window.today, window.recovery.overdue
    items = lambda lst: [lst.item(i).text() for i in range(lst.count())]  # noqa: E731
    return (today.forms.text(), today.average.text(), today.failure_share.text(), today.call_completion.text(),
            today.waiting_box.title(), items(today.waiting), today.callbacks_box.title(), items(today.callbacks),
            today.forms_box.title(), items(today.failure_forms), today.alerts_box.title(), items(today.alerts),
            overdue.title(), items(overdue.list))


def _filled(window) -> bool:
    return window.today.is_filled and bool(window.recovery.overdue.title())


def _sign_in(qtbot, shell, dialog):
    """The administrator signs in by typing the PIN; the main window shown."""
    dialog.user.setCurrentIndex(dialog.user.findData("admin"))
    qtbot.keyClicks(dialog.pin, "1234")
    with qtbot.waitSignal(shell.window_shown, timeout=20000) as shown:
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    w = shown.args[0]
    qtbot.addWidget(w)
    return w


def test_the_first_window_shows_todays_read_before_sign_in_and_reads_it_no_more(qtbot, store, admin, monkeypatch):
    fill_demo(store, forms=80, cases=30, seed=3)
    calls = _counted(monkeypatch)
    ops, shell, dialog = threaded_shell(qtbot, store)
    reference = None
    try:
        qtbot.waitUntil(lambda: shell._today_read is not None and not ops.busy, timeout=20000)  # names listed
        assert calls == {"figures": 1, "overdue": 1}
        w = _sign_in(qtbot, shell, dialog)
        qtbot.waitUntil(lambda: _filled(w), timeout=20000)
        for _ in range(3):  # every start-up read of the window done
            ops.wait_idle()
            qtbot.wait(20)
        assert w.today_prefilled and calls == {"figures": 1, "overdue": 1}  # the read before sign-in only

        # A window reading its own shows the same.
        reference = MainWindow(store, ops, w.user)
        qtbot.addWidget(reference)
        qtbot.waitUntil(lambda: _filled(reference), timeout=20000)
        assert not reference.today_prefilled and _shown(w) == _shown(reference)

        # A change refreshes both, alike.
        before = _shown(w)
        ops.run(lambda: record_complaint(store, new_case(901), None))
        qtbot.waitUntil(lambda: _shown(w) != before and _shown(w) == _shown(reference), timeout=20000)
        ops.wait_idle()
        qtbot.wait(20)
        assert _shown(w) == _shown(reference)
    finally:
        if reference is not None:
            reference.close()
        _settle(qtbot, ops, shell)


def test_a_window_waiting_for_the_read_reads_its_own_when_the_read_fails(qtbot, store, admin, monkeypatch):
    """The read before sign-in fails after the window was built to use it: the window reads Today
    itself, nothing is left empty."""
    import threading

    import app.ui.shell.shell as shell_module

    fill_demo(store, forms=40, cases=12, seed=5)
    release = threading.Event()

    def failing(_store):
        release.wait(20)
        raise OSError("disk gone")

    monkeypatch.setattr(shell_module, "_today_now", failing)
    ops, shell, dialog = threaded_shell(qtbot, store)
    try:
        assert shell._today_reading  # on its way (held)
        w = _sign_in(qtbot, shell, dialog)
        assert w.today_prefilled and not w.today.is_filled and not w.recovery.overdue.title()
        release.set()
        qtbot.waitUntil(lambda: _filled(w), timeout=20000)
        assert not ops._boxes  # nobody was told of the failed early read: Today read itself
    finally:
        release.set()
        _settle(qtbot, ops, shell)


def test_a_window_built_directly_reads_today_itself(qtbot, store):
    """Tests and tools that build the window without the shell: it reads its own figures, as before."""
    fill_demo(store, forms=20, cases=5, seed=7)
    ops = Ops()
    w = MainWindow(store, ops)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: _filled(w), timeout=20000)
    assert not w.today_prefilled
    ops.wait_idle()
