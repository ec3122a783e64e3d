"""Notices when nobody has touched the counter for a while, so the window can lock itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from shiboken6 import isValid

from app.services.changes import SETTINGS

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.InputMethod, QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    shows = SETTINGS  # the lock minutes take effect when saved (the shell follows them), no restart
    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        # Watched where a person's input arrives: each window of the program (mouse, keys, wheel,
        # touch) and the object with the focus (an input method's text is sent to it, not through its
        # window). Not the whole application: its filter saw every event of every widget (made, laid
        # out, painted), each a crossing into Python: ~2,400 while the case list was first built in
        # the desk, 13-25 ms of the UI thread's 40-65 ms.
        self._focus: QObject | None = None
        app = QGuiApplication.instance()
        app.focusWindowChanged.connect(self._watch_windows)
        app.focusObjectChanged.connect(self._watch_focus)
        self._watch_windows()
        self._watch_focus(app.focusObject())

    def _watch_windows(self, *_) -> None:
        """Every window, a new one (a dialog) once it first has the focus; installing again on a
        window watched already only moves the filter first."""
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)

    def _watch_focus(self, focus: QObject | None) -> None:
        if self._focus is not None and isValid(self._focus):
            self._focus.removeEventFilter(self)
        self._focus = focus
        if focus is not None:
            focus.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.timer.stop()
        if minutes > 0:
            self.timer.start(minutes * 60_000)

    def follow(self, ops, read_minutes) -> None:
        """On a settings change, ``read_minutes()`` (off the UI thread); new minutes count from now,
        other settings leave the timer be."""
        ops.follow(self, lambda: ops.run(read_minutes, on_success=self.on_minutes_read))

    def on_minutes_read(self, minutes: int) -> None:
        if minutes != self.minutes:
            self.set_minutes(minutes)

    def set_msecs(self, msecs: int) -> None:
        """For tests: a lock after milliseconds instead of minutes."""
        self.minutes = -1
        self.timer.start(msecs)

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        if self.minutes > 0:
            self.timer.start(self.minutes * 60_000)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()  # restart with the same interval
        return False
