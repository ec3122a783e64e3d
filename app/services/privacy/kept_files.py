"""Head office's kept case files and the customers they hold: noted as each file is kept, so a purge
rewrites only the files of the customers it anonymised, whatever the number of the dealer's files."""

from __future__ import annotations

import json

from sqlalchemy import insert, select

from app.foundation import signing
from app.models import SyncReceived, SyncReceivedCustomer
from app.models.bulk import among
from app.services.customers import merging


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
    if ids:
        s.execute(insert(SyncReceivedCustomer), [{"customer_id": c, "n": n} for c in sorted(ids)])


def scrub(s, dealer_id: str, customers: set[str], old: dict[str, str], replaced) -> int:
    """Every kept file of the dealer holding one of ``customers`` (or a record merged into one of
    them, whose cars moved to it) that names a value of ``old`` is kept with the value replaced
    (``replaced(payload, old)``). Reads only those files. Returns how many were rewritten."""
    merged_into = merging.survivors(merging.known(s, dealer_id))
    whose = set(customers) | {x for x, into in merged_into.items() if into in customers}
    ns = select(SyncReceivedCustomer.n).where(among(s, SyncReceivedCustomer.customer_id, whose)).distinct()
    needles = [v.encode("utf-8") for v in old]
    rewritten = 0
    # Found by their numbers alone (the dealer checked on the rows): asked with the dealer too, a planner
    # may walk every file of the dealer through its index instead.
    for row in s.scalars(select(SyncReceived).where(SyncReceived.n.in_(ns))):
        if row.dealer_id == dealer_id and any(nd in row.content for nd in needles):
            row.content = signing.canonical(replaced(json.loads(row.content), old)) + b"\n"
            rewritten += 1
    s.flush()
    return rewritten
