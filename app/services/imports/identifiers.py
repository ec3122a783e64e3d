"""The one place an import turns the identifiers of a row as written into what is stored: the counter's
own normalisers (app.rules.identifiers) and form_values' rules for their formats, as at the desk, each
distinct value of a file once."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.foundation import clock
from app.rules import fields
from app.rules import identifiers as rules
from app.services.feedback import form_values

Rule = tuple[str, dict[str, Any]] | None  # a marked text and its parameters, or no problem


def repair_order_text(raw: str) -> str:
    """A repair order as written, trimmed (a number cell already came back as its digits); what is
    stored is ``rules.repair_order`` of it."""
    return raw.strip()


class FileIdentifiers:
    """Each distinct customer, phone, plate, advisor and service date of one file normalised and checked
    once, by the desk's own normalisers and rules (form_values.entry_problems' parts): a dealer's year of
    forms names a few thousand customers and a dozen advisors on tens of thousands of rows, and checking
    a row is mostly these. Each method gives (the value as stored, its problem or None)."""

    def __init__(self) -> None:
        self.today = clock.today()  # the program's clock, read once for the file
        self._customer: dict[str, tuple[str, Rule]] = {}
        self._phone: dict[str, tuple[str, Rule]] = {}
        self._plate: dict[str, tuple[str, Rule]] = {}
        self._advisor: dict[str, tuple[str, Rule]] = {}
        self._date: dict[date, Rule] = {}

    def repair_order(self, written: str) -> tuple[str, Rule]:
        number = rules.repair_order(written)  # one per row: nothing to share
        return number, form_values.repair_order_rule(number)

    def customer(self, written: str) -> tuple[str, Rule]:
        found = self._customer.get(written)
        if found is None:
            name = rules.name(written)
            found = self._customer[written] = (name, form_values.customer_rule(name))
        return found

    def phone(self, written: str) -> tuple[str, Rule]:
        found = self._phone.get(written)
        if found is None:
            digits = rules.phone(written)
            found = self._phone[written] = (digits, form_values.phone_rule(digits))
        return found

    def plate(self, written: str) -> tuple[str, Rule]:
        found = self._plate.get(written)
        if found is None:
            plate = rules.plate(written)
            found = self._plate[written] = (plate, form_values.plate_rule(plate))
        return found

    def advisor(self, written: str) -> tuple[str, Rule]:
        """The advisor's name as stored; the catalogue's rule on the name as written."""
        found = self._advisor.get(written)
        if found is None:
            found = self._advisor[written] = (rules.name(written), fields.problem("advisor", written))
        return found

    def service_date(self, day: date) -> Rule:
        """Not after today (a form imported has no repair order opened before it to compare with)."""
        if day in self._date:
            return self._date[day]
        found = self._date[day] = rules.service_date_problem(day, self.today)
        return found
