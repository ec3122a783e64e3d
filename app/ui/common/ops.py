"""The one way the UI runs work off its thread (after Anki's CollectionOp/QueryOp).

Database work is serialized on one worker thread; network and PDF work, and reads that must not wait
behind it (notices, the navigation's counts), use a separate pool.
Results and errors come back to the UI thread by a queued signal. Tests may run ops inline. ``close()``
when the desk's window closes: nothing queued starts, and a job still running neither answers nor holds the exit.
What a job changed is what the service functions it called declare (app.services.changes); Ops
collects it and announces it with ``Ops.changed`` (a Changes); each view refreshes on the kinds it
shows. A failure no caller handles is shown to the user in a message box, never only logged.
"""

from __future__ import annotations

import logging
import traceback
import weakref
from typing import TYPE_CHECKING, Any, Callable

# No ``Qt`` namespace at import: PySide builds its ~90 enums when the name is first imported, and
# this module comes before the sign-in dialog (tests/ui/test_first_window_imports.py).
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from shiboken6 import isValid

from app.ui.common.workers import Workers

if TYPE_CHECKING:
    from concurrent.futures import Future

    from app.services.changes import Changes

# app.services.changes (with dataclasses) and concurrent.futures, ~8 ms of imports, are loaded with
# the first job, on the UI thread before any worker runs one: not before the sign-in dialog, the
# program's first window, paints (Ops is made before it). Workers read this module's name only.
_changes = None


def _changes_module():
    global _changes
    if _changes is None:
        from app.services import changes

        _changes = changes
    return _changes

log = logging.getLogger(__name__)

# ``Ops.run``'s order: a job waiting in its pool is taken before every job of a higher order, first
# in, first out within one. The first reads of what the person looks at after the PIN go first, so
# a start-up load of a box further down (or of another page, the notices) never delays them.
SEEN_FIRST = 0  # Today's figures and its Overdue box
SEEN_NEXT = 1  # Today's other boxes
IN_TURN = 2  # everything else


class _Pending:
    """One job until its answer is handed over. It holds the job's closure, its delivery and its
    outcome until the UI thread takes them, so the last reference to each (often a view, through a
    lambda) is dropped on the UI thread: a Qt object released on a worker is deleted off its thread,
    which crashes Qt at random. A worker keeps nothing of the job once it has handed it back."""

    __slots__ = ("fn", "ops", "deliver", "outcome", "future", "first")

    def __init__(self, fn: Callable[[], Any], ops: "Ops", deliver: Callable[..., None], first: bool = False) -> None:
        self.fn, self.ops, self.deliver = fn, ops, deliver
        self.first = first  # a first read of what the person looks at (order SEEN_FIRST or SEEN_NEXT)
        self.outcome: tuple[Any, BaseException | None, Changes] | None = None
        self.future: Future | None = None


class _Relay(QObject):
    """The one bridge from the workers to the UI thread (after Anki's task manager): made once, on the
    UI thread, and never deleted, so a worker never emits on an object that may be going away."""

    arrived = Signal(object)  # a _Pending whose outcome is in

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self.hand_over)  # queued: the workers emit, the UI thread receives

    @Slot(object)
    def hand_over(self, pending: _Pending) -> None:
        ops = pending.ops
        if ops is not None:
            ops._finished(pending)


_relay: _Relay | None = None
_live: "weakref.WeakSet[Ops]" = weakref.WeakSet()  # every Ops not yet collected (settle() waits for them)


def _work(pending: _Pending) -> None:
    """On a worker: run the job, keep its outcome in ``pending`` and hand it to the UI thread."""
    try:
        pending.outcome = _collected(pending.fn)
    except BaseException as exc:  # noqa: BLE001 - _collected's own bookkeeping failed: still answer
        pending.outcome = None, exc, _changes.NOTHING
    _relay.arrived.emit(pending)


def _collected(fn: Callable[[], Any], catch: type[BaseException] = BaseException
               ) -> tuple[Any, BaseException | None, Changes]:
    """Run ``fn``: its result or error, and what the service calls it made changed."""
    with _changes.collecting() as seen:
        try:
            result, error = fn(), None
        except catch as exc:  # noqa: BLE001 - every failure must reach the UI
            log.debug("op failed: %s", traceback.format_exc())
            result, error = None, exc
    return result, error, seen.value


def settle(msecs: int = 30000) -> None:
    """On the UI thread: wait until no Ops has work queued, handing every answer over (and any job
    an answer starts); the end of a test, before its store closes."""
    for _ in range(20):  # an answer may start a refresh, which may start another: not forever
        busy = [ops for ops in list(_live) if isValid(ops) and ops.busy]
        if not busy:
            return
        for ops in busy:
            ops.wait_idle(msecs)
        QCoreApplication.sendPostedEvents(_relay)


class _Follower(QObject):
    """Held by a view (its child, so it goes with the view): refreshes it on the changes it shows."""

    def __init__(self, view: QObject, refresh: Callable[[], Any]) -> None:
        super().__init__(view)
        self.view, self.refresh = view, refresh

    @Slot(object)
    def on_changed(self, changes: Changes) -> None:
        if changes & self.view.shows:
            self.refresh()


