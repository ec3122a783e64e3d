"""Sync problems this counter finds itself, kept in the store until they clear: an attachment it
could not send or fetch, a published script pack or program update it refused, a pulled file it
refused. Listed with head office's refusals."""

from __future__ import annotations

import json
from datetime import datetime

from app.models import StoreMeta, utcnow

ATTACHMENTS = "sync.problems.attachments"  # {sha256: {"direction", "name", "reason", "when"}}
PACKS = "sync.problems.packs"  # [{"name", "version", "reason", "when"}], newest last
RELEASES = "sync.problems.releases"  # [{"version", "reason", "when"}], newest last
MAX_PACK_PROBLEMS = 20
PULLED = "sync.problems.pulled"  # [{"n", "reason", "when"}]: files from head office this counter refused


def reason(code: str, text: str, *, worded: tuple[str, ...] = (), **params) -> str:
    """A reason as head office's refusals are kept: English source and values, translated when shown;
    ``worded`` names the values that are marked texts themselves (errors.fill)."""
    kept = {"code": code, "text": text, "params": {k: str(v) for k, v in params.items()}}
    if worded:
        kept["worded"] = list(worded)
    return json.dumps(kept, ensure_ascii=False)


def _load(s, key: str, empty):
    row = s.get(StoreMeta, key)
    try:
        return json.loads(row.value) if row else empty
    except ValueError:
        return empty


def _save(s, key: str, value) -> None:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = s.get(StoreMeta, key)
    if row is None:
        s.add(StoreMeta(key=key, value=text))
    else:
        row.value = text


def attachment_failed(store, sha256: str, direction: str, name: str, why: str) -> None:
    """``direction``: send (to head office) or fetch (from it); tried again every round until done."""
    with store.session() as s, s.begin():
        found = _load(s, ATTACHMENTS, {})
        found[sha256] = {"direction": direction, "name": name, "reason": why, "when": utcnow().isoformat()}
        _save(s, ATTACHMENTS, found)


def attachment_done(store, sha256: str) -> None:
    with store.session() as s, s.begin():
        found = _load(s, ATTACHMENTS, {})
        if found.pop(sha256, None) is not None:
            _save(s, ATTACHMENTS, found)


def attachment_problems(store) -> dict[str, dict]:
    with store.session() as s:
        return _load(s, ATTACHMENTS, {})


def attachments_to_retry(store, direction: str) -> dict[str, str]:
    return {sha: e.get("name", "") for sha, e in attachment_problems(store).items() if e.get("direction") == direction}


def count(store) -> int:
    return (len(attachment_problems(store)) + len(pack_problems(store)) + len(release_problems(store))
            + len(pulled_problems(store)))


def pulled_refused(store, n: int, why: str) -> None:
    """A file pulled from head office that this counter refused (nothing of it applied)."""
    with store.session() as s, s.begin():
        found = _load(s, PULLED, [])
        found.append({"n": n, "reason": why, "when": utcnow().isoformat()})
        _save(s, PULLED, found[-MAX_PACK_PROBLEMS:])


def pulled_problems(store) -> list[dict]:
    with store.session() as s:
        return _load(s, PULLED, [])


def pack_refused(store, name: str, version, why: str) -> None:
    with store.session() as s, s.begin():
        found = _load(s, PACKS, [])
        found.append({"name": name, "version": version, "reason": why, "when": utcnow().isoformat()})
        _save(s, PACKS, found[-MAX_PACK_PROBLEMS:])


def packs_cleared(store) -> None:
    with store.session() as s, s.begin():
        if _load(s, PACKS, []):
            _save(s, PACKS, [])


def pack_problems(store) -> list[dict]:
    with store.session() as s:
        return _load(s, PACKS, [])


def when(entry: dict) -> datetime:
    try:
        return datetime.fromisoformat(entry["when"])
    except (KeyError, TypeError, ValueError):
        return utcnow()


def release_refused(store, version, why: str) -> None:
    with store.session() as s, s.begin():
        found = _load(s, RELEASES, [])
        found.append({"version": version, "reason": why, "when": utcnow().isoformat()})
        _save(s, RELEASES, found[-MAX_PACK_PROBLEMS:])


def releases_cleared(store) -> None:
    with store.session() as s, s.begin():
        if _load(s, RELEASES, []):
            _save(s, RELEASES, [])


def release_problems(store) -> list[dict]:
    with store.session() as s:
        return _load(s, RELEASES, [])
