"""Head office's kept case files and the customers they hold: noted as each file is kept, so a purge
rewrites only the files of the customers it anonymised, whatever the number of the dealer's files."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from app.models import SyncReceived, SyncReceivedCustomer
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
    new = {b'"' + _encoded(k) + b'"': b'"' + _encoded(v) + b'"' for k, v in old.items()}
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


def scrub(s, dealer_id: str, customers: set[str], old: dict[str, str]) -> int:
    """Every kept file of the dealer holding one of ``customers`` (or a record merged into one of
    them, whose cars moved to it) with a string equal to a key of ``old`` is kept with it replaced.
    Reads only those files. Returns how many were rewritten."""
    merged_into = merging.survivors(merging.known(s, dealer_id))
    whose = set(customers) | {x for x, into in merged_into.items() if into in customers}
    ns = select(SyncReceivedCustomer.n).where(among(s, SyncReceivedCustomer.customer_id, whose)).distinct()
    rewritten = 0
    # Found by their numbers alone (the dealer checked on the rows): asked with the dealer too, a planner
    # may walk every file of the dealer through its index instead. Almost every file found holds a
    # value, so each is rewritten in one pass (a substring search for each value made every file cost
    # the number of customers purged together), and stored when it changed.
    for row in s.scalars(select(SyncReceived).where(SyncReceived.n.in_(ns))):
        if row.dealer_id == dealer_id and (new := replaced(row.content, old)) != row.content:
            row.content = new
            rewritten += 1
    s.flush()
    return rewritten
