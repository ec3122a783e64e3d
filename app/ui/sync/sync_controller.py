"""Runs sync rounds off the UI thread on a timer (backing off while head office is unreachable)
and tells the status bar what it needs: online, changes waiting, last sync, clock warnings."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer, Signal, Slot

from app.services.changes import SETTINGS
from app.sync.client import SyncClient, SyncState, backoff_delay
from app.ui.common.dates import short_when
from app.ui.common.ops import Ops

log = logging.getLogger(__name__)


class SyncController(QObject):
    shows = SETTINGS  # the interval between rounds, saved in Settings or pulled, takes effect at once
    state_changed = Signal(object)  # SyncState
    round_finished = Signal(object)  # RoundReport
    round_failed = Signal(str)  # the reason, in the user's language

    def __init__(self, store, ops: Ops, parent: QObject | None = None, *, client: SyncClient | None = None,
                 interval_s: float | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops = store, ops
        self._own_client = client is None
        self.client = client or SyncClient(store)
        if interval_s is None:
            from app.services import settings

            with store.session() as s:
                interval_s = settings.get(s, "sync.interval_s")
            ops.follow(self, self.on_settings_changed)  # a fixed interval (tests, tools) stays as given
        self.interval_s = interval_s
        self.running = False
        self.state = SyncState()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.on_timer_timeout)

    def start(self) -> None:
        """Show the state now, then sync on the timer."""
        self.ops.run(self.client.state, on_success=self._on_state, pool="io")
        self.timer.start(1000)

    def on_settings_changed(self) -> None:
        from app.services.preferences import read_settings

        store = self.store
        self.ops.run(lambda: read_settings(store)["sync.interval_s"], on_success=self.on_interval_read)

    def on_interval_read(self, seconds) -> None:
        if seconds != self.interval_s:
            self.interval_s = seconds
            if self.timer.isActive():  # the next round counts from now with the new interval
                self.timer.start(int(seconds * 1000))

    def reload(self) -> None:
        """Read the head-office address again (after this counter was connected)."""
        if self._own_client:
            self.client = SyncClient(self.store)
        self.ops.run(self.client.state, on_success=self._on_state, pool="io")

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def on_timer_timeout(self) -> None:
        self.sync_now()

    @Slot()
    def sync_now(self) -> None:
        if self.running:
            return
        self.running = True
        client = self.client

        def work():
            try:
                report = client.run_once()
                return report, client.state(), None
            except Exception as exc:  # noqa: BLE001 - every failure reaches the status bar
                return None, client.state(), exc

        self.ops.run(work, on_success=self._on_round, on_failure=self._on_crash, pool="io")

    def _on_state(self, state: SyncState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _on_round(self, result) -> None:
        report, state, error = result
        self.running = False
        self._on_state(state)
        if error is None:
            self.round_finished.emit(report)
            self.ops.announce(report.changes)  # what the pull applied: forms, cases, settings, a script pack...
        else:
            from app.foundation.errors import RecoveryDeskError

            text = error.render(QCoreApplication.translate) if isinstance(error, RecoveryDeskError) else str(error)
            self.round_failed.emit(text)
        if state.connected:
            self.timer.start(int(backoff_delay(self.interval_s, state.failures) * 1000))

    def _on_crash(self, exc: BaseException) -> None:
        self.running = False
        log.error("sync round crashed", exc_info=exc)
        self.round_failed.emit(str(exc))
        self.timer.start(int(backoff_delay(self.interval_s, self.state.failures + 1) * 1000))


def describe(state: SyncState) -> str:
    """The status bar's words for a sync state."""
    if not state.connected:
        return QCoreApplication.translate("SyncStatus", "Sync: not set up")
    if state.online:
        parts = [QCoreApplication.translate("SyncStatus", "Online")]
    elif state.online is False:
        parts = [QCoreApplication.translate("SyncStatus", "Offline")]
    else:
        parts = [QCoreApplication.translate("SyncStatus", "Not synced yet")]
    parts.append(QCoreApplication.translate("SyncStatus", "{n} waiting").format(n=state.waiting))
    if state.last_sync:
        parts.append(QCoreApplication.translate("SyncStatus", "last sync {time}").format(
            time=short_when(state.last_sync, QLocale())))
    if state.problems:
        parts.append(QCoreApplication.translate("SyncStatus", "{n} sync problem(s)").format(n=state.problems))
    if state.clock_warning:
        parts.append(QCoreApplication.translate("SyncStatus", "clock is {m} min off head office's").format(
            m=round(abs(state.clock_skew_s) / 60)))
    return " · ".join(parts)
