"""Small shared pieces: icons, vocabulary combos, field rows with an error line, error wording."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.foundation.paths import resources_dir


def icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def vocab_title(member) -> str:
    return QCoreApplication.translate("Vocab", member.title)


def vocab_combo(vocab, *, placeholder: str | None = None, members=None) -> QComboBox:
    """A combo of a vocabulary's members; with a placeholder nothing is chosen until the user picks."""
    combo = QComboBox()
    for m in members or list(vocab):
        combo.addItem(vocab_title(m), m.value)
    if placeholder is not None:
        combo.setPlaceholderText(placeholder)
        combo.setCurrentIndex(-1)
    return combo


def combo_value(combo: QComboBox):
    return combo.currentData() if combo.currentIndex() >= 0 else None


def set_combo_value(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(combo.findData(value) if value not in (None, "") else -1)


def error_text(exc: BaseException) -> str:
    """The user's-language wording of an error from the core."""
    from app.foundation.errors import InvalidInput, RecoveryDeskError  # not at import: off the first window's path

    if isinstance(exc, InvalidInput):
        return exc.problem_text(QCoreApplication.translate)
    if isinstance(exc, RecoveryDeskError):
        return exc.render(QCoreApplication.translate)
    return QCoreApplication.translate("Widgets", "Something went wrong: {error}").format(error=exc)


class FieldForm(QWidget):
    """A form layout whose fields each have an error line below them, shown next to the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}

    def add(self, name: str, label: str, widget: QWidget, *, required: bool = False) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        err = QLabel()
        err.setObjectName(f"error_{name}")
        err.setProperty("role", "error")
        err.setWordWrap(True)
        err.hide()
        v.addWidget(err)
        text = label + (" *" if required else "")
        lab = QLabel(text)
        lab.setBuddy(widget)
        self.layout_.addRow(lab, box)
        self.errors[name], self.fields[name] = err, widget
        return widget

    def show_error(self, name: str, text: str) -> bool:
        """Show ``text`` under the field; False when the form has no such field."""
        err = self.errors.get(name)
        if err is None:
            return False
        from PySide6.QtCore import Qt  # not at import: the sign-in dialog (the first window) avoids it

        err.setText(text)
        err.show()
        self.fields[name].setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def clear_errors(self) -> None:
        for err in self.errors.values():
            err.clear()
            err.hide()

    def error(self, name: str) -> str:
        err = self.errors[name]
        return err.text() if err.isVisible() or err.text() else ""


def fit_columns(table) -> None:
    """Columns to their contents, the last one filling the rest. (resizeColumnsToContents also
    sized the last column, and the table then kept a blank band at its right.)"""
    for col in range(table.columnCount() - 1):
        table.resizeColumnToContents(col)
    table.horizontalHeader().setStretchLastSection(True)
