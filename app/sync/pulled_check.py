"""A counter's own check of a file pulled from head office, before any of it is applied: every
event and row is its dealer's, every id a payload names is no other dealer's row here, and every
value is one the store can hold. Head office checks the same when it takes a file in; a counter
does not rely on that alone."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import select

from app.foundation.errors import fill
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import wire_text
from app.sync import found_problems
from app.sync.apply import MODELS
from app.sync.casefile import A_LIST, AN_OBJECT
from app.sync.tables import said

log = logging.getLogger(__name__)

NOT_OURS = QT_TRANSLATE_NOOP("Errors",
    "A file from head office (number {n}) names {what} {id} of another dealer; nothing of it was applied.")
NOT_READABLE = QT_TRANSLATE_NOOP("Errors",
    "A file from head office (number {n}) is not a case file this counter reads ({reason}); nothing of it "
    "was applied.")
NOT_STORABLE = QT_TRANSLATE_NOOP("Errors",
    "A file from head office (number {n}) holds a value this counter can't store ({reason}); nothing of it "
    "was applied.")
# Why a file is not a case file this counter reads: which part is missing or of the wrong kind, in
# words (the exception itself goes to the log). ``where`` is a part's path, or wire_text's "the document".
NO_TEXT = QT_TRANSLATE_NOOP("Errors", "head office's answer holds no text for it")
NOT_JSON = QT_TRANSLATE_NOOP("Errors", "not valid JSON: it goes wrong at line {line}, column {column}")
MISSING = QT_TRANSLATE_NOOP("Errors", "{where}: \"{key}\" is missing")
SHOULD_BE = QT_TRANSLATE_NOOP("Errors", "{where} should be {want}")
UNREADABLE = QT_TRANSLATE_NOOP("Errors", "its text can't be read")
# Marked texts of their own, in the reader's words: the reason (wire_text's or one above), where it is
# ("the document", "a value"), what it should be, what the row is.
WORDED = ("reason", "where", "want", "what")


def _storable(n, exc: wire_text.WireProblem) -> tuple[str, dict]:
    return NOT_STORABLE, {**{k: v[:200] if isinstance(v, str) else v for k, v in exc.params.items()}, "n": n,
                          "reason": exc.text}


def _strings(value: Any):
    todo = [value]
    while todo:
        v = todo.pop()
        if isinstance(v, str):
            yield v
        elif isinstance(v, dict):
            todo.extend(v.values())
        elif isinstance(v, list):
            todo.extend(v)


def refusal(session, dealer_id: str, n: int, events: list, records: dict) -> tuple[str, dict] | None:
    """(text, params) of why the pulled file ``n`` is refused here, or None when it may be applied."""
    try:
        wire_text.check({"events": events, "records": records})
    except wire_text.WireProblem as exc:
        return _storable(n, exc)
    for e in events:
        if not isinstance(e, dict) or e.get("dealer_id") != dealer_id:
            return NOT_OURS, {"n": n, "what": said("event"), "id": str(e.get("id") if isinstance(e, dict) else "?")[:40]}
    for table, rows in records.items():
        for r in rows if isinstance(rows, list) else []:
            if isinstance(r, dict) and "dealer_id" in r and r["dealer_id"] != dealer_id:
                return NOT_OURS, {"n": n, "what": said(table), "id": str(r.get("id"))[:40]}
    named = sorted({v for e in events for v in _strings(e.get("payload")) if len(v) == 36})
    for table, model in MODELS.items():
        if "dealer_id" not in model.__table__.columns:
            continue
        for i in range(0, len(named), 500):
            other = session.scalar(select(model.id).where(model.id.in_(named[i:i + 500]),
                                                          model.dealer_id != dealer_id).limit(1))
            if other is not None:
                return NOT_OURS, {"n": n, "what": said(table), "id": other}
    return None


def _wrong_part(doc: Any) -> tuple[str, dict] | None:
    """(reason, params) naming the first part a counter reads that ``doc`` lacks or holds of the wrong
    kind; None when it has them all."""
    if not isinstance(doc, dict):
        return SHOULD_BE, {"where": wire_text.THE_DOCUMENT, "want": AN_OBJECT}
    for key in ("dealer", "events", "records"):
        if key not in doc:
            return MISSING, {"where": wire_text.THE_DOCUMENT, "key": key}
    if not isinstance(doc["dealer"], dict):
        return SHOULD_BE, {"where": "dealer", "want": AN_OBJECT}
    if "id" not in doc["dealer"]:
        return MISSING, {"where": "dealer", "key": "id"}
    if not isinstance(doc["events"], list):
        return SHOULD_BE, {"where": "events", "want": A_LIST}
    if not isinstance(doc["records"], dict):
        return SHOULD_BE, {"where": "records", "want": AN_OBJECT}
    return None


def _read(f: Any, n) -> tuple[Any, tuple[str, dict] | None]:
    """The pulled file's document, or (None, why this counter can't take it)."""
    content = f.get("content") if isinstance(f, dict) else None
    if not isinstance(content, (str, bytes, bytearray)):
        log.warning("pulled file %s: no content (%s)", n, type(content).__name__)
        return None, (NOT_READABLE, {"n": n, "reason": NO_TEXT})
    try:
        doc = wire_text.loads(content, texts=False)
    except wire_text.WireProblem as exc:  # a number too long, NaN, nesting too deep: a value, not the form
        return None, _storable(n, exc)
    except json.JSONDecodeError as exc:
        log.warning("pulled file %s: %r", n, exc)
        return None, (NOT_READABLE, {"n": n, "reason": NOT_JSON, "line": exc.lineno, "column": exc.colno})
    except (ValueError, RecursionError) as exc:  # bytes that are no UTF-8 text, say
        log.warning("pulled file %s: %r", n, exc)
        return None, (NOT_READABLE, {"n": n, "reason": UNREADABLE})
    wrong = _wrong_part(doc)
    if wrong is not None:
        return None, (NOT_READABLE, {**wrong[1], "n": n, "reason": wrong[0]})
    return doc, None


def document(store, f: dict) -> dict | None:
    """The document of a pulled file (``{"n", "content"}``), or None when this counter refuses it:
    not a case file it reads, a value its store can't hold, or naming another dealer's data. A
    refused file is recorded in Sync problems with the reason."""
    n = f.get("n") if isinstance(f, dict) else None
    doc, why = _read(f, n)
    if why is None:
        dealer_id = doc["dealer"]["id"]
        if dealer_id != store.identity.home_dealer_id:
            return doc  # another dealer's file is not applied here at all (the pull only moves past it)
        with store.session() as s:
            why = refusal(s, dealer_id, n, doc["events"], doc["records"])
        if why is None:
            return doc
    log.warning("pulled file %s refused: %s", n, fill(*why, worded=WORDED))
    found_problems.pulled_refused(store, n, found_problems.reason("pulled_refused", why[0], worded=WORDED, **why[1]))
    return None
