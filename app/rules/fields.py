"""The field catalogue: one length limit and one character rule for every text a person or a file fills in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable

from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules.identifiers import name_problem

CTX = "Errors"


@dataclass(frozen=True, slots=True)
class Field:
    """``columns`` are the "table.column" places the value is stored in; a String column's length
    is ``max_length`` (the models read it from here), a Text column is limited here only."""

    name: str
    max_length: int
    multiline: bool = False
    columns: tuple[str, ...] = ()


_CATALOGUE = (
    Field("dealer_code", 32, columns=("dealer.code",)),
    Field("dealer_name", 200, columns=("dealer.name",)),
    Field("username", 64, columns=("app_user.username",)),
    Field("display_name", 100, columns=("app_user.display_name",)),
    # An advisor named on a form becomes a user whose user name and display name are that name
    # (services.directory.ensure_advisors): the shorter of the two limits.
    Field("advisor", 64),
    Field("customer_name", 100, columns=("customer.name",)),
    Field("phone", 32, columns=("customer.phone",)),
    Field("plate", 16, columns=("vehicle.plate",)),
    Field("vin", 17, columns=("vehicle.vin",)),
    Field("model", 100, columns=("vehicle.model",)),
    Field("repair_order", 64, columns=("repair_order.number",)),
    Field("work_type", 40, columns=("repair_order.work_type",)),
    Field("comment", 2000, multiline=True, columns=("feedback_form.comment",)),
    Field("customer_words", 4000, multiline=True, columns=("failure_case.customer_words",)),
    Field("severity_reason", 1000, multiline=True, columns=("failure_case.severity_reason",)),
    Field("root_cause", 2000, multiline=True, columns=("failure_case.root_cause",)),
    Field("improvement", 2000, multiline=True, columns=("failure_case.improvement",)),
    Field("description", 1000, multiline=True, columns=("remedy.description",)),
    Field("note", 2000, multiline=True,
          columns=("remedy.decision_note", "verification_call.note", "sync_conflict.resolution")),
    Field("reason", 2000, multiline=True),  # a skipped step's, an escalation's, a reopening's
    Field("words", 4000, multiline=True, columns=("callback.words",)),
    Field("counter_label", 100, columns=("hq_counter.label",)),
    Field("alert_text", 400, columns=("alert.text",)),
    Field("warning_subject", 200, columns=("early_warning.subject", "improvement_action.figure_subject",
                                                "network_improvement.figure_subject")),
    Field("warning_note", 1000, multiline=True, columns=("early_warning.note", "improvement_action.done_note",
                                                                   "network_improvement.done_note")),
    Field("improvement_title", 300, columns=("improvement_action.title", "network_improvement.title")),
    Field("filename", 255, columns=("attachment.filename",)),
)
FIELDS: dict[str, Field] = {f.name: f for f in _CATALOGUE}
BY_COLUMN: dict[str, Field] = {col: f for f in _CATALOGUE for col in f.columns}

TOO_LONG = QT_TRANSLATE_NOOP("Errors", "at most {limit} characters, this is {length}; shorten it")
BAD_CHARACTER = QT_TRANSLATE_NOOP("Errors",
    "contains a control or invisible character (U+{code}) at position {position}; remove it")
LINE_BREAK = QT_TRANSLATE_NOOP("Errors", "must be on one line; remove the line break at position {position}")


def length(name: str) -> int:
    """The limit of a catalogued field (models: ``String(fields.length("plate"))``)."""
    return FIELDS[name].max_length


# Cc (controls: NUL, which PostgreSQL refuses in text, tab, CR, DEL, C1), Cs (lone surrogates, which
# can't be written as UTF-8) and Zl/Zp (line breaks that are not a newline): every character of
# those categories, as a pattern (a file of many records is checked at the speed of a regex).
_BAD_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_BAD_MULTILINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_BAD_ANY = re.compile("[\x00\ud800-\udfff]")


def problem(name: str, value: str) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with ``value`` for field ``name`` (a marked text and its parameters), or None."""
    f = FIELDS[name]
    if len(value) > f.max_length:
        return TOO_LONG, {"limit": f.max_length, "length": len(value)}
    if value.isprintable():  # most values: every character the rules below refuse is unprintable
        return None
    m = (_BAD_MULTILINE if f.multiline else _BAD_ONE_LINE).search(value)
    if m is not None:
        ch = m.group()
        params = {"code": f"{ord(ch):04X}", "position": m.start() + 1}
        return (LINE_BREAK if ch in "\r\n" else BAD_CHARACTER), params
    if not f.multiline:  # names, identifiers, labels: nothing that changes how they read
        return name_problem(value)
    return None


def clean(name: str, value: str | None) -> str:
    """The value as stored: trimmed, line ends as newlines in long texts; raises InvalidInput when
    it breaks the field's rule. Every entry point (desk, import) stores only what this returns."""
    f = FIELDS[name]
    text = (value or "").strip()
    if f.multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    check(name, text)
    return text


def check(name: str, value: str | None) -> None:
    """Raise InvalidInput naming the field and the rule when ``value`` breaks it."""
    if value is None:
        return
    found = problem(name, value)
    if found is not None:
        text, params = found
        raise InvalidInput(field=name, problem=text, **params)


def column_problem(table: str, column: str, value: Any, max_length: int | None) -> tuple[str, dict[str, Any]] | None:
    """The rule for a value arriving for a stored column (a case file's record): a catalogued
    column has its field's rule; any other text column its length, and no NUL or lone surrogate
    (the database would refuse the whole file for one)."""
    if not isinstance(value, str):
        return None
    return column_rule(table, column, max_length)(value)


def column_rule(table: str, column: str, max_length: int | None, *,
                storable: bool = False) -> Callable[[str], tuple[str, dict[str, Any]] | None]:
    """``column_problem`` for one column, its field found once (a file checks many values of each).
    ``storable``: for values already known to hold no NUL or lone surrogate (a case file whose every
    text was found storable when it was read): an uncatalogued column's rule is then its length alone."""
    f = BY_COLUMN.get(f"{table}.{column}")
    if f is not None:
        return partial(problem, f.name)
    if storable:
        return partial(_column_length_problem, max_length)
    return partial(_column_text_problem, max_length)


def _column_length_problem(max_length: int | None, value: str) -> tuple[str, dict[str, Any]] | None:
    if max_length is not None and len(value) > max_length:
        return TOO_LONG, {"limit": max_length, "length": len(value)}
    return None


def _column_text_problem(max_length: int | None, value: str) -> tuple[str, dict[str, Any]] | None:
    too_long = _column_length_problem(max_length, value)
    if too_long is not None:
        return too_long
    m = _BAD_ANY.search(value)  # the characters wire_text calls unstorable
    if m is not None:
        return BAD_CHARACTER, {"code": f"{ord(m.group()):04X}", "position": m.start() + 1}
    return None
