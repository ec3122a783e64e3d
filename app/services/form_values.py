"""A feedback form's values, checked once: what a typed form, a correction and a CSV row all hand to the writer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import fields
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
    return re.sub(r"[ \-]", "", raw)


def normalise_plate(raw: str) -> str:
    return re.sub(r"[\s·\-]", "", raw).upper()


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

    def content(self) -> dict[str, Any]:
        """What makes two forms of one repair order the same form. Verification is left out on purpose:
        supervisors change it in the app after an import, and re-importing the old file must not count
        that as a conflict."""
        return {"date": self.service_date, "advisor": self.advisor, "customer": self.customer,
                "phone": self.phone, "plate": self.plate, "timeliness": self.timeliness,
                "repair_quality": self.repair_quality, "attitude": self.attitude, "overall": self.overall,
                "comment": self.comment}


def catalogue_problem(name: str, value: str) -> tuple[str, dict[str, Any]] | None:
    """The field catalogue's rule for one of the form's text values (by its name here)."""
    return fields.problem(FIELD_OF[name], value)


def _refuse(name: str, problem: str) -> InvalidInput:
    return InvalidInput(field=name, problem=problem)


def _checked_text(name: str, value: str, *, required: bool = True) -> str:
    if required and not value:
        raise _refuse(ENTRY_NAME.get(name, name), QT_TRANSLATE_NOOP("Errors", "required"))
    found = catalogue_problem(name, value)
    if found is not None:
        raise InvalidInput(field=FIELD_OF[name], problem=found[0], **found[1])
    return value


def _grade(item: str, grade: str | None) -> str:
    if grade not in GRADES:
        raise _refuse(item, QT_TRANSLATE_NOOP("Errors", "choose a grade from A to E"))
    return grade


def _assessed(grades, overall: int | None, verification: str, comment: str) -> tuple:
    """The parts a correction may change, checked in the order the form shows them."""
    checked = tuple(_grade(item, g) for item, g in zip(ITEMS, grades))
    if overall is not None and not 1 <= overall <= 10:
        raise _refuse("overall", QT_TRANSLATE_NOOP("Errors", "a whole number from 1 to 10"))
    try:
        verification = Verification(verification).value
    except ValueError:
        raise _refuse("verification", QT_TRANSLATE_NOOP("Errors", "not one of the offered choices")) from None
    return (*checked, overall, verification, _checked_text("comment", comment.strip(), required=False))


def typed(*, service_date: date, repair_order: str, customer: str, phone: str, plate: str,
          grades: tuple[str | None, str | None, str | None], overall: int | None, verification: str,
          comment: str, advisor: str | None) -> FormValues:
    """The values of a form typed at the counter, or InvalidInput naming the first field to fix, in
    the order the form shows its fields. ``advisor`` None: not given (the signed-in person)."""
    number = _checked_text("repair_order", repair_order.strip())
    name = _checked_text("customer", customer.strip())
    digits = normalise_phone(phone)
    if not digits.lstrip("+").isdigit():
        raise _refuse("phone", QT_TRANSLATE_NOOP("Errors", "use digits only, e.g. 13812345678"))
    digits = _checked_text("phone", digits)
    plate = _checked_text("plate", normalise_plate(plate))
    t, q, a, overall, verification, comment = _assessed(grades, overall, verification, comment)
    if advisor is not None:
        advisor = _checked_text("advisor", advisor.strip(), required=False)
    return FormValues(0, service_date, number, advisor or "", name, digits, plate, t, q, a, overall,
                      verification, comment)


def corrected(grades, overall: int | None, verification: str, comment: str) -> dict[str, Any]:
    """A correction's resulting items, overall, verification and comment, checked by the same rules
    as a typed form's (the rest of a stored form is not correctable, so not checked again)."""
    t, q, a, overall, verification, comment = _assessed(grades, overall, verification, comment or "")
    return {"timeliness": t, "repair_quality": q, "attitude": a, "overall": overall,
            "verification": verification, "comment": comment}
