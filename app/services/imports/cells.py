"""One cell of an imported table as the value a column holds: text, a date, a grade, yes or no, a whole number.

A workbook cell arrives typed (a number, a date, text) and a CSV cell as text; both read the same here.
A formula never runs: a workbook gives its last computed value, and text starting with "=" is text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

# Excel's day 0 (its 1900 system counts 1900-02-29, which never was: serials from 61 on land right).
_EXCEL_EPOCH = date(1899, 12, 30)
_LAST_SERIAL = 2958465  # 9999-12-31
_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
YES = frozenset({"yes", "y", "true", "1", "是", "已核实", "√", "✓"})
NO = frozenset({"no", "n", "false", "0", "否", "未核实", ""})


class SheetError:
    """A workbook cell holding one of Excel's errors (#N/A, #DIV/0!, #REF!...): its formula failed, so the
    cell has no value to read. Kept apart from an empty cell, which calamine reads it as."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def __str__(self) -> str:  # a bad row shown as it was written shows what Excel shows
        return self.code

    def __repr__(self) -> str:
        return f"SheetError({self.code!r})"


SHEET_ERROR = QT_TRANSLATE_NOOP("Errors", "the cell holds the spreadsheet error {error}, not a value; correct "
                                          "the formula in Excel or type the value in the cell, then import again.")


def text(value: Any) -> str:
    """The cell as text: a number Excel stored for a phone or a repair order (13812345678.0) comes back as
    its digits, never as 1.38e10; a date as YYYY-MM-DD."""
    if value.__class__ is str:  # most cells: first, as this runs for every cell of a file
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def from_serial(serial: float) -> date | None:
    """An Excel serial day number (a date cell without its format, or pasted as a number)."""
    if not 1 <= serial <= _LAST_SERIAL:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def as_date(value: Any) -> date | None:
    """A date as Excel writes it: a date cell, a serial number, 2026-05-15, 2026-5-15, 2026/5/15,
    2026.5.15, 2026年5月15日, 20260515 (a time after it is ignored). None when it is none of these."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_serial(value)
    s = text(value)
    m = _YMD.match(s) or _COMPACT.match(s)
    if m is None:
        if s.isdigit() and len(s) <= 7:  # a serial number saved as text in a CSV
            return from_serial(int(s))
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def as_yes_no(value: Any) -> bool | None:
    """yes/no, true/false, 1/0, 是/否 (any case); empty is no. None when it is neither."""
    s = text(value).lower()
    if s in YES:
        return True
    if s in NO:
        return False
    return None


def as_grade(value: Any) -> str:
    """A grade letter in either case, also a full-width one (Ａ); what is not a letter stays as written."""
    s = text(value).upper()
    if len(s) == 1 and "Ａ" <= s <= "Ｅ":
        s = chr(ord(s) - 0xFEE0)
    return s


def as_whole(value: Any) -> int | None:
    """A whole number (9, 9.0, "9"); None when it is not one."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    s = text(value)
    try:
        return int(s)
    except ValueError:
        try:
            f = float(s)
        except ValueError:
            return None
        return int(f) if f.is_integer() else None
