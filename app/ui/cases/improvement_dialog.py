"""Turning a closed case's root cause into an improvement action: what, who, by when, which figure."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QLineEdit, QWidget

from app.ui.common.dates import qdate_today
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text, field_error
from app.ui.common.widgets import column, dialog_buttons, error_label

DEFAULT_DAYS = 30  # a month: long enough to change a habit, short enough to follow up


class ImprovementDialog(QDialog):
    raised = Signal(str)  # the action's id

    def __init__(self, store, ops: Ops, user, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("improvement_dialog")
        self.setWindowTitle(self.tr("Improvement action"))
        self.store, self.ops, self.user, self.case_id = store, ops, user, case_id
        self.title = QLineEdit(objectName="improvement_title")
        self.title.setPlaceholderText(self.tr("What will be changed, e.g. parts ordered when the visit is booked"))
        self.owner = QComboBox(objectName="owner")
        self.due = QDateEdit(objectName="due_on")
        self.due.setCalendarPopup(True)
        self.due.setDate(qdate_today().addDays(DEFAULT_DAYS))
        self.due.setMinimumDate(qdate_today().addDays(1))
        self.figure = QComboBox(objectName="figure")
        for text, value in ((self.tr("The share of cases with this case's cause"), ("cause", None)),
                            (self.tr("Timeliness graded D or E"), ("item", "timeliness")),
                            (self.tr("Repair quality graded D or E"), ("item", "repair_quality")),
                            (self.tr("Attitude graded D or E"), ("item", "attitude"))):
            self.figure.addItem(text, value)
        self.errors = {name: error_label(f"{name}_error") for name in ("improvement_title", "owner", "due_on", "figure")}
        form = QFormLayout()
        for label, widget, name in ((self.tr("Action:"), self.title, "improvement_title"),
                                    (self.tr("Owner:"), self.owner, "owner"),
                                    (self.tr("Due:"), self.due, "due_on"),
                                    (self.tr("Figure it should lower:"), self.figure, "figure")):
            form.addRow(label, widget)
            form.addRow("", self.errors[name])
        self.error = error_label("error")
        self.buttons = dialog_buttons(self, self.tr("Raise"), self.tr("Cancel"))
        column(self, [form, self.error, self.buttons])
        self.setMinimumWidth(520)
        from app.services.people.users import list_users

        self.ops.run(lambda: [u for u in list_users(store) if u.active], on_success=self.show_people)

    def show_people(self, people) -> None:
        self.owner.clear()
        self.owner.addItem(self.tr("(nobody yet)"), None)
        for u in people:
            self.owner.addItem(u.display_name, u.user_id)

    def on_buttons_accepted(self) -> None:
        from app.services.predict.improvements import raise_action

        for lbl in (*self.errors.values(), self.error):
            lbl.clear()
        kind, subject = self.figure.currentData()
        store, case_id, user = self.store, self.case_id, self.user
        title, owner, due = self.title.text(), self.owner.currentData(), self.due.date().toPython()
        self.buttons.setEnabled(False)
        self.ops.run(lambda: raise_action(store, case_id, title, owner, due, user, figure_kind=kind,
                                          figure_subject=subject),
                     on_success=self.on_raised, on_failure=self.on_failed)

    def on_raised(self, action_id: str) -> None:
        self.raised.emit(action_id)
        self.accept()

    def on_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.get(field_error(exc), self.error).setText(error_text(exc))  # what was typed stays
