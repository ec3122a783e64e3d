"""The one place an import turns a phone or a repair order as written into what is stored: today the
counter's own normalising (app.services.form_values); a stricter rule for phones or repair orders goes here."""

from __future__ import annotations

import re

from app.services.form_values import normalise_phone

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,18}[0-9]$")


def phone_text(raw: str) -> str:
    """A phone as stored: spaces and dashes dropped."""
    return normalise_phone(raw)  # the counter's rule, whatever it becomes: no shortcut around it here


def phone_problem(raw: str) -> bool:
    """Whether a phone as written is no phone number (letters, too short or too long)."""
    if raw.isascii() and raw.isdigit():
        return not 7 <= len(raw) <= 20  # what the pattern takes of plain digits
    return not _PHONE.match(raw)


def repair_order_text(raw: str) -> str:
    """A repair order as stored: as written, trimmed (a number cell already came back as its digits)."""
    return raw.strip()
