"""Head office's import of a case file runs a fixed number of statements, however many rows the file holds.

Counted with SQLAlchemy's cursor events, never timed: a query per event, per record or per alert
coming back would make a file of 500 events cost hundreds of statements, and this test fail.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event

from app.hq.receive import receive
from app.models.store import open_database, open_store
from app.services.demo.sample_data import fill_demo
from app.sync import outbox
from tests.synchelp import enrol_in_process

# What a file of every kind of row costs now (27 statements on SQLite, 26 on PostgreSQL: one read of
# what head office holds of the file's events and of its rows over every table, an insert per table,
# the file's bookkeeping, forms' alerts and month sums; it was 43 with a read per table), with room
# for a few more set queries.
MOST_PER_FILE = 32


def _statements(tmp_path, url: str, size: int, monkeypatch) -> tuple[int, int, int]:
    """(statements the import of one file of ``size`` cases and forms ran, the file's events,
    statements its second delivery ran)."""
    db = open_database(url)
    store = open_store(tmp_path / f"counter-{size}")
    enrol_in_process(db, store)
    fill_demo(store, forms=size, cases=size, seed=3)
    monkeypatch.setattr(outbox, "BATCH", 100_000)  # everything in one file
    outbox.file_waiting(store)
    (data,) = [w.path.read_bytes() for w in outbox.waiting(store)]
    counted: list[int] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: counted.append(1))
    try:
        receipt = receive(db, data)
        assert receipt.status == "stored" and not receipt.refused
        first = len(counted)
        counted.clear()
        assert receive(db, data).status == "duplicate"
        again = len(counted)
    finally:
        db.close()
        store.close()
    return first, receipt.events_new, again


@pytest.fixture(params=["sqlite", "postgresql"])
def new_head_office(request, tmp_path):
    """A function giving the URL of a new, empty head-office database of the parameter's kind."""
    if request.param == "sqlite":
        return lambda name: f"sqlite:///{tmp_path / (name + '.sqlite3')}"
    new_database = request.getfixturevalue("pg_server")
    return lambda name: new_database()


def test_a_file_costs_the_same_statements_whatever_its_size(tmp_path, new_head_office, monkeypatch):
    small, small_events, small_again = _statements(tmp_path, new_head_office("small"), 10, monkeypatch)
    large, large_events, large_again = _statements(tmp_path, new_head_office("large"), 40, monkeypatch)
    assert large_events > 3 * small_events
    # Four times the rows, the same statements (a table more or less the demo happened to fill).
    assert large <= small + 3, (small, large)
    assert large <= MOST_PER_FILE, large
    # A file delivered again is answered from a few reads, whatever its size.
    assert small_again == large_again <= 5, (small_again, large_again)


def test_a_head_office_on_postgresql_keeps_the_file_reads_prepared(tmp_path, pg_server, monkeypatch):
    """psycopg prepares a statement it runs often (the fifth time) and forgets every one at a rollback:
    a file's read transaction ended by one, every file's reads were planned by the server again."""
    db = open_database(pg_server())
    store = open_store(tmp_path / "counter")
    enrol_in_process(db, store)
    fill_demo(store, forms=0, cases=12, seed=5)
    monkeypatch.setattr(outbox, "BATCH", 20)  # a file of 20 events: a dozen files
    outbox.file_waiting(store)
    files = [w.path.read_bytes() for w in outbox.waiting(store)]
    assert len(files) >= 8
    try:
        for data in files:
            assert receive(db, data).status == "stored"
        with db.session() as s:  # the pool's one connection, the imports'
            prepared = s.connection().exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars().all()
    finally:
        db.close()
        store.close()
    # The read of the file's rows over every table and of its events (app.hq.ownership, one statement).
    assert any("unnest" in q and "failure_case" in q and "sync_conflict" in q for q in prepared), prepared


def test_on_sqlite_the_read_of_a_files_rows_over_every_table_reads_its_ids_once(tmp_path, monkeypatch):
    """The owners of a file's ids are looked up in every record table: each lookup read the ids' JSON
    again (fourteen times a file). Read once, as a WITH of the statement; counted in its text."""
    db = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    store = open_store(tmp_path / "counter")
    enrol_in_process(db, store)
    fill_demo(store, forms=3, cases=3, seed=5)
    outbox.file_waiting(store)
    data = [w.path.read_bytes() for w in outbox.waiting(store)][0]
    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda conn, cur, statement, *a: seen.append(statement))
    try:
        assert receive(db, data).status == "stored"
    finally:
        db.close()
        store.close()
    (read,) = [q for q in seen if "failure_case" in q and "sync_conflict" in q]
    # One reading of each value: the file's entities, its events, those and their bases, every id it names.
    assert read.count("json_each(") == 4, read


def test_on_postgresql_a_usual_file_waits_for_seven_round_trips(tmp_path, pg_server, monkeypatch):
    """Each statement (and COPY) on PostgreSQL is a round trip the import waits for, and so is the end of
    a transaction: the counter's secret, its enrolment and the file's earlier delivery, read in no
    transaction; then in the file's transaction one statement for the dealer's lock, the file's row and
    the customers it holds, the read of what head office holds, the events' COPY, the dealer's merges,
    the file's counts with its counter's last contact, and the commit. The lock, the note of the
    customers (a COPY), the counter's update and the reads' commit were four round trips more."""
    from psycopg.pq import TransactionStatus

    from app.models import bulk

    db = open_database(pg_server())
    store = open_store(tmp_path / "counter")
    enrol_in_process(db, store)
    fill_demo(store, forms=0, cases=12, seed=5)
    monkeypatch.setattr(outbox, "BATCH", 40)
    outbox.file_waiting(store)
    *first, usual = [w.path.read_bytes() for w in outbox.waiting(store)]
    counted: list[str] = []
    copy = bulk._copy
    monkeypatch.setattr(bulk, "_copy", lambda conn, table, *a: (counted.append(f"COPY {table.name}"),
                                                                 copy(conn, table, *a)))

    def commit(conn):  # a COMMIT goes to the server only when a transaction is open there
        if conn.connection.driver_connection.info.transaction_status != TransactionStatus.IDLE:
            counted.append("COMMIT")

    try:
        for data in first:
            assert receive(db, data).status == "stored"
        event.listen(db.engine, "before_cursor_execute", lambda conn, cur, statement, *a: counted.append(statement))
        event.listen(db.engine, "commit", commit)
        counted.clear()
        assert receive(db, usual).status == "stored"
    finally:
        db.close()
        store.close()
    assert len(counted) == 7, counted
    assert counted[-1] == "COMMIT"
