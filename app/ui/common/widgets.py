"""Small shared pieces: labels showing data as plain text, icons, vocabulary combos, field rows, tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
# Only the classes the sign-in dialog (the first window) builds: PySide makes a class's Python type,
# every enum of it included, when the name is first imported (QAbstractItemView's eight enums,
# QDialogButtonBox's StandardButton...): the others are imported where they are used.
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

from app.foundation.paths import resources_dir
from app.ui.common.style import set_role

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon


def icon(name: str) -> QIcon:
    from PySide6.QtGui import QIcon  # here: its type (~1 ms) is made after the sign-in dialog's first paint

    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


class Label(QLabel):
    """A label that shows its text as it is. Qt's QLabel guesses (AutoText): a text that looks like
    HTML is rendered as rich text, links, fonts and ``<img src>`` included, and Qt loads whatever file
    an image names. Names, the customer's words, plates, comments, script wording and file names are
    data, so every label that may show data is this one (the plain QLabels left hold only the
    product's own words); a product string needing markup would set its format itself (none does)."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self._plain = False
        if text:
            self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        # Set with the first text, not before: an empty label (a blank error line) shows nothing in
        # any format, and the sign-in dialog paints without loading the Qt namespace.
        if not self._plain and text:
            self.setTextFormat(_plain_format())
            self._plain = True
        super().setText(text)


def _plain_format():
    from PySide6.QtCore import Qt  # not at import: the sign-in dialog (the first window) avoids it

    return Qt.TextFormat.PlainText


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as it is (a tooltip too is rendered as rich text when it looks like HTML)."""
    from PySide6.QtGui import Qt as GuiQt  # convertFromPlainText lives in QtGui's part of the namespace

    return GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpaceNormal) if text else text


def plain_message(box) -> None:
    """A QMessageBox's text shown as it is: its words often hold a name, a file or a path."""
    box.setTextFormat(_plain_format())


def ask_text(parent: QWidget, title: str, label: str, echo=None) -> tuple[str, bool]:
    """QInputDialog.getText with its label as plain text (the question often names a person)."""
    from PySide6.QtWidgets import QInputDialog

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText("")  # makes the label, so its format is set before it holds any data
    for lab in dialog.findChildren(QLabel):
        lab.setTextFormat(_plain_format())
    dialog.setLabelText(label)
    if echo is not None:
        dialog.setTextEchoMode(echo)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    text = dialog.textValue()
    dialog.deleteLater()
    return text, ok


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


class FieldForm(QWidget):
    """A form layout whose fields each have an error line below them, shown next to the field.

    ``steady``: each error line keeps a line's room while empty, so marking a field moves nothing
    below it (a form that marks every wrong field at once would otherwise jump). An error shown goes
    away when its field is edited, or is replaced by ``checks[name]()``'s text while that still finds
    something wrong."""

    # A field's "edited" signal, the first of these it has (a user's edit, not a program's, where Qt tells).
    _EDITED = ("textEdited", "grade_changed", "activated", "valueChanged", "dateChanged", "toggled", "textChanged")

    def __init__(self, parent: QWidget | None = None, *, steady: bool = False) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.checks: dict = {}  # name -> () -> str | None, what is still wrong as the field is edited
        self.steady = steady

    def add(self, name: str, label: str, widget: QWidget, *, required: bool = False) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        err = error_label(f"error_{name}")
        if self.steady:
            policy = err.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            err.setSizePolicy(policy)
        self._blank(err)
        v.addWidget(err)
        text = label + (" *" if required else "")
        lab = QLabel(text)
        lab.setBuddy(widget)
        self.layout_.addRow(lab, box)
        self.errors[name], self.fields[name] = err, widget
        self.watch(name, widget)
        return widget

    def watch(self, name: str, widget: QWidget) -> None:
        """Edits of ``widget`` update the error line of field ``name``."""
        for signal in self._EDITED:
            if hasattr(widget, signal):
                getattr(widget, signal).connect(lambda *_: self.on_field_edited(name))
                return

    def on_field_edited(self, name: str) -> None:
        err = self.errors.get(name)
        if err is None or not err.isVisibleTo(self):
            return
        check = self.checks.get(name)
        still = check() if check is not None else None
        if still:
            err.setText(still)
        else:
            self._blank(err)

    def _blank(self, err: QLabel) -> None:
        """No error: hidden; in a steady form holding one blank line, so its room is exactly a line's."""
        err.setText(" " if self.steady else "")
        err.hide()

    def show_error(self, name: str, text: str, *, focus: bool = True) -> bool:
        """Show ``text`` under the field; False when the form has no such field."""
        err = self.errors.get(name)
        if err is None:
            return False
        from PySide6.QtCore import Qt  # not at import: the sign-in dialog (the first window) avoids it

        err.setText(text)
        err.show()
        if focus:
            self.fields[name].setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_errors(self, problems: list[tuple[str, str]], *, focus: bool = True) -> list[tuple[str, str]]:
        """Mark every (field, text) of this form at once, the first one focused; returns those of other forms."""
        rest = []
        for name, text in problems:
            if not self.show_error(name, text, focus=focus):
                rest.append((name, text))
            else:
                focus = False
        return rest

    def clear_errors(self) -> None:
        for err in self.errors.values():
            self._blank(err)

    def error(self, name: str) -> str:
        err = self.errors[name]
        return err.text().strip() if err.isVisible() or err.text() else ""


def fit_columns(table) -> None:
    """Columns to their contents, the last one filling the rest. (resizeColumnsToContents also
    sized the last column, and the table then kept a blank band at its right.)"""
    for col in range(table.columnCount() - 1):
        table.resizeColumnToContents(col)
    table.horizontalHeader().setStretchLastSection(True)


def error_label(name: str = "") -> QLabel:
    """An empty, wrapping label that shows an error (as plain text) in the style sheet's error colour."""
    label = Label()
    if name:
        label.setObjectName(name)
    # A new label is polished when first shown: the property alone styles it (set_role's re-polish
    # loads the Qt namespace, which the sign-in dialog paints without).
    label.setProperty("role", "error")
    label.setWordWrap(True)
    return label


def record_table(name: str, headers: list[str]) -> QTableWidget:
    """A read-only table of records, one chosen at a time by its row."""
    from PySide6.QtWidgets import QAbstractItemView, QTableWidget

    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def column(owner: QWidget, parts: list) -> QVBoxLayout:
    """``parts`` (widgets or layouts) top to bottom as ``owner``'s layout."""
    col = QVBoxLayout(owner)
    for part in parts:
        (col.addLayout if isinstance(part, QLayout) else col.addWidget)(part)
    return col


def dialog_buttons(dialog: QDialog, accept_text: str, cancel_text: str, accept=None) -> QDialogButtonBox:
    """Accept and Cancel in the dialog's own words (Qt's would stay English without its catalogue);
    accepting runs the dialog's ``on_buttons_accepted``, which closes it only when the input is good.
    ``accept``: the accepting button (Ok when not given; not a default argument, whose enum PySide
    would build when this module loads, before the sign-in dialog paints)."""
    from PySide6.QtWidgets import QDialogButtonBox

    accept = QDialogButtonBox.StandardButton.Ok if accept is None else accept
    box = QDialogButtonBox(accept | QDialogButtonBox.StandardButton.Cancel)
    box.button(accept).setText(accept_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    box.accepted.connect(dialog.on_buttons_accepted)
    box.rejected.connect(dialog.reject)
    return box


def chosen_row(table: QTableWidget, rows: list):
    """The record behind the table's current row, or None when no row is chosen."""
    row = table.currentRow()
    return rows[row] if 0 <= row < len(rows) else None


def scrolling_page(owner: QWidget, parts: list, max_width: int) -> QScrollArea:
    """Lay ``parts`` (widgets or layouts) out top to bottom in a column at most ``max_width`` wide,
    scrolling when the window is shorter than the page."""
    body = QWidget()
    column(body, parts).addStretch(1)
    body.setMaximumWidth(max_width)
    from PySide6.QtWidgets import QFrame, QScrollArea

    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll
