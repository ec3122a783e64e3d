"""Auto-lock and head office's address are an administrator's: an advisor sees them greyed out, and
the core refuses them even if the view were bypassed."""

import pytest

from app.foundation.errors import InvalidInput
from app.services.preferences import read_settings, save_settings
from app.ui.settings.settings_view import SettingsView


def test_an_advisor_cannot_turn_auto_lock_off_or_change_head_offices_address(qtbot, store, ops, advisor):
    view = SettingsView(store, ops, advisor)
    qtbot.addWidget(view)
    view.show()
    for key in ("ui.lock_minutes", "sync.server_url", "sync.interval_s"):
        assert not view.editors[key].isEnabled()
        assert view.editors[key].toolTip() == "Only an administrator can change this setting"
    with pytest.raises(InvalidInput):
        save_settings(store, {"ui.lock_minutes": 0}, advisor)
    assert read_settings(store)["ui.lock_minutes"] == 10


def test_an_administrator_sets_auto_lock(qtbot, store, ops, admin):
    view = SettingsView(store, ops, admin)
    qtbot.addWidget(view)
    view.show()
    lock = view.editors["ui.lock_minutes"]
    assert lock.isEnabled()
    qtbot.waitUntil(lambda: lock.value() == 10)
    lock.setValue(3)
    view.on_save_clicked()
    qtbot.waitUntil(lambda: read_settings(store)["ui.lock_minutes"] == 3)


def test_lock_minutes_saved_in_settings_take_effect_without_a_restart(qtbot, store, ops, admin):
    from PySide6.QtCore import Qt

    from tests.ui.conftest import signed_in

    shell, w = signed_in(qtbot, ops, store)
    qtbot.waitUntil(lambda: shell.idle.minutes == 10)
    w.show_page(w.settings)
    lock = w.settings.editors["ui.lock_minutes"]
    qtbot.waitUntil(lambda: lock.value() == 10)
    lock.setValue(1)
    qtbot.mouseClick(w.settings.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.idle.minutes == 1)
    assert shell.idle.timer.isActive() and shell.idle.timer.interval() == 60_000
    with qtbot.waitSignal(shell.locked, timeout=5000):
        shell.idle.timer.setInterval(20)  # the minute, shortened: the window locks with the new setting
        shell.idle.timer.start()


def test_the_sync_interval_saved_in_settings_takes_effect_without_a_restart(qtbot, store, ops, admin):
    from app.services.changes import SETTINGS
    from app.ui.sync.sync_controller import SyncController

    ctl = SyncController(store, ops)
    assert ctl.interval_s == 60
    ctl.timer.start(60_000)
    save_settings(store, {"sync.interval_s": 300}, admin)
    ops.announce(SETTINGS)
    qtbot.waitUntil(lambda: ctl.interval_s == 300)
    assert ctl.timer.isActive() and ctl.timer.interval() == 300_000
    ctl.stop()
    ops.wait_idle()
