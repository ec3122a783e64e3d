"""Padding text to a column by the width a terminal draws it, not by its number of characters."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns a terminal uses for `text`: East Asian wide and full-width characters take two,
    combining marks and zero-width format characters none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def rjust(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text
