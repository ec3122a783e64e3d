"""What applying case files changed, read from the sync registry's tables (app.sync.tables)."""

from __future__ import annotations

from app.services.changes import NOTHING, SYNC, Changes, of_tables
from app.sync.tables import AGGREGATES, BY_NAME, SYNCED

# Everything a case file can write: what a pull, an import or a resolution may have to announce.
CAN_CHANGE: Changes = of_tables(s.table.name for s in SYNCED) | SYNC


def applied(events: list[dict], records: dict[str, list[dict]], *, conflicts: int = 0) -> Changes:
    """The tables a file's events and records touch (its aggregates' own and every record table it
    carries rows of), as the kinds of change the views show; a conflict found is a sync problem."""
    tables = {BY_NAME[name].table.name for name, rows in records.items() if rows and name in BY_NAME}
    tables |= {AGGREGATES[e["entity_type"]].table.name for e in events if e.get("entity_type") in AGGREGATES}
    return of_tables(tables) | (SYNC if conflicts else NOTHING)
