"""A large A-E choice usable with the keyboard alone: keys A-E or 1-5 pick, Tab moves on. Nothing preselected."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QPushButton, QWidget

GRADES = "ABCDE"


class GradePicker(QFrame):
    grade_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradePicker")
        self.setProperty("role", "gradePicker")  # styled by role: views give each picker its own name
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so "nothing chosen" stays possible (no preselection)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for i, g in enumerate(GRADES):
            b = QPushButton(g)
            b.setObjectName(f"grade_{g}")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the picker holds focus; Tab skips the buttons
            b.setMinimumSize(44, 36)
            b.setProperty("grade", g)
            b.clicked.connect(lambda _=False, g=g: self.set_grade(g))
            self.group.addButton(b, i)
            layout.addWidget(b)
            self.buttons[g] = b
        layout.addStretch(1)
        self._grade: str | None = None

    def grade(self) -> str | None:
        return self._grade

    def set_grade(self, grade: str | None) -> None:
        for g, b in self.buttons.items():
            b.setChecked(g == grade)
        if grade != self._grade:
            self._grade = grade
            self.grade_changed.emit(grade or "")

    def set_tooltips(self, titles: dict[str, str]) -> None:
        for g, t in titles.items():
            self.buttons[g].setToolTip(t)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        text = event.text().upper()
        if text and text in GRADES:
            self.set_grade(text)
        elif text and text in "12345":
            self.set_grade(GRADES[int(text) - 1])
        elif event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_grade(None)
        elif event.key() == Qt.Key.Key_Right and self._grade:
            self.set_grade(GRADES[min(4, GRADES.index(self._grade) + 1)])
        elif event.key() == Qt.Key.Key_Left and self._grade:
            self.set_grade(GRADES[max(0, GRADES.index(self._grade) - 1)])
        else:
            super().keyPressEvent(event)
