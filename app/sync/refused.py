"""Changes of this counter that head office refused one by one (the rest of their file went in): kept
as Sync problems until head office accepts them in a later file, sent again with a correction or on
request.

A refusal names a change: a case, form, repair order, person or the counter's audit trail (with the
events of it the file held, none when its record only rode with another change), or a record no
change carried. It closes when a later file head office acknowledged holds what it names and the
acknowledgement refused none of it: every event it lists (filed in that file or an earlier
acknowledged one after the refusal) and its record (stored with a change head office took, or on
its own). Whatever carried it there: its own correction, `sync --retry`, or an unrelated change
that points at the same record. Refused again, the same problem stays open with head office's latest
reason and how often it was refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from app.models import Event, SyncFile, SyncOutbox, SyncRefused, utcnow
from app.sync import outbox
from app.sync.apply import ENTITY_TABLE, MODELS, REFS
from app.sync.tables import CHILDREN

CHILD_TABLES = {c.name for c in CHILDREN}  # sent with their case or form, never on their own
Key = tuple[str, str, str, str]  # what a refusal is about: (entity type, id, "", "") or ("", "", table, id)


@dataclass(frozen=True)
class Resent:
    """What `send again` put back to go out in the next file."""

    events: int  # the refused changes themselves
    records: int  # records sent with no change of their own (one that rode with another's change)


def change_key(entity_type: str, entity_id: str, table: str, record_id: str) -> Key:
    return (entity_type, entity_id, "", "") if entity_type else ("", "", table, record_id)


def _key(row: SyncRefused) -> Key:
    return change_key(row.entity_type, row.entity_id, row.record_table, row.record_id)


def _record(row: SyncRefused) -> tuple[str, str] | None:
    """The row head office must hold for the refusal to close: the change's own record (a case,
    form, order or person), or the record refused on its own; None for a counter's audit events."""
    if row.entity_type in ENTITY_TABLE:
        return ENTITY_TABLE[row.entity_type], row.entity_id
    if not row.entity_type and row.record_table:
        return row.record_table, row.record_id
    return None


def times(row: SyncRefused) -> int:
    try:
        return max(1, int(json.loads(row.reason).get("times", 1)))
    except (ValueError, TypeError, AttributeError):
        return 1


def record_refused(store, seq: int, refused: list[dict]) -> int:
    """Keep what head office's acknowledgement of file ``seq`` says it refused (once, however often
    the acknowledgement comes). A change already open is refused again: the same problem, updated."""
    if not refused:
        return 0
    now = utcnow()
    added = 0
    with store.session() as s, s.begin():
        rows = s.scalars(select(SyncRefused).where(or_(SyncRefused.file_seq == seq,
                                                       SyncRefused.settled_at.is_(None)))).all()
        have = {_key(r) for r in rows if r.file_seq == seq}
        still_open = {_key(r): r for r in rows if r.settled_at is None and r.file_seq != seq}
        for r in refused:
            etype, eid, table, rid = (str(r.get(k) or "")[:36] for k in ("entity_type", "entity_id", "table", "record_id"))
            etype, table = etype[:16], table[:32]
            key = change_key(etype, eid, table, rid)
            if key in have:
                continue
            have.add(key)
            events = [str(e) for e in r.get("event_ids") or []]
            row = still_open.pop(key, None)
            reason = {"code": r.get("code"), "text": r.get("text", ""), "params": r.get("params") or {},
                      "times": 1 if row is None else times(row) + 1}
            if row is None:
                row = SyncRefused(file_seq=seq, entity_type=etype, entity_id=eid, event_ids=events)
                s.add(row)
            else:  # refused again: what it lists now and what it listed before, none of it at head office
                row.file_seq, row.event_ids = seq, list(dict.fromkeys([*row.event_ids, *events]))
            row.record_table, row.record_id, row.code = table, rid, str(r.get("code", ""))[:32]
            row.reason, row.refused_at = json.dumps(reason, ensure_ascii=False), now
            added += 1
    return added


def settle(store, seq: int, data: bytes, refused: list[dict]) -> int:
    """Close the refusals that file ``seq``, which head office acknowledged refusing ``refused`` of
    it, shows accepted (its bytes say what it carried). Returns how many closed."""
    with store.session() as s:
        if not s.scalar(select(func.count()).select_from(SyncRefused).where(
                SyncRefused.settled_at.is_(None), SyncRefused.file_seq < seq)):
            return 0
    doc = json.loads(data)
    stored = stored_records(doc.get("events") or [], doc.get("records") or {}, refused)
    n = 0
    with store.session() as s, s.begin():
        rows = s.scalars(select(SyncRefused).where(SyncRefused.settled_at.is_(None), SyncRefused.file_seq < seq)).all()
        filed = _filed_in(s, [e for r in rows for e in r.event_ids])
        now = utcnow()
        for row in rows:
            record = _record(row)
            if not row.event_ids and record is None:
                continue  # names nothing that can be checked: it waits for `send again`
            # Each event in a file head office acknowledged after the refusal (this one, or one before it).
            events_in = all(filed.get(e, (0, ""))[0] > row.file_seq
                            and (filed[e][0] == seq or filed[e][1] == "acked") for e in row.event_ids)
            if events_in and (record is None or record in stored):
                row.settled_at = now
                n += 1
    return n


