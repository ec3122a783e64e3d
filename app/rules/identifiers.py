"""Identifiers people type (repair orders, phones, plates) and names: one normaliser and one rule for each.

Every entry (the desk, the CSV and Excel imports through the form's value object, sync apply at the
counter and at head office) stores only what ``repair_order``, ``phone`` and ``plate`` here return, so
one paper form is one form: a zero-width space, a full-width digit or a lower-case letter no longer
makes a second repair order. The ``*_problem`` functions are the format rules a person is held to at
entry; sync applies only the normalisers (never a format rule: a counter's older rows stay accepted).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CTX = "Errors"
Problem = tuple[str, dict[str, Any]]  # a marked text and its parameters

# Stored for a vehicle whose plate the customer didn't know (a plate is otherwise required): an explicit
# choice on the form, never an empty box passed over.
PLATE_UNKNOWN = "未知"

# Direction overrides and isolates (U+202A-U+202E, U+2066-U+2069): they make a name read differently
# from what is stored (a right-to-left override turns "李明abc" around on screen and on paper).
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SEPARATORS = re.compile(r"[\s\-()（）.·/_]")
_PLATE_SEPARATORS = re.compile(r"[\s\-·.•_]")

# Mainland plates: a province, the issuing office's letter, then 5 characters (a regular plate),
# 6 with D or F first or last (new energy), or 4 and a use character (coach, police, trailer...).
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤川宁琼青藏"
_PLATE = re.compile(
    f"^[{PROVINCES}][A-Z](?:[A-Z0-9]{{5}}|[DF][A-Z0-9][0-9]{{4}}|[0-9]{{5}}[DF]|[A-Z0-9]{{4}}[学警挂港澳领试超])$")
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# Area codes: 010 and 02X have three digits and 8-digit numbers; every other 0XXX has four, and 7 or 8.
_LANDLINE = re.compile(r"^(?:0(?:10|2[0-9])[2-9][0-9]{7}|0[3-9][0-9]{2}[2-9][0-9]{6,7})$")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*([0-9]{1,6})$", re.IGNORECASE)
_COUNTRY = re.compile(r"^(?:\+86|0086)")

REQUIRED = QT_TRANSLATE_NOOP("Errors", "required")
# (The Chinese in the examples is a parameter: source texts are English, translations say the rest.)
BAD_PHONE = QT_TRANSLATE_NOOP("Errors",
    "not a phone number: an 11-digit mobile (13812345678) or a landline with area code (010-62345678, "
    "extension after {ext})")
BAD_PLATE = QT_TRANSLATE_NOOP("Errors",
    "not a plate: province, letter and 5 characters ({regular}; new energy 6: {new_energy}), or tick \"Plate unknown\"")
_PHONE_EXAMPLES = {"ext": "转"}
PLATE_EXAMPLES = {"regular": "京A12345", "new_energy": "京AD12345"}
DIRECTION = QT_TRANSLATE_NOOP("Errors",
    "contains a direction override (U+{code}) at position {position} that makes it read differently "
    "from what is stored; remove it")
DATE_AHEAD = QT_TRANSLATE_NOOP("Errors", "{date} is after today ({today}); a service date can't be in the future")
DATE_BEFORE_ORDER = QT_TRANSLATE_NOOP("Errors",
    "{date} is before repair order {ro} was opened ({opened}); check the date")


def _nfkc(s: str) -> str:
    """Composed again after a removal or a case change joined what NFKC had left apart (K + U+0327)."""
    return unicodedata.normalize("NFKC", s).strip()


def text(raw: str | None) -> str:
    """What every identifier goes through first: NFKC (full-width letters and digits become half-width,
    compatibility forms their plain letter), then every format character (Cf: zero-width spaces and
    joiners, the byte order mark, direction marks) removed, then trimmed."""
    s = unicodedata.normalize("NFKC", raw or "")
    if not s.isascii() and not s.isprintable():  # a format character is never printable
        s = "".join(ch for ch in s if unicodedata.category(ch) != "Cf")
    return s.strip()


_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def name(raw: str | None) -> str:
    """A person's name as stored: NFKC, zero-width characters and soft hyphens removed, trimmed.
    Direction overrides stay, for ``name_problem`` to refuse with a reason (removing them silently
    would store something else than the person saw)."""
    return _nfkc(_ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", raw or "")).strip())


def repair_order(raw: str | None) -> str:
    """A repair order number as stored: ``text``, inner spaces removed, upper case ("ro 2611-0042" and
    "ＲＯ2611-0042" are "RO2611-0042")."""
    if raw and raw.isascii():  # most numbers, one per imported row: NFKC changes no ASCII, and no space is left to trim
        return _SPACES.sub("", raw).upper()
    return _nfkc(_SPACES.sub("", text(raw)).upper())


def plate(raw: str | None) -> str:
    """A plate as stored: ``text``, separators removed, upper case ("京a·12345" is "京A12345")."""
    return _nfkc(_PLATE_SEPARATORS.sub("", text(raw)).upper())


def _split_extension(s: str) -> tuple[str, str]:
    m = _EXTENSION.search(s)
    if m and any(ch.isdigit() for ch in s[:m.start()]):
        return s[:m.start()], m.group(1)
    parts = [p for p in s.split("-") if p.strip()]
    # 01062345678-801: the stored form of a landline with its extension (normalising it again keeps it).
    if len(parts) == 2 and parts[1].strip().isdigit() and len(parts[1].strip()) <= 6 \
            and (_LANDLINE.match(parts[0]) or _MOBILE.match(parts[0])):
        return parts[0], parts[1].strip()
    # 010-62345678-801: a landline's third group is its extension.
    if len(parts) == 3 and parts[0].strip().startswith("0") and all(p.strip().isdigit() for p in parts):
        return "-".join(parts[:2]), parts[2].strip()
    return s, ""


def phone(raw: str | None) -> str:
    """A phone as stored and searched: ``text``, separators removed, +86 dropped; a landline's
    extension kept after "-" (01062345678-801). A number that fits no format comes back with only
    those changes (an older counter's row is kept as it was written, see ``phone_problem``)."""
    s = text(raw)
    body, ext = _split_extension(s)
    digits = _SEPARATORS.sub("", body)
    country = _COUNTRY.match(digits)
    if country:
        rest = digits[country.end():]
        # +86 138...: the mobile itself; +86 10 6234...: a landline without its trunk 0.
        digits = rest if _MOBILE.match(rest) or rest.startswith("0") else "0" + rest
    if ext and not (_LANDLINE.match(digits) or _MOBILE.match(digits)):
        # No number to hang the extension on: kept as written (separators aside), for the rule to refuse
        # at entry and for an older counter's row to stay what it was.
        return _nfkc(_SEPARATORS.sub("", s))
    return _nfkc(f"{digits}-{ext}" if ext else digits)


def phone_problem(value: str) -> Problem | None:
    """Whether a normalised phone is a mainland mobile or a landline with area code (and extension)."""
    if not value:
        return REQUIRED, {}
    number, sep, ext = value.partition("-")
    if _MOBILE.match(number) and not sep:
        return None
    if _LANDLINE.match(number) and (not sep or (ext.isdigit() and len(ext) <= 6)):
        return None
    return BAD_PHONE, dict(_PHONE_EXAMPLES)


def plate_problem(value: str) -> Problem | None:
    """Whether a normalised plate is a mainland plate, or the explicit "plate unknown"."""
    if not value:
        return REQUIRED, {}
    if value == PLATE_UNKNOWN or _PLATE.match(value):
        return None
    return BAD_PLATE, dict(PLATE_EXAMPLES)


def typed_phone_problem(raw: str | None) -> Problem | None:
    """``phone_problem`` of what was typed (as it would be stored)."""
    return phone_problem(phone(raw))


def typed_plate_problem(raw: str | None) -> Problem | None:
    """``plate_problem`` of what was typed (as it would be stored)."""
    return plate_problem(plate(raw))


def repair_order_problem(value: str) -> Problem | None:
    return None if value else (REQUIRED, {})


def name_problem(value: str) -> Problem | None:
    """A direction override in a name (controls are the field catalogue's rule)."""
    m = _DIRECTION.search(value)
    if m is None:
        return None
    return DIRECTION, {"code": f"{ord(m.group()):04X}", "position": m.start() + 1}


def service_date_problem(day: date, today: date, opened_on: date | None = None, ro: str = "") -> Problem | None:
    """A service date is not after today (the program's clock) and not before its repair order opened."""
    if day > today:
        return DATE_AHEAD, {"date": day.isoformat(), "today": today.isoformat()}
    if opened_on is not None and day < opened_on:
        return DATE_BEFORE_ORDER, {"date": day.isoformat(), "ro": ro, "opened": opened_on.isoformat()}
    return None


# The stored columns each normaliser owns, for rows that arrive whole (sync apply).
BY_COLUMN = {("repair_order", "number"): repair_order, ("customer", "phone"): phone, ("vehicle", "plate"): plate}


def normalised_record(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """A synced row with its identifiers normalised (formats not checked: see the module's note)."""
    for (t, column), fn in BY_COLUMN.items():
        if t == table and isinstance(values.get(column), str):
            values[column] = fn(values[column])
    return values
