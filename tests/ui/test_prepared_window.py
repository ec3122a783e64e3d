"""The main window prepared while the PIN is typed: hidden and sealed until the PIN check signs in
its very person; another name chosen or a wrong PIN drops it, and nothing of it reaches the window
shown to the person who then signs in."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from tests.ui.threaded_shell import threaded_shell


class _Shown(QObject):
    """Records every Show event a window gets."""

    def __init__(self, window) -> None:
        super().__init__()
        self.count = 0
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show:
            self.count += 1
        return False


def _threaded_shell(qtbot, store):
    return threaded_shell(qtbot, store, names=2)


def _prepared_for(qtbot, shell, username: str):
    qtbot.waitUntil(lambda: shell._prebuilt is not None and shell._prebuilt[0].username == username, timeout=20000)
    return shell._prebuilt[1]


def _settle(qtbot, ops, shell) -> None:
    """Let every answer still on its way reach the views, until no work is left."""
    if shell.sync is not None:
        shell.sync.stop()
    for _ in range(20):
        ops.wait_idle()
        qtbot.wait(20)
        if not ops._pending:
            break
    ops.close()  # as the desk does when its window closes: a later answer reaches no deleted window
    # The shell and what it holds go now, while the event loop runs, not whenever Python collects them.
    shell.drop_prebuilt()
    if shell.idle is not None:
        shell.idle.pause()
    shell.deleteLater()
    qtbot.wait(20)
    QApplication.processEvents()


def _main_windows_visible() -> list:
    return [w for w in QApplication.topLevelWidgets() if w.inherits("QMainWindow") and w.isVisible()]


def test_the_window_prepared_during_the_pin_is_shown_only_once_the_check_passes(qtbot, store, advisor):
    ops, shell, dialog = _threaded_shell(qtbot, store)
    try:
        dialog.user.setCurrentIndex(dialog.user.findData("admin"))
        qtbot.keyClicks(dialog.pin, "12")  # half the PIN: nothing has been checked
        prepared = _prepared_for(qtbot, shell, "admin")
        shown = _Shown(prepared)
        assert prepared.sealed and shell.window is None and shell.user is None
        # No way shows it before the check: not show(), not showNormal() (a tray message's click).
        prepared.show()
        prepared.showNormal()
        assert not prepared.isVisible() and shown.count == 0 and _main_windows_visible() == []
        assert dialog.isVisible()

        qtbot.keyClicks(dialog.pin, "34")
        with qtbot.waitSignal(shell.window_shown, timeout=20000):
            qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        assert shell.window is prepared and not prepared.sealed
        qtbot.addWidget(prepared)
        assert prepared.isVisible() and shown.count == 1 and prepared.user.username == "admin"
    finally:
        _settle(qtbot, ops, shell)


def test_another_name_or_a_wrong_pin_drops_the_prepared_window_and_nothing_of_it_is_shown(qtbot, store, advisor):
    from app.services.demo.sample_data import fill_demo

    fill_demo(store, forms=60, cases=12)
    ops, shell, dialog = _threaded_shell(qtbot, store)
    try:
        dialog.user.setCurrentIndex(dialog.user.findData("admin"))
        qtbot.keyClicks(dialog.pin, "0")  # the PIN's first key prepares the chosen person's window
        for_admin = _prepared_for(qtbot, shell, "admin")
        admin_shown = _Shown(for_admin)
        assert for_admin.today.alerts_box.isVisibleTo(for_admin)  # a supervisor's window: alerts on Today

        dialog.user.setCurrentIndex(dialog.user.findData("li"))  # another name: its own window
        for_li = _prepared_for(qtbot, shell, "li")
        li_shown = _Shown(for_li)
        # The admin's window is dropped: hidden, or already deleted (no background answer was pending).
        assert for_li is not for_admin and (not isValid(for_admin) or not for_admin.isVisible())

        qtbot.keyClicks(dialog.pin, "000")  # li's PIN is 5678
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Wrong user name or PIN" in dialog.sign_in_form.errors["pin"].text(), timeout=20000)
        assert shell._prebuilt is None and shell.window is None and _main_windows_visible() == []
        qtbot.waitUntil(lambda: shell._warm_done, timeout=20000)  # the code loaded after the refusal...
        QApplication.processEvents()
        assert shell._prebuilt is None  # ...prepares nothing again until a key is typed
        # Both dropped windows are deleted once no background work can answer them.
        qtbot.waitUntil(lambda: not isValid(for_admin) and not isValid(for_li), timeout=20000)
        assert admin_shown.count == 0 and li_shown.count == 0

        dialog.pin.clear()
        qtbot.keyClicks(dialog.pin, "5678")
        with qtbot.waitSignal(shell.window_shown, timeout=20000) as shown:
            qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        w = shown.args[0]
        qtbot.addWidget(w)
        assert w is shell.window and w.isVisible() and not w.sealed
        assert w.user.username == "li" and "李娜" in w.user_label.text() and "管理员" not in w.user_label.text()
        assert not w.today.alerts_box.isVisibleTo(w)  # an advisor's Today: no supervisor's alerts
        assert w.recovery.approvals is None  # nor a supervisor's pages
        assert _main_windows_visible() == [w]
    finally:
        _settle(qtbot, ops, shell)


def test_a_sealed_window_tells_the_tray_nothing(qtbot, store, ops, advisor):
    """A notice arriving for a window prepared before sign-in never reaches the tray (whose message,
    clicked, would open the window)."""
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    create_app()
    w = MainWindow(store, ops, advisor, sealed=True)
    qtbot.addWidget(w)
    w.notices._tell_tray([object()])
    assert w.notices.tray is None and not w.isVisible()
    w.unseal()
    w.show()
    assert w.isVisible()


def test_a_window_prepared_long_before_the_pin_is_built_again_when_the_pin_comes(qtbot, store, admin, monkeypatch):
    """What a window prepared at the PIN's first key read may be long stale when the PIN comes (the
    person was called away): it is dropped, never shown, and the window shown is built then."""
    import app.ui.shell.shell as shell_module

    ops, shell, dialog = threaded_shell(qtbot, store)
    try:
        qtbot.keyClicks(dialog.pin, "12")
        early = _prepared_for(qtbot, shell, "admin")
        early_shown = _Shown(early)
        monkeypatch.setattr(shell_module, "TODAY_FRESH_S", -1.0)  # everything read so far counts as stale
        qtbot.keyClicks(dialog.pin, "34")
        with qtbot.waitSignal(shell.window_shown, timeout=20000) as shown:
            qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        w = shown.args[0]
        qtbot.addWidget(w)
        assert w is not early and w.isVisible() and w.user.username == "admin"
        # Dropped: hidden, and deleted once no background work can answer it (the window shown starts
        # its own, so that may be later than this test).
        assert not isValid(early) or not early.isVisible()
        assert early_shown.count == 0 and _main_windows_visible() == [w]
    finally:
        _settle(qtbot, ops, shell)


def test_todays_read_before_sign_in_fills_the_first_window_only(qtbot, store, advisor, monkeypatch):
    """The figures read while the names were listed fill the first window signed in; after a quick
    sign-out (a lock) the next person's window reads its own, never that old read."""
    from app.ui.shell import shell as shell_module
    from app.ui.today.today_view import TodayView

    reads, shown = [], []
    today_now, show_figures = shell_module._today_now, TodayView.show_figures

    def recorded_read(s):
        reads.append(today_now(s))
        return reads[-1]

    def recorded_show(view, data):
        shown.append((view, data[0]))
        return show_figures(view, data)

    monkeypatch.setattr(shell_module, "_today_now", recorded_read)
    monkeypatch.setattr(TodayView, "show_figures", recorded_show)
    ops, shell, dialog = _threaded_shell(qtbot, store)
    try:
        qtbot.waitUntil(lambda: bool(reads) and not ops.busy, timeout=20000)  # read while the names were listed
        early = [read[1] for read in reads]
        dialog.user.setCurrentIndex(dialog.user.findData("admin"))
        qtbot.keyClicks(dialog.pin, "1234")
        with qtbot.waitSignal(shell.window_shown, timeout=20000) as first:
            qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        first = first.args[0]
        assert any(view is first.today and figures is early[0] for view, figures in shown)  # prefilled

        shell.lock()  # signed out at once: the next person signs in well within the read's 30 s
        locked = shell.dialog
        qtbot.waitUntil(lambda: locked.submit.isEnabled() and locked.user.count() >= 2, timeout=20000)
        locked.user.setCurrentIndex(locked.user.findData("li"))
        qtbot.keyClicks(locked.pin, "5678")
        with qtbot.waitSignal(shell.window_shown, timeout=20000) as second:
            qtbot.keyClick(locked.pin, Qt.Key.Key_Return)
        second = second.args[0]
        qtbot.addWidget(second)  # the first was closed by the shell when the second took its place
        assert second is not first
        qtbot.waitUntil(lambda: getattr(second, "_today_filled", False), timeout=20000)  # its own read
        assert [f for view, f in shown if view is second.today] != []
        assert not any(view is second.today and any(f is e for e in early) for view, f in shown)
    finally:
        _settle(qtbot, ops, shell)
