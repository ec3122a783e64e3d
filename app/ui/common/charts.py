"""The one charting module (QtCharts, from PySide6-Addons, behind this small API): a trend of lines
over months and a horizontal bar chart, legible printed in black and white.

Qt marks QtCharts deprecated since 6.10 (its successor needs Qt Quick), so nothing else imports it:
QtCharts is imported here, lazily, the first time a chart is made (a window that shows no chart
never loads it). Series are told apart by line style and point markers as well as colour. The
case list's one bar of parts is painted without it (PartsBar), on the list's first build.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

# Dark to light, each with its own dash and marker: readable in grey on paper.
_STYLES = ((QColor("#1f3b73"), Qt.PenStyle.SolidLine, "circle"),
           (QColor("#b3541e"), Qt.PenStyle.DashLine, "rectangle"),
           (QColor("#3c7d3a"), Qt.PenStyle.DotLine, "triangle"),
           (QColor("#6b4c9a"), Qt.PenStyle.DashDotLine, "star"))


@dataclass(frozen=True)
class Line:
    """One series of a trend chart: a name for the legend and a value per label (None: a gap)."""
    name: str
    values: Sequence[float | None]


def _charts():
    from PySide6 import QtCharts  # deprecated by Qt: kept behind this module

    return QtCharts


# The enum types a trend chart's first drawing builds (PySide builds a class's enum types on their
# first use): 23 of them, ~8 ms, and QtCharts' import ~5 ms, were on the UI thread when Today's trend
# was first drawn, after the PIN. ``prepare`` builds them sooner.
_FIRST_USED_ENUMS = (
    ("QtGui", "QPainter", ("RenderHint", "PixmapFragmentHint", "CompositionMode")),
    ("QtWidgets", "QSizePolicy", ("Policy", "PolicyFlag", "ControlType")),
    ("QtWidgets", "QGraphicsItem", ("GraphicsItemFlag", "GraphicsItemChange", "CacheMode", "PanelModality",
                                    "Extension")),
    ("QtWidgets", "QGraphicsView", ("ViewportAnchor", "CacheModeFlag", "DragMode", "ViewportUpdateMode",
                                    "OptimizationFlag")),
    ("QtCharts", "QChart", ("ChartType", "ChartTheme", "AnimationOption")),
    ("QtCharts", "QAbstractAxis", ("AxisType",)),
    ("QtCharts", "QValueAxis", ("TickType",)),
    ("QtCharts", "QCategoryAxis", ("AxisLabelsPosition",)),
    ("QtCharts", "QAbstractSeries", ("SeriesType",)),
    ("QtCharts", "QXYSeries", ("PointConfiguration",)),
    ("QtCharts", "QScatterSeries", ("MarkerShape",)),
    ("QtCharts", "QLegendMarker", ("LegendMarkerType",)),
    ("QtCharts", "QLegend", ("MarkerShape",)),
)


def prepare() -> None:
    """Load QtCharts and build the enum types a trend chart uses, ahead of the first chart (the shell:
    while the sign-in dialog waits for its PIN). On the UI thread, with no other thread importing Qt
    code meanwhile (PySide's import hooks on two threads at once crashed the process)."""
    from app.ui.common.qt_app import build_enum_types

    _charts()
    build_enum_types(_FIRST_USED_ENUMS)


def _marker(qc, name: str):
    shape = qc.QScatterSeries.MarkerShape
    return {"circle": shape.MarkerShapeCircle, "rectangle": shape.MarkerShapeRectangle,
            "triangle": shape.MarkerShapeTriangle, "star": shape.MarkerShapeStar}[name]


def _view(chart, parent: QWidget | None) -> QWidget:
    qc = _charts()
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = qc.QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(160)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return view


def value_axis(values: Sequence[float], ticks: int, decimals: int) -> tuple[float, float]:
    """The value axis' (min, max) for ``values`` with ``ticks`` labels of ``decimals`` decimals: a round
    step between labels (1, 2, 2.5 or 5 times a power of ten, never finer than the labels' last
    decimal), so each label names the value at its place and no two read the same (a flat line, every
    month at 5 %, showed "5" three times). A little room at the data's ends while the data then
    fills over half the axis, none below zero for values that never are (a share). Without values: 0 up."""
    unit = 10.0 ** -decimals
    lo, hi = (min(values), max(values)) if values else (0.0, 0.0)
    pad = (hi - lo) * 0.08
    padded = _round_range(max(0.0, lo - pad) if lo >= 0 else lo - pad, hi + pad, ticks, unit)
    if hi == lo:
        return padded  # the room around a flat line is what spreads its labels
    # The room kept while the data fills over half the axis (not squeezed into a corner of it).
    span = padded[1] - padded[0]
    tight = padded if hi - lo > span / 2 else _round_range(lo, hi, ticks, unit)
    return padded if span <= tight[1] - tight[0] else tight


def _round_range(low: float, high: float, ticks: int, unit: float) -> tuple[float, float]:
    """The narrowest (start, start + step * (ticks - 1)) holding [low, high], start a multiple of a round step."""
    if high <= low:  # one value: a step of the labels' last decimal at least, or 5 % of the value around it
        half = max(unit, abs(high) * 0.05)
        low, high = (max(0.0, low - half) if low >= 0 else low - half), high + half
    spans = max(1, ticks - 1)
    raw = max((high - low) / spans, unit)
    power = 10.0 ** math.floor(math.log10(raw))
    decimals = max(0, round(-math.log10(unit)))
    for mult in (1, 2, 2.5, 5, 10, 20, 25, 50, 100):
        step = mult * power
        if step + 1e-12 < raw or abs(step / unit - round(step / unit)) > 1e-6:
            continue  # too fine, or a step the labels' decimals can't show (2.5 with none)
        start = math.floor(low / step + 1e-9) * step
        if start + step * spans >= high - 1e-9:
            return round(start, decimals + 2), round(start + step * spans, decimals + 2)
    return low, high  # not reached: a step of 100 * power covers any span


def trend_chart(labels: Sequence[str], lines: Sequence[Line], *, title: str = "", y_format: str = "%.1f",
                y_ticks: int = 5, parent: QWidget | None = None) -> QWidget:
    """A line per series over ``labels`` (e.g. the last 12 months); gaps where a value is None; an empty
    label leaves its point unnamed (every second month, say, where twelve names would not fit).
    ``y_format``: the value labels' printf format ("%.1f", "%.0f"); ``y_ticks``: how many there are."""
    qc = _charts()
    chart = qc.QChart()
    chart.setTitle(title)
    x_axis = qc.QCategoryAxis()
    x_axis.setLabelsPosition(qc.QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for i, label in enumerate(labels):
        if label:  # an empty label: the point is drawn unnamed, the named labels around it get its room
            x_axis.append(label, i)
    x_axis.setRange(-0.3, max(0, len(labels) - 1) + 0.3)
    small = QFont()
    small.setPointSizeF(max(6.0, small.pointSizeF() - 1.5))
    x_axis.setLabelsFont(small)
    y_axis = qc.QValueAxis()
    y_axis.setLabelFormat(y_format)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    seen: list[float] = []
    for n, line in enumerate(lines):
        colour, dash, marker = _STYLES[n % len(_STYLES)]
        pen = QPen(colour, 2.2, dash)
        # One line series per unbroken run, and the points as markers: a month without data is a gap.
        run = None
        points = qc.QScatterSeries()
        points.setName(line.name)
        points.setMarkerShape(_marker(qc, marker))
        points.setMarkerSize(9)
        points.setColor(colour)
        points.setBorderColor(colour)
        for i, v in enumerate(line.values):
            if v is None:
                run = None
                continue
            seen.append(float(v))
            if run is None:
                run = qc.QLineSeries()
                run.setPen(pen)
                chart.addSeries(run)
                run.attachAxis(x_axis)
                run.attachAxis(y_axis)
                chart.legend().markers(run)[0].setVisible(False)
            run.append(i, float(v))
            points.append(i, float(v))
        chart.addSeries(points)
        points.attachAxis(x_axis)
        points.attachAxis(y_axis)
    y_axis.setTickCount(y_ticks)
    decimals = re.search(r"\.(\d+)f", y_format)
    y_axis.setRange(*value_axis(seen, y_ticks, int(decimals.group(1)) if decimals else 0))
    return _view(chart, parent)


def bar_chart(labels: Sequence[str], groups: Sequence[Line], *, title: str = "", parent: QWidget | None = None
              ) -> QWidget:
    """Horizontal bars: one bar per group (e.g. last month, this month) for each label."""
    qc = _charts()
    chart = qc.QChart()
    chart.setTitle(title)
    series = qc.QHorizontalBarSeries()
    for n, group in enumerate(groups):
        colour, _dash, _marker_name = _STYLES[n % len(_STYLES)]
        bars = qc.QBarSet(group.name)
        bars.setColor(colour)
        bars.setBorderColor(QColor("black"))
        # Hatched as well as coloured, so the two groups differ printed in black and white.
        bars.setBrush(QBrush(colour, Qt.BrushStyle.BDiagPattern) if n % 2 else QBrush(colour))
        for v in group.values:
            bars.append(float(v or 0))
        series.append(bars)
    chart.addSeries(series)
    import html  # here: its entity table is ~5-13 ms of imports a trend chart (Today's) never needs

    y_axis = qc.QBarCategoryAxis()
    # QtCharts draws axis labels as rich text and elides a long line: each line of a label (\n) is
    # its own line, escaped, so "cause group / failure type" reads whole at 1366 px.
    y_axis.append(["<br>".join(html.escape(line) for line in label.split("\n")) for label in labels])
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y_axis)
    x_axis = qc.QValueAxis()
    x_axis.setLabelFormat("%d")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x_axis)
    top = max([float(v or 0) for g in groups for v in g.values], default=0.0)
    # Counts: whole numbers from zero (Qt's own nice numbers stepped 0.2 under 2 and labelled 0 0 0 0 0 1).
    x_axis.setTickCount(5)
    x_axis.setRange(*value_axis([0.0, top], 5, 0))
    return _view(chart, parent)


