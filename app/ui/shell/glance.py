"""The navigation's counts (callbacks due, approvals waiting, alerts) for the person signed in, and
where Today's "N more" leads: counts read once Today is on screen with every box's first read, then on
every change notice."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from app.rules.vocab import CaseStatus
from app.services.changes import ALERTS, CALLBACKS, CASES, FORMS, REMEDIES
from app.ui.common.ops import LatestRead

# The navigation item (by its page's name) that shows each count.
ITEMS = {"callbacks_due": "callbacks_due", "approvals": "approvals", "alerts": "today"}


class Glance(QObject):
    shows = CASES | CALLBACKS | REMEDIES | ALERTS | FORMS  # the kinds of change this refreshes on

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.supervisor = bool(getattr(window.user, "is_supervisor", False))
        self.items = {}
        for i in range(window.nav.count()):
            item = window.nav.item(i)
            self.items[item.data(Qt.ItemDataRole.UserRole)] = (item, item.text())
        self.counts = None
        window.ops.follow(self, self.refresh)
        self._started = False
        self._read = LatestRead(window.ops, self.show_counts)
        today = window.today
        today.more_requested.connect(self.on_today_more_requested)
        window.recovery.overdue.more_requested.connect(lambda: self.on_today_more_requested("overdue"))
        today.installEventFilter(self)  # the counts are first read once Today is on screen with every box

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window.today and event.type() == QEvent.Type.Show and not self._started:
            self._started = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.start)  # after the window's first paint
        return False

    def start(self) -> None:
        self.window.when_today_complete(self.refresh)  # once: notices keep the counts current

    def refresh(self) -> None:
        if not self._started:
            return  # a change before Today is on screen: the first read is still to come
        from app.services.glance.counts import nav_counts

        store, supervisor = self.window.store, self.supervisor
        # Beside the database worker (as the notices'): the page a person opens right after Today no
        # longer waits behind these counts (~0.4 s at 100,000 cases).
        self._read.ask(lambda: nav_counts(store, supervisor))

    def show_counts(self, counts) -> None:
        self.counts = counts
        loc = self.window.locale()
        for field, name in ITEMS.items():
            if name not in self.items:
                continue  # e.g. Approvals is a supervisor's page
            item, title = self.items[name]
            n = getattr(counts, field)
            item.setText(f"{title} ({loc.toString(n)})" if n else title)
            item.setToolTip(self.tip(field).format(n=loc.toString(n)) if n else "")

    def tip(self, field: str) -> str:
        """What the number beside a page counts."""
        return {"callbacks_due": self.tr("{n} callbacks due by tonight"),
                "approvals": self.tr("{n} remedies waiting for your approval"),
                "alerts": self.tr("{n} open alerts on Today")}[field]

    def on_today_more_requested(self, name: str) -> None:
        w = self.window
        if name == "callbacks":
            page = w.recovery.callbacks
            w.show_page(page)
            return
        w.show_page(w.cases)
        if name == "overdue":
            w.cases.show_only_status(None)
            w.cases.overdue.setChecked(True)  # the one overdue rule, as the box counts it
            return
        w.cases.show_only_status(CaseStatus.OPEN.value)  # a case waits for a first response while open
