"""Settings > Backups at the counter: back up now, see it listed, restore it after the warning about
what head office has not received, and the desk goes on with the restored store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.backups.catalogue import list_backups
from tests.synchelp import open_cases


def test_back_up_now_then_restore_it(qtbot, store, ops, admin, data_dir):
    from tests.ui.conftest import signed_in

    open_cases(store, 2)
    shell, w = signed_in(qtbot, ops, store)
    w.show_page(w.settings)
    panel = w.settings.backups
    assert panel.isVisible() and panel.restore_button.isVisible()  # an administrator may restore
    assert panel.table.rowCount() == 0

    qtbot.mouseClick(panel.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert "Backed up: 2 cases, 0 forms" in panel.message.text()
    assert [panel.table.item(0, c).text() for c in (2, 3, 4)] == ["2", "0", "made by hand"]
    assert w.cases.model.total == 2

    open_cases(store, 1, start=5)  # made after the backup, never sent
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible())
    box = panel.confirm_box
    assert "(2 cases, 0 forms)" in box.text()
    assert "have not reached head office yet" in box.informativeText()
    # No: nothing happens.
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert len(list_backups(data_dir)) == 1

    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible())
    with qtbot.waitSignal(shell.window_shown):
        qtbot.mouseClick(panel.confirm_box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    # The desk reopened on the restored store: the new window lists its two cases.
    restored = shell.window
    qtbot.addWidget(restored)
    qtbot.waitUntil(lambda: restored.cases.model.total == 2)
    assert [b.reason for b in list_backups(data_dir)] == ["before_restore", "manual"]
    restored.show_page(restored.settings)
    qtbot.waitUntil(lambda: restored.settings.backups.table.rowCount() == 2)
