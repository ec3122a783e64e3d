"""The one workbook writer (XlsxWriter): text written as text, never a formula; dates as date cells;
numbers as numbers; the file appears whole or not at all, readable by its owner only."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from app.foundation.paths import write_atomic
from app.rules.cells import xlsx_text

Progress = Callable[[int], None]  # rows written so far


class ExportCancelled(Exception):
    """The person cancelled the export: no file was written."""


@dataclass
class Sheet:
    name: str  # at most 31 characters, none of []:*?/\
    titles: list[str]
    rows: Iterable[list[Any]]
    widths: list[int] | None = None


def write_workbook(path: Path, sheets: list[Sheet], *, progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None) -> dict[str, int]:
    """Write ``sheets`` to ``path``; the rows written per sheet. Built in memory and written atomically,
    so a cancel or a failure leaves no half file."""
    import xlsxwriter  # only when a workbook is written

    buf = io.BytesIO()
    # Every string is a string: XlsxWriter would otherwise turn "=..." into a formula and "123" into a number.
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False, "default_date_format": "yyyy-mm-dd"})
    bold = wb.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    moment = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    counts: dict[str, int] = {}
    done = 0
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name[:31])
        for c, title in enumerate(sheet.titles):
            ws.write_string(0, c, xlsx_text(title), bold)
            ws.set_column(c, c, (sheet.widths[c] if sheet.widths else max(10, min(40, len(title) * 2))))
        ws.freeze_panes(1, 0)
        n = 0
        for n, row in enumerate(sheet.rows, start=1):
            for c, v in enumerate(row):
                _write(ws, n, c, v, day, moment)
            done += 1
            if done % 1000 == 0:
                if cancelled is not None and cancelled():
                    wb.close()
                    raise ExportCancelled()
                if progress is not None:
                    progress(done)
        if n:
            ws.autofilter(0, 0, n, max(0, len(sheet.titles) - 1))
        counts[sheet.name] = n
    wb.close()
    write_atomic(Path(path), buf.getvalue())
    if progress is not None:
        progress(done)
    return counts


def _write(ws, r: int, c: int, v: Any, day, moment) -> None:
    if v is None or v == "":
        return
    if isinstance(v, str):
        ws.write_string(r, c, xlsx_text(v))
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v)
    elif isinstance(v, datetime):
        # Spreadsheets keep no time zone: the caller gives local or UTC time, as its title says.
        ws.write_datetime(r, c, v.replace(tzinfo=None), moment)
    elif isinstance(v, date):
        ws.write_datetime(r, c, datetime(v.year, v.month, v.day), day)
    elif isinstance(v, (int, float)):
        ws.write_number(r, c, v)
    else:
        ws.write_string(r, c, xlsx_text(str(v)))
