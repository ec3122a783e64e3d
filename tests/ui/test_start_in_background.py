"""Sign-in with real background threads: while the PIN is checked the chosen person's window is
built hidden and Today's figures read; it is shown only to the person the check signs in."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.threaded_shell import threaded_shell


def _threaded_shell(qtbot, store):
    return threaded_shell(qtbot, store, names=2)


def test_wrong_pin_shows_nothing_then_the_right_person_gets_their_window(qtbot, store, advisor):
    from app.services.demo.sample_data import fill_demo

    fill_demo(store, forms=60, cases=12)
    ops, shell, dialog = _threaded_shell(qtbot, store)
    try:
        dialog.user.setCurrentIndex(dialog.user.findData("li"))
        qtbot.keyClicks(dialog.pin, "0000")
        qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
        # Built (hidden) while the PIN is checked; the answer comes back through the event loop.
        assert shell._prebuilt is not None and shell._prebuilt[0].username == "li"
        assert not shell._prebuilt[1].isVisible()
        qtbot.waitUntil(lambda: "Wrong user name or PIN" in dialog.sign_in_form.errors["pin"].text(), timeout=20000)
        assert shell.window is None and shell._prebuilt is None
        assert not any(w.isVisible() and w.objectName() != "signIn" for w in QApplication.topLevelWidgets()
                       if w.inherits("QMainWindow"))

        # Another name chosen: its own window, not the one built for the first choice.
        dialog.user.setCurrentIndex(dialog.user.findData("admin"))
        dialog.pin.clear()
        qtbot.keyClicks(dialog.pin, "1234")
        filled = []
        shell.window_shown.connect(lambda w: w.today.filled.connect(lambda: filled.append(w.today.forms.text())))
        with qtbot.waitSignal(shell.window_shown, timeout=20000):
            qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
            prebuilt = shell._prebuilt[1]
        w = shell.window
        assert w is prebuilt
        qtbot.addWidget(w)
        assert w.isVisible() and w.user.username == "admin" and "管理员" in w.user_label.text()
        assert w.today.alerts_box.isVisibleTo(w)  # an administrator sees supervisors' alerts
        qtbot.waitUntil(lambda: bool(filled), timeout=20000)
        assert filled[0] != "-"
    finally:
        if shell.sync is not None:
            shell.sync.stop()
        for _ in range(20):  # answers still queued reach the shell while it lives (and may ask for more)
            ops.wait_idle()
            qtbot.wait(20)
            if not ops._pending:
                break
        ops.close()  # as the desk does when its window closes: a later answer reaches no deleted view
        QApplication.processEvents()


def test_every_box_of_today_is_read_while_the_pin_is_typed(qtbot, store, advisor, monkeypatch):
    """The Overdue box is read with Today's figures while the PIN is typed, and filled with them when
    the window shows: its own query (which follows) waits behind the window's other loads."""
    from app.services.demo.sample_data import fill_demo
    from app.services.recovery.overdue import count_overdue, overdue_cases
    from app.ui.today.overdue_box import SHOWN, OverdueBox

    fill_demo(store, forms=60, cases=40, seed=2)
    want = [o.number for o in overdue_cases(store, limit=SHOWN)]
    assert want  # the demo store has overdue cases
    ops, shell, dialog = _threaded_shell(qtbot, store)
    try:
        qtbot.waitUntil(lambda: shell._today_read is not None, timeout=20000)
        monkeypatch.setattr(OverdueBox, "refresh", lambda self: None)  # only the read made during the PIN
        dialog.user.setCurrentIndex(dialog.user.findData("admin"))
        qtbot.keyClicks(dialog.pin, "1234")
        with qtbot.waitSignal(shell.window_shown, timeout=20000):
            qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        w = shell.window
        qtbot.addWidget(w)
        box = w.recovery.overdue
        assert box.title() == f"Overdue ({count_overdue(store)})"
        assert [box.list.item(i).text().split(" \u00b7 ")[0] for i in range(box.list.count())] == want
    finally:
        if shell.sync is not None:
            shell.sync.stop()
        for _ in range(20):  # answers still queued reach the shell while it lives (and may ask for more)
            ops.wait_idle()
            qtbot.wait(20)
            if not ops._pending:
                break
        ops.close()  # as the desk does when its window closes: a later answer reaches no deleted view
        QApplication.processEvents()