def series_of(chart_view: QWidget) -> list[tuple[str, list[tuple[float, float]]]]:
    """(name, points) of each named series: for tests and for describing a chart in words."""
    if isinstance(chart_view, PartsBar):
        return [(name, [(0.0, value)]) for name, value in chart_view.parts]
    qc = _charts()
    out = []
    for s in chart_view.chart().series():
        if isinstance(s, qc.QScatterSeries):
            out.append((s.name(), [(p.x(), p.y()) for p in s.points()]))
        elif isinstance(s, qc.QAbstractBarSeries):
            for b in s.barSets():
                out.append((b.label(), [(float(i), b.at(i)) for i in range(b.count())]))
    return out


def value_labels(chart_view: QWidget) -> list[str]:
    """The labels of a chart's value axis as it draws them (its printf format at each tick): for tests."""
    qc = _charts()
    axis = next(a for a in chart_view.chart().axes()
                if isinstance(a, qc.QValueAxis) and not isinstance(a, qc.QCategoryAxis))  # (a kind of QValueAxis)
    n = axis.tickCount()
    return [axis.labelFormat() % (axis.min() + i * (axis.max() - axis.min()) / (n - 1)) for i in range(n)]


def styles_of(chart_view: QWidget) -> list[tuple[str, str, str]]:
    """(name, line style, marker) of each line series' legend entry: how the series differ without colour."""
    qc = _charts()
    out = []
    lines = [s for s in chart_view.chart().series() if isinstance(s, qc.QLineSeries)
             and not isinstance(s, qc.QScatterSeries)]
    for s in chart_view.chart().series():
        if isinstance(s, qc.QScatterSeries):
            twin = next((line for line in lines if line.color() == s.color()), None)
            dash = twin.pen().style().name if twin is not None else ""
            out.append((s.name(), dash, s.markerShape().name))
    return out


