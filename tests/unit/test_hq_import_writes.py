"""What head office's import of a case file makes the database and the interpreter do, beyond its rows:
the file's bytes written once, and no cycle collection walking the parsed file while it is imported.

Counted, never timed (SQLAlchemy's cursor events, the interpreter's gc callbacks).
"""

from __future__ import annotations

import gc
import re

import pytest
from sqlalchemy import event, func, select

from app.hq import receive as receive_module
from app.hq.receive import receive
from app.models import SyncReceived
from app.services.demo.sample_data import fill_demo
from app.sync import outbox
from app.sync.casefile import CaseFileRejected
from tests.synchelp import enrol_in_process


def _one_file(hq_db, store) -> bytes:
    enrol_in_process(hq_db, store)
    fill_demo(store, forms=3, cases=3, seed=5)
    outbox.file_waiting(store)
    return [w.path.read_bytes() for w in outbox.waiting(store)][0]


def test_a_files_bytes_go_in_once_with_its_last_write_of_its_row(hq_db, store):
    """SQLite rewrites a whole row when any of its columns changes: the bytes inserted with the file's
    row and its counts updated after went to the database twice. They go with the counts, last."""
    data = _one_file(hq_db, store)
    writes: list[tuple[bool, bool]] = []  # (the statement writes sync_received, it carries the file's bytes)

    @event.listens_for(hq_db.engine, "before_cursor_execute")
    def seen(conn, cursor, statement, parameters, context, executemany):
        values = parameters.values() if isinstance(parameters, dict) else parameters or ()
        # (on PostgreSQL, in a WITH of a statement doing more of the file's bookkeeping)
        writes.append((re.search(r"(INSERT INTO|UPDATE) sync_received ", statement) is not None,
                       any(v == data for v in values if isinstance(v, bytes))))

    receipt = receive(hq_db, data)
    event.remove(hq_db.engine, "before_cursor_execute", seen)
    assert receipt.status == "stored"
    row_writes = [carries for writes_row, carries in writes if writes_row]
    assert row_writes.count(True) == 1 and row_writes[-1], row_writes
    with hq_db.session() as s:
        assert s.scalar(select(SyncReceived.content).where(SyncReceived.n == receipt.n)) == data


def test_no_cycle_collection_runs_while_a_file_is_read_and_stored(hq_db, store, monkeypatch):
    """The parsed file is some thousands of dicts and lists that live exactly as long as its import:
    collections while it runs only walked them again and again (and promoted them into the
    generations every full collection walks). Off from its reading to its commit, as it was after."""
    data = _one_file(hq_db, store)
    on_while: list[tuple[str, bool]] = []

    def watched(module, name):
        real = getattr(module, name)

        def call(*args, **kwargs):
            on_while.append((name, gc.isenabled()))
            return real(*args, **kwargs)
        monkeypatch.setattr(module, name, call)

    watched(receive_module.casefile, "parse")
    watched(receive_module, "apply_file")
    watched(receive_module, "_record_arrival")
    enabled = gc.isenabled()
    gc.enable()
    try:
        assert receive(hq_db, data).status == "stored"
        after = gc.isenabled()
        with pytest.raises(CaseFileRejected):
            receive(hq_db, b"{}")
        after_refusal = gc.isenabled()
    finally:
        if not enabled:
            gc.disable()
    assert on_while == [("parse", False), ("apply_file", False), ("_record_arrival", False), ("parse", False)]
    assert after and after_refusal  # as the import found it


def test_an_import_leaves_collection_off_where_it_was_off(hq_db, store):
    """The desk turns automatic collection off for good (app.ui.common.ui_gc): an import in its
    process must not turn it back on."""
    data = _one_file(hq_db, store)
    enabled = gc.isenabled()
    gc.disable()
    try:
        assert receive(hq_db, data).status == "stored"
        assert not gc.isenabled()
    finally:
        if enabled:
            gc.enable()


def test_a_kept_file_is_compressed_with_lz4_on_postgresql(pg_url_at_head, store):
    """PostgreSQL compresses a large value as it stores it: pglz, its default, took 5-7 ms of each
    file's import for the kept bytes, lz4 (where the server has it, as here) under 2. Read back the same."""
    from app.models.store import open_database

    hq_db = open_database(pg_url_at_head)
    try:
        data = _one_file(hq_db, store)
        receipt = receive(hq_db, data)
        with hq_db.session() as s:
            content, method = s.execute(select(SyncReceived.content, func.pg_column_compression(SyncReceived.content))
                                        .where(SyncReceived.n == receipt.n)).one()
    finally:
        hq_db.close()
    assert content == data and method == "lz4"
