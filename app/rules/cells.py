"""Table cells safe to open in a spreadsheet (OWASP CSV injection): text never becomes a formula."""

from __future__ import annotations

import re
from typing import Any

# A spreadsheet reads a cell starting with one of these as a formula (tab and CR: Excel drops them
# and reads what follows).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What the xlsx format can't hold (XML 1.0 forbids these controls): removed before a cell is written.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_cell(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would read as a formula gets a leading single quote;
    numbers (negative ones too), dates and empty cells are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_text(value: str) -> str:
    """Text as an xlsx cell can hold it (controls the format forbids removed)."""
    return _XML_ILLEGAL.sub("", value)
