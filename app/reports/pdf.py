"""What every report shares: the embedded CJK font, styles, the page frame and small formatters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.paths import resources_dir

CTX = "Reports"
FONT = "WQYMicroHei"
FONT_FILE = "fonts/wqy-microhei.ttc"
PAGE = A4
MARGIN = 15 * mm
WIDTH = PAGE[0] - 2 * MARGIN  # usable width
PAD = 3  # a table cell's left and right padding
VPAD = 2  # and its top and bottom padding

Translate = Callable[[str, str], str]


def no_translation(_context: str, text: str) -> str:
    return text


def register_font() -> str:
    """Embed WenQuanYi Micro Hei (TrueType, a subset per PDF) so Chinese shows in any viewer."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resources_dir() / FONT_FILE), subfontIndex=0))
        # The font has no bold face; <b> in paragraphs maps back to the same glyphs.
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    return FONT


@dataclass(frozen=True)
class PrintInfo:
    """The page header: which report, whose figures, for when, printed by whom and when."""

    title: str
    dealer: str
    period: str
    printed_by: str
    printed_at: datetime


class Styles:
    def __init__(self) -> None:
        register_font()
        base = dict(fontName=FONT, wordWrap="CJK")
        self.title = ParagraphStyle("title", fontSize=16, leading=21, spaceAfter=2 * mm, **base)
        self.subtitle = ParagraphStyle("subtitle", fontSize=10, leading=14, textColor=colors.HexColor("#333333"),
                                       spaceAfter=3 * mm, **base)
        self.h2 = ParagraphStyle("h2", fontSize=12, leading=16, spaceBefore=5 * mm, spaceAfter=2 * mm, **base)
        self.body = ParagraphStyle("body", fontSize=9, leading=12.5, **base)
        self.note = ParagraphStyle("note", fontSize=8, leading=11, textColor=colors.HexColor("#444444"), **base)
        self.cell = ParagraphStyle("cell", fontSize=8, leading=10, **base)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.big = ParagraphStyle("big", fontSize=11, leading=15, **base)


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_LATIN: dict[str, ParagraphStyle] = {}


def wrapping(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """CJK line breaking (anywhere between characters) only for text with CJK characters in it;
    other text breaks between words, so "callback" never splits into "callbac / k"."""
    if _CJK.search(text):
        return style
    latin = _LATIN.get(style.name)
    if latin is None:
        latin = _LATIN[style.name] = ParagraphStyle(style.name + "_latin", parent=style, wordWrap=None)
    return latin


def para(text, style: ParagraphStyle) -> Paragraph:
    text = str(text)
    # A Paragraph folds runs of spaces into one; the gap between "Dealer: X" and "Month: Y" stays.
    return Paragraph(esc(text).replace("  ", "&nbsp; "), wrapping(style, text))


def esc(text) -> str:
    """Text as a Paragraph reads it (it parses a little XML)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table(rows: list[list], widths: list[float], styles: Styles, *, numeric: set[int] | None = None,
          header_rows: int = 1, extra: list | None = None) -> Table:
    """A ruled table; text wraps inside its column rather than overflow it. Columns in ``numeric``
    (default: all but the first) are right-aligned below the header.

    A cell that fits on one line stays a plain string: a Paragraph per cell costs several times
    more to lay out, and long lists (a month's failure forms) would be slow.
    """
    numeric = set(range(1, len(widths))) if numeric is None else numeric
    size, leading = styles.cell.fontSize, styles.cell.leading
    out, heights = [], []
    for r, row in enumerate(rows):
        cells, height = [], leading
        for c, value in enumerate(row):
            room = widths[c] - 2 * PAD
            if not isinstance(value, str):
                height = max(height, value.wrap(room, 10_000)[1])
                cells.append(value)
                continue
            # No glyph of the font is wider than 1 em: a short string fits without measuring.
            if "\n" not in value and (len(value) * size <= room or _width(value, size) <= room):
                cells.append(value)
                continue
            style = styles.cell_right if (c in numeric and r >= header_rows) else styles.cell
            p = para(value, style)
            height = max(height, p.wrap(room, 10_000)[1])
            cells.append(p)
        out.append(cells)
        heights.append(height + 2 * VPAD)
    # Row heights given up front: a long table is split at every page, and reportlab would
    # otherwise measure every remaining row again at each split.
    t = Table(out, colWidths=widths, rowHeights=heights, repeatRows=header_rows)
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, size, styles.cell.leading),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), VPAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), VPAD),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    for c in sorted(numeric):
        commands.append(("ALIGN", (c, header_rows), (c, -1), "RIGHT"))
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#DDDDDD")))
    t.setStyle(TableStyle(commands + (extra or [])))
    return t


@lru_cache(maxsize=4096)
def _width(text: str, size: float) -> float:
    return stringWidth(text, FONT, size)


class _NumberedCanvas(canvas.Canvas):
    """Holds every page back until the end so each can say "page X of Y"."""

    # Not "translate" or "info": Canvas.translate() is the coordinate shift.
    report_info: PrintInfo
    report_tr: Translate

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._frame(total)
            super().showPage()
        super().save()

    def _frame(self, total: int) -> None:
        translate, info = self.report_tr, self.report_info
        w, h = PAGE
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(colors.black)
        top = h - MARGIN + 5 * mm
        self.drawString(MARGIN, top, f"{info.title} · {info.dealer} · {info.period}")
        when = info.printed_at.strftime("%Y-%m-%d %H:%M")
        # Unnamed only on a store nobody can sign in to yet: never a login name in a person's place.
        printed = (translate("Reports", "Printed by {who} on {when}").format(who=info.printed_by, when=when)
                   if info.printed_by else translate("Reports", "Printed on {when}").format(when=when))
        self.drawRightString(w - MARGIN, top, printed)
        self.setLineWidth(0.5)
        self.line(MARGIN, top - 2 * mm, w - MARGIN, top - 2 * mm)
        self.line(MARGIN, MARGIN - 4 * mm, w - MARGIN, MARGIN - 4 * mm)
        self.drawCentredString(w / 2, MARGIN - 8 * mm,
                               translate("Reports", "Page {page} of {pages}").format(page=self._pageNumber,
                                                                                    pages=total))
        self.restoreState()


def build(out, story: list, info: PrintInfo, translate: Translate) -> None:
    """Lay ``story`` out on A4 pages with the shared header and footer; ``out`` is a path or a file."""
    register_font()
    if isinstance(out, (str, Path)):
        out = str(out)
    doc = SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN + 4 * mm, bottomMargin=MARGIN, title=info.title,
                            author=info.printed_by, subject=f"{info.dealer} {info.period}",
                            creator="Recovery Desk", initialFontName=FONT, initialFontSize=9)
    maker = type("Canvas", (_NumberedCanvas,), {"report_info": info, "report_tr": staticmethod(translate)})
    doc.build(story or [Spacer(1, 1)], canvasmaker=maker)


# Formatters: one place decides how a figure reads in print.

def fmt_num(value: float | None, digits: int = 2, *, sign: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def fmt_share(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def fmt_hours(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


OUTCOME_TITLES = {
    "reward": QT_TRANSLATE_NOOP("Reports", "Reward"),
    "penalty": QT_TRANSLATE_NOOP("Reports", "Penalty"),
    "none": QT_TRANSLATE_NOOP("Reports", "Neither reward nor penalty"),
}
