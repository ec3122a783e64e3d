"""Small builders shared by tests."""

from __future__ import annotations

import os
import socket
from pathlib import Path

# The run's store file at the schema's head, set by the migrated_template fixture (tests/conftest.py).
MIGRATED_TEMPLATE: Path | None = None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now. With the suite on several processes
    (pytest-xdist), each takes only the ports of its own share (port // 2 % processes == its number:
    Linux hands out odd ports here, keeping even ones for outgoing connections): two processes'
    servers never pick the same port, so a server's health check can't be answered by another
    process's server that won the port."""
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")  # gw0, gw1, ...
    mine = int(worker[2:]) % count if worker[2:].isdigit() else 0
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port // 2 % count == mine:
            return port


HEADER = "date,repair_order,advisor,customer,phone,plate,timeliness,repair_quality,attitude,overall,verified,comment"


def csv_file(path: Path, rows: list[str], *, header: str = HEADER, bom: bool = False) -> Path:
    text = "\n".join([header, *rows]) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def form_line(day: str, ro: str, grades: str = "AAC", *, advisor: str = "张伟", customer: str = "王芳",
              phone: str = "13812345678", plate: str = "京A12345", overall: str = "", verified: str = "",
              comment: str = "") -> str:
    t, q, a = grades
    return f"{day},{ro},{advisor},{customer},{phone},{plate},{t},{q},{a},{overall},{verified},{comment}"


def worked_example_rows() -> list[str]:
    """DOMAIN.md: May, 10 jobs, total 40 -> 4.0; April's average 3.5."""
    may = [form_line(f"2026-05-{d:02d}", f"RO-05-{d:02d}", "AAC") for d in range(1, 11)]  # 10 x 4 = 40
    april = [form_line("2026-04-10", "RO-04-01", "AAC"), form_line("2026-04-11", "RO-04-02", "ABC")]  # (4+3)/2
    return april + may


def fresh_hq_db(path: Path):
    """Head office's database in a new SQLite file at ``path``: a copy of the run's migrated template
    (the same models and migrations as a counter's store), opened with open_database."""
    import shutil

    from app.models.store import open_database

    if MIGRATED_TEMPLATE is not None and not Path(path).exists():
        shutil.copyfile(MIGRATED_TEMPLATE, path)
    return open_database(f"sqlite:///{path}")


def fresh_store(folder: Path):
    """open_store(folder); a folder without a store first gets a copy of the run's migrated template,
    so a new counter costs a file copy instead of every migration (an existing store opens as it is)."""
    import shutil

    from app.models.store import STORE_FILE, open_store

    folder = Path(folder)
    if MIGRATED_TEMPLATE is not None and not (folder / STORE_FILE).exists():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MIGRATED_TEMPLATE, folder / STORE_FILE)
    return open_store(folder)


def downgrade(engine, revision: str) -> None:
    """Migrate a store down to ``revision``. On SQLite with foreign keys off (switched outside a
    transaction, or SQLite ignores it), as the store's own upgrade does, since dropping a column
    rebuilds its table and the rows pointing at it would fail otherwise."""
    from alembic import command

    from app.models.store import _alembic_config

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as c:
        if sqlite:
            c.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        with c.begin():
            command.downgrade(_alembic_config(c), revision)
        if sqlite:
            c.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")


def plans_of(db, work, *, as_planned: bool = False) -> list[tuple[str, list[str]]]:
    """(statement, the lines of its plan) for every SELECT (or WITH) ``work`` makes on ``db`` (a store
    or head office's database: anything with an ``engine``). SQLite answers ``EXPLAIN QUERY PLAN``
    (a line per step, its detail); on PostgreSQL sequential scans are turned off first, so a lookup
    shows the index it can use (tiny test tables are scanned otherwise), and ``EXPLAIN`` gives a line per row.
    ``as_planned``: PostgreSQL's plans as its planner chooses them (sequential scans left on)."""
    import sqlalchemy

    plans = []
    postgres = db.engine.dialect.name == "postgresql"

    def explain(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
            return
        if postgres:
            cursor.connection.execute("SET enable_seqscan = " + ("on" if as_planned else "off"))
            rows = cursor.connection.execute("EXPLAIN " + statement, parameters).fetchall()
            plans.append((statement, [r[0] for r in rows]))
        else:
            rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans.append((statement, [r[3] for r in rows]))

    sqlalchemy.event.listen(db.engine, "before_cursor_execute", explain)
    try:
        work()
    finally:
        sqlalchemy.event.remove(db.engine, "before_cursor_execute", explain)
    return plans
