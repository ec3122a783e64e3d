"""Bulk inserts for imports (SQLite's multi-row INSERT, PostgreSQL's COPY, without per-row SQLAlchemy
parameter work), and reads of the rows among many ids in one statement.

Profiling a 100,000-form import showed more time in SQLAlchemy's per-row parameter processing
than in SQLite itself, so the values are converted once per column here, exactly as the column
types would store them, and handed to the driver. Other databases use Core inserts.
"""

from __future__ import annotations

import json
import re
import sqlite3
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from datetime import date, datetime, timezone
from typing import Any, Callable

import orjson
from sqlalchemy import ARRAY, JSON, Boolean, Date, String, Table, TypeDecorator, any_, bindparam, func, insert, select, true
from sqlalchemy.exc import DBAPIError

from app.models.base import UTCDateTime


@lru_cache(maxsize=4096)  # a batch shares a few timestamps; formatting each row again was costly
def _utc_text(v: datetime) -> str:
    # SQLAlchemy's SQLite DATETIME storage format, naive UTC like UTCDateTime writes it: strftime's
    # "%Y-%m-%d %H:%M:%S.%f", written by isoformat in a third of the time (a file's events each have
    # their own time). strftime writes a year before 1000 unpadded, so such a year keeps it.
    if v.tzinfo is not timezone.utc:
        v = v.astimezone(timezone.utc)
    if v.year < 1000:
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    return v.isoformat(" ", "microseconds")[:26]  # without its "+00:00": no naive copy made first


