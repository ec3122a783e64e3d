"""Bulk inserts for imports: SQLite's executemany without per-row SQLAlchemy parameter work.

Profiling a 100,000-form import showed more time in SQLAlchemy's per-row parameter processing
than in SQLite itself, so on SQLite the values are converted once per column here, exactly as
the column types would store them, and handed to the driver. Other databases use Core inserts.
"""

from __future__ import annotations

import json
from functools import lru_cache
from operator import itemgetter
from datetime import date, datetime, timezone
from typing import Any, Callable

from sqlalchemy import JSON, Boolean, Date, Table, insert

from app.models.base import UTCDateTime


@lru_cache(maxsize=4096)  # a batch shares a few timestamps; formatting each row again was costly
def _utc_text(v: datetime) -> str:
    # SQLAlchemy's SQLite DATETIME storage format, naive UTC like UTCDateTime writes it.
    return v.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


@lru_cache(maxsize=4096)
def _date_text(v: date) -> str:
    return v.isoformat()


def _converter(col_type) -> Callable[[Any], Any] | None:
    if isinstance(col_type, UTCDateTime):
        return _utc_text
    if isinstance(col_type, Date):
        return _date_text
    if isinstance(col_type, JSON):
        return json.dumps
    if isinstance(col_type, Boolean):
        return int
    return None


def bulk_insert(session, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    cols = list(rows[0])
    # Column by column (itemgetter and zip run in C): a generator per row cost more than SQLite's insert.
    columns = []
    for c in cols:
        f = _converter(table.c[c].type)
        values = map(itemgetter(c), rows)
        columns.append(values if f is None else [None if v is None else f(v) for v in values])
    data = list(zip(*columns))
    # A big transaction spills SQLite's default 2 MB page cache to the WAL again and again.
    conn.exec_driver_sql("PRAGMA cache_size=-65536")
    sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    conn.exec_driver_sql(sql, data)
