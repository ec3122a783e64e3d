"""Workbooks and CSV files as dealers' Excel makes them, written by the tests (no binary committed)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

# Last year's forms as a Chinese dealer keeps them: its own header words, in its own order.
CHINESE_HEADER = ["服务日期", "维修工单号", "客户姓名", "联系电话", "车牌号", "服务顾问", "服务及时性", "维修质量",
                  "服务态度", "总体满意度", "是否核实", "意见"]
ENGLISH_HEADER = ["date", "repair_order", "customer", "phone", "plate", "advisor", "timeliness", "repair_quality",
                  "attitude", "overall", "verified", "comment"]


def form_row(day: Any, ro: Any, grades: str = "AAC", *, customer: str = "王芳", phone: Any = "13812345678",
             plate: str = "京A12345", advisor: str = "张伟", overall: Any = "", verified: Any = "",
             comment: str = "") -> list[Any]:
    """A row in the order of CHINESE_HEADER / ENGLISH_HEADER."""
    t, q, a = grades
    return [day, ro, customer, phone, plate, advisor, t, q, a, overall, verified, comment]


class ExcelError(str):
    """A cell whose formula failed, as Excel saves it: the formula and its error (#N/A, #DIV/0!...) as the value."""


def write_workbook(path: Path, header: list[str], rows: Iterable[list[Any]], *, date_format: str = "yyyy/m/d",
                   title_rows: int = 0) -> Path:
    """An .xlsx as Excel saves it: dates as date cells, numbers as numbers, True/False as TRUE/FALSE cells,
    text as text (a text cell that starts with '=' stays text), an ExcelError as a failed formula. ``title_rows``
    blank rows above the header."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_numbers": False, "strings_to_urls": False})
    ws = wb.add_worksheet("意见反馈表")
    fmt = wb.add_format({"num_format": date_format})
    r0 = title_rows
    ws.write_row(r0, 0, header)
    for r, row in enumerate(rows, start=r0 + 1):
        for c, v in enumerate(row):
            if isinstance(v, ExcelError):
                ws.write_formula(r, c, "=VLOOKUP(A1,Sheet2!A:B,2,FALSE)", None, str(v))
            elif isinstance(v, bool):  # a TRUE/FALSE cell
                ws.write_boolean(r, c, v)
            elif isinstance(v, (date, datetime)):
                ws.write_datetime(r, c, v if isinstance(v, datetime) else datetime(v.year, v.month, v.day), fmt)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(r, c, v)
            elif v not in ("", None):
                ws.write_string(r, c, str(v))
    wb.close()
    return path


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]], *, encoding: str = "utf-8") -> Path:
    """A CSV as Excel saves it: "utf-8-sig" (CSV UTF-8, with its BOM), "gb18030" (Chinese Excel's CSV)."""
    import csv
    import io

    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path
