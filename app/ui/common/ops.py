"""The one way the UI runs work off its thread (after Anki's CollectionOp/QueryOp).

Database work is serialized on one worker thread; network and PDF work use a separate pool.
Results and errors come back to the UI thread by a queued signal. Tests may run ops inline.
Operations that change data announce it with ``Ops.changed``; views refresh on that notice.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object, object)  # result, error


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the UI
            log.debug("op failed: %s", traceback.format_exc())
            result, error = None, exc
        self.relay.finished.emit(result, error)


class Ops(QObject):
    changed = Signal(str)  # what changed: "cases", "forms", "settings", ...
    busy_changed = Signal(bool)
    account_inactive = Signal()  # an operation was refused: the signed-in person is no longer active

    def __init__(self, parent: QObject | None = None, *, inline: bool = False) -> None:
        super().__init__(parent)
        self.inline = inline
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)
        self._io = QThreadPool(self)
        self._io.setMaxThreadCount(4)
        self._pending: set[_Relay] = set()

    def run(self, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None, changes: str | None = None,
            pool: str = "db") -> None:
        """Run ``fn`` in the background; call ``on_success(result)`` or ``on_failure(error)`` on the UI thread."""

        def deliver(result, error) -> None:
            if error is None:
                if on_success:
                    on_success(result)
                if changes:
                    self.changed.emit(changes)
            else:
                if on_failure:
                    on_failure(error)
                else:
                    log.error("background operation failed", exc_info=error)
                from app.services.case_log import AccountInactive

                if isinstance(error, AccountInactive):
                    self.account_inactive.emit()

        if self.inline:
            try:
                result, error = fn(), None
            except Exception as exc:  # noqa: BLE001
                result, error = None, exc
            deliver(result, error)
            return
        relay = _Relay()
        self._pending.add(relay)
        self.busy_changed.emit(True)

        @Slot(object, object)
        def on_finished(result, error) -> None:
            self._pending.discard(relay)
            relay.deleteLater()
            if not self._pending:
                self.busy_changed.emit(False)
            deliver(result, error)

        relay.finished.connect(on_finished)
        (self._db if pool == "db" else self._io).start(_Job(fn, relay))

    @property
    def busy(self) -> bool:
        """Whether any operation's answer is still to come."""
        return bool(self._pending)

    def wait_idle(self, msecs: int = 30000) -> None:
        """Block until queued work finishes (shutdown, tests)."""
        self._db.waitForDone(msecs)
        self._io.waitForDone(msecs)
