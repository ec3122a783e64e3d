"""Case-level recovery actions beside the stepper: escalate, reopen, and (supervisors) close a case
that was not recovered, each with the words the history needs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.services.recovery.guide import close_case, escalate, reopen
from app.ui.cases.case_changed import tell_case_changed
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text, field_error
from app.rules.vocab import CaseStatus
from app.ui.common.widgets import column, dialog_buttons, error_label


class CaseActionDialog(QDialog):
    """Asks for the fields an action needs, runs it, and keeps what was typed if it is refused."""

    done = Signal(str)  # the case's new status

    def __init__(self, ops: Ops, title: str, fields: list[tuple[str, str]], run, parent: QWidget | None = None, *,
                 version_of=lambda: None):
        """``run(expected_version=..., **fields)``; ``version_of()`` the case version shown now."""
        super().__init__(parent)
        self.version_of = version_of
        self.setObjectName("case_action_dialog")
        self.setWindowTitle(title)
        self.ops, self.run = ops, run
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label in fields:
            edit = QLineEdit()
            edit.setObjectName(name)
            err = error_label(f"{name}_error")
            form.addRow(label, edit)
            form.addRow("", err)
            self.inputs[name], self.errors[name] = edit, err
        self.error = error_label("error")
        self.buttons = dialog_buttons(self, self.tr("OK"), self.tr("Cancel"))
        column(self, [form, self.error, self.buttons])
        self.setMinimumWidth(440)

    def on_buttons_accepted(self) -> None:
        for lbl in (*self.errors.values(), self.error):
            lbl.clear()
        values = {k: e.text() for k, e in self.inputs.items()}
        values["expected_version"] = self.version_of()
        self.buttons.setEnabled(False)
        self.ops.run(lambda: self.run(**values), on_success=self.on_ran, on_failure=self.on_failed)

    def on_ran(self, status: str) -> None:
        self.done.emit(status)
        self.accept()

    def on_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.get(field_error(exc), self.error).setText(error_text(exc))  # the fields stay as typed
        tell_case_changed(self, self.ops, exc)


class CaseActions(QWidget):
    """Buttons shown according to the case's state and the signed-in person's role."""

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user = store, ops, user
        self.case_id: str | None = None
        self.version: int | None = None  # the case version shown, passed to every action
        self.dialog: CaseActionDialog | None = None
        self.escalate_button = QPushButton(self.tr("Escalate..."), objectName="escalate")
        self.reopen_button = QPushButton(self.tr("Reopen..."), objectName="reopen")
        self.close_button = QPushButton(self.tr("Close without recovery..."), objectName="close_unrecovered")
        self.improve_button = QPushButton(self.tr("Improvement action..."), objectName="improve")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        for b in (self.escalate_button, self.reopen_button, self.close_button, self.improve_button):
            row.addWidget(b)
        self.escalate_button.clicked.connect(self.on_escalate_clicked)
        self.reopen_button.clicked.connect(self.on_reopen_clicked)
        self.close_button.clicked.connect(self.on_close_clicked)
        self.improve_button.clicked.connect(self.on_improve_clicked)
        self.show_state(None, None)

    def show_state(self, case_id: str | None, status: str | None, version: int | None = None) -> None:
        self.case_id, self.version = case_id, version
        closed = status == CaseStatus.CLOSED.value
        supervisor = bool(getattr(self.user, "is_supervisor", False))
        self.escalate_button.setVisible(status is not None and not closed and status != CaseStatus.ESCALATED.value)
        self.reopen_button.setVisible(closed)
        self.close_button.setVisible(status is not None and not closed and status != CaseStatus.OPEN.value
                                     and supervisor)
        self.improve_button.setVisible(closed and supervisor)  # a closed case's root cause, acted on

    def _open(self, title: str, fields, run) -> None:
        self.dialog = CaseActionDialog(self.ops, title, fields, run, self, version_of=lambda: self.version)
        self.dialog.open()

    def on_escalate_clicked(self) -> None:
        store, case_id, uid = self.store, self.case_id, self.user.user_id
        self._open(self.tr("Escalate the case"), [("reason", self.tr("Why, and to whom:"))],
                   lambda reason, expected_version: escalate(store, case_id, reason, uid,
                                                             expected_version=expected_version))

    def on_reopen_clicked(self) -> None:
        store, case_id, uid = self.store, self.case_id, self.user.user_id
        self._open(self.tr("Reopen the case"), [("reason", self.tr("Why:"))],
                   lambda reason, expected_version: reopen(store, case_id, reason, uid,
                                                           expected_version=expected_version))

    def on_close_clicked(self) -> None:
        store, case_id, uid = self.store, self.case_id, self.user.user_id
        self._open(self.tr("Close without recovery"),
                   [("root_cause", self.tr("Root cause:")), ("improvement", self.tr("Improvement:"))],
                   lambda root_cause, improvement, expected_version: close_case(
                       store, case_id, root_cause, improvement, uid, expected_version=expected_version))

    def on_improve_clicked(self) -> None:
        from app.ui.cases.improvement_dialog import ImprovementDialog

        self.improvement = ImprovementDialog(self.store, self.ops, self.user, self.case_id, self)
        self.improvement.open()
