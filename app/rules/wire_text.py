"""What a value arriving from outside (a case file, a pulled page, published settings) may hold:
text the databases can store, whole numbers their columns can hold, and bounded nesting.

One rule, used at head office's intake, `hq import`, `hq publish` and a counter's pull: PostgreSQL
refuses NUL in text and JSON, and text with a lone surrogate can't be encoded; its integers are
64-bit (a sequence or version column 32-bit); JSON allows numbers of any length, NaN and Infinity
only as an extension. A value breaking one of these is refused where it arrives, naming where it
is, before anything of it reaches a database.
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

INT_MAX = 2**63 - 1  # a BIGINT; JSON payloads and records never need more
SMALL_INT_MAX = 2**31 - 1  # an INTEGER column: sequences, versions, seq
MAX_DIGITS = 20  # longer digit strings are refused before Python turns them into an int
MAX_DEPTH = 32  # no case file, page or settings file nests deeper; recursion stays far from its limit

# NUL (PostgreSQL's text and jsonb refuse it) and lone surrogates (no UTF-8 for them).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# In JSON text such a character can only come from an escape (raw NUL is not JSON, a lone surrogate
# is not UTF-8); an escaped surrogate pair matches too, and is then checked string by string.
_UNSTORABLE_ESCAPE = re.compile(r"[\x00\ud800-\udfff]|\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
# The same in JSON bytes that are valid UTF-8 (no raw surrogate can be there; a raw NUL is no JSON).
_UNSTORABLE_ESCAPE_BYTES = re.compile(rb"\x00|\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
_U_ESCAPE_BYTES = re.compile(rb"\\u")

BAD_TEXT = QT_TRANSLATE_NOOP("Errors",
    "{where} holds a character no database can store (U+{char}) at position {position}.")
BAD_NUMBER = QT_TRANSLATE_NOOP("Errors",
    "{where} holds the number {number}, outside the range a database column holds ({low} to {high}).")
TOO_DEEP = QT_TRANSLATE_NOOP("Errors",
    "{where} is nested more than {limit} levels deep.")
NOT_A_NUMBER = QT_TRANSLATE_NOOP("Errors",
    "{where} holds {number}, which is not a number JSON allows.")
# ``where`` when no field is named: marked texts, translated where the refusal is rendered.
A_VALUE = QT_TRANSLATE_NOOP("Errors", "a value")
THE_DOCUMENT = QT_TRANSLATE_NOOP("Errors", "the document")


class WireProblem(ValueError):
    """A value breaking the rule: ``text`` is the English source, ``params`` its values."""

    def __init__(self, text: str, **params: Any) -> None:
        super().__init__(text.format(**params))
        self.text, self.params = text, {k: str(v) for k, v in params.items()}


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise WireProblem(BAD_NUMBER, where=A_VALUE, number=digits[:24] + "...", low=-INT_MAX - 1, high=INT_MAX)
    return int(digits)


def _parse_constant(name: str):
    raise WireProblem(NOT_A_NUMBER, where=A_VALUE, number=name)


def loads(text: str, *, texts: bool = True) -> Any:
    """``json.loads`` that refuses (WireProblem) over-long numbers, NaN and Infinity while parsing,
    and then checks the whole value (``check``; its strings too unless ``texts`` is False, for a
    caller that refuses a bad string part by part). JSON's own errors raise json.JSONDecodeError."""
    try:
        doc = json.loads(text, parse_int=_parse_int, parse_constant=_parse_constant)
    except RecursionError:
        raise WireProblem(TOO_DEEP, where=THE_DOCUMENT, limit=MAX_DEPTH) from None
    check(doc, texts=texts)
    return doc


def texts_storable(json_text: str | bytes) -> bool:
    """Whether every string (and key) the JSON text (or its UTF-8 bytes) decodes to is storable, read
    off the text itself: then the strings of any part of the document need no check of their own."""
    if isinstance(json_text, bytes):
        # Such a character can only come from an escape, and our writers escape only control characters.
        # Most files hold no escape at all: one backslash looked for (memchr) is a hundredth of a
        # search for a two-byte escape over a file's 350 kB, and re finds one in a third of ``in``'s time.
        if b"\\" not in json_text or _U_ESCAPE_BYTES.search(json_text) is None:
            return b"\x00" not in json_text
        return _UNSTORABLE_ESCAPE_BYTES.search(json_text) is None
    return _UNSTORABLE_ESCAPE.search(json_text) is None


