"""Charts drawn for black-and-white print: black lines, grey bars, markers and printed values."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.reports.pdf import FONT, register_font

GRID = colors.Color(0.75, 0.75, 0.75)
BAR = colors.Color(0.72, 0.72, 0.72)


def _nice_range(lo: float, hi: float) -> tuple[float, float, float]:
    """Axis bounds and step on round numbers that include lo..hi."""
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def trend_chart(labels: list[str], values: list[float | None], width: float, height: float,
                *, empty_text: str = "") -> Drawing:
    """A line of monthly values; months without a value leave a gap. Each point prints its value."""
    register_font()
    d = Drawing(width, height)
    left, right, bottom, top = 34, 8, 22, 14
    pw, ph = width - left - right, height - bottom - top
    present = [v for v in values if v is not None]
    lo, hi, step = _nice_range(min(present + [0.0]), max(present + [0.0])) if present else (-1.0, 1.0, 0.5)
    y = lambda v: bottom + (v - lo) / (hi - lo) * ph  # noqa: E731
    n = max(1, len(labels))
    x = lambda i: left + (i + 0.5) * pw / n  # noqa: E731
    tick = lo
    while tick <= hi + 1e-9:
        d.add(Line(left, y(tick), left + pw, y(tick), strokeColor=GRID, strokeWidth=0.4,
                   strokeDashArray=None if abs(tick) > 1e-9 else [2, 2]))
        d.add(String(left - 3, y(tick) - 3, f"{tick:g}", fontName=FONT, fontSize=7, textAnchor="end"))
        tick += step
    d.add(Line(left, bottom, left, bottom + ph, strokeColor=colors.black, strokeWidth=0.6))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=colors.black, strokeWidth=0.6))
    for i, label in enumerate(labels):
        d.add(String(x(i), bottom - 10, label, fontName=FONT, fontSize=7, textAnchor="middle"))
    run: list[float] = []
    for i, v in enumerate(values + [None]):
        if v is None:
            if len(run) >= 4:
                d.add(PolyLine(run, strokeColor=colors.black, strokeWidth=1.4))
            run = []
            continue
        run += [x(i), y(v)]
    for i, v in enumerate(values):
        if v is None:
            continue
        d.add(Circle(x(i), y(v), 2.6, fillColor=colors.white, strokeColor=colors.black, strokeWidth=1.2))
        d.add(String(x(i), y(v) + 5, f"{v:.2f}", fontName=FONT, fontSize=6.5, textAnchor="middle"))
    if not present and empty_text:
        d.add(String(left + pw / 2, bottom + ph / 2, empty_text, fontName=FONT, fontSize=9, textAnchor="middle"))
    return d


def _fit(text: str, size: float, width: float) -> str:
    while text and stringWidth(text, FONT, size) > width:
        text = text[:-1]
    return text


def pareto_chart(labels: list[tuple[str, str]], counts: list[int], width: float, height: float,
                 *, empty_text: str = "") -> Drawing:
    """Bars in falling order (grey, outlined, count printed on top) and the cumulative share as a
    dashed black line on a 0-100% axis at the right. Labels are two short lines under each bar."""
    register_font()
    d = Drawing(width, height)
    left, right, bottom, top = 30, 34, 30, 14
    pw, ph = width - left - right, height - bottom - top
    total = sum(counts)
    if total == 0:
        d.add(Rect(left, bottom, pw, ph, strokeColor=colors.black, fillColor=None, strokeWidth=0.6))
        d.add(String(left + pw / 2, bottom + ph / 2, empty_text, fontName=FONT, fontSize=9, textAnchor="middle"))
        return d
    _lo, hi, step = _nice_range(0, max(counts))
    y = lambda v: bottom + v / hi * ph  # noqa: E731
    tick = 0.0
    while tick <= hi + 1e-9:
        d.add(Line(left, y(tick), left + pw, y(tick), strokeColor=GRID, strokeWidth=0.4))
        d.add(String(left - 3, y(tick) - 3, f"{tick:g}", fontName=FONT, fontSize=7, textAnchor="end"))
        tick += step
    for pct in range(0, 101, 20):
        yy = bottom + pct / 100 * ph
        d.add(String(left + pw + 3, yy - 3, f"{pct}%", fontName=FONT, fontSize=7))
    d.add(Line(left + pw, bottom, left + pw, bottom + ph, strokeColor=colors.black, strokeWidth=0.6))
    d.add(Line(left, bottom, left, bottom + ph, strokeColor=colors.black, strokeWidth=0.6))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=colors.black, strokeWidth=0.6))
    n = len(counts)
    slot = pw / n
    points, cum = [], 0
    for i, (c, (l1, l2)) in enumerate(zip(counts, labels)):
        x0 = left + i * slot + slot * 0.15
        d.add(Rect(x0, bottom, slot * 0.7, y(c) - bottom, fillColor=BAR, strokeColor=colors.black, strokeWidth=0.6))
        # The count inside the bar's top where it fits, so the cumulative line never crosses it.
        inside = y(c) - bottom > 12
        d.add(String(x0 + slot * 0.35, y(c) - 9 if inside else y(c) + 2, str(c), fontName=FONT, fontSize=7,
                     textAnchor="middle"))
        d.add(String(left + (i + 0.5) * slot, bottom - 10, _fit(l1, 7, slot - 2), fontName=FONT, fontSize=7,
                     textAnchor="middle"))
        d.add(String(left + (i + 0.5) * slot, bottom - 19, _fit(l2, 7, slot - 2), fontName=FONT, fontSize=7,
                     textAnchor="middle"))
        cum += c
        points += [left + (i + 0.5) * slot, bottom + cum / total * ph]
    d.add(PolyLine(points, strokeColor=colors.black, strokeWidth=1.2, strokeDashArray=[4, 2]))
    for i in range(0, len(points), 2):
        d.add(Rect(points[i] - 2.2, points[i + 1] - 2.2, 4.4, 4.4, fillColor=colors.black, strokeColor=colors.black))
    return d
