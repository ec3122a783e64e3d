"""Today's other boxes (the riskiest calls, warnings, improvement actions, the trend) read once before
sign-in, for the first window signed in: no person's reads are left to start after the PIN.

None of these reads depends on who signs in (the improvement actions are narrowed to the person's own
in the window), so they start when the store opens, beside Today's figures (both mostly SQLite's
work, which runs beside Python's on the other core). A box
of the first window takes its part when it is in (at once if it is in already); when the read failed
or is older than FRESH_S it reads its own, as a window built
without it (later windows, tests) always does.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject

from app.ui.common.ops import SEEN_NEXT, Ops, alive

# Today's freshness, for every box: a read (this one, or the shell's of Today's figures) is shown at
# once if it is at most this old, then refreshed; one older is read again, and a window prepared longer
# ago is built again when the PIN comes.
FRESH_S = 30.0


def read_boxes(store) -> dict:
    """On a worker: every part, as each box reads it. No Qt module is imported here (the main window's
    code may be loading on another worker meanwhile, and PySide's import hooks on two threads at once
    crashed the process)."""
    from app.services.glance.trend import month_trend
    from app.services.orders.riskiest import riskiest_calls
    from app.services.predict.improvements import open_actions
    from app.services.predict.warnings import open_warnings

    return {"riskiest calls": riskiest_calls(store), "warnings": open_warnings(store),
            "improvements": open_actions(store), "trend": month_trend(store)}


class EarlyReads(QObject):
    """One read of Today's other boxes, started by ``start()`` (the shell's, when the store opens)."""

    def __init__(self, store, ops: Ops, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.parts: dict | None = None
        self.read_at = None
        self.failed = False
        self.started = False
        self._waiting: list = []  # (name, fill, read_own) of boxes built before the read came in

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        store = self.store
        # SEEN_NEXT: what waits for every box of Today (Ops.first_reads) waits for this too.
        self.ops.run(lambda: (time.monotonic(), read_boxes(store)), on_success=self._arrived,
                     on_failure=self._failed, pool="io", order=SEEN_NEXT)

    def take(self, name: str, fill, read_own) -> None:
        """``fill(part)`` with this box's part when it is in, or ``read_own()`` when there is none to have."""
        if self.failed or (self.read_at is not None and time.monotonic() - self.read_at > FRESH_S):
            read_own()
        elif self.parts is not None:
            fill(self.parts[name])
        else:
            self._waiting.append((name, fill, read_own))

    def _arrived(self, result) -> None:
        self.read_at, self.parts = result
        self._answer()

    def _failed(self, _exc: BaseException) -> None:
        self.failed = True  # each box waiting reads its own; nothing is lost
        self._answer()

    def _answer(self) -> None:
        waiting, self._waiting = self._waiting, []
        for name, fill, read_own in waiting:
            if alive(fill):  # its window may have been dropped meanwhile
                self.take(name, fill, read_own)
