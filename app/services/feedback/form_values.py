"""A feedback form's values, checked once: what a typed form, a correction and a CSV row all hand to the writer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.foundation import clock
from app.foundation.errors import InvalidFields, InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import fields, identifiers
from app.rules.scoring import ITEMS
from app.rules.vocab import Verification

CTX = "Errors"
GRADES = frozenset("ABCDE")
# Catalogue field (app.rules.fields) of each text value of a form, by its name here (= the CSV column).
FIELD_OF = {"repair_order": "repair_order", "advisor": "advisor", "customer": "customer_name",
            "phone": "phone", "plate": "plate", "comment": "comment"}
# What the counter's form calls them (its error marks sit on these fields).
ENTRY_NAME = {"customer": "customer_name", "advisor": "advisor"}


def normalise_phone(raw: str) -> str:
    return identifiers.phone(raw)


def normalise_plate(raw: str) -> str:
    return identifiers.plate(raw)


def normalise_comment(raw: str) -> str:
    return raw.strip().replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True, slots=True)
class FormValues:
    """One form's values as stored: trimmed, normalised, within the catalogue's limits and the
    vocabularies. ``line``: the CSV line it came from (0 when typed at the counter)."""

    line: int
    service_date: date
    repair_order: str
    advisor: str
    customer: str
    phone: str
    plate: str
    timeliness: str
    repair_quality: str
    attitude: str
    overall: int | None
    verification: str  # a Verification value
    comment: str

    def __post_init__(self) -> None:
        # Whoever builds the values (the desk, the CSV or Excel reader, the demo), the identifiers are
        # stored in their one form (app.rules.identifiers): one paper form is one form.
        for name, fn in (("repair_order", identifiers.repair_order), ("phone", identifiers.phone),
                         ("plate", identifiers.plate), ("customer", identifiers.name),
                         ("advisor", identifiers.name)):
            object.__setattr__(self, name, fn(getattr(self, name)))

    @classmethod
    def normalised(cls, line, service_date, repair_order, advisor, customer, phone, plate, timeliness,
                   repair_quality, attitude, overall, verification, comment) -> FormValues:
        """The values (in field order) of a reader that has already put each identifier through its
        normaliser above, once: the same object, without normalising every row's identifiers again.
        Each frozen field set by its slot's own setter: half the time of setattr by name (an import
        makes one a row)."""
        obj = _new(cls)
        _SET["line"](obj, line)
        _SET["service_date"](obj, service_date)
        _SET["repair_order"](obj, repair_order)
        _SET["advisor"](obj, advisor)
        _SET["customer"](obj, customer)
        _SET["phone"](obj, phone)
        _SET["plate"](obj, plate)
        _SET["timeliness"](obj, timeliness)
        _SET["repair_quality"](obj, repair_quality)
        _SET["attitude"](obj, attitude)
        _SET["overall"](obj, overall)
        _SET["verification"](obj, verification)
        _SET["comment"](obj, comment)
        return obj

    def content(self) -> dict[str, Any]:
        """What makes two forms of one repair order the same form. Verification is left out on purpose:
        supervisors change it in the app after an import, and re-importing the old file must not count
        that as a conflict."""
        return {"date": self.service_date, "advisor": self.advisor, "customer": self.customer,
                "phone": self.phone, "plate": self.plate, "timeliness": self.timeliness,
                "repair_quality": self.repair_quality, "attitude": self.attitude, "overall": self.overall,
                "comment": self.comment}


_new = object.__new__
_SET = {name: FormValues.__dict__[name].__set__ for name in FormValues.__dataclass_fields__}


def catalogue_problem(name: str, value: str) -> tuple[str, dict[str, Any]] | None:
    """The field catalogue's rule for one of the form's text values (by its name here)."""
    return fields.problem(FIELD_OF[name], value)


def _refuse(name: str, problem: str) -> InvalidInput:
    return InvalidInput(field=name, problem=problem)


def _assessed(grades, overall: int | None, verification: str, comment: str) -> tuple:
    """The parts a correction may change, checked in the order the form shows them; InvalidFields
    naming each one to fix."""
    problems = [_refuse(item, QT_TRANSLATE_NOOP("Errors", "choose a grade from A to E"))
                for item, g in zip(ITEMS, grades) if g not in GRADES]
    if overall is not None and not 1 <= overall <= 10:
        problems.append(_refuse("overall", QT_TRANSLATE_NOOP("Errors", "a whole number from 1 to 10")))
    try:
        verification = Verification(verification).value
    except ValueError:
        problems.append(_refuse("verification", QT_TRANSLATE_NOOP("Errors", "not one of the offered choices")))
    comment = comment.strip()
    found = catalogue_problem("comment", comment)
    if found is not None:
        problems.append(InvalidInput(field="comment", problem=found[0], **found[1]))
    if problems:
        raise InvalidFields(problems)
    return (*grades, overall, verification, comment)


def entry_problems(*, service_date: date | None, repair_order: str, customer: str, phone: str,
                   plate: str, opened_on: date | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """(field, text, params) of every problem of a form's date and identifiers, as normalised: the one
    rule for the desk and every import (a reader calls it for each row before building FormValues)."""
    found: list[tuple[str, str, dict[str, Any]]] = []

    def rule(name: str, problem) -> None:
        if problem is not None:
            found.append((name, problem[0], problem[1]))

    number = identifiers.repair_order(repair_order)
    rule("repair_order", repair_order_rule(number))
    if service_date is not None:
        rule("service_date", identifiers.service_date_problem(service_date, clock.today(), opened_on, number))
    rule("customer", customer_rule(identifiers.name(customer)))
    rule("phone", phone_rule(identifiers.phone(phone)))
    rule("plate", plate_rule(identifiers.plate(plate)))
    return found


# The rules of entry_problems one identifier at a time, on the value as normalised (an import checks
# each distinct phone, plate and name of a file once, however many rows repeat it).
def repair_order_rule(number: str):
    return identifiers.repair_order_problem(number) or catalogue_problem("repair_order", number)


def customer_rule(name: str):
    return (identifiers.REQUIRED, {}) if not name else catalogue_problem("customer", name)


def phone_rule(digits: str):
    return identifiers.phone_problem(digits) or catalogue_problem("phone", digits)


def plate_rule(plate: str):
    return identifiers.plate_problem(plate) or catalogue_problem("plate", plate)


def typed(*, service_date: date, repair_order: str, customer: str, phone: str, plate: str,
          grades: tuple[str | None, str | None, str | None], overall: int | None, verification: str,
          comment: str, advisor: str | None) -> FormValues:
    """The values of a form typed at the counter, or InvalidFields naming every field to fix, in the
    order the form shows them. ``advisor`` None: not given (the signed-in person)."""
    problems = [InvalidInput(field=ENTRY_NAME.get(name, name), problem=text, **params)
                for name, text, params in entry_problems(service_date=service_date, repair_order=repair_order,
                                                         customer=customer, phone=phone, plate=plate)]
    assessed = None
    try:
        assessed = _assessed(grades, overall, verification, comment)
    except InvalidFields as exc:
        problems += exc.problems
    if advisor is not None:
        found = catalogue_problem("advisor", identifiers.name(advisor))
        if found is not None:
            problems.append(InvalidInput(field="advisor", problem=found[0], **found[1]))
    if problems:
        raise InvalidFields(problems)
    t, q, a, overall, verification, comment = assessed
    return FormValues(0, service_date, repair_order, advisor or "", customer, phone, plate, t, q, a, overall,
                      verification, comment)


def corrected(grades, overall: int | None, verification: str, comment: str) -> dict[str, Any]:
    """A correction's resulting items, overall, verification and comment, checked by the same rules
    as a typed form's (the rest of a stored form is not correctable, so not checked again)."""
    t, q, a, overall, verification, comment = _assessed(grades, overall, verification, comment or "")
    return {"timeliness": t, "repair_quality": q, "attitude": a, "overall": overall,
            "verification": verification, "comment": comment}