def _filed_in(s, event_ids: list[str]) -> dict[str, tuple[int, str]]:
    """event id -> (the file it is filed in, that file's status)."""
    out: dict[str, tuple[int, str]] = {}
    for i in range(0, len(event_ids), 500):
        out.update({e: (f, st) for e, f, st in s.execute(
            select(SyncOutbox.event_id, SyncOutbox.file_seq, SyncFile.status)
            .join(SyncFile, SyncFile.seq == SyncOutbox.file_seq).where(SyncOutbox.event_id.in_(event_ids[i:i + 500])))})
    return out


def stored_records(events: list[dict], records: dict[str, list[dict]], refused: list[dict]) -> set[tuple[str, str]]:
    """The (table, id)s of a file's records head office stored, refusing ``refused``: as head office
    divides a file (app.hq.ownership), each change takes its record, its children, its events' actors
    and the rows they point at; what a change it took carries is stored, and so is a record no change
    carries unless it is refused itself."""
    by_id = {(t, r["id"]): r for t, rows in records.items() if isinstance(rows, list)
             for r in rows if isinstance(r, dict) and isinstance(r.get("id"), str)}
    children: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for c in CHILDREN:
        for (t, rid), rec in by_id.items():
            if t == c.name:
                for col, parent in c.parents:
                    if isinstance(rec.get(col), str):
                        children.setdefault((parent, rec[col]), []).append((t, rid))
    actors: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for e in events:
        if isinstance(e, dict) and e.get("actor_id"):
            actors.setdefault((e.get("entity_type"), e.get("entity_id")), []).append(("user", e["actor_id"]))
    changes = {(etype, rid) for etype, table in ENTITY_TABLE.items() for t, rid in by_id if t == table}
    changes |= {(e.get("entity_type"), e.get("entity_id")) for e in events if isinstance(e, dict)}
    refused_changes = {(r.get("entity_type") or "", r.get("entity_id") or "") for r in refused}
    took: set[tuple[str, str]] = set()
    left: set[tuple[str, str]] = set()
    for etype, eid in changes:
        table = ENTITY_TABLE.get(etype, "")
        todo = [(table, eid), *actors.get((etype, eid), []), *children.get((table, eid), [])]
        seen: set[tuple[str, str]] = set()
        while todo:
            key = todo.pop()
            if key in seen or key not in by_id:
                continue
            seen.add(key)
            rec = by_id[key]
            todo += [(target, rec[c]) for c, target in REFS.get(key[0], {}).items() if isinstance(rec.get(c), str)]
        (left if (etype, eid) in refused_changes else took).update(seen)
    named = {(r.get("table") or "", r.get("record_id") or "") for r in refused}
    named |= {(ENTITY_TABLE[et], eid) for et, eid in refused_changes if et in ENTITY_TABLE}
    return took | (set(by_id) - left - named)


def _named_here(s, row: SyncRefused) -> list[tuple[str, str]]:
    """The records the refusal names that this counter still holds."""
    out = []
    for table, rid in dict.fromkeys(r for r in (_record(row), (row.record_table, row.record_id)) if r):
        if table in MODELS and table not in CHILD_TABLES and rid and s.get(MODELS[table], rid) is not None:
            out.append((table, rid))
    return out


def _refile(s, row: SyncRefused) -> int:
    """Put the refused events back to be filed, but not those already in a file waiting to go; how
    many of them will go out (put back now or already waiting)."""
    ids = list(row.event_ids)
    filed = _filed_in(s, ids)
    outbox.refile(s, [e for e in ids if e in filed and filed[e][1] != "waiting"])
    return sum(len(s.scalars(select(Event.id).where(Event.id.in_(ids[i:i + 500]))).all())
               for i in range(0, len(ids), 500))


def resend_change(store, number: int) -> Resent | None:
    """Send a refused change again in the next file: its events, and the records it names when none
    of its own go (a record that rode with another change). None when no such problem is open."""
    with store.session() as s, s.begin():
        row = s.get(SyncRefused, number)
        if row is None or row.settled_at is not None:
            return None
        events = _refile(s, row)
        records = [] if events else _named_here(s, row)
        outbox.queue_records(s, records)
        return Resent(events, len(records))


def release_corrected(store) -> int:
    """Refused changes whose case or form was changed again since go out with that change: head
    office gets the whole history, the refused versions first (events file in id order)."""
    here = store.identity.store_id
    n = 0
    with store.session() as s, s.begin():
        rows = s.scalars(select(SyncRefused).where(SyncRefused.settled_at.is_(None), SyncRefused.entity_id != "")).all()
        for row in rows:
            newer = s.scalar(select(func.count()).select_from(Event).where(
                Event.entity_type == row.entity_type, Event.entity_id == row.entity_id, Event.origin == here,
                outbox.not_filed()))
            if newer and row.event_ids:
                n += _refile(s, row)
    return n


def waiting_to_go(s, row: SyncRefused) -> bool:
    """Whether the refused change was put back and waits for the next file or head office's answer."""
    filed = _filed_in(s, list(row.event_ids))
    if any(e not in filed or filed[e][1] == "waiting" for e in row.event_ids):
        return True
    return _record(row) in set(outbox.queued_records(s))


def count_open(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(SyncRefused).where(SyncRefused.settled_at.is_(None))) or 0
