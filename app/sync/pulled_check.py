"""A counter's own check of a file pulled from head office, before any of it is applied: every
event and row is its dealer's, every id a payload names is no other dealer's row here, and every
value is one the store can hold. Head office checks the same when it takes a file in; a counter
does not rely on that alone."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

import logging

from app.foundation.errors import fill
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import wire_text
from app.sync import found_problems
from app.sync.apply import MODELS

log = logging.getLogger(__name__)

NOT_OURS = QT_TRANSLATE_NOOP("Errors",
    "A file from head office (number {n}) names {what} {id} of another dealer; nothing of it was applied.")
NOT_READABLE = QT_TRANSLATE_NOOP("Errors",
    "A file from head office (number {n}) is not a case file this counter reads ({reason}); nothing of it "
    "was applied.")
NOT_STORABLE = QT_TRANSLATE_NOOP("Errors",
    "A file from head office (number {n}) holds a value this counter can't store ({reason}); nothing of it "
    "was applied.")
# A refusal's reason is wire_text's own marked text, naming where ("the document", "a value"): in the reader's words.
WORDED = ("reason", "where")


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
            return NOT_OURS, {"n": n, "what": "event", "id": str(e.get("id") if isinstance(e, dict) else "?")[:40]}
    for table, rows in records.items():
        for r in rows if isinstance(rows, list) else []:
            if isinstance(r, dict) and "dealer_id" in r and r["dealer_id"] != dealer_id:
                return NOT_OURS, {"n": n, "what": table, "id": str(r.get("id"))[:40]}
    named = sorted({v for e in events for v in _strings(e.get("payload")) if len(v) == 36})
    for table, model in MODELS.items():
        if "dealer_id" not in model.__table__.columns:
            continue
        for i in range(0, len(named), 500):
            other = session.scalar(select(model.id).where(model.id.in_(named[i:i + 500]),
                                                          model.dealer_id != dealer_id).limit(1))
            if other is not None:
                return NOT_OURS, {"n": n, "what": table, "id": other}
    return None


def document(store, f: dict) -> dict | None:
    """The document of a pulled file (``{"n", "content"}``), or None when this counter refuses it:
    not a case file it reads, a value its store can't hold, or naming another dealer's data. A
    refused file is recorded in Sync problems with the reason."""
    n = f.get("n") if isinstance(f, dict) else None
    try:
        doc = wire_text.loads(f["content"], texts=False)
        dealer_id, events, records = doc["dealer"]["id"], doc["events"], doc["records"]
        if not (isinstance(events, list) and isinstance(records, dict)):
            raise TypeError("events and records")
    except wire_text.WireProblem as exc:  # a number too long, NaN, nesting too deep: a value, not the form
        why = _storable(n, exc)
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        why = NOT_READABLE, {"n": n, "reason": type(exc).__name__}
    else:
        if dealer_id != store.identity.home_dealer_id:
            return doc  # another dealer's file is not applied here at all (the pull only moves past it)
        with store.session() as s:
            why = refusal(s, dealer_id, n, events, records)
        if why is None:
            return doc
    log.warning("pulled file %s refused: %s", n, fill(*why, worded=WORDED))
    found_problems.pulled_refused(store, n, found_problems.reason("pulled_refused", why[0], worded=WORDED, **why[1]))
    return None
