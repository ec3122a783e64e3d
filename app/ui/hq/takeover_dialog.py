"""Head office takes over an escalated case: says what happens, asks why, confirmed before it is made."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QVBoxLayout, QWidget

from app.ui.common.widgets import Label, dialog_buttons, error_label


class TakeOverDialog(QDialog):
    def __init__(self, number: str, dealer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("take_over_dialog")
        self.setWindowTitle(self.tr("Take over the escalation"))
        self.summary = Label(self.tr("Head office handles case {number} of dealer {dealer} from now on. The "
                                     "dealer's counters see it, with your note, on their next sync.").format(
                                         number=number, dealer=dealer))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.note = QPlainTextEdit(objectName="take_over_note")
        self.note.setPlaceholderText(self.tr("Why, and what head office does next (required)"))
        self.note.setTabChangesFocus(True)
        self.problem = error_label("take_over_problem")
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(Label(self.tr("Note:")))
        lay.addWidget(self.note)
        lay.addWidget(self.problem)
        self.buttons = dialog_buttons(self, self.tr("Take over"), self.tr("Cancel"))
        lay.addWidget(self.buttons)
        self.resize(520, 300)

    @property
    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def on_buttons_accepted(self) -> None:
        if not self.note_text:
            self.problem.setText(self.tr("Write a note: the dealer's counters show it in the case's timeline."))
            self.note.setFocus()
            return
        self.accept()
