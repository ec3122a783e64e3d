"""Head office's kept case files and the customers they hold: noted as each file is kept, so a purge
rewrites only the files of the customers it anonymised, whatever the number of the dealer's files.

Several files taken in together (a round: `hq import` of a folder, the inbox at start-up) may each
carry a purge: each file's scrub is then noted with the file, in its transaction, and the round's
end rewrites each kept file once for all of them (``scrub_noted``). A file per purge rewrote the same
kept files again and again: a round of purges cost its files times the dealer's files. A round a crash
interrupted leaves its notes: the next round, or head office's next start, does them."""

from __future__ import annotations

import json
import re

from sqlalchemy import delete, select, text

from app.models import StoreMeta, SyncReceived, SyncReceivedCustomer
from app.models.bulk import among, bulk_insert_rows
from app.services.customers import merging


# Every string of a file in canonical form (app.foundation.signing.canonical), in order, as its
# bytes with the quotes, and ":" after a key: each string is matched from its opening quote, so a
# quote inside a string (escaped) or a string's first character never misleads the scan.
_STRINGS = re.compile(rb'("[^"\\]*+(?:\\.[^"\\]*+)*+")(:?)')


def _encoded(value: str) -> bytes:
    """A string as it stands between the quotes in a canonical file."""
    return json.dumps(value, ensure_ascii=False)[1:-1].encode("utf-8")


def replaced(content: bytes, old: dict[str, str]) -> bytes:
    """A canonical file with every string value equal to a key of ``old`` replaced by its value: the
    bytes ``canonical(v)`` gives for the file's JSON with those strings replaced (a replaced value
    moves no key), in one pass over the bytes whatever the number of values."""
    return _replaced(content, _quoted(old))


def _quoted(old: dict[str, str]) -> dict[bytes, bytes]:
    """``old`` as the strings stand in a canonical file, quotes included: made once for every file a
    purge rewrites (made for each file, it cost the files times the values of a round's purges)."""
    return {b'"' + _encoded(k) + b'"': b'"' + _encoded(v) + b'"' for k, v in old.items()}


def _replaced(content: bytes, new: dict[bytes, bytes]) -> bytes:
    parts = _STRINGS.split(content)  # [between, string, ":" or b"", between, string, ...]: joined, the file
    if new.keys().isdisjoint(parts[1::3]):
        return content
    for i in range(1, len(parts), 3):  # a plain loop: a third faster than a call per string through sub
        if not parts[i + 1] and parts[i] in new:
            parts[i] = new[parts[i]]
    return b"".join(parts)


def customers_of(records: dict) -> set[str]:
    """The customers a file's records are or point at: a row holding a customer's name, phone, plate
    or VIN is the customer's own row or one of their car's, and a file carrying a case's, form's or
    order's change carries the customer the row points at (docs/case-file-format.md)."""
    ids = set()
    for table, rows in records.items() if isinstance(records, dict) else ():
        for r in rows if isinstance(rows, list) else ():
            if isinstance(r, dict):
                ids.add(r.get("id") if table == "customer" else r.get("customer_id"))
    return {i for i in ids if isinstance(i, str) and i}


def note(s, n: int, records: dict) -> None:
    """Kept file ``n`` holds these records: remember whose they are."""
    ids = customers_of(records)
    # In bulk (executemany, COPY): through Core, each row's parameters cost more than its insert.
    bulk_insert_rows(s, SyncReceivedCustomer.__table__, ["customer_id", "n"], [(c, n) for c in sorted(ids)])


# A session whose scrubs are noted for the round's end: Session.info holds the arrival number of the
# file it takes in (the note's key), set by ``defer``.
_DEFERRED = "kept_files.deferred"
# A noted scrub: a store_meta row per file (each written once, in its own transaction, so a round's
# notes cost their own size, not a row rewritten by every file), found by its dealer's prefix.
_NOTE = "unscrubbed:"
_FILES_AT_ONCE = 32  # kept files read and rewritten together: a few MB


def defer(s, n: int) -> None:
    """The scrubs of this session's purges (file ``n`` takes them in) wait for the round's end."""
    s.info[_DEFERRED] = n


