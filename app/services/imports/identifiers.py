"""The one place an import turns a phone or a repair order as written into what is stored: the
counter's own normalising (app.services.feedback.form_values over app.rules.identifiers); their formats are
checked by form_values.entry_problems, as at the desk."""

from __future__ import annotations

from app.services.feedback.form_values import normalise_phone


def phone_text(raw: str) -> str:
    """A phone as stored: spaces and dashes dropped."""
    return normalise_phone(raw)  # the counter's rule, whatever it becomes: no shortcut around it here


def repair_order_text(raw: str) -> str:
    """A repair order as stored: as written, trimmed (a number cell already came back as its digits)."""
    return raw.strip()