def whole_numbers_only(value: Any) -> bool:
    """``check``'s rule for numbers and nesting (strings aside), and no fraction anywhere: what a
    document must be for a fast JSON reader's canonical form to be ``signing.canonical``'s (the two
    write some fractions differently, never whole numbers, strings or names)."""
    level, depth = [value], 0
    while level:  # one nesting level at a time: no bookkeeping per value
        below: list = []
        for v in level:
            t = type(v)
            if t is str or v is None or t is bool:
                continue
            if t is dict:
                if depth >= MAX_DEPTH:
                    return False
                below.extend(v.values())
            elif t is list:
                if depth >= MAX_DEPTH:
                    return False
                below.extend(v)
            elif t is not int or not -INT_MAX - 1 <= v <= INT_MAX:
                return False  # a fraction, a number out of range, or anything else
        level, depth = below, depth + 1
    return True


def check(value: Any, where: str = THE_DOCUMENT, *, texts: bool = True) -> None:
    """Raise WireProblem for the first string, number or nesting in ``value`` a database can't hold."""
    if _fine(value, texts):
        return  # the usual case, without naming where each value is
    todo: list[tuple[Any, str, int]] = [(value, where, 0)]
    while todo:
        v, at, depth = todo.pop()
        if isinstance(v, str):
            if texts:
                text_problem(v, at)
        elif isinstance(v, bool) or v is None:
            continue
        elif isinstance(v, int):
            if not -INT_MAX - 1 <= v <= INT_MAX:
                raise WireProblem(BAD_NUMBER, where=at, number=str(v)[:24], low=-INT_MAX - 1, high=INT_MAX)
        elif isinstance(v, float):
            if v != v or v in (float("inf"), float("-inf")):
                raise WireProblem(NOT_A_NUMBER, where=at, number=str(v))
        elif isinstance(v, (dict, list)):
            if depth >= MAX_DEPTH:
                raise WireProblem(TOO_DEEP, where=at, limit=MAX_DEPTH)
            items = v.items() if isinstance(v, dict) else enumerate(v)
            for k, item in items:
                if texts and isinstance(k, str):
                    text_problem(k, at)
                # Inside the whole document a path alone names the field (as a case file's refusals do).
                key = f".{str(k)[:40]}" if isinstance(v, dict) else f"[{k}]"
                todo.append((item, key.lstrip(".") if at == THE_DOCUMENT else at + key, depth + 1))


def _fine(value: Any, texts: bool) -> bool:
    """``check``'s rule without its words: True when nothing in ``value`` breaks it."""
    todo = [(value, 0)]
    unstorable = _UNSTORABLE.search
    while todo:
        v, depth = todo.pop()
        t = type(v)
        if t is str:
            if texts and unstorable(v):
                return False
        elif t is dict or t is list:
            if depth >= MAX_DEPTH:
                return False
            if t is dict:
                if texts and any(type(k) is not str or unstorable(k) for k in v):
                    return False
                todo.extend((item, depth + 1) for item in v.values())
            else:
                todo.extend((item, depth + 1) for item in v)
        elif t is int:
            if not -INT_MAX - 1 <= v <= INT_MAX:
                return False
        elif t is float:
            if v != v or v in (float("inf"), float("-inf")):
                return False
        elif not (t is bool or v is None):
            return False  # anything else: the full walk decides
    return True


def text_problem(value: str, where: str) -> None:
    m = _UNSTORABLE.search(value)
    if m is not None:
        raise WireProblem(BAD_TEXT, where=where[:120], char=f"{ord(m.group()):04X}", position=m.start() + 1)


def small_int(value: Any) -> bool:
    """A whole number an INTEGER column holds, from 1 (a sequence, a version, an event's seq)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= SMALL_INT_MAX
