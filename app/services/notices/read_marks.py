"""Which notices each person has read, kept in this store's own table (read marks don't travel)."""

from __future__ import annotations

import json

from app.models import StoreMeta

_KEY = "notices.read."  # + the person's id; the value is a JSON list of notice ids


def read_ids(session, user_id: str) -> set[str]:
    row = session.get(StoreMeta, _KEY + user_id)
    if row is None:
        return set()
    try:
        return {str(i) for i in json.loads(row.value)}
    except (ValueError, TypeError):
        return set()  # a damaged list shows the notices again: better read twice than missed


def write_ids(session, user_id: str, ids: set[str]) -> None:
    value = json.dumps(sorted(ids))
    row = session.get(StoreMeta, _KEY + user_id)
    if row is None:
        session.add(StoreMeta(key=_KEY + user_id, value=value))
    else:
        row.value = value
