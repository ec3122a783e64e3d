"""Work that must wait for the paints already asked for. Qt posts a window's update request at a low
priority, so a zero timer (or any event posted at the normal priority) set after a change runs before
the change is painted; a job started there takes the cores and the interpreter the paint needs."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt

_CALL = QEvent.Type(QEvent.registerEventType())


class _Call(QObject):
    """A child of its owner: dropped with it, the call is dropped too."""

    def __init__(self, owner: QObject, then: Callable[[], None]) -> None:
        super().__init__(owner)
        self.then = then

    def event(self, event) -> bool:
        if event.type() != _CALL:
            return super().event(event)
        then, self.then = self.then, None
        self.deleteLater()
        # What the events before this one posted (a box's new chart shown, then its update request) is
        # queued behind it: sent first, so its paint is done too.
        QCoreApplication.sendPostedEvents()
        then()
        return True


def after_pending_paints(owner: QObject, then: Callable[[], None]) -> None:
    """Call ``then()`` on the UI thread once the paints asked for by now are done, and those the events
    posted by now ask for: posted at the update request's own low priority, it comes after them (posted
    events of one priority keep their order). For a window already on screen: a window's first paint
    comes from the window system's expose, after every posted event (MainWindow.paintEvent waits for it)."""
    QCoreApplication.postEvent(_Call(owner, then), QEvent(_CALL), Qt.EventPriority.LowEventPriority.value)
