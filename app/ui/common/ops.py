"""The one way the UI runs work off its thread (after Anki's CollectionOp/QueryOp).

Database work is serialized on one worker thread; network and PDF work use a separate pool.
Results and errors come back to the UI thread by a queued signal. Tests may run ops inline.
What a job changed is what the service functions it called declare (app.services.changes); Ops
collects it and announces it with ``Ops.changed`` (a Changes); each view refreshes on the kinds it
shows. A failure no caller handles is shown to the user in a message box, never only logged.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

# No ``Qt`` namespace at import: PySide builds its ~90 enums when the name is first imported, and
# this module comes before the sign-in dialog (tests/ui/test_first_window_imports.py).
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

from app.services.changes import NOTHING, Changes, collecting

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object, object, object)  # result, error, Changes


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        result, error, changed = _collected(self.fn)
        self.relay.finished.emit(result, error, changed)


def _collected(fn: Callable[[], Any], catch: type[BaseException] = BaseException
               ) -> tuple[Any, BaseException | None, Changes]:
    """Run ``fn``: its result or error, and what the service calls it made changed."""
    with collecting() as seen:
        try:
            result, error = fn(), None
        except catch as exc:  # noqa: BLE001 - every failure must reach the UI
            log.debug("op failed: %s", traceback.format_exc())
            result, error = None, exc
    return result, error, seen.value


class _Follower(QObject):
    """Held by a view (its child, so it goes with the view): refreshes it on the changes it shows."""

    def __init__(self, view: QObject, refresh: Callable[[], Any]) -> None:
        super().__init__(view)
        self.view, self.refresh = view, refresh

    @Slot(object)
    def on_changed(self, changes: Changes) -> None:
        if changes & self.view.shows:
            self.refresh()


def _alive(callback) -> bool:
    """False for a method of a widget Qt has deleted (a view closed while its job ran)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or isValid(owner)


class Ops(QObject):
    changed = Signal(object)  # a Changes: what a job changed (never empty)
    busy_changed = Signal(bool)
    failure_shown = Signal(str)  # the words of a failure shown because no caller handled it
    account_inactive = Signal()  # an operation was refused: the signed-in person is no longer active

    def __init__(self, parent: QObject | None = None, *, inline: bool = False) -> None:
        super().__init__(parent)
        self.inline = inline
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)
        self._io = QThreadPool(self)
        self._io.setMaxThreadCount(4)
        self._pending: set[_Relay] = set()
        self._boxes: set = set()  # failure message boxes still open

    def run(self, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None, pool: str = "db", first: bool = False) -> None:
        """Run ``fn`` in the background; call ``on_success(result)`` or ``on_failure(error)`` on the UI thread,
        then announce what it changed. Without ``on_failure`` a failure is shown in a message box.
        ``first``: before the jobs already waiting in its pool (the PIN check, ahead of the reads of a
        window prepared while the PIN was typed)."""

        def deliver(result, error, changed: Changes) -> None:
            if error is None:
                if on_success and _alive(on_success):  # not when its view closed while the job ran
                    on_success(result)
            else:
                from app.services.cases.case_log import AccountInactive

                if on_failure and _alive(on_failure):
                    on_failure(error)
                elif not isinstance(error, AccountInactive):  # the desk locks and says why
                    self.show_failure(error)
                if isinstance(error, AccountInactive):
                    self.account_inactive.emit()
            # Also after a failure: what a job committed before it failed is on screen too.
            self.announce(changed)

        if self.inline:
            deliver(*_collected(fn, Exception))  # a test's own BaseException still stops it
            return
        relay = _Relay()
        self._pending.add(relay)
        self.busy_changed.emit(True)

        @Slot(object, object, object)
        def on_finished(result, error, changed) -> None:
            self._pending.discard(relay)
            relay.deleteLater()
            if not self._pending:
                self.busy_changed.emit(False)
            deliver(result, error, changed)

        relay.finished.connect(on_finished)
        (self._db if pool == "db" else self._io).start(_Job(fn, relay), 1 if first else 0)

    def follow(self, view: QObject, refresh: Callable[[], Any]) -> None:
        """Call ``refresh()`` whenever a change ``view.shows`` (a Changes) is announced."""
        if not isinstance(getattr(view, "shows", None), Changes):
            raise TypeError(f"{type(view).__name__} follows changes but does not say what it shows")
        self.changed.connect(_Follower(view, refresh).on_changed)

    def announce(self, changed: Changes = NOTHING) -> None:
        """Tell every view what changed (work done outside ``run``'s services, e.g. a sync round's pull)."""
        if changed:
            self.changed.emit(changed)

    def show_failure(self, error: BaseException) -> None:
        """A failure no caller handles: logged for support, and told to the person at the desk."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        from app.foundation.errors import RecoveryDeskError
        from app.ui.common.ui_words import error_text

        log.error("background operation failed", exc_info=error)
        # The whole sentence (for a wrong value: which field, and what is wrong), in the user's language.
        text = error.render(QCoreApplication.translate) if isinstance(error, RecoveryDeskError) else error_text(error)
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Application", "Recovery Desk"), text,
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setObjectName("failure_message")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the words often hold a name, a file or a path
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Held here until answered: a box without a parent window would otherwise be collected at once.
        self._boxes.add(box)
        box.finished.connect(lambda _r: self._boxes.discard(box))
        box.open()  # not blocking: the desk goes on
        self.failure_shown.emit(text)

    @property
    def busy(self) -> bool:
        """Whether any operation's answer is still to come."""
        return bool(self._pending)

    def wait_idle(self, msecs: int = 30000) -> None:
        """Block until queued work finishes (shutdown, tests)."""
        self._db.waitForDone(msecs)
        self._io.waitForDone(msecs)
