"""Joining this counter to head office: address and one-time code; each problem shown next to its
field, nothing typed is lost; the credential goes to the keyring (see app.sync.connect)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.foundation.errors import InvalidInput, RecoveryDeskError
from app.sync.connect import connect
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, error_label


def first_round(store, transport=None) -> bool:
    """Right after joining: one sync round, so a counter joining a dealer that already has people gets
    them (and their PINs) before anyone is asked to create an administrator. False when head office
    can't be reached now: the first start goes on as before, and the people come with a later round."""
    from app.sync.client import SyncClient, SyncFailed

    try:
        SyncClient(store, transport=transport).run_once()
    except (SyncFailed, OSError):
        return False
    return True


def _error_label() -> QLabel:
    label = error_label()
    label.hide()
    return label


class ConnectDialog(QDialog):
    counter_connected = Signal(object)  # app.sync.connect.Connected

    def __init__(self, store, ops: Ops, parent=None, *, url: str = "", transport=None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.transport = store, ops, transport
        self.setWindowTitle(self.tr("Connect to head office"))
        self.setMinimumWidth(520)
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://hq.example.com")
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCD-EFGH-JKMN")
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("e.g. Front desk 2"))
        self.url_error, self.code_error, self.message = _error_label(), _error_label(), _error_label()
        form = QFormLayout()
        form.addRow(self.tr("Head-office address"), self.url)
        form.addRow("", self.url_error)
        form.addRow(self.tr("Enrolment code"), self.code)
        form.addRow("", self.code_error)
        form.addRow(self.tr("Name of this PC"), self.label)
        intro = Label(self.tr("Head office gives each counter PC a one-time code. The credential this "
                               "counter receives is kept in the system keyring only."))
        intro.setWordWrap(True)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setDefault(True)
        buttons = QDialogButtonBox()
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QPushButton(self.tr("Cancel")), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.connect_button.clicked.connect(self.on_connect_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    @Slot()
    def on_connect_clicked(self) -> None:
        for label in (self.url_error, self.code_error, self.message):
            label.hide()
        self.connect_button.setEnabled(False)
        url, code, name, transport = self.url.text(), self.code.text(), self.label.text(), self.transport
        self.ops.run(lambda: connect(self.store, url, code, label=name, transport=transport), pool="io",
                     on_success=self.on_connect_done, on_failure=self.on_connect_failed)

    def on_connect_done(self, connected) -> None:
        self.connect_button.setEnabled(True)
        self.counter_connected.emit(connected)
        self.accept()

    def on_connect_failed(self, exc: BaseException) -> None:
        self.connect_button.setEnabled(True)
        if isinstance(exc, InvalidInput):
            target = {"url": self.url_error, "code": self.code_error}.get(exc.params.get("field"), self.message)
            target.setText(QCoreApplication.translate("Errors", exc.params["problem"]))
            target.show()
            self.adjustSize()  # room for a wrapped message
            return
        text = exc.render(QCoreApplication.translate) if isinstance(exc, RecoveryDeskError) else str(exc)
        self.message.setText(text)
        self.message.show()
        self.adjustSize()
