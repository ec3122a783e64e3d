"""A case file's row checked against its table's columns: the limits the counter's entry keeps,
as head office refuses a row that breaks them."""

from __future__ import annotations

from functools import cache
from typing import Any, Callable

from sqlalchemy import String

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Base  # every table registered
from app.rules.fields import BY_COLUMN, TOO_LONG, column_rule

# A case file's record tables by the name of their database table.
_RECORD_TABLE = {"user": "app_user"}
RECORD_TOO_LONG = QT_TRANSLATE_NOOP("Errors",
    "{table} {id}: {column} is {length} characters long, more than the {limit} allowed. Correct it at "
    "the counter; it is sent again with the correction.")
RECORD_BAD_CHARACTER = QT_TRANSLATE_NOOP("Errors",
    "{table} {id}: {column} contains a control or invisible character (U+{code}) at position {position}. "
    "Correct it at the counter; it is sent again with the correction.")


@cache
def _limits(table: str) -> dict[str, int | None]:
    """column -> its String length (None: unbounded text or not text) of a stored table."""
    t = Base.metadata.tables.get(table)
    if t is None:
        return {}
    return {c.key: c.type.length if isinstance(c.type, String) else None for c in t.columns}


@cache
def _checks(table: str, storable: bool = False) -> dict[str, Callable[[str], Any] | int]:
    """column -> the rule for a text arriving for it (rules.fields.column_problem with the column
    bound once: naming "table.column" again for every value of a file cost more than the rule).
    A rule that is a length alone (an uncatalogued column of a storable file) is that length, checked
    in place: a call for each of a file's values cost more than the check; a column with no rule is left out."""
    out: dict[str, Callable[[str], Any] | int] = {}
    for key, limit in _limits(table).items():
        if storable and BY_COLUMN.get(f"{table}.{key}") is None:  # column_rule's length alone
            if limit is not None:
                out[key] = limit
        else:
            out[key] = column_rule(table, key, limit, storable=storable)
    return out


def record_problem(table: str, record: dict[str, Any], storable: bool = False) -> tuple[str, str, dict[str, Any]] | None:
    """(column, text, params) of the first value in a row of ``table`` the database would refuse
    or the catalogue forbids; None when the row is fine. Unknown keys are left to the caller.
    ``storable``: every text of the row is known to hold no NUL or lone surrogate (fields.column_rule)."""
    checks = _checks(_RECORD_TABLE.get(table, table), storable)
    for key, value in record.items():
        if type(value) is not str:  # only text can break a limit
            continue
        rule = checks.get(key)
        if rule is None:
            continue
        if type(rule) is int:
            if len(value) > rule:
                return key, TOO_LONG, {"limit": rule, "length": len(value)}
            continue
        found = rule(value)
        if found is not None:
            return key, found[0], found[1]
    return None


def record_refusal(table: str, record: dict[str, Any], storable: bool = False) -> tuple[str, dict[str, Any]] | None:
    """Head office's refusal (text, params) of one case-file row that breaks a limit, naming the row
    and the column: the same rule as at the counter's entry, so a counter's own rows never meet it;
    only that row's change is refused, never the rest of the file."""
    found = record_problem(table, record, storable)
    if found is None:
        return None
    column, text, params = found
    where = {"table": table, "id": str(record.get("id"))[:40], "column": column}
    return (RECORD_TOO_LONG if text == TOO_LONG else RECORD_BAD_CHARACTER), {**where, **params}
