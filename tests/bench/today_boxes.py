"""When each box of Today is on screen with its data, for the start-up benchmarks (bench_case_list, profile_pin).

A box counts as filled at its first paint on screen once its data is in: Today's figures and lists,
the Overdue box, the riskiest calls, the early warnings (supervisors only), the improvement actions
and the 12-month trend (its charts). A box its data leaves hidden (nothing overdue, no warnings)
counts when the data is in. Install with ``watch(window, now)`` when the window is shown: paints of
a window prepared off screen before sign-in are not counted.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


def boxes(window) -> dict:
    """name -> (the widget painted, whether its data is in) for every box of this window's Today."""
    today, user = window.today, window.user
    found = {"figures": (today, lambda: today.is_filled),
             "overdue": (window.recovery.overdue, lambda: bool(window.recovery.overdue.title()))}
    if user is not None:
        found["riskiest calls"] = (today.risky_calls, lambda: bool(today.risky_calls.title()))
        found["improvements"] = (today.improvements_box, lambda: bool(today.improvements_box.title()))
    if user is not None and user.is_supervisor:
        found["warnings"] = (today.warnings_box, lambda: bool(today.warnings_box.title()))
    found["trend"] = (today.trend, lambda: today.trend.points is not None)
    return found


class _Box(QObject):
    def __init__(self, name: str, widget, is_in, now) -> None:
        super().__init__(widget)
        self.name, self.widget, self.is_in, self.now = name, widget, is_in, now
        self.at = None
        self.trend = name == "trend"  # its charts are made when its data comes: their paint counts
        widget.installEventFilter(self)
        for chart in getattr(widget, "charts", []) if self.trend else []:  # drawn before the window showed
            self._watch_chart(chart)

    def _watch_chart(self, chart) -> None:
        """A chart view paints in its viewport, one of its children (not asked for by ``viewport()``:
        its first call builds PySide's enum types of QAbstractScrollArea, 18-50 ms the desk never spends)."""
        for child in chart.children():
            if child.isWidgetType():
                child.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if self.trend and obj is self.widget and kind == QEvent.Type.ChildAdded:
            child = event.child()
            if child.isWidgetType():  # a chart view
                self._watch_chart(child)
        elif kind == QEvent.Type.Paint and self.at is None and (obj is not self.widget or not self.trend) \
                and self.is_in():
            self.at = self.now()
        return False

    def poll(self) -> None:
        """A box its data left hidden is done when the data is in (it will not paint)."""
        if self.at is None and self.is_in() and not self.widget.isVisible():
            self.at = self.now()


class TodayBoxes:
    """Every box of one window's Today, watched from when the window is shown."""

    def __init__(self, window, now) -> None:
        self.watched = [_Box(name, widget, is_in, now) for name, (widget, is_in) in boxes(window).items()]

    def done(self) -> bool:
        for box in self.watched:
            box.poll()
        return all(box.at is not None for box in self.watched)

    def times(self) -> dict[str, float]:
        return {box.name: box.at for box in self.watched}