def print_charts(views: Sequence[QWidget], printer) -> None:
    """The charts one under the other on a printed page, drawn as vectors from their scenes (crisp
    at the printer's resolution, told apart in grey by dash and marker)."""
    from PySide6.QtCore import QRectF

    painter = QPainter(printer)
    try:
        area = QRectF(painter.viewport())
        height = area.height() / max(1, len(views))
        for i, view in enumerate(views):
            source = QRectF(view.rect())
            target = QRectF(area.left(), area.top() + i * height, area.width(), height)
            scale = min(target.width() / source.width(), target.height() / source.height())
            target.setSize(source.size() * scale)
            view.scene().render(painter, target, source)
    finally:
        painter.end()


# More colours for a bar of many parts (e.g. a case's seven states), each hatched differently as well.
_PART_COLOURS = ("#1f3b73", "#b3541e", "#3c7d3a", "#6b4c9a", "#8a6d1d", "#2d7f8c", "#777777", "#a23b72")
_PART_PATTERNS = (Qt.BrushStyle.SolidPattern, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.Dense4Pattern,
                  Qt.BrushStyle.FDiagPattern, Qt.BrushStyle.CrossPattern, Qt.BrushStyle.Dense6Pattern,
                  Qt.BrushStyle.DiagCrossPattern, Qt.BrushStyle.HorPattern)


