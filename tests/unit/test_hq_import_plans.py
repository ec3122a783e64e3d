"""Head office's reads of a file's events look each id up in an index, even in tables PostgreSQL
has no statistics of yet (a head office filling up: autovacuum analyses a table minutes later).

With ``= ANY(ids)`` the planner, knowing nothing of the event table, read it whole for every file
and compared each row with every id of the file: a cost growing with the table. Checked on the
plans PostgreSQL chooses itself (tests/helpers.plans_of, ``as_planned``), never timed.
"""

from __future__ import annotations

import re

from sqlalchemy import text

from app.hq.receive import receive
from app.models.store import open_database, open_store
from app.services.demo.sample_data import fill_demo
from app.sync import outbox
from tests.helpers import plans_of
from tests.synchelp import enrol_in_process


def _counter_files(tmp_path, pg_url, forms: int, cases: int):
    """Head office's database, a counter enrolled there, and the bytes of the files of its demo data."""
    db = open_database(pg_url)
    store = open_store(tmp_path / "counter")
    enrol_in_process(db, store)
    fill_demo(store, forms=forms, cases=cases, seed=5)
    outbox.file_waiting(store)
    return db, store, [w.path.read_bytes() for w in outbox.waiting(store)]


def test_a_files_reads_of_events_use_their_indexes_in_a_table_never_analysed(tmp_path, pg_url):
    db, store, data = _counter_files(tmp_path, pg_url, forms=0, cases=30)
    with db.engine.begin() as c:  # another dealer's 300,000 events, the table never analysed
        c.execute(text("ALTER TABLE event SET (autovacuum_enabled = false)"))
        c.execute(text("INSERT INTO event (id, entity_type, entity_id, seq, kind, payload, actor_id, dealer_id, "
                       "origin, occurred_at) SELECT 'e' || i, 'case', 'c' || (i / 3), i % 3 + 1, 'case.noted', "
                       "'{}', NULL, 'other', 'elsewhere', now() FROM generate_series(1, 300000) AS i"))
    try:
        plans = plans_of(db, lambda: [receive(db, d) for d in data], as_planned=True)
    finally:
        db.close()
        store.close()
    reads = [lines for sql, lines in plans if re.search(r"\b(FROM|JOIN)\s+event\b", sql)]
    assert reads  # the file's reads of what head office holds of its events and their histories
    for lines in reads:
        assert not [line for line in lines if "Seq Scan on event" in line], lines


def test_a_files_reads_are_never_compiled_and_other_work_keeps_the_servers_setting(tmp_path, pg_url):
    """PostgreSQL compiles a statement whose estimated cost passes jit_above_cost (LLVM: 30-60 ms), as
    the read of what head office holds of a file was on a head office filling up (its tables without
    statistics) or for a file of many ids: a lookup by id never gains that back. Off in the file's
    transaction only (a report over a million forms may gain from it)."""
    from sqlalchemy import event

    db, store, data = _counter_files(tmp_path, pg_url, forms=3, cases=3)
    at_read: list[str] = []

    def before(conn, cursor, statement, *a):
        if "failure_case" in statement and "sync_conflict" in statement:
            at_read.append(cursor.connection.execute("SHOW jit").fetchone()[0])

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        for d in data:
            assert receive(db, d).status == "stored"
        with db.session() as s:
            after = s.connection().exec_driver_sql("SHOW jit").scalar()
    finally:
        db.close()
        store.close()
    assert at_read and set(at_read) == {"off"}, at_read
    assert after == "on"
