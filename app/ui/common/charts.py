"""The one charting module (QtCharts, from PySide6-Addons, behind this small API): a trend of lines
over months and a horizontal bar chart, legible printed in black and white.

Qt marks QtCharts deprecated since 6.10 (its successor needs Qt Quick), so nothing else imports it:
QtCharts is imported here, lazily, the first time a chart is made (a window that shows no chart
never loads it). Series are told apart by line style and point markers as well as colour.
"""

from __future__ import annotations

import html

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMargins, Qt
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


def trend_chart(labels: Sequence[str], lines: Sequence[Line], *, title: str = "", y_format: str = "%.1f",
                y_range: tuple[float, float] | None = None, parent: QWidget | None = None) -> QWidget:
    """A line per series over ``labels`` (e.g. the last 12 months); gaps where a value is None; an empty
    label leaves its point unnamed (every second month, say, where twelve names would not fit)."""
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
    if y_range is not None:
        y_axis.setRange(*y_range)
    elif seen:
        lo, hi = min(seen), max(seen)
        pad = max(0.1, (hi - lo) * 0.15)
        y_axis.setRange(lo - pad, hi + pad)
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
    x_axis.setRange(0, max(1.0, top * 1.1))
    x_axis.applyNiceNumbers()
    return _view(chart, parent)


def series_of(chart_view: QWidget) -> list[tuple[str, list[tuple[float, float]]]]:
    """(name, points) of each named series: for tests and for describing a chart in words."""
    qc = _charts()
    out = []
    for s in chart_view.chart().series():
        if isinstance(s, qc.QScatterSeries):
            out.append((s.name(), [(p.x(), p.y()) for p in s.points()]))
        elif isinstance(s, qc.QAbstractBarSeries):
            for b in s.barSets():
                out.append((b.label(), [(float(i), b.at(i)) for i in range(b.count())]))
    return out


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


def parts_bar(parts: Sequence[tuple[str, float]], *, title: str = "", on_clicked=None, legend: bool = True,
              parent: QWidget | None = None) -> QWidget:
    """One horizontal bar split into named parts (e.g. cases by status), the legend naming each (or
    none, for a legend laid out by the caller in ``part_colour``); ``on_clicked(i)`` is called with the
    part's index when a part is clicked."""
    qc = _charts()
    chart = qc.QChart()
    chart.setTitle(title)
    series = qc.QHorizontalStackedBarSeries()
    series.setBarWidth(0.9)
    for n, (name, value) in enumerate(parts):
        colour = QColor(_PART_COLOURS[n % len(_PART_COLOURS)])
        bars = qc.QBarSet(name)
        bars.setColor(colour)
        bars.setBorderColor(QColor("black"))
        bars.setBrush(QBrush(colour, _PART_PATTERNS[n % len(_PART_PATTERNS)]))
        bars.append(float(value or 0))
        if on_clicked is not None:
            bars.clicked.connect(lambda _index, n=n: on_clicked(n))
        series.append(bars)
    chart.addSeries(series)
    x_axis = qc.QValueAxis()
    x_axis.setRange(0, max(1.0, sum(float(v or 0) for _name, v in parts)))
    x_axis.setVisible(False)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x_axis)
    view = _view(chart, parent)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    chart.legend().setVisible(legend)
    chart.setMargins(QMargins(0, 0, 0, 0))
    view.setMinimumHeight(0)
    return view