def alive(callback) -> bool:
    """False for a method of a widget Qt has deleted (a view closed while its job ran)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or isValid(owner)


class Ops(QObject):
    changed = Signal(object)  # a Changes: what a job changed (never empty)
    busy_changed = Signal(bool)
    failure_shown = Signal(str)  # the words of a failure shown because no caller handled it
    account_inactive = Signal()  # an operation was refused: the signed-in person is no longer active
    first_reads_done = Signal()  # the last job asked for SEEN_FIRST or SEEN_NEXT has been answered

    def __init__(self, parent: QObject | None = None, *, inline: bool = False) -> None:
        super().__init__(parent)
        self.inline = inline
        global _relay
        if _relay is None:
            _relay = _Relay()
        # Python threads, not Qt's: a QThreadPool owned by this object would be destroyed with it
        # and wait for its jobs there, holding the interpreter lock the jobs need. Daemon threads
        # (workers.py): a job hung on the network never holds the desk's exit.
        self._db = Workers(1, "ops-db")  # database work, one at a time
        self._io = Workers(4, "ops-io")  # network and PDF work, reads beside the db worker
        self._now = Workers(1, "ops-now")  # a person waits for it
        self._pending: set[_Pending] = set()
        self.first_reads = 0  # jobs of order SEEN_FIRST or SEEN_NEXT not answered yet
        self.closed = False
        _live.add(self)
        self._boxes: set = set()  # failure message boxes still open

    def run(self, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None, pool: str = "db",
            order: int = IN_TURN) -> None:
        """Run ``fn`` in the background; call ``on_success(result)`` or ``on_failure(error)`` on the UI thread,
        then announce what it changed. Without ``on_failure`` a failure is shown in a message box.
        ``pool``: "db" (database work, one job at a time), "io" (network and PDF work, and reads that must not wait behind the
        database worker's jobs: each opens its own connection) or "now" (what a
        person waits for at once, the PIN check: never queued behind the reads of a window prepared
        while the PIN was typed). ``order``: taken before the pool's waiting jobs of a higher order
        (SEEN_FIRST, SEEN_NEXT, IN_TURN); a running job is never interrupted."""

        def deliver(result, error, changed: Changes) -> None:
            if error is None:
                if on_success and alive(on_success):  # not when its view closed while the job ran
                    on_success(result)
            else:
                from app.services.cases.case_log import AccountInactive

                if on_failure and alive(on_failure):
                    on_failure(error)
                elif not isinstance(error, AccountInactive):  # the desk locks and says why
                    self.show_failure(error)
                if isinstance(error, AccountInactive):
                    self.account_inactive.emit()
            # Also after a failure: what a job committed before it failed is on screen too.
            self.announce(changed)

        if self.closed:  # the desk is closing: nothing new starts
            log.debug("op dropped: Ops closed")
            return
        _changes_module()  # before any worker runs the job (see _changes)
        if self.inline:
            deliver(*_collected(fn, Exception))  # a test's own BaseException still stops it
            return
        pending = _Pending(fn, self, deliver, order < IN_TURN)
        self.first_reads += pending.first
        self._pending.add(pending)
        self.busy_changed.emit(True)
        pending.future = {"db": self._db, "io": self._io, "now": self._now}[pool].submit(_work, pending, order)

    def _finished(self, pending: _Pending) -> None:
        """On the UI thread: the job's answer, delivered; its closure and outcome are dropped here."""
        deliver, outcome = pending.deliver, pending.outcome
        pending.fn = pending.ops = pending.deliver = pending.outcome = None
        self._pending.discard(pending)
        if not isValid(self):  # deleted with a parent while the job ran: nobody is left to tell
            return
        self.first_reads -= pending.first
        if not self._pending:
            self.busy_changed.emit(False)
        if self.closed:  # answered after close(): its views may be gone; nobody waits for it
            return
        deliver(*outcome)
        if pending.first and not self.first_reads:
            self.first_reads_done.emit()

    def close(self, msecs: int = 2000) -> None:
        """On the UI thread, when the window that uses this closes (the desk ends): take no more
        work, cancel what has not started, and wait at most ``msecs`` for what runs (a write
        finishing its transaction); a job still running after that neither holds the exit (daemon
        threads) nor answers: its answer, if it comes, is dropped on the UI thread. Idempotent."""
        if self.closed:
            return
        self.closed = True
        cancelled = [p for pool in (self._now, self._db, self._io) for p in pool.shutdown()]
        for pending in cancelled:  # their closures let go here, on the UI thread
            pending.fn = pending.ops = pending.deliver = None
            self._pending.discard(pending)
        if self._pending:
            self.wait_idle(msecs)
        elif cancelled:
            self.busy_changed.emit(False)

    def follow(self, view: QObject, refresh: Callable[[], Any]) -> None:
        """Call ``refresh()`` whenever a change ``view.shows`` (a Changes) is announced."""
        if not isinstance(getattr(view, "shows", None), _changes_module().Changes):
            raise TypeError(f"{type(view).__name__} follows changes but does not say what it shows")
        self.changed.connect(_Follower(view, refresh).on_changed)

    def announce(self, changed: Changes | None = None) -> None:
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
        """Block until queued work finishes (shutdown, tests); the answers come with the next events."""
        from concurrent.futures import wait

        wait([p.future for p in self._pending if p.future is not None], timeout=msecs / 1000)
