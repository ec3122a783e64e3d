"""The "Sync problems" dialog: files head office refused and conflicts waiting, with what to do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from app.sync.conflicts import comparison, lines as conflict_lines, subject
from app.sync.problems import list_problems, problem_text, send_again
from app.services.changes import SYNC
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, fit_columns, plain_tip


class SyncProblemsDialog(QDialog):
    shows = SYNC  # the kinds of change this view refreshes on

    problem_resent = Signal(str)

    def __init__(self, store, ops: Ops, parent=None) -> None:
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.problems = []
        self.setWindowTitle(self.tr("Sync problems"))
        self.resize(860, 560)
        self.intro = Label(self.tr(
            "Nothing here is lost. A refused file keeps its changes on this counter: fix the cause named "
            "below (or ask head office), then send it again. Conflicts are resolved by a supervisor at head office."))
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, objectName="sync_problems")
        self.table.setHorizontalHeaderLabels([self.tr("Problem"), self.tr("When"), self.tr("Changes"), self.tr("Details")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.empty = Label(self.tr("No sync problems."))
        # A conflict chosen: its two changes side by side, named as head office names them.
        self.conflict_title = Label(objectName="conflictTitle")
        self.comparison = QTableWidget(0, 3, objectName="comparison")
        self.comparison.setHorizontalHeaderLabels(["", self.tr("Applied (head office's version)"),
                                                   self.tr("Kept aside")])
        self.comparison.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.comparison.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison.verticalHeader().setVisible(False)
        self.comparison.setWordWrap(True)
        self.resend = QPushButton(self.tr("Send again"))
        self.resend.setEnabled(False)
        buttons = QDialogButtonBox()
        buttons.addButton(self.resend, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QPushButton(self.tr("Close")), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.conflict_title)
        layout.addWidget(self.comparison, 1)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self.on_table_selection_changed)
        self.resend.clicked.connect(self.on_resend_clicked)
        ops.follow(self, self.reload)
        self.reload()

    def reload(self) -> None:
        self.ops.run(lambda: list_problems(self.store), on_success=self._show, pool="db")

    def _show(self, problems) -> None:
        self.problems = problems
        kinds = {"refused": self.tr("Refused by head office"), "change": self.tr("Change refused by head office"),
                 "conflict": self.tr("Conflict"), "attachment": self.tr("Attachment"), "pack": self.tr("Script pack"),
                 "release": self.tr("Program update"),
                 "pulled": self.tr("Change from head office")}
        self.table.setRowCount(len(problems))
        for row, p in enumerate(problems):
            detail = problem_text(p, QCoreApplication.translate)
            values = [kinds[p.kind], p.when.astimezone().strftime("%Y-%m-%d %H:%M"), str(p.changes), detail]
            tip = "\n".join(conflict_lines(p.conflict, QCoreApplication.translate)) if p.kind == "conflict" else detail
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tip(tip if col == 3 else text))
                self.table.setItem(row, col, item)
        fit_columns(self.table)
        self.empty.setVisible(not problems)
        self.on_table_selection_changed()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.problems[rows[0].row()] if rows else None

    @Slot()
    def on_table_selection_changed(self) -> None:
        p = self.selected()
        self.resend.setEnabled(p is not None and p.kind in ("refused", "change"))
        conflict = p.conflict if p is not None and p.kind == "conflict" else None
        self.conflict_title.setVisible(conflict is not None)
        self.comparison.setVisible(conflict is not None)
        if conflict is None:
            self.comparison.setRowCount(0)
            return
        words = QCoreApplication.translate
        self.conflict_title.setText(subject(conflict, words))
        rows = comparison(conflict, words)
        self.comparison.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tip(text))
                self.comparison.setItem(r, c, item)
        self.comparison.resizeRowsToContents()

    @Slot()
    def on_resend_clicked(self) -> None:
        p = self.selected()
        if p is None:
            return
        key = p.key
        self.ops.run(lambda: send_again(self.store, key),
                     on_success=lambda _n: self.problem_resent.emit(key))  # the SYNC notice reloads
