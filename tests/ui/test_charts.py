"""The one charting module: lines told apart without colour, gaps where a month has no data, bars,
a vector print; nothing else in the program imports QtCharts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from app.ui.common.charts import Line, bar_chart, print_charts, series_of, styles_of, trend_chart

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
