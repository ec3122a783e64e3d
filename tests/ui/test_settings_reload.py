"""A settings change that arrives while someone is editing Settings never overwrites what they typed."""

from PySide6.QtCore import Qt

from app.services.changes import SETTINGS
from app.services.preferences import read_settings, save_settings
from app.ui.settings.settings_view import SettingsView


def test_a_pulled_setting_shows_and_the_field_being_edited_keeps_what_was_typed(qtbot, store, ops, admin):
    view = SettingsView(store, ops, admin)
    qtbot.addWidget(view)
    view.show()
    size, days = view.editors["verification.sample_size"], view.editors["verification.recent_days"]
    qtbot.waitUntil(lambda: days.value() == 30)
    size.setValue(25)  # typed, not saved yet

    save_settings(store, {"verification.recent_days": 45, "verification.sample_size": 12}, admin)  # e.g. a pull
    ops.announce(SETTINGS)

    assert days.value() == 45
    assert size.value() == 25
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    stored = read_settings(store)
    assert (stored["verification.sample_size"], stored["verification.recent_days"]) == (25, 45)

    save_settings(store, {"verification.sample_size": 40}, admin)  # after the save the field follows again
    ops.announce(SETTINGS)
    assert size.value() == 40
