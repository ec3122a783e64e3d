"""The counts beside the navigation's pages, for the person signed in: each the size of what its page lists."""

from __future__ import annotations

from dataclasses import dataclass

from datetime import timedelta

from app.foundation import clock
from app.services.today import alerts
from app.services.recovery import callbacks
from app.services.recovery import remedies


@dataclass(frozen=True)
class NavCounts:
    callbacks_due: int  # the Callbacks page's rows due by tonight: Today's "Callbacks due" box counts the same
    approvals: int  # remedies waiting for a supervisor (0 for an advisor: they decide none)
    alerts: int  # open alerts of the dealer, shown on Today to supervisors (0 for an advisor)


def nav_counts(store, supervisor: bool) -> NavCounts:
    """Read with the pages' own queries, so a count never disagrees with the page it names."""
    tonight = clock.local_midnight(clock.today() + timedelta(days=1))
    due = sum(1 for v in callbacks.callbacks_due(store) if v.due_at < tonight)
    if not supervisor:
        return NavCounts(due, 0, 0)
    return NavCounts(due, len(remedies.pending_approvals(store)), alerts.count_open_alerts(store))
