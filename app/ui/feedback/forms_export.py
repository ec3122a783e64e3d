"""Feedback forms > Export to Excel: the forms between two service dates, as a person reads them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.ui.common.dates import qdate_today
from app.ui.common.ops import Ops
from app.ui.common.widgets import dialog_buttons


class FormsExportDialog(QDialog):
    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formsExport")
        self.setWindowTitle(self.tr("Export feedback forms to Excel"))
        self.store, self.ops, self.user = store, ops, user
        today = qdate_today()
        self.date_from = QDateEdit(today.addDays(1 - today.day()), objectName="exportFrom")
        self.date_to = QDateEdit(today, objectName="exportTo")
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(self.tr("Service date from"), self.date_from)
        form.addRow(self.tr("to"), self.date_to)
        note = QLabel(self.tr("Phones are written whole for supervisors and administrators, masked for others."))
        note.setWordWrap(True)
        self.result = QLabel(objectName="exportResult")
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.result)
        layout.addWidget(dialog_buttons(self, self.tr("Save as..."), self.tr("Close")))

    def on_buttons_accepted(self) -> None:
        from app.ui.common.export_run import ask_path

        path = ask_path(self, self.tr("feedback-forms.xlsx"))
        if path is not None:
            self.export_to(path)

    def export_to(self, path) -> None:
        from app.services.exports.lists import FormFilter, export_forms
        from app.ui.common.export_run import run_export

        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        if last < first:
            self.result.setText(self.tr("The first date is after the last; choose them again."))
            return
        store, role = self.store, self.user.role
        run_export(self, self.ops, path, lambda p, progress, cancelled: export_forms(
            store, p, FormFilter(first, last), role=role, translate=QCoreApplication.translate,
            progress=progress, cancelled=cancelled), None, self.result.setText)
