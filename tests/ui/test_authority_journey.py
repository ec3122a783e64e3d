"""Journeys: a supervisor tries to raise an advisor's remedy limit and can't (an administrator's); an
administrator tries to pass head office's ceiling and is refused in words, then saves within it, and
the change shows in the audit trail with its old and new value."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services import settings
from app.services.people import users
from app.services.preferences import read_settings
from app.ui.settings.settings_view import SettingsView


def type_value(qtbot, spin, text: str) -> None:
    spin.setFocus()
    qtbot.mouseClick(spin, Qt.MouseButton.LeftButton)
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, text)


def test_a_supervisor_cannot_raise_an_advisors_limit(qtbot, store, ops, admin):
    sup = users.create_user(store, "zhao", "赵监督", "2468", "supervisor", actor_id=admin.user_id)
    view = SettingsView(store, ops, sup)
    qtbot.addWidget(view)
    view.show()
    limit = view.editors["remedy.limit.advisor"]
    qtbot.waitUntil(lambda: limit.value() == 300)
    assert not limit.isEnabled()
    assert limit.toolTip() == "Only an administrator can change this setting"
    type_value(qtbot, limit, "5000")  # a greyed-out field takes nothing typed
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.message.text() != "")
    assert read_settings(store)["remedy.limit.advisor"] == 300
    # The audit trail is the supervisor's to read: no change of a limit in it.
    qtbot.waitUntil(lambda: view.audit.table.rowCount() > 0)
    assert "Setting changed" not in [view.audit.table.item(r, 2).text() for r in range(view.audit.table.rowCount())]


def test_an_administrator_is_refused_above_head_offices_ceiling_and_the_change_is_audited(qtbot, store, ops, admin):
    with store.session() as s, s.begin():
        settings.put(s, "remedy.limit.ceiling", 2000, source="hq")  # as head office's publication brings it
    view = SettingsView(store, ops, admin)
    qtbot.addWidget(view)
    view.show()
    assert not view.editors["remedy.limit.ceiling"].isEnabled()
    assert view.editors["remedy.limit.ceiling"].toolTip() == "Head office sets this setting"
    sup_limit, admin_limit = view.editors["remedy.limit.supervisor"], view.editors["remedy.limit.admin"]
    qtbot.waitUntil(lambda: admin_limit.value() == 3000)
    type_value(qtbot, sup_limit, "2000")
    type_value(qtbot, admin_limit, "2500")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "head office allows at most 2000 yuan" in view.message.text())
    assert read_settings(store)["remedy.limit.admin"] == 3000  # nothing of the refused save stored
    assert read_settings(store)["remedy.limit.supervisor"] == 3000
    assert admin_limit.value() == 2500  # what was typed stays to be corrected
    type_value(qtbot, admin_limit, "2000")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.message.text() == "Saved.")
    assert read_settings(store)["remedy.limit.admin"] == 2000
    table = view.audit.table
    qtbot.waitUntil(lambda: any(table.item(r, 4).text() == "remedy.limit.admin: 3000 → 2000"
                                for r in range(table.rowCount())))
    row = next(r for r in range(table.rowCount()) if table.item(r, 4).text() == "remedy.limit.admin: 3000 → 2000")
    assert (table.item(row, 1).text(), table.item(row, 2).text(), table.item(row, 5).text()) == \
        (admin.display_name, "Setting changed", "this counter")
    view.audit.kind.setCurrentIndex(view.audit.kind.findData("setting.changed"))
    qtbot.waitUntil(lambda: table.rowCount() == 2)  # the supervisor's limit and the administrator's
    assert view.audit.position.text() == "1-2 of 2 changes"
    assert not view.audit.older_button.isEnabled() and not view.audit.newer_button.isEnabled()


def test_an_administrator_gives_an_advisor_another_role_and_the_trail_says_so(qtbot, store, ops, admin, advisor):
    view = SettingsView(store, ops, admin)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.user_list.count() == 2)
    row = next(i for i in range(view.user_list.count())
               if view.user_list.item(i).data(Qt.ItemDataRole.UserRole).username == "li")
    view.user_list.setCurrentRow(row)
    assert view.role_choice.currentData() == "advisor"
    view.role_choice.setCurrentIndex(view.role_choice.findData("supervisor"))
    qtbot.mouseClick(view.role_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.user_message.text() == f"{advisor.display_name} is now: Supervisor.")
    assert {p.username: p.role for p in users.list_users(store)}["li"] == "supervisor"
    table = view.audit.table
    qtbot.waitUntil(lambda: any(table.item(r, 2).text() == "Role changed" for r in range(table.rowCount())))
    r = next(r for r in range(table.rowCount()) if table.item(r, 2).text() == "Role changed")
    assert (table.item(r, 1).text(), table.item(r, 3).text()) == (admin.display_name, advisor.display_name)
    assert "old: advisor; new: supervisor" in table.item(r, 4).text()
