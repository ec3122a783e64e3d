"""Python's cycle collection on the UI thread only (after Anki): a timer collects instead."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

# Why: Python collects cycles on whichever thread happens to allocate past the threshold. On a
# worker that is a job's thread, and a collected cycle holding a closed view (a window and its
# lambdas) deletes Qt objects there, off their own thread: Qt then crashes at random, later, anywhere.
CHECK_MS = 250
_deferred = 0  # checks still to pass without a collection (defer_collection)


def defer_collection(checks: int = 4) -> None:
    """No collection for the next ``checks`` checks (a second), or until resume_collection(): for a page's
    first rows being built and painted, which a walk of every young object would hold up. In a fresh
    process, the collector's first walk (the database layer's modules: 2-10 ms) fell inside the case
    list's first build in some runs."""
    global _deferred
    _deferred = max(_deferred, checks)


def resume_collection() -> None:
    """Collections as due again (the rows defer_collection waited for are on screen)."""
    global _deferred
    _deferred = 0


class _Collector(QObject):
    """Runs the collection the interpreter would have run, when its thresholds are passed, on the UI thread."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.long_lived = 0  # objects in the oldest generation after its last collection
        self.recheck_at = 0  # the oldest generation's count at which a full collection is considered again
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_MS)

    @Slot()
    def check(self) -> None:
        global _deferred
        if _deferred:
            _deferred -= 1
            return
        counts, limits = gc.get_count(), gc.get_threshold()
        if counts[0] <= limits[0]:
            return
        generation = 0
        for older in (1, 2):  # the oldest generation due, as the interpreter's own rule picks it
            if counts[older] > limits[older]:
                generation = older
        if generation == 2 and counts[2] <= self.recheck_at:
            generation = 1  # found not due lately: looked at again after as many collections as the threshold
        elif generation == 2 and not self.full_due():
            generation, self.recheck_at = 1, counts[2] + limits[2]
        gc.collect(generation)
        if generation == 2:
            self.long_lived, self.recheck_at = len(gc.get_objects(2)), 0

    def full_due(self) -> bool:
        """The interpreter's own further condition for a full collection: what reached the oldest
        generation since the last one is at least a quarter of what was there. Without it, a full
        collection (every object the desk holds: 0.1-0.5 s on the UI thread at 100k cases) ran after
        every ten younger ones, some 30 s apart while the desk works, at random moments."""
        return len(gc.get_objects(2)) - self.long_lived >= self.long_lived // 4


def collect_on_ui_thread(app: QCoreApplication) -> None:
    """From now on only ``app``'s thread collects cycles (idempotent; call it on the UI thread)."""
    # The application's property, not findChild(_Collector): that search cost ~5 ms before the first
    # window (PySide resolving the Python type), as much as the window's own layout.
    if not app.property("collectsOnUiThread"):
        gc.disable()
        _Collector(app)
        app.setProperty("collectsOnUiThread", True)
