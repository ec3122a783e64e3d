"""The one charting module: lines told apart without colour, gaps where a month has no data, bars,
a vector print; nothing else in the program imports QtCharts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from app.ui.common.charts import (Line, bar_chart, print_charts, series_of, styles_of, trend_chart, value_axis,
                                  value_labels)

APP = Path(__file__).resolve().parents[2] / "app"


def test_lines_differ_by_dash_and_marker_and_leave_gaps(qtbot):
    view = trend_chart(["01", "02", "03", "04"], [Line("Network", [4.0, 4.1, 4.2, 4.0]),
                                                  Line("BJ01", [3.5, None, 3.9, 3.2]),
                                                  Line("SH02", [None, None, 4.4, 4.5])], title="Average")
    qtbot.addWidget(view)
    styles = styles_of(view)
    assert [name for name, _d, _m in styles] == ["Network", "BJ01", "SH02"]
    assert len({dash for _n, dash, _m in styles}) == 3 and len({m for _n, _d, m in styles}) == 3, styles
    points = dict(series_of(view))
    assert points["BJ01"] == [(0.0, 3.5), (2.0, 3.9), (3.0, 3.2)]  # February has no data: a gap, not a zero
    assert points["SH02"] == [(2.0, 4.4), (3.0, 4.5)]


def test_bars_and_a_printed_page_in_grey(qtbot, tmp_path):
    bars = bar_chart(["Employee", "System"], [Line("Last month", [1, 0]), Line("This month", [3, 2])])
    trend = trend_chart(["01", "02"], [Line("Network", [4.0, 4.2])])
    for v in (bars, trend):
        qtbot.addWidget(v)
        v.resize(500, 300)
    assert dict(series_of(bars)) == {"Last month": [(0.0, 1.0), (1.0, 0.0)], "This month": [(0.0, 3.0), (1.0, 2.0)]}
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    out = tmp_path / "charts.pdf"
    printer.setOutputFileName(str(out))
    print_charts([trend, bars], printer)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    assert b"/Subtype /Image" not in data  # drawn as vectors, not a picture of the screen


def test_only_the_charting_module_imports_qtcharts():
    users = [p.relative_to(APP).as_posix() for p in APP.rglob("*.py") if "QtCharts" in p.read_text(encoding="utf-8")]
    assert users == ["ui/common/charts.py"]


def _labels(lo: float, hi: float, ticks: int, decimals: int) -> list[str]:
    return [f"%.{decimals}f" % (lo + i * (hi - lo) / (ticks - 1)) for i in range(ticks)]


def _names_its_values(values, ticks, decimals, lo, hi) -> None:
    labels = _labels(lo, hi, ticks, decimals)
    assert len(set(labels)) == ticks, labels  # no two labels read the same
    assert [float(t) for t in labels] == pytest.approx([lo + i * (hi - lo) / (ticks - 1) for i in range(ticks)])
    assert not values or lo <= min(values) and max(values) <= hi
    assert min(values, default=0) < 0 or lo >= 0  # no negative label for values that never are


@pytest.mark.parametrize("values, ticks, decimals, expected", [
    ([], 3, 0, (0, 2)),  # no data yet: 0 upwards (Qt's own 0 to 1 read "0 1 1" as whole percents)
    ([5, 5, 5], 3, 0, (4, 6)),  # a flat failure share: 4 5 6, not 5 5 5
    ([8.2, 8.9], 3, 1, (8.0, 9.0)),
    ([7.9, 8.0, 8.1], 3, 1, (7.9, 8.1)),
    ([3, 6], 3, 0, (2, 6)),
    ([0, 12.5], 3, 0, (0, 20)),
    ([3.5, 4.5], 5, 1, (3.0, 5.0)),
    ([66.7, 33.3, 100], 3, 0, (0, 100)),  # room above 100 would have doubled the axis
    ([0, 100], 3, 0, (0, 100)),
    ([-2, 3], 5, 1, (-4.0, 4.0)),
    ([0.04], 3, 0, (0, 2)),  # never below zero for values that never are
    ([1000], 3, 0, (950, 1050)),
    ([0, 1], 5, 0, (0, 4)),  # counts on a bar chart: whole numbers (Qt's stepped 0.2 and read 0 0 0 0 0 1)
])
def test_a_value_axis_labels_each_tick_with_its_own_value(values, ticks, decimals, expected):
    lo, hi = value_axis(values, ticks, decimals)
    assert (lo, hi) == pytest.approx(expected)
    _names_its_values(values, ticks, decimals, lo, hi)


def test_a_value_axis_fits_any_data_with_distinct_round_labels():
    rng = random.Random(20261207)
    for _ in range(2000):
        scale = 10 ** rng.randint(-2, 4)
        base = rng.choice([0.0, rng.uniform(-1, 1) * scale])
        values = [base + rng.uniform(0, 1) * scale * rng.choice([0, 0.01, 1]) for _ in range(rng.randint(1, 12))]
        ticks, decimals = rng.choice([3, 5]), rng.choice([0, 1])
        lo, hi = value_axis(values, ticks, decimals)
        _names_its_values(values, ticks, decimals, lo, hi)
        assert hi - lo <= max(4 * (max(values) - min(values)), 40 * 10 ** -decimals, abs(max(values)) * 0.5)


def test_charts_draw_the_labels_worked_out_for_them(qtbot):
    flat = trend_chart(["10", "11", "12"], [Line("Failure share (%)", [5.0, 5.0, 5.0])], y_format="%.0f", y_ticks=3)
    empty = trend_chart(["10", "11", "12"], [Line("Average score", [None, None, None])], y_ticks=3)
    bars = bar_chart(["Employee", "System"], [Line("Last month", [1, 0]), Line("This month", [0, 1])])
    for v in (flat, empty, bars):
        qtbot.addWidget(v)
    assert value_labels(flat) == ["4", "5", "6"]
    assert value_labels(empty) == ["0.0", "0.1", "0.2"]
    assert value_labels(bars) == ["0", "1", "2", "3", "4"]
