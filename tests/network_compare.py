"""Comparing stores across the network: every synced table row by row, every event, every case's
timeline, so a test can say which record differs where (table, id, column, both values)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import create_engine, select

from app.models import Base

# Never compared: each place's own bookkeeping (sync state, enrolment, settings, store identity).
LOCAL_TABLES = {"store_meta", "setting", "sync_blob", "sync_conflict", "sync_file", "sync_received", "sync_received_customer",
                "sync_outbox",
                "hq_counter", "hq_enrolment", "sync_published", "hq_blob_holder", "hq_published_arrival",
                "hq_form_month", "form_month", "event_tally"}
# Columns that are rightly different at each place: the dealer row's created_at is when that place
# first stored the dealer (enrolment, re-homing). A person's salted PIN hash travels: compared too.
LOCAL_COLUMNS = {"dealer": {"created_at"}}
# Rows each place makes for itself from a synced record, so their ids differ: compared by what they are about.
NATURAL_KEYS = {"alert": ("kind", "form_id")}
LOCAL_ROW_COLUMNS = {"alert": {"id", "created_at", "created_by", "text"}}
# The same person, customer or car must not be stored twice under different ids.
UNIQUE_NATURAL = {"app_user": ("dealer_id", "username"), "customer": ("dealer_id", "name", "phone"),
                  "vehicle": ("dealer_id", "plate"), "repair_order": ("dealer_id", "number"),
                  "failure_case": ("number",), "feedback_form": ("repair_order_id",),
                  "event": ("entity_type", "entity_id", "seq"), "alert": ("kind", "form_id")}
# How a row without a dealer_id column belongs to a dealer: through the row it hangs on.
OWNER_VIA = {"attachment": ("case_id", "failure_case")}


def synced_tables() -> list[str]:
    """Every table of the models that is not local bookkeeping: a table added later is compared
    without anyone remembering to list it here."""
    return [t.name for t in Base.metadata.sorted_tables if t.name not in LOCAL_TABLES]


def _norm(v: Any) -> Any:
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (dict, list)):
        return json.loads(json.dumps(v, sort_keys=True, default=str))
    return v


@dataclass
class Snapshot:
    """One place's synced tables: table -> key -> row (a dict of compared columns)."""

    name: str
    rows: dict[str, dict[tuple, dict]] = field(default_factory=dict)
    owner: dict[str, dict[tuple, str | None]] = field(default_factory=dict)  # table -> key -> dealer id
    duplicates: list[str] = field(default_factory=list)

    def of_dealer(self, table: str, dealer_id: str) -> dict[tuple, dict]:
        own = self.owner.get(table, {})
        return {k: r for k, r in self.rows.get(table, {}).items() if own.get(k) == dealer_id}

    def dealer_ids(self) -> set[str]:
        return {d for per in self.owner.values() for d in per.values() if d is not None}

    def events_of(self, entity_id: str) -> list[dict]:
        return sorted((r for r in self.rows.get("event", {}).values() if r["entity_id"] == entity_id),
                      key=lambda r: r["seq"])


def url_of(place: str | Path) -> str:
    """A data directory (the counter's store in it) or a database URL (head office)."""
    text = str(place)
    if "://" in text:
        return text
    return f"sqlite:///{Path(place) / 'store.sqlite3'}"


def snapshot(name: str, place: str | Path) -> Snapshot:
    engine = create_engine(url_of(place))
    snap = Snapshot(name)
    try:
        with engine.connect() as conn:
            from sqlalchemy import inspect

            present = set(inspect(conn).get_table_names())
            for tname in synced_tables():
                table = Base.metadata.tables[tname]
                if tname not in present:
                    snap.duplicates.append(f"{name}: table {tname} is missing from the database")
                    continue
                skip = LOCAL_COLUMNS.get(tname, set()) | LOCAL_ROW_COLUMNS.get(tname, set())
                key_cols = NATURAL_KEYS.get(tname) or tuple(c.name for c in table.primary_key.columns)
                rows, owner, seen = {}, {}, defaultdict(list)
                for r in conn.execute(select(table)).mappings():
                    row = {c: _norm(v) for c, v in r.items() if c not in skip}
                    key = tuple(_norm(r[c]) for c in key_cols)
                    if key in rows:
                        snap.duplicates.append(f"{name}: {tname} {dict(zip(key_cols, key))} is stored twice")
                    rows[key] = row
                    owner[key] = r["id"] if tname == "dealer" else r.get("dealer_id")
                    nat = UNIQUE_NATURAL.get(tname)
                    if nat:
                        seen[tuple(_norm(r[c]) for c in nat)].append(r.get("id", key))
                for nk, ids in seen.items():
                    if len(ids) > 1:
                        snap.duplicates.append(f"{name}: {tname} {dict(zip(UNIQUE_NATURAL[tname], nk))} is stored "
                                               f"{len(ids)} times, as {sorted(map(str, ids))}")
                snap.rows[tname], snap.owner[tname] = rows, owner
            for tname, (col, parent) in OWNER_VIA.items():
                if tname in snap.rows and parent in snap.rows:
                    parents = {k[0]: d for k, d in snap.owner[parent].items()}
                    snap.owner[tname] = {k: parents.get(r[col]) for k, r in snap.rows[tname].items()}
    finally:
        engine.dispose()
    return snap