# A time as counters write it (isoformat of a UTC time with its microseconds), from the year 1000 on.
_UTC_ISO = re.compile(r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\+00:00")


def utc_values(postgresql: bool, texts: list[str], times: list[datetime]) -> list:
    """A UTC time column's values as the database takes them (``bulk_insert_columns``' ``as_stored``),
    from ISO texts and the times read off them (which checked them): a text of the usual form is
    _utc_text's already, its digits rearranged, and PostgreSQL reads that text as the same time;
    formatting a file's 500 event times again took three times as long. Any other form is converted
    from its time as the column's converter does."""
    fits, other = _UTC_ISO.fullmatch, _utc_naive if postgresql else _utc_text
    return [t[:10] + " " + t[11:26] if fits(t) else other(v) for t, v in zip(texts, times)]


@lru_cache(maxsize=4096)
def _date_text(v: date) -> str:
    return v.isoformat()


def _json_writer() -> Callable[[Any], str]:
    """json.dumps' text of a value (its encoder without the check for circular values: a payload is a
    flat dict). json.dumps makes its C encoder again for every value: made once here, a file's 500
    small payloads are written in two thirds of the time. Checked against json.dumps itself when
    made; where the C encoder is missing or writes otherwise, json.dumps' own encoder is used."""
    plain = json.JSONEncoder(check_circular=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return plain.encode
    try:
        encode = make(None, plain.default, json.encoder.encode_basestring_ascii, None, plain.key_separator,
                      plain.item_separator, False, False, True)
    except TypeError:
        return plain.encode

    def text(value: Any) -> str:
        return "".join(encode(value, 0))

    sample = {"a": [1, -2.5, 1e300, None, True, False, "x\u00e9\n\"中"], "b": {"c": "", "d": 2**70}, "中": 0.1}
    return text if text(sample) == plain.encode(sample) == json.dumps(sample) else plain.encode


_json_text = _json_writer()


def _converter(col_type) -> Callable[[Any], Any] | None:
    if isinstance(col_type, UTCDateTime):
        return _utc_text
    if isinstance(col_type, Date):
        return _date_text
    if isinstance(col_type, JSON):
        return _json_text
    if isinstance(col_type, Boolean):
        return int
    return None


@lru_cache(maxsize=4096)
def _utc_naive(v: datetime) -> datetime:
    # What UTCDateTime binds: naive UTC.
    return v.astimezone(timezone.utc).replace(tzinfo=None)


def time_value(postgresql: bool, v: datetime) -> Any:
    """A UTCDateTime column's value as the driver takes it (a ``prepared`` statement skips the type)."""
    if v.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return _utc_naive(v) if postgresql else _utc_text(v)


def _pg_converter(col_type) -> Callable[[Any], Any] | None:
    if isinstance(col_type, UTCDateTime):
        return _utc_naive
    if isinstance(col_type, JSON):
        return _json_text  # SQLAlchemy's own serializer's text (json.dumps'); it goes to a json column as it is
    return None


def bulk_insert(session, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    cols = list(rows[0])
    bulk_insert_rows(session, table, cols, list(map(itemgetter(*cols), rows)) if len(cols) > 1
                     else [(r[cols[0]],) for r in rows])


def bulk_insert_rows(session, table: Table, cols: list[str], rows: list[tuple]) -> None:
    """``bulk_insert`` of rows given as tuples in the order of ``cols`` (a writer of many rows builds
    them so, without a dict per row)."""
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        _copy(conn, table, cols, _by_column(rows, [_pg_converter(table.c[c].type) for c in cols]))
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), [dict(zip(cols, r)) for r in rows])
        return
    _sqlite_insert(conn, table, cols, _by_column(rows, [_converter(table.c[c].type) for c in cols]))


_ROWS_PER_INSERT = 500  # a statement's text and program grow with its rows


def _sqlite_insert(conn, table: Table, cols: list[str], rows: list[tuple]) -> None:
    """Rows already converted: up to 500 (a head-office file's events) in one statement of as many
    rows, more through executemany (still one statement, whatever their number). Through executemany,
    a file's 500 events cost the driver's and SQLAlchemy's work around each row (1.5 ms of a ~20 ms
    import); and one statement is one stretch out of Python, in which another thread may run
    (app.hq.verify_ahead)."""
    limit = conn.info.get("bulk_parameters")
    if limit is None:  # once per connection: both stay set
        # A big transaction spills SQLite's default 2 MB page cache to the WAL again and again.
        conn.exec_driver_sql("PRAGMA cache_size=-65536")
        limit = conn.info["bulk_parameters"] = conn.connection.dbapi_connection.getlimit(
            sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    head, one = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ", f"({', '.join('?' * len(cols))})"
    if len(rows) <= _ROWS_PER_INSERT and len(rows) * len(cols) <= limit:
        conn.exec_driver_sql(head + ", ".join([one] * len(rows)), tuple(chain.from_iterable(rows)))
    else:
        conn.exec_driver_sql(head + one, rows)


def bulk_insert_columns(session, table: Table, cols: list[str], columns: list[list],
                        as_stored: dict[str, Callable[[bool], list]] | None = None) -> None:
    """``bulk_insert`` of rows given column by column (each a list, in the order of ``cols``): a writer
    that has its values so converts each column in one pass and makes one tuple per row, at the end.
    ``as_stored``: column -> its values as the database takes them, given whether it is PostgreSQL
    (e.g. utc_values), in place of the column's own conversion on SQLite and PostgreSQL."""
    if not columns or not columns[0]:
        return
    conn = session.connection()
    postgresql = conn.dialect.name == "postgresql"
    if not postgresql and conn.dialect.name != "sqlite":
        bulk_insert_rows(session, table, cols, list(zip(*columns)))
        return
    if as_stored:
        columns = [as_stored[c](postgresql) if c in as_stored else column for c, column in zip(cols, columns)]
    convert = _pg_converter if postgresql else _converter
    converters = [None if as_stored and c in as_stored else convert(table.c[c].type) for c in cols]
    rows = list(zip(*(_converted(column, f) for f, column in zip(converters, columns))))
    if postgresql:
        _copy(conn, table, cols, rows)
    else:
        _sqlite_insert(conn, table, cols, rows)


def _copy(conn, table: Table, cols: list[str], rows: list[tuple]) -> None:
    """PostgreSQL: the rows through COPY, in the caller's transaction (values converted once per
    column, as on SQLite). Pipelined executemany, the way before, cost the server a statement per row
    and psycopg a round of parameters per row: several times COPY's time for a file's 500 events.
    COPY fires the same triggers and checks the same constraints; a refused row raises the error an
    insert would have (IntegrityError...), so callers see no difference."""
    names = ", ".join(f'"{c}"' for c in cols)
    sql = f'COPY "{table.name}" ({names}) FROM STDIN'
    raw = conn.connection.driver_connection
    try:
        with raw.cursor() as cur, cur.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except raw.Error as exc:
        raise DBAPIError.instance(sql, None, exc, raw.Error, dialect=conn.dialect) from exc


def _by_column(rows: list[tuple], converters: list) -> list[tuple]:
    """The rows with each converter applied to its column; column by column (zip and map run in C):
    a generator per row cost more than the database's insert."""
    if not any(converters):
        return rows
    return list(zip(*(_converted(column, f) for f, column in zip(converters, zip(*rows)))))


def _converted(column, f):
    """One column's values through its converter (None: as they are); NULL stays NULL."""
    if f is None:
        return column
    # Most columns hold no NULL: then converted by map, in C.
    return list(map(f, column)) if None not in column else [None if v is None else f(v) for v in column]


class _IdArray(TypeDecorator):
    """A text array bound as its text (``id_value``): psycopg sends a str untyped, so the server reads
    it as the array the statement casts it to, once, when the statement's values are bound. The
    array type's own conversion would take the text for a list of its characters; a CAST in the
    statement was read again by each scan of the ids (14 of them in head office's read of a file)."""

    impl = ARRAY(String)
    cache_ok = True

    def bind_processor(self, dialect):
        return None


# One instance of each bound type: a type made per statement is a new object whose cache key
# SQLAlchemy works out again (inspecting its class's arguments) every time. The generic ARRAY, which
# PostgreSQL's dialect compiles and binds as its own: importing that dialect here loaded it (~20 ms) in
# every desk, on the way to Today, for a type only head office's PostgreSQL uses.
_ID_ARRAY = _IdArray()
_TEXT = String()


class IdValue:
    """Many ids as the one value ``among`` binds (made once, for statements reading several tables)."""

    def __init__(self, session, ids) -> None:
        self.postgresql = session.get_bind().dialect.name == "postgresql"
        self.value = id_value(self.postgresql, ids)


def id_value(postgresql: bool, ids) -> Any:
    """The value ``among``'s parameter takes for ``ids``: one text, PostgreSQL's array literal or a
    JSON array (SQLite)."""
    ids = ids if isinstance(ids, (list, tuple, set, frozenset)) else list(ids)
    try:
        values = set(ids)
    except TypeError:  # something unhashable among them
        values = {str(i) for i in ids}
    if set(map(type, values)) - {str}:  # ids are text almost always: then none is made text again, in C
        values = {str(i) for i in values}
    values = list(values)
    if postgresql:
        return _pg_array(values)
    try:  # the same JSON array in a tenth of json.dumps' time (a file's reads send a few thousand ids)
        return orjson.dumps(values).decode()
    except TypeError:  # a lone surrogate (a file's payload may name one): json.dumps writes it escaped
        return json.dumps(values)


# What no PostgreSQL text holds: NUL, and a lone surrogate (no UTF-8 for it).
_NOT_PG_TEXT = re.compile("[\x00\ud800-\udfff]")


def _pg_array(values: list[str]) -> str:
    """PostgreSQL's text of a text array of ``values``, which the server splits: psycopg's dumper of a
    Python list took 1.5 ms of a usual file's 5 ms read of what head office holds (its ~1,200 ids),
    the text is joined in C. Every element quoted, so commas, braces, spaces and "NULL" stay text; a
    quote or backslash escaped. An id no PostgreSQL text can hold is no row's id there: left out
    (sent, it made the driver or the server refuse the whole statement, so the whole file)."""
    if not values:
        return "{}"
    body = '","'.join(values)
    if (not body.isascii() or "\x00" in body) and _NOT_PG_TEXT.search(body) is not None:  # rare: found in C
        values = [v for v in values if _NOT_PG_TEXT.search(v) is None]
        body = '","'.join(values)
    if body.count('"') != 2 * (len(values) - 1) or "\\" in body:  # a quote beyond the separators' (rare)
        body = '","'.join(v.replace("\\", "\\\\").replace('"', '\\"') for v in values)
    return '{"' + body + '"}' if values else "{}"  # (all of them left out)


def among(session, column, ids, *, key: str | None = None):
    """``column IN ids`` as one statement of the same text whatever the number of ids: the ids go as
    one value (a PostgreSQL array, a JSON array that SQLite's ``json_each`` reads), so neither the
    parameter limits nor a new statement per length (compiled, and parsed by the driver, again and
    again) apply, and the database looks each id up in the column's index. ``key`` names the value,
    so a statement reading several tables by the same ids (an IdValue) sends them once."""
    ids = ids if isinstance(ids, IdValue) else IdValue(session, ids)
    return _among(ids.postgresql, column, bindparam(key, ids.value, type_=_ID_ARRAY if ids.postgresql else _TEXT,
                                                     unique=key is None))


def among_param(postgresql: bool, column, key: str):
    """``among`` with its value left to each run of a ``prepared`` statement (``id_value`` gives it)."""
    return _among(postgresql, column, bindparam(key, type_=_ID_ARRAY if postgresql else _TEXT))


def among_joined(postgresql: bool, query, column, key: str, source=None):
    """``query`` (a select of ``column``'s table, joins included) limited to the rows whose ``column``
    is among the ids of the value ``key`` of a ``prepared`` run (``id_value`` gives it): for each id,
    its rows found through the column's index, whatever the database knows of the tables' sizes.
    SQLite: a join from the ids (``json_each``); with ``among_param``'s IN, SQLite first copied the
    ids into a temporary index for each table of the statement (the owners of a first file's 2,452
    ids over 14 tables: 160 ms; joined, 60). PostgreSQL: the query run for each id (a lateral join
    from ``unnest``). With ``among_param``'s ``= ANY``, or a plain join, a table the planner has no
    statistics of yet (a head office filling up: autovacuum analyses it only minutes later) was read
    whole for every file, its rows compared with each id (the events of 10,000 cases against a
    file's 30 entities: 40 ms, growing with the table); each id looked up: 0.1 ms. ``source``: on
    SQLite, the ids as ``ids_read_once`` gives them for a statement reading several tables by them."""
    if postgresql:
        each = id_rows(key)
        # OFFSET 0: the planner keeps the lookup per id instead of turning it back into a join.
        per_id = query.where(column == each.c.value).offset(0).lateral()
        return select(*per_id.c).select_from(each).join(per_id, true())
    each = source if source is not None else func.json_each(bindparam(key, type_=_TEXT)).table_valued("value")
    return query.join_from(each, column.table, column == each.c.value)


def id_rows(key: str):
    """PostgreSQL: the ids of the value ``key`` of a ``prepared`` run (``id_value`` gives it) as rows,
    their column ``value``."""
    return func.unnest(bindparam(key, type_=_ID_ARRAY)).table_valued("value").render_derived()


def ids_read_once(key: str):
    """SQLite: the ids of the value ``key`` as rows of the statement's own (a WITH it reads once,
    SQLite keeping its rows) for ``among_joined``'s ``source``: a statement looking the same ids up in
    several tables read their JSON again for each (a usual file's owners over 14 tables: 0.07 ms of 0.5)."""
    each = func.json_each(bindparam(key, type_=_TEXT)).table_valued("value")
    return select(each.c.value).cte(f"{key}_once")


def _among(postgresql: bool, column, param):
    if postgresql:
        return column == any_(param)
    each = func.json_each(param).table_valued("value")
    return column.in_(select(each.c.value))


# Statements compiled once per kind of database: (name, dialect) -> (SQL text, positional parameter
# names or None, the values bound at build time).
_PREPARED: dict[tuple[str, str], tuple[str, tuple[str, ...] | None, dict[str, Any]]] = {}


def prepared(session, name: str, build: Callable[[bool], Any], params: dict[str, Any]):
    """Run the statement ``build(postgresql)`` makes, built and compiled once per kind of database and
    then handed to the driver as its text. A head-office import runs some twenty small reads per
    file: built, cache-keyed and run through the ORM each time, every one cost about four times the
    database's own work. ``name`` must say everything that changes the statement's text. The rows
    come as the driver gives them: for reads of ids, numbers and text (no value needs a type's
    conversion either way); ``params`` must be such values too."""
    conn = session.connection()
    dialect = conn.dialect
    got = _PREPARED.get((name, dialect.name))
    if got is None:
        compiled = build(dialect.name == "postgresql").compile(dialect=dialect)
        names = compiled.positiontup
        got = (compiled.string, tuple(names) if names is not None else None, dict(compiled.params))
        _PREPARED[(name, dialect.name)] = got
    sql, names, bound = got
    values = {**bound, **params}
    return conn.exec_driver_sql(sql, tuple(values[n] for n in names) if names is not None else values)
