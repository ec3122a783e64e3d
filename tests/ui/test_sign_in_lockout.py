"""Journey: five wrong PINs make sign-in wait; the wait outlives a restart; an administrator lifts it."""

from datetime import timedelta

from PySide6.QtCore import Qt

from app.foundation import clock


def move(monkeypatch, by: timedelta) -> None:
    monkeypatch.setenv(clock.ENV, clock.setting_for(clock.now() + by))


def sign_in_dialog(qtbot, store, ops):
    from app.ui.shell.sign_in_dialog import SignInDialog

    dialog = SignInDialog(store, ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.submit.isEnabled())
    return dialog


def attempt(qtbot, dialog, username: str, pin: str, *, expect_ok: bool = False):
    dialog.user.setCurrentIndex(dialog.user.findData(username))
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, pin)
    signal = dialog.signed_in if expect_ok else dialog.sign_in_failed
    with qtbot.waitSignal(signal):
        qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    return dialog.sign_in_form.error("pin")


def test_five_wrong_pins_wait_through_a_restart_until_an_administrator_lifts_it(qtbot, store, advisor, admin,
                                                                                monkeypatch):
    from app.models.store import open_store
    from app.ui.common.ops import Ops
    from app.ui.settings.settings_view import SettingsView

    dialog = sign_in_dialog(qtbot, store, Ops(inline=True))
    for _ in range(4):
        assert attempt(qtbot, dialog, "li", "0000").startswith("Wrong user name or PIN")
    shown = attempt(qtbot, dialog, "li", "0000")
    assert "Too many wrong PINs in a row for 李娜" in shown and "30 s" in shown
    # The right PIN now waits too.
    assert "Too many wrong PINs" in attempt(qtbot, dialog, "li", "5678")

    # A restart: the program closed, the store opened again, a new sign-in dialog. Still waiting.
    path = store.path.parent
    dialog.close()
    store.close()
    store = open_store(path)
    try:
        move(monkeypatch, timedelta(seconds=10))
        dialog = sign_in_dialog(qtbot, store, Ops(inline=True))
        shown = attempt(qtbot, dialog, "li", "5678")
        assert "Too many wrong PINs in a row for 李娜" in shown and "20 s" in shown

        # The administrator signs in and lifts the wait from Settings.
        who = attempt(qtbot, dialog, "admin", "1234", expect_ok=True)
        assert who == ""
        ops = Ops(inline=True)
        settings = SettingsView(store, ops, admin)
        qtbot.addWidget(settings)
        items = [settings.user_list.item(i) for i in range(settings.user_list.count())]
        waiting = next(i for i in items if "(li)" in i.text())
        assert "sign-in waits until" in waiting.text()
        settings.user_list.setCurrentItem(waiting)
        assert settings.lift_button.isEnabled()
        qtbot.mouseClick(settings.lift_button, Qt.MouseButton.LeftButton)
        assert settings.user_message.text() == "李娜 can sign in again at once."
        qtbot.waitUntil(lambda: not settings.lift_button.isEnabled())

        # 李娜 signs in with her PIN at once.
        dialog = sign_in_dialog(qtbot, store, Ops(inline=True))
        assert attempt(qtbot, dialog, "li", "5678", expect_ok=True) == ""
    finally:
        store.close()
