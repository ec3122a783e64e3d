"""The idle lock counts a person's input anywhere in the program (a window's mouse and keys, an input
method's text in the focused field, a dialog opened later) without watching every event of every widget."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget
from PySide6.QtTest import QTest

from app.ui.shell.idle_lock import IdleWatcher


class Counting(IdleWatcher):
    """The watcher, counting the events it is shown and the restarts of its timer."""

    def __init__(self) -> None:
        super().__init__(0)
        self.seen = 0
        self.restarts = 0
        self.set_msecs(600_000)  # active: input restarts it
        start = self.timer.start
        self.timer.start = lambda *a: (setattr(self, "restarts", self.restarts + 1), start(*a))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        self.seen += 1
        return super().eventFilter(obj, event)


def shown_window(qtbot) -> tuple[QWidget, QLineEdit]:
    w = QWidget()
    qtbot.addWidget(w)
    edit = QLineEdit(w)
    QVBoxLayout(w).addWidget(edit)
    w.resize(300, 200)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is w.windowHandle())
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusObject() is edit)
    return w, edit


def test_input_anywhere_restarts_the_idle_timer(qtbot):
    watcher = Counting()
    w, edit = shown_window(qtbot)

    def restarted(act) -> bool:
        before = watcher.restarts
        act()
        QApplication.processEvents()
        return watcher.restarts > before

    # The mouse and keys as the platform delivers them: to the window, which hands them to its widgets.
    assert restarted(lambda: QTest.mouseMove(w.windowHandle(), QPoint(20, 20)))
    assert restarted(lambda: QTest.mouseClick(w.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30)))
    assert restarted(lambda: QTest.keyClick(w.windowHandle(), Qt.Key.Key_A))
    assert restarted(lambda: QTest.keyClicks(edit, "b"))  # and straight to the focused field

    def typed_by_an_input_method():
        event = QInputMethodEvent()
        event.setCommitString("王")
        QApplication.sendEvent(edit, event)
    assert restarted(typed_by_an_input_method) and edit.text().endswith("王")

    dialog = QDialog(w)  # a window opened later: its input counts once it has the focus
    dialog.resize(200, 100)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    assert restarted(lambda: QTest.mouseClick(dialog.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(40, 40)))
    dialog.close()


def test_building_and_painting_widgets_is_not_watched(qtbot):
    """The events of widgets being made, laid out and painted never reach the watcher (in Python):
    a page of 200 labels shown in a watched window brings it a handful, not thousands."""
    watcher = Counting()
    w, _edit = shown_window(qtbot)
    QApplication.processEvents()
    watcher.seen = 0
    page = QWidget(w)
    layout = QVBoxLayout(page)
    for i in range(200):
        layout.addWidget(QLabel(f"label {i}", page))
    w.layout().addWidget(page)
    page.show()
    qtbot.waitExposed(w)
    w.repaint()
    QApplication.processEvents()
    assert watcher.restarts == 0 and watcher.seen < 50