def part_colour(n: int) -> str:
    """The colour of part ``n`` of a parts bar (for a legend drawn outside the chart)."""
    return _PART_COLOURS[n % len(_PART_COLOURS)]


class PartsBar(QWidget):
    """One horizontal bar split into named parts (e.g. cases by status), painted here: the case list
    shows it on its first build, where QtCharts' import and a chart's scene cost ~25 ms of the ~50
    the list has. Its legend is the caller's (in ``part_colour``); a click on a part emits its index."""

    part_clicked = Signal(int)

    def __init__(self, parts: Sequence[tuple[str, float]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts = [(name, float(value or 0)) for name, value in parts]
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def part_rects(self) -> list:
        """Where each part is drawn: its share of the width, a little inside the widget."""
        from PySide6.QtCore import QRectF

        area = QRectF(self.rect()).adjusted(1, 4, -1, -4)
        total = sum(value for _name, value in self.parts) or 1.0
        rects, x = [], area.left()
        for _name, value in self.parts:
            width = area.width() * value / total
            rects.append(QRectF(x, area.top(), width, area.height()))
            x += width
        return rects

    def part_at(self, x: float) -> int | None:
        return next((n for n, r in enumerate(self.part_rects()) if r.width() and r.left() <= x < r.right()), None)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            painter.setPen(QPen(QColor("black"), 1))
            for n, rect in enumerate(self.part_rects()):
                if rect.width():
                    painter.setBrush(QBrush(QColor(part_colour(n)), _PART_PATTERNS[n % len(_PART_PATTERNS)]))
                    painter.drawRect(rect)
        finally:
            painter.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        n = self.part_at(event.position().x())
        if n is not None:
            self.part_clicked.emit(n)
        super().mousePressEvent(event)


def parts_bar(parts: Sequence[tuple[str, float]], *, on_clicked=None, parent: QWidget | None = None) -> PartsBar:
    """One horizontal bar split into named parts; ``on_clicked(i)`` is called with the part's index
    when a part is clicked (the legend is the caller's: see PartsBar)."""
    bar = PartsBar(parts, parent)
    if on_clicked is not None:
        bar.part_clicked.connect(on_clicked)
    return bar
