"""Several purges taken in together at head office (`hq import` of a folder): each kept file naming
their customers is rewritten once and the database compacted once, at the round's end; then no kept
file names a purged customer and no byte of head office's SQLite file or WAL holds one. A round a
crash cut short is finished by head office's next start."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event, select

from app.foundation import clock
from app.hq import purge_round
from app.hq.importer import import_paths
from app.hq.receive import receive, recover_inbox
from app.models import StoreMeta, SyncReceived
from app.models.store import open_database
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.privacy import purging
from app.sync import outbox
from tests.synchelp import enrol_in_process
from tests.system.two_counters import sqlite_bytes

FIRST = ("李明远", "13812345678", "京A12345")
SECOND = ("王芳", "13900000001", "京B22222")
KEPT = ("赵强", "13700000002", "京C33333")


def _form(store, who, ro, person, days):
    name, phone, plate = person
    feedback_forms.enter_form(store, feedback_forms.FormEntry(ro, clock.today() - timedelta(days=days), name, phone,
                                                              plate, "A", "B", "C"), who)


def _two_purges(store, hq_db, tmp_path, monkeypatch) -> Path:
    """Head office keeps a file naming three customers; the counter then purges the first, and three
    weeks later the second, each purge in a file of its own: the folder of those two files."""
    enrol_in_process(hq_db, store)
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    _form(store, admin, "RO-1", FIRST, 4 * 365)
    _form(store, admin, "RO-2", SECOND, 3 * 365 - 10)  # past the retention period three weeks later
    _form(store, admin, "RO-3", KEPT, 20)
    assert import_paths(hq_db, outbox.export(store, tmp_path / "history")).count("imported") == 1
    assert purging.purge_if_due(store).customers == 1
    outbox.export(store, tmp_path / "purges")
    monkeypatch.setenv(clock.ENV, clock.setting_for(clock.now() + timedelta(days=21)))
    assert purging.purge_if_due(store).customers == 1
    # Files not yet acknowledged go out again: the history's (head office has it) and the two purges.
    assert len(outbox.export(store, tmp_path / "purges")) == 3
    return tmp_path / "purges"


def _kept(db) -> bytes:
    with db.session() as s:
        return b"".join(s.scalars(select(SyncReceived.content)))


def _notes(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(StoreMeta.key).where(StoreMeta.key.startswith("unscrubbed:"))))


def test_a_round_of_purges_rewrites_each_kept_file_once_and_compacts_once(store, hq_db, tmp_path, monkeypatch):
    purges = _two_purges(store, hq_db, tmp_path, monkeypatch)
    rewrites, compactions = [], []

    @event.listens_for(hq_db.engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("UPDATE sync_received SET content"):
            rewrites.extend(parameters if executemany else [parameters])

    compact = purging.compact
    monkeypatch.setattr(purging, "compact", lambda db: compactions.append(db) or compact(db))
    assert import_paths(hq_db, [purges]).count("imported") == 2

    kept = _kept(hq_db)
    for value in FIRST + SECOND:
        assert value.encode() not in kept, value
    for value in KEPT:  # the other customer's values stay
        assert value.encode() in kept, value
    # The history's file names both purged customers: one rewrite for the two purges (each purge
    # file's own import rewrote it again), and one compaction for the round.
    assert len(rewrites) == 1, rewrites
    assert len(compactions) == 1
    assert _notes(hq_db) == []
    if hq_db.engine.dialect.name == "sqlite":
        on_disk = sqlite_bytes(Path(hq_db.engine.url.database))
        for value in FIRST + SECOND:
            assert value.encode() not in on_disk, value


def test_a_round_a_crash_cut_short_is_finished_at_the_next_start(store, sqlite_hq_url, tmp_path, monkeypatch):
    hq_db = open_database(sqlite_hq_url)
    try:
        purges = _two_purges(store, hq_db, tmp_path, monkeypatch)
        # The round's files stored, then the process dies before the round's end.
        cut_short = purge_round.PurgeRound()
        for f in sorted(purges.glob("*.casefile")):
            receive(hq_db, f.read_bytes(), purges=cut_short)
        assert cut_short.purged == 2
        assert len(_notes(hq_db)) == 2  # each file's scrub noted with it
        assert FIRST[1].encode() in _kept(hq_db)
    finally:
        hq_db.close()

    hq_db = open_database(sqlite_hq_url)  # head office starts again: its inbox is recovered first
    try:
        assert recover_inbox(hq_db, tmp_path / "inbox") == []
        kept = _kept(hq_db)
        for value in FIRST + SECOND:
            assert value.encode() not in kept, value
        assert KEPT[1].encode() in kept
        assert _notes(hq_db) == []
        on_disk = sqlite_bytes(Path(hq_db.engine.url.database))
        for value in FIRST + SECOND:
            assert value.encode() not in on_disk, value
    finally:
        hq_db.close()


def test_a_file_applied_change_by_change_notes_its_purges_in_one_note(sqlite_hq_url):
    """Each change of such a file settles on its own: its purges join the file's one note, the first
    purge's value kept for a value two of them replace (as their scrubs one after the other left it)."""
    from app.services.privacy import kept_files

    db = open_database(sqlite_hq_url)
    try:
        with db.session() as s, s.begin():
            kept_files.defer(s, 7)
            assert kept_files.scrub(s, "dealer-1", {"c1"}, {"13812345678": "token-1"}) == 0
            assert kept_files.scrub(s, "dealer-1", {"c2"}, {"13812345678": "token-2", "京A12345": "plate-2"}) == 0
        assert _notes(db) == ["unscrubbed:dealer-1:7"]
        with db.session() as s:
            assert kept_files.noted_dealers(s) == {"dealer-1"}
            noted = s.get(StoreMeta, "unscrubbed:dealer-1:7").value
        assert json.loads(noted) == {"customers": ["c1", "c2"],
                                     "old": {"13812345678": "token-1", "京A12345": "plate-2"}}
        with db.session() as s, s.begin():
            assert kept_files.scrub_noted(s, "dealer-1") == 0  # no kept file of theirs here
        assert _notes(db) == []
    finally:
        db.close()