def _show(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 160 else text[:157] + "..."


def named_people(snap: Snapshot) -> set[str]:
    """Ids of the users some work at this place names (as actor, advisor, proposer, caller...).

    A user's record travels with the work that names them; an account nobody's work names yet (a
    counter's own administrator, say) stays at its counter, like its PIN."""
    users = {k[0] for k in snap.rows.get("app_user", {})}
    named: set[str] = set()
    for tname, rows in snap.rows.items():
        if tname == "app_user":
            continue
        for row in rows.values():
            named.update(v for v in row.values() if isinstance(v, str) and v in users)
    return named


def compare_dealer(dealer_id: str, places: list[Snapshot], *, reference: Snapshot | None = None,
                   tables: Iterable[str] | None = None, limit: int = 200) -> list[str]:
    """Differences between ``places`` in the dealer's rows of every synced table: a row missing at a
    place, a column that differs (both values), a row stored twice. ``reference`` (default the first
    place) is what the others are measured against; rows missing there are reported too."""
    ref = reference or places[0]
    out: list[str] = []
    for snap in places:
        out += [d for d in snap.duplicates]
    for tname in tables or synced_tables():
        every = {snap.name: snap.of_dealer(tname, dealer_id) for snap in places}
        if tname == "app_user":
            named = set().union(*(named_people(snap) for snap in places))
            every = {n: {k: r for k, r in rows.items() if k[0] in named} for n, rows in every.items()}
        keys = set().union(*every.values())
        for key in sorted(keys, key=str):
            have = {n: rows.get(key) for n, rows in every.items()}
            missing = [n for n, r in have.items() if r is None]
            if missing:
                at = [n for n in have if n not in missing]
                out.append(f"{tname} {_key(key)}: missing at {', '.join(missing)} (present at {', '.join(at)})")
            base = have.get(ref.name) or next(r for r in have.values() if r is not None)
            base_at = ref.name if have.get(ref.name) is not None else next(n for n, r in have.items() if r is not None)
            for n, row in have.items():
                if row is None or n == base_at:
                    continue
                for col in sorted(set(base) | set(row)):
                    if base.get(col) != row.get(col):
                        out.append(f"{tname} {_key(key)} column {col}: {base_at}={_show(base.get(col))} "
                                   f"{n}={_show(row.get(col))}")
            if len(out) >= limit:
                return out + ["... (more differences left out)"]
    return out


def foreign_rows(snap: Snapshot, dealer_id: str, *, limit: int = 50) -> list[str]:
    """Rows at a counter of ``dealer_id`` that belong to any other dealer (there should be none)."""
    out = []
    for tname in synced_tables():
        for key, owner in snap.owner.get(tname, {}).items():
            if owner != dealer_id:
                row = snap.rows[tname][key]
                what = {c: row[c] for c in ("code", "number", "username", "kind") if c in row}
                out.append(f"{snap.name}: {tname} {_key(key)} {what or ''} belongs to dealer {owner} "
                           f"({_code(snap, owner)}), not {dealer_id} ({_code(snap, dealer_id)})")
                if len(out) >= limit:
                    return out + ["..."]
    return out


def _code(snap: Snapshot, dealer_id: str | None) -> str:
    row = snap.rows.get("dealer", {}).get((dealer_id,))
    return row["code"] if row else "no such dealer row"


def timelines(snap: Snapshot, dealer_id: str) -> dict[str, list[tuple]]:
    """Each of the dealer's cases and forms: its events in order, as (seq, kind, actor, when, payload)."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for r in snap.of_dealer("event", dealer_id).values():
        out[f"{r['entity_type']} {r['entity_id']}"].append(
            (r["seq"], r["kind"], r["actor_id"], r["occurred_at"], json.dumps(r["payload"], sort_keys=True)))
    return {k: sorted(v) for k, v in out.items()}


def compare_timelines(dealer_id: str, places: list[Snapshot]) -> list[str]:
    """Every case's and form's history event by event at each place against the first place."""
    ref, out = places[0], []
    want = timelines(ref, dealer_id)
    for snap in places[1:]:
        got = timelines(snap, dealer_id)
        for entity in sorted(set(want) | set(got)):
            a, b = want.get(entity, []), got.get(entity, [])
            if a == b:
                continue
            for i in range(max(len(a), len(b))):
                x = a[i] if i < len(a) else None
                y = b[i] if i < len(b) else None
                if x != y:
                    out.append(f"timeline of {entity}, event {i + 1}: {ref.name}={_show(x)} {snap.name}={_show(y)}")
                    break
    return out


def missing_ids(snap: Snapshot, expected: dict[str, Iterable[str]]) -> list[str]:
    """``expected``: table -> ids that must be at this place (the records a test made)."""
    out = []
    for tname, ids in expected.items():
        have = {k[0] for k in snap.rows.get(tname, {})}
        for i in sorted(set(ids) - have):
            out.append(f"{snap.name}: {tname} {i} (made in the test) is not there")
    return out


def _key(key: tuple) -> str:
    return key[0] if len(key) == 1 else "(" + ", ".join(map(str, key)) + ")"


def report(title: str, problems: list[str]) -> str:
    return f"{title}: {len(problems)} difference(s)\n  " + "\n  ".join(problems)
