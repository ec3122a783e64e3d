"""The look: one calm style sheet for the whole program (colours, spacing, large grade buttons)."""

from string import Template

ERROR_COLOUR = "#b00020"  # errors, overdue cases, a clock that is off: one red
HINT_COLOUR = "#5b6b75"

STYLE = Template("""
QWidget { font-size: 10pt; }
QLabel#heading { font-size: 15pt; font-weight: 600; color: #1f3b4d; padding: 4px 0 6px 0; }
QListWidget#navigation { background: #f1f5f8; border: none; border-right: 1px solid #d8e0e6; padding-top: 8px; font-size: 11pt; outline: 0; }
QListWidget#navigation::item { padding: 6px 10px; border-radius: 4px; margin: 1px 6px; }
QListWidget#navigation::item:selected { background: #d3e5ef; color: #17384a; font-weight: 600; }
QLabel[role="error"], QGroupBox[role="error"] { color: $error; }
QLabel[role="hint"] { color: $hint; }
QFrame[role="banner"] { background: #fff6dc; border: 1px solid #e8d49a; border-radius: 4px; }
QFrame[role="gradePicker"] { border: 2px solid transparent; border-radius: 6px; }
QFrame[role="gradePicker"]:focus { border: 2px solid #2f6f8f; background: #eef5f9; }
QFrame[role="gradePicker"] QPushButton { font-size: 13pt; font-weight: 600; min-width: 44px; min-height: 34px;
    border: 1px solid #b8c4cc; border-radius: 5px; background: white; }
QFrame[role="gradePicker"] QPushButton:checked { background: #2f6f8f; color: white; border-color: #2f6f8f; }
QFrame[role="gradePicker"] QPushButton[grade="D"]:checked, QFrame[role="gradePicker"] QPushButton[grade="E"]:checked {
    background: #b3261e; border-color: #b3261e; }
QPushButton#saveForm, QPushButton#saveComplaint, QPushButton#submit { background: #2f6f8f; color: white;
    padding: 6px 16px; border-radius: 4px; font-weight: 600; }
QPushButton#saveForm:disabled, QPushButton#saveComplaint:disabled, QPushButton#submit:disabled { background: #9fb6c3; }
QGroupBox { font-weight: 600; margin-top: 10px; }
QGroupBox QLabel, QGroupBox QListWidget { font-weight: normal; }
QTableView { gridline-color: #e3e8ec; selection-background-color: #2f6f8f; }
""").substitute(error=ERROR_COLOUR, hint=HINT_COLOUR)


def set_role(widget, role: str) -> None:
    """Style ``widget`` as the style sheet styles ``role`` ("error", "hint", ...; "" for plain), at
    once even when it is already shown (Qt applies a changed property only on a new polish).

    A widget not polished yet takes the property at its first polish: no re-polish then, because
    ``widget.style()`` makes PySide build QStyle's two dozen enum classes (~650 members), a good
    part of the time from the PIN to Today when the Overdue box did it while the window was built."""
    from PySide6.QtCore import Qt  # not at import: the sign-in dialog paints without the namespace

    widget.setProperty("role", role)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)
