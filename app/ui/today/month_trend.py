"""Today's month box pictures: the 12-month trend of the average score and of the failure share, read
with Today's other boxes and drawn after Today's first paint, or while its window is prepared before
sign-in (the charting module is loaded then, not at start-up)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.services.changes import FORMS, SETTINGS
from app.ui.common.ops import IN_TURN, SEEN_NEXT, Ops
from app.ui.common.widgets import plain_tip


class MonthTrend(QWidget):
    """Two small charts side by side; empty (and the charting library not loaded) until the page is first
    shown or its window prepared (``prepare``)."""

    shows = FORMS | SETTINGS  # the kinds of change this view refreshes on

    def __init__(self, store, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthTrend")
        self.store, self.ops = store, ops
        self.points = None
        self.charts: list[QWidget] = []
        self._asked = False
        self._drawing = False  # shown, or its window prepared: the charts are drawn when the points come
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setMinimumHeight(150)
        ops.follow(self, self.refresh)

    def start(self, early=None) -> None:
        """The first read, asked for by Today with its other boxes' (after its figures and Overdue on the
        database worker; before the notices and the other pages' loads): the points are in when it is
        first shown, or soon after. ``early``: the EarlyReads made before sign-in, which has them."""
        if not self._asked:
            self._asked = True
            if early is not None:
                early.take("trend", self.show_points, lambda: self.refresh(SEEN_NEXT, pool="io"))
                return
            self.refresh(SEEN_NEXT, pool="io")  # a reader beside the database worker, as the riskiest calls'

    def prepare(self) -> None:
        """Its window is prepared while the PIN is typed: draw the charts as soon as the points are in
        (hidden), so the first show after the PIN only paints them."""
        self._draw_from_now()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._asked:
            self._asked = True
            QTimer.singleShot(0, lambda: self.refresh(SEEN_NEXT))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        # Drawn after its first paint, which comes with Today's: a zero timer set when shown ran before
        # a new window's first paint (the window system's expose comes after every event posted by then),
        # so the charting module loaded and both charts were drawn before Today's figures were painted.
        if not self._drawing:
            QTimer.singleShot(0, self._draw_from_now)

    def _draw_from_now(self) -> None:
        if not self._drawing:
            self._drawing = True
            if self.points is not None and not self.charts:
                self.show_points(self.points)

    def refresh(self, order: int = IN_TURN, pool: str = "db") -> None:
        if not self._asked:
            return  # not shown yet: the first show reads it
        from app.services.glance.trend import month_trend

        store = self.store
        self.ops.run(lambda: month_trend(store), on_success=self.show_points, order=order, pool=pool)

    def show_points(self, points) -> None:
        self.points = points
        if not self._drawing:
            return  # drawn when first shown (or its window prepared)
        from app.ui.common.charts import Line, trend_chart

        loc = self.locale()
        # The month's number, every second month back from this one: twelve names, or twelve numbers
        # of two digits, do not fit under a chart half a box wide at 1366x768 (the tooltip has them all).
        labels = [loc.toString(QDate(int(p.month[:4]), int(p.month[5:]), 1), "M")
                  if (len(points) - 1 - i) % 2 == 0 else "" for i, p in enumerate(points)]
        for old in self.charts:
            self.layout().removeWidget(old)
            old.deleteLater()
        # Three labelled values fit a small chart's height.
        average = trend_chart(labels, [Line(self.tr("Average score"), [p.average for p in points])],
                              title=self.tr("Average score, 12 months"), y_format="%.1f", y_ticks=3)
        share = trend_chart(labels, [Line(self.tr("Failure share (%)"),
                                          [None if p.failure_share is None else p.failure_share * 100 for p in points])],
                            title=self.tr("Failure share %, 12 months"), y_format="%.0f", y_ticks=3)
        self.charts = [average, share]
        for view, name in ((average, "averageTrend"), (share, "failureShareTrend")):
            view.setObjectName(name)
            view.chart().legend().hide()  # one line each: the title names it
            view.setMinimumHeight(150)
            view.setToolTip(plain_tip(self.describe(points, labels)))
            self.layout().addWidget(view, 1)

    def describe(self, points, _labels) -> str:
        """The figures in words, month by month (a tooltip, and what a screen reader gets)."""
        loc = self.locale()
        rows = []
        for p in points:
            label = loc.toString(QDate(int(p.month[:4]), int(p.month[5:]), 1), "MMM")
            if p.average is None:
                rows.append(self.tr("{month} {year}: no forms").format(month=label, year=p.month[:4]))
                continue
            rows.append(self.tr("{month} {year}: average {average}, failure share {share}%, {forms} forms").format(
                month=label, year=p.month[:4], average=loc.toString(p.average, "f", 2),
                share=loc.toString(p.failure_share * 100, "f", 1), forms=loc.toString(p.forms)))
        return "\n".join(rows)
