"""The status bar's sync button: sync now, see sync problems, connect this counter to head office."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.ui.common.widgets import icon


class SyncButton(QToolButton):
    """Drives a SyncController (app.ui.sync.sync_controller) for the window it sits in."""

    def __init__(self, controller, store, ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.store, self.ops = controller, store, ops
        self.setObjectName("syncButton")
        self.setIcon(icon("sync"))
        self.setAutoRaise(True)
        self.setToolTip(self.tr("Sync with head office"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.sync_now_action = menu.addAction(self.tr("Sync now"), controller.sync_now)
        self.problems_action = menu.addAction(self.tr("Sync problems..."), self.on_problems_triggered)
        menu.addSeparator()
        self.connect_action = menu.addAction(self.tr("Connect to head office..."), self.on_connect_triggered)
        self.setMenu(menu)
        controller.state_changed.connect(self.on_controller_state_changed)
        self.on_controller_state_changed(controller.state)

    @Slot(object)
    def on_controller_state_changed(self, state) -> None:
        self.sync_now_action.setEnabled(state.connected)

    @Slot()
    def on_problems_triggered(self) -> None:
        from app.ui.sync.sync_problems import SyncProblemsDialog

        dialog = SyncProblemsDialog(self.store, self.ops, self.window())
        dialog.problem_resent.connect(lambda _id: self.controller.sync_now())
        dialog.open()

    @Slot()
    def on_connect_triggered(self) -> None:
        from app.ui.sync.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.store, self.ops, self.window())
        dialog.counter_connected.connect(self.on_dialog_counter_connected)
        dialog.open()

    @Slot(object)
    def on_dialog_counter_connected(self, _connected) -> None:
        self.controller.reload()
        self.controller.sync_now()
