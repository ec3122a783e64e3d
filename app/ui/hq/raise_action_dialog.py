"""Head office raises one improvement action for the dealers sharing a cause: what, which dealers, who
owns it at each, when, and the figure it should move; the dialog stays open with what was typed until
the action is stored."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QDialog, QFormLayout, QHeaderView, QLineEdit,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)
from shiboken6 import isValid

from app.foundation import clock
from app.rules.scoring import ITEMS
from app.rules.vocab import CauseGroup, Role
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, dialog_buttons, error_label
from app.ui.hq.parts import error_words

DUE_DAYS = 30  # a month to act, then the figure is judged


def figure_words(kind: str, subject: str) -> str:
    """The figure an action should move, in words: "Failure share: Employee", "Failure share: Timeliness"."""
    items = {"timeliness": QCoreApplication.translate("EarlyWarnings", "Timeliness"),
             "repair_quality": QCoreApplication.translate("EarlyWarnings", "Repair quality"),
             "attitude": QCoreApplication.translate("EarlyWarnings", "Attitude")}
    what = (QCoreApplication.translate("Vocab", CauseGroup(subject).title) if kind == "cause" and subject in
            {g.value for g in CauseGroup} else items.get(subject, subject))
    return QCoreApplication.translate("RaiseActionDialog", "Failure share: {what}").format(what=what)


class RaiseActionDialog(QDialog):
    raised = Signal(object)  # app.hq.improve.Raised

    def __init__(self, db, ops: Ops, dealers: list[tuple[str, str, str]], chosen: set[str], *, title: str = "",
                 figure: tuple[str, str] | None = None, people: dict[str, list[tuple[str, str]]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.setObjectName("raise_action_dialog")
        self.setWindowTitle(self.tr("Raise an improvement action for several dealers"))
        summary = Label(self.tr("One action for every dealer ticked. Each dealer's counters get it on their next "
                                "sync and show it on Today with their own actions; after the due date the Early "
                                "warnings page shows whether the figure moved."))
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        self.title = QLineEdit(title, objectName="action_title")
        self.title.setPlaceholderText(self.tr("What each dealer will change (required)"))
        self.owner = QComboBox(objectName="action_owner")
        for role in (Role.SUPERVISOR, Role.ADVISOR, Role.ADMIN):
            self.owner.addItem(QCoreApplication.translate("Vocab", role.title), role.value)
        # A row per dealer: ticked to include it; its owner the role above, or one of its people.
        self.dealers = QTableWidget(len(dealers), 2, objectName="action_dealers")
        self.dealers.setHorizontalHeaderLabels([self.tr("Dealer"), self.tr("Owner")])
        self.dealers.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.dealers.verticalHeader().setVisible(False)
        self.dealers.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.dealers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, (_id, code, name) in enumerate(dealers):
            item = QTableWidgetItem(code if name == code else f"{code} {name}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.dealers.setItem(row, 0, item)
            person = QComboBox()
            person.addItem(self.tr("the owner role above"), None)
            for username, display in (people or {}).get(code, []):
                person.addItem(display if display == username else f"{display} ({username})", username)
            self.dealers.setCellWidget(row, 1, person)
        self.dealers.resizeColumnToContents(0)
        self.due = QDateEdit(QDate(clock.today() + timedelta(days=DUE_DAYS)), objectName="action_due")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.figure = QComboBox(objectName="action_figure")
        for kind, subject in [("cause", g.value) for g in CauseGroup] + [("item", i) for i in ITEMS]:
            self.figure.addItem(figure_words(kind, subject), f"{kind}:{subject}")  # text: a tuple can't be found
        if figure is not None and self.figure.findData(":".join(figure)) >= 0:
            self.figure.setCurrentIndex(self.figure.findData(":".join(figure)))
        self.problem = error_label("raise_action_problem")
        form = QFormLayout()
        form.addRow(self.tr("Action:"), self.title)
        form.addRow(self.tr("Owner at each dealer:"), self.owner)
        form.addRow(self.tr("Dealers:"), self.dealers)
        form.addRow(self.tr("Due:"), self.due)
        form.addRow(self.tr("Figure it should move:"), self.figure)
        lay = QVBoxLayout(self)
        lay.addWidget(summary)
        lay.addLayout(form)
        lay.addWidget(self.problem)
        self.buttons = dialog_buttons(self, self.tr("Raise the action"), self.tr("Cancel"))
        lay.addWidget(self.buttons)
        self.resize(560, 480)

    def chosen_codes(self) -> list[str]:
        return [self.dealers.item(i, 0).data(Qt.ItemDataRole.UserRole) for i in range(self.dealers.rowCount())
                if self.dealers.item(i, 0).checkState() == Qt.CheckState.Checked]

    def owner_at(self, code: str) -> QComboBox:
        """The owner chooser of the dealer's row."""
        rows = range(self.dealers.rowCount())
        return self.dealers.cellWidget(next(i for i in rows if self.dealers.item(i, 0).data(Qt.ItemDataRole.UserRole)
                                            == code), 1)

    def owners(self) -> dict[str, str]:
        """The people chosen to own it, by dealer code (the others: the role)."""
        chosen = {code: self.owner_at(code).currentData() for code in self.chosen_codes()}
        return {code: username for code, username in chosen.items() if username}

    def on_buttons_accepted(self) -> None:
        from app.hq.improve import raise_for_dealers

        codes, title = self.chosen_codes(), self.title.text().strip()
        due: date = self.due.date().toPython()
        if not title:
            self.problem.setText(self.tr("Say what each dealer will change."))
            self.title.setFocus()
            return
        if not codes:
            self.problem.setText(self.tr("Tick at least one dealer."))
            self.dealers.setFocus()
            return
        kind, _, subject = self.figure.currentData().partition(":")
        db, role, owners = self.db, self.owner.currentData(), self.owners()
        self.buttons.setEnabled(False)
        self.ops.run(lambda: raise_for_dealers(db, codes, title, due, figure_kind=kind, figure_subject=subject,
                                               owner_role=role, owners=owners),
                     on_success=self.on_raised, on_failure=self.on_failed)

    def on_raised(self, raised) -> None:
        if not isValid(self):
            return
        self.raised.emit(raised)
        self.accept()

    def on_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.buttons.setEnabled(True)  # everything typed stays: correct it and raise again
        self.problem.setText(error_words(exc))