def scrub(s, dealer_id: str, customers: set[str], old: dict[str, str]) -> int:
    """Every kept file of the dealer holding one of ``customers`` (or a record merged into one of
    them, whose cars moved to it) with a string equal to a key of ``old`` is kept with it replaced.
    Reads only those files. Returns how many were rewritten. In a deferred session (``defer``):
    noted in its transaction instead, for ``scrub_noted`` at the round's end (returns 0)."""
    n = s.info.get(_DEFERRED)
    if n is not None:
        _note_scrub(s, dealer_id, n, customers, old)
        return 0
    return _rewrite(s, dealer_id, customers, old)


def _note_scrub(s, dealer_id: str, n: int, customers: set[str], old: dict[str, str]) -> None:
    # Until the round's end the old values are in this database anyway (in the kept files themselves);
    # the note goes with them, under secure_delete, and the round's end compacts.
    key = f"{_NOTE}{dealer_id}:{n}"
    row = s.get(StoreMeta, key)
    if row is None:  # a file applied change by change calls once per change
        s.add(StoreMeta(key=key, value=json.dumps({"customers": sorted(customers), "old": old}, ensure_ascii=False)))
    else:
        noted = json.loads(row.value)
        row.value = json.dumps({"customers": sorted(set(noted["customers"]) | customers),
                                "old": {**old, **noted["old"]}}, ensure_ascii=False)
    s.flush()


def noted_dealers(s) -> set[str]:
    """The dealers with scrubs noted and not yet done."""
    keys = s.scalars(select(StoreMeta.key).where(StoreMeta.key.startswith(_NOTE, autoescape=True)))
    return {k[len(_NOTE):].rsplit(":", 1)[0] for k in keys}


def scrub_noted(s, dealer_id: str) -> int:
    """The dealer's noted scrubs, done together: each kept file holding any of their customers is
    rewritten once, and the notes go. Returns how many files were rewritten. The caller compacts."""
    prefix = f"{_NOTE}{dealer_id}:"
    rows = s.execute(select(StoreMeta.key, StoreMeta.value).where(
        StoreMeta.key.startswith(prefix, autoescape=True))).all()
    if not rows:
        return 0
    if s.get_bind().dialect.name == "sqlite":  # freed bytes overwritten with zeros, as the purge's own
        s.execute(text("PRAGMA secure_delete=ON"))
    customers, old = set(), {}
    # In the files' arrival order, the first purge's value kept for a value two purges replace (two
    # customers sharing a phone): as the files' own scrubs, one after the other, left it.
    for _key, value in sorted(rows, key=lambda r: int(r[0].rsplit(":", 1)[1])):
        noted = json.loads(value)
        customers.update(noted["customers"])
        old = {**noted["old"], **old}
    rewritten = _rewrite(s, dealer_id, customers, old)
    s.execute(delete(StoreMeta).where(StoreMeta.key.in_([k for k, _ in rows])))
    return rewritten


def _rewrite(s, dealer_id: str, customers: set[str], old: dict[str, str]) -> int:
    merged_into = merging.survivors(merging.known(s, dealer_id))
    whose = set(customers) | {x for x, into in merged_into.items() if into in customers}
    ns = select(SyncReceivedCustomer.n).where(among(s, SyncReceivedCustomer.customer_id, whose)).distinct()
    rewritten, quoted = 0, _quoted(old)
    # Found by their numbers alone (the dealer checked on the rows): asked with the dealer too, a planner
    # may walk every file of the dealer through its index instead. Almost every file found holds a
    # value, so each is rewritten in one pass (a substring search for each value made every file cost
    # the number of customers purged together), and stored when it changed. A few files at a time: a
    # round's purges may name most of the dealer's files, more than memory should hold at once.
    found = list(s.scalars(select(SyncReceived.n).where(SyncReceived.n.in_(ns))))
    for i in range(0, len(found), _FILES_AT_ONCE):
        for row in s.scalars(select(SyncReceived).where(SyncReceived.n.in_(found[i:i + _FILES_AT_ONCE]))):
            if row.dealer_id == dealer_id and (new := _replaced(row.content, quoted)) != row.content:
                row.content = new
                rewritten += 1
        s.flush()  # the rows written go out of the session's keeping (it holds unchanged rows weakly)
    return rewritten

