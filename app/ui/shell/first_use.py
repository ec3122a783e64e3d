"""The main window's first-use costs, paid once while the sign-in dialog waits for its PIN.

The first window of a process built after the PIN (a PIN entered at once, before the window could
be prepared) paid for things a second window does not: PySide's Python side of each widget class on
its first instance, the style sheet's rules first matched for the navigation and the group boxes,
the fonts of the heading, the navigation and the bold titles first laid out and painted. A second
window built and painted in ~30 ms less CPU. ``warm_widgets`` builds a small window of the same
kinds of widget, lays it out and paints it off screen, and drops it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow,
                               QPushButton, QToolButton, QVBoxLayout, QWidget)

from app.ui.common.widgets import Label, icon


def warm_widgets() -> None:
    """On the UI thread, before the main window's code loads beside it (two threads making one
    widget class's Python type at once could make two). Nothing it shows is ever seen: its texts
    are digits, nothing to translate."""
    window = QMainWindow()
    central = QWidget()
    row = QHBoxLayout(central)
    nav = QListWidget(objectName="navigation")  # the style sheet's navigation rules and font
    nav.addItem(QListWidgetItem(icon("today"), "0"))  # the SVG icon engine, a first icon drawn
    nav.setCurrentRow(0)
    row.addWidget(nav)
    page = QVBoxLayout()
    page.addWidget(Label("0", objectName="heading"))  # the heading's font
    box = QGroupBox("0")  # the group boxes' bold titles
    grid = QGridLayout(box)
    grid.addWidget(Label("0"), 0, 0)
    rows = QListWidget()
    rows.addItem("0 · \u4e00")  # data often Chinese: the fallback font for its glyphs found and loaded
    grid.addWidget(rows, 1, 0)
    more = QPushButton("0")
    more.setFlat(True)
    grid.addWidget(more, 2, 0)
    page.addWidget(box)
    row.addLayout(page, 1)
    window.setCentralWidget(central)
    lock = QToolButton()
    lock.setIcon(icon("lock"))
    window.statusBar().addWidget(Label("0"))
    window.statusBar().addPermanentWidget(lock)
    window.resize(640, 400)
    window.grab()  # polished, laid out and painted, off screen
    window.deleteLater()
