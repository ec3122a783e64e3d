"""Backups of a counter's store: what one holds, which are kept, and a restore that keeps numbering
forward and names what head office has not received before giving it up."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from app.foundation import secrets
from app.models import FailureCase, SyncFile, snapshot
from app.services.cases import attachments
from app.services.backups import catalogue, restoring, taking
from app.services.backups.catalogue import BackupInfo
from app.services.backups.open_store import restore_open_store
from app.sync import outbox
from tests.synchelp import open_cases

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


def made(hours: float, name: str = "") -> BackupInfo:
    at = T0 + timedelta(hours=hours)
    return BackupInfo(Path(name or f"backup-{hours}.zip"), at, "daily", 1, 0, 0, 0, "s", "D", 0)


@pytest.mark.parametrize("ages, keep, dropped", [
    ([], 3, []),
    ([0], 3, []),
    ([0, 24, 48], 3, []),
    ([0, 24, 48, 72], 3, [0]),
    ([72, 0, 48, 24, 96], 2, [48, 24, 0]),  # the order they were found in does not matter
    ([0, 24, 48], 1, [24, 0]),
    ([0, 24], 0, [0]),  # "keep none" still keeps the newest: the only copy is never deleted
    ([5, 5.5, 6], 2, [5]),  # several on one day: the newest two
])
def test_only_the_newest_n_are_kept(ages, keep, dropped):
    got = catalogue.to_drop([made(h) for h in ages], keep)
    assert [b.created_at for b in got] == [T0 + timedelta(hours=h) for h in dropped]


def test_two_at_the_same_moment_are_ordered_by_name():
    a, b = made(1, "backup-a.zip"), made(1, "backup-b.zip")
    assert catalogue.to_drop([a, b], 1) == [a]


def _secret(store) -> None:
    secrets.put(secrets.counter_key(store.identity.store_id), "ab" * 32)


def _figures(store) -> dict:
    with store.session() as s:
        return {"cases": len(s.scalars(select(FailureCase.id)).all()),
                "files": {f.seq: f.status for f in s.scalars(select(SyncFile))}}


def test_a_backup_holds_the_database_attachments_outbox_and_a_manifest(store, data_dir, tmp_path):
    _secret(store)
    case_id = open_cases(store, 2)[0]
    photo = tmp_path / "dent.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    attachments.add_attachment(store, case_id, photo, None)
    outbox.file_waiting(store)
    info = taking.back_up_now(store)
    with zipfile.ZipFile(info.path) as z:
        names = set(z.namelist())
    assert {"manifest.json", "store.sqlite3"} <= names
    assert any(n.startswith("attachments/") for n in names)
    assert any(n.startswith("outbox/") for n in names)
    m = snapshot.read_manifest(info.path)
    assert (m.cases, m.forms, m.attachments, m.outbox_files) == (2, 0, 1, 1)
    assert m.store_id == store.identity.store_id and m.last_sequence == 1 and m.unacknowledged > 0
    assert (info.cases, info.reason) == (2, "manual")
    assert catalogue.list_backups(data_dir) == [info]


def test_the_daily_backup_is_taken_once_a_day_and_the_last_n_kept(store, data_dir, monkeypatch):
    from app.foundation import clock
    from app.services import settings

    with store.session() as s, s.begin():
        settings.put(s, "backups.keep", 2)
    start = clock.now()
    for day in range(4):
        monkeypatch.setattr(clock, "now", lambda d=day: start + timedelta(days=d))
        monkeypatch.setattr(clock, "local_now", lambda d=day: (start + timedelta(days=d)).astimezone())
        assert taking.back_up_if_due(store) is not None
        assert taking.back_up_if_due(store) is None  # the same day: not again
    kept = catalogue.list_backups(data_dir)
    assert [b.created_at.date() for b in kept] == [(start + timedelta(days=d)).date() for d in (3, 2)]


def test_restore_keeps_what_head_office_has_and_numbers_forward(store, data_dir):
    _secret(store)
    open_cases(store, 2)
    outbox.file_waiting(store)  # file 1, waiting when the backup is taken
    backup = taking.back_up_now(store).path
    outbox.mark_acked(store, 1)  # ... acknowledged after it
    open_cases(store, 1, start=10)
    assert outbox.file_waiting(store) == [2]
    outbox.mark_acked(store, 2)
    open_cases(store, 1, start=20)  # never sent

    check = restoring.check(data_dir, backup)
    assert check.same_counter and check.unsent_lost > 0 and check.sent_not_here > 0
    with pytest.raises(restoring.UnsentWouldBeLost) as refused:
        restore_open_store(store, backup)
    assert str(check.unsent_lost) in refused.value.render()
    assert _figures(store)["cases"] == 4  # refused: nothing changed, the store works on

    done = restore_open_store(store, backup, force=True)
    assert done.before is not None and done.before.exists()
    after = _figures(store)
    assert after["cases"] == 2
    # File 1 head office acknowledged is acknowledged here too; file 2 is listed as head office's.
    assert after["files"] == {1: "acked", 2: "acked"}
    assert outbox.counts(store).unfiled_events == 0  # nothing of the backup goes out again
    open_cases(store, 1, start=30)
    assert outbox.file_waiting(store) == [3]  # never 2 again: head office has a 2
    with store.session() as s:
        numbers = sorted(n for n in s.scalars(select(FailureCase.number)))
    assert numbers[-1].endswith("-0005")  # four numbers were given out before the restore


def test_a_new_pc_takes_over_a_counter_from_its_backup(store, data_dir, new_store, tmp_path):
    open_cases(store, 3)
    backup = taking.back_up_now(store).path
    other = new_store(tmp_path / "new-pc")
    assert restoring.check(other.path.parent, backup).same_counter is False
    restore_open_store(other, backup)
    assert other.identity.store_id == store.identity.store_id
    assert _figures(other)["cases"] == 3


@pytest.mark.parametrize("content, problem", [
    (b"not a zip at all", restoring.NotABackup),
    ("zip-without-manifest", restoring.NotABackup),
    ("damaged-db", restoring.DamagedStore),
])
def test_a_bad_backup_is_refused_and_nothing_changes(store, data_dir, tmp_path, content, problem):
    open_cases(store, 1)
    bad = tmp_path / "bad.zip"
    if content == "zip-without-manifest":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("store.sqlite3", b"x")
    elif content == "damaged-db":
        good = taking.back_up_now(store).path
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as z:
            z.writestr("manifest.json", src.read("manifest.json"))
            db = bytearray(src.read("store.sqlite3"))
            db[4096 * 2:4096 * 2 + 200] = b"\x55" * 200  # a page of the b-trees overwritten
            z.writestr("store.sqlite3", bytes(db))
    else:
        bad.write_bytes(content)
    with pytest.raises(problem):
        restore_open_store(store, bad, force=True)
    assert _figures(store)["cases"] == 1
    assert not list(data_dir.glob(".restore-*"))
    con = sqlite3.connect(data_dir / "store.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()


def test_a_new_pc_restored_from_an_older_backup_numbers_above_what_head_office_has(
        store, tmp_path, new_store, new_hq_db, serve_in_process):
    """The old PC sent more after its last backup; the new PC, restored from that backup and enrolled
    again, sends its next file and numbers its next case above what head office already holds."""
    from app.hq.counters import add_dealer, issue_code
    from app.sync.client import SyncClient
    from app.sync.connect import connect

    db = new_hq_db(tmp_path / "hq.sqlite3")
    add_dealer(db, "BJ01", "北京一店")
    transport = serve_in_process(db, tmp_path / "inbox")
    connect(store, "http://hq.test", issue_code(db, "BJ01"), transport=transport)
    client = SyncClient(store, transport=transport)
    open_cases(store, 2)
    client.run_once()
    backup = taking.back_up_now(store).path  # head office has file 1, cases -0001 and -0002
    open_cases(store, 2, start=10)
    client.run_once()  # ... and then file 2, cases -0003 and -0004: not in the backup

    new_pc = new_store(tmp_path / "new-pc")
    restore_open_store(new_pc, backup)
    secrets.delete(secrets.counter_key(new_pc.identity.store_id))  # the old PC's keyring went with it
    connect(new_pc, "http://hq.test", issue_code(db, "BJ01", replace=new_pc.identity.store_id),
            transport=transport)
    open_cases(new_pc, 1, start=20)
    report = SyncClient(new_pc, transport=transport).run_once()
    assert (report.sent, report.rejected) == (1, 0)  # file 3: never a second, different file 2
    with new_pc.session() as s:
        assert max(s.scalars(select(FailureCase.number))).endswith("-0005")
        assert max(s.scalars(select(SyncFile.seq))) == 3


def test_a_store_another_program_has_open_is_not_replaced(store, data_dir):
    """Recovery Desk still open on the PC while `restore` runs: refused, the store untouched."""
    open_cases(store, 1)
    backup = taking.back_up_now(store).path
    open_cases(store, 1, start=5)
    other = sqlite3.connect(data_dir / "store.sqlite3")  # the other program's connection
    other.execute("SELECT count(*) FROM failure_case").fetchone()
    try:
        with pytest.raises(restoring.StoreInUse):
            restoring.restore(data_dir, backup, keep=5, force=True)
    finally:
        other.close()
    assert _figures(store)["cases"] == 2
