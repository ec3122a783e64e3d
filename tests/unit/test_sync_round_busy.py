"""A sync round that meets the store busy with another writer waits and runs again, instead of
failing the round; past its patience it fails with the store's own message and nothing half-done."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from app.foundation.errors import StoreBusy
from app.models import Event
from app.sync.client import SyncClient
from tests.helpers import fresh_hq_db, fresh_store
from tests.synchelp import enrol_in_process, in_process_head_office, open_cases


@pytest.fixture
def counter(tmp_path):
    db = fresh_hq_db(tmp_path / "hq.sqlite3")
    a = fresh_store(tmp_path / "a")
    try:
        with in_process_head_office(db, tmp_path / "inbox") as net:
            enrol_in_process(db, a)
            open_cases(a, 2)
            holder = sqlite3.connect(a.path, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")  # another writer: a command, an import, a background job
            try:
                yield db, a, SyncClient(a, url="http://hq", transport=net), holder
            finally:
                holder.close()
    finally:
        a.close()
        db.close()


def _at_head_office(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Event).where(Event.entity_type == "case"))


def test_a_round_waits_out_a_writer_and_sends_everything(counter):
    db, a, client, holder = counter
    pauses = []

    def pause(seconds):  # the writer finishes while the round waits
        pauses.append(seconds)
        holder.execute("COMMIT")

    report = client.run_once(sleep=pause)
    assert pauses == [1.0]
    assert report.acked_events > 0 and _at_head_office(db) == report.acked_events
    assert client.state().waiting == 0


def test_past_its_patience_the_round_fails_with_the_stores_message_and_the_next_one_sends(counter):
    db, a, client, holder = counter
    pauses = []
    with pytest.raises(StoreBusy):
        client.run_once(sleep=pauses.append, busy_retries=2)
    assert pauses == [1.0, 2.0] and _at_head_office(db) == 0
    holder.execute("COMMIT")
    report = client.run_once()
    assert report.acked_events > 0 and _at_head_office(db) == report.acked_events
