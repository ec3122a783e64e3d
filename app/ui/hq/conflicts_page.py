"""Conflicts a person at head office decides: both sides side by side (notes included, named as the
counters name them), a resolution with a note, confirmed before it is made."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QHeaderView, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from app.hq.counters import open_conflicts
from app.hq.resolve import resolve
from app.services.changes import CASES, FORMS, SYNC
from app.sync import conflicts as conflict_words
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, dialog_buttons, error_label, plain_tip
from app.ui.hq.parts import error_words, fill, table, when


class ResolveDialog(QDialog):
    """Says what the resolution will do and asks why (the note goes to the dealer's counters with it)."""

    def __init__(self, facts, keep: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolve_dialog")
        self.setWindowTitle(self.tr("Resolve the conflict"))
        words = QCoreApplication.translate
        what = (self.tr("Keep head office's version of {subject}.") if keep == "applied"
                else self.tr("Take the change kept aside for {subject}."))
        changes = [f"  {row[0]}: {row[1] if keep == 'applied' else row[2]}"
                   for row in conflict_words.comparison(facts, words)[4:]]
        self.summary = Label("\n".join([what.format(subject=conflict_words.subject(facts, words)), *changes,
                                         self.tr("The dealer's counters receive it on their next sync.")]))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.note = QPlainTextEdit(objectName="resolution_note")
        self.note.setPlaceholderText(self.tr("Why this version (required)"))
        self.note.setTabChangesFocus(True)
        self.problem = error_label("resolution_problem")
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(Label(self.tr("Note:")))
        lay.addWidget(self.note)
        lay.addWidget(self.problem)
        self.buttons = dialog_buttons(self, self.tr("Resolve"), self.tr("Cancel"))
        lay.addWidget(self.buttons)
        self.resize(520, 320)

    @property
    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def on_buttons_accepted(self) -> None:
        if not self.note_text:
            self.problem.setText(self.tr("Write a note saying why: the counters show it with the resolution."))
            self.note.setFocus()
            return
        self.accept()


class ConflictsPage(QWidget):
    shows = CASES | FORMS | SYNC  # the kinds of change this page refreshes on

    conflicts_shown = Signal(int)  # how many are waiting
    conflict_resolved = Signal(object)  # app.hq.resolve.Resolved

    def __init__(self, db, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.rows: list = []
        self.dialog: ResolveDialog | None = None
        self.conflicts = table([self.tr("Dealer"), self.tr("Case or form"), self.tr("Customer"), self.tr("Found"),
                                self.tr("Fields changed in both places")], "conflicts")
        self.title = Label(self.tr("Choose a conflict to compare its two changes."))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        # Named as at the counters (app.sync.conflicts): "applied" is head office's version.
        self.comparison = table(["", self.tr("Applied (head office's version)"), self.tr("Kept aside")], "comparison")
        head = self.comparison.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.comparison.setWordWrap(True)
        self.keep_applied = QPushButton(self.tr("Keep head office's version..."))
        self.take_other = QPushButton(self.tr("Take the change kept aside..."))
        self.status = Label()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.keep_applied)
        buttons.addWidget(self.take_other)
        lay = QVBoxLayout(self)
        lay.addWidget(self.conflicts, 1)
        lay.addWidget(self.title)
        lay.addWidget(self.comparison, 1)
        lay.addLayout(buttons)
        self.conflicts.itemSelectionChanged.connect(self.on_conflicts_selection_changed)
        self.keep_applied.clicked.connect(self.on_keep_applied_clicked)
        self.take_other.clicked.connect(self.on_take_other_clicked)
        self.ops.follow(self, self.refresh)
        self.on_conflicts_selection_changed()
        self.refresh()

    def refresh(self) -> None:
        self.ops.run(lambda: open_conflicts(self.db), on_success=self.show_conflicts)

    def show_conflicts(self, conflicts: list) -> None:
        chosen = self.chosen()
        self.rows = conflicts
        words = QCoreApplication.translate
        what = {"case": "{ref}", "form": self.tr("Feedback form {ref}"), "user": self.tr("Person {ref}")}
        fill(self.conflicts, [[c.dealer_code, what.get(c.entity_type, "{ref}").format(ref=c.reference), c.customer,
                               when(c.detected_at), conflict_words.field_names(c, words)] for c in conflicts],
             [c.id for c in conflicts])
        for r, c in enumerate(conflicts):  # the whole story on hover
            self.conflicts.item(r, 4).setToolTip(plain_tip("\n".join(conflict_words.lines(c, words))))
            if chosen is not None and c.id == chosen.id:
                self.conflicts.selectRow(r)
        self.on_conflicts_selection_changed()
        self.conflicts_shown.emit(len(conflicts))

    def chosen(self):
        rows = self.conflicts.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    @Slot()
    def on_conflicts_selection_changed(self) -> None:
        c = self.chosen()
        self.keep_applied.setEnabled(c is not None)
        self.take_other.setEnabled(c is not None)
        if c is None:
            self.title.setText(self.tr("Choose a conflict to compare its two changes."))
            self.comparison.setRowCount(0)
            return
        words = QCoreApplication.translate
        self.title.setText(conflict_words.subject(c, words))
        fill(self.comparison, [list(row) for row in conflict_words.comparison(c, words)])
        self.comparison.resizeRowsToContents()

    @Slot()
    def on_keep_applied_clicked(self) -> None:
        self.ask("applied")

    @Slot()
    def on_take_other_clicked(self) -> None:
        self.ask("other")

    def ask(self, keep: str) -> None:
        """The resolution is a change like any other: confirmed with a note, then the counters get it."""
        c = self.chosen()
        if c is None:
            return
        self.dialog = ResolveDialog(c, keep, self)
        self.dialog.accepted.connect(lambda: self.resolve(c.id, keep, self.dialog.note_text))
        self.dialog.open()

    def resolve(self, conflict_id: str, keep: str, note: str) -> None:
        self.ops.run(lambda: resolve(self.db, conflict_id, keep, note=note), on_success=self.on_resolved,
                     on_failure=lambda exc: self.status.setText(error_words(exc)))

    def on_resolved(self, done) -> None:
        self.status.setText(self.tr("Resolved: the dealer's counters receive it on their next sync."))
        self.conflict_resolved.emit(done)
