"""Faults of the machine in words: a full disk, a read-only store, a busy store give typed errors that
say what to do, and nothing of the change is stored."""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import sessionmaker

from app.foundation.errors import StoreBusy, StoreFull, StoreReadOnly
from app.foundation.translation import Words
from app.models import FeedbackForm
from app.models.store import Store, make_engine
from app.models.store_faults import fault_of, speak_faults
from app.services.imports.feedback_store import import_feedback_file
from tests.helpers import csv_file, form_line, fresh_store


def _forms(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(FeedbackForm))


def _rows(n: int, prefix: str = "RO") -> list[str]:
    return [form_line("2026-05-02", f"{prefix}-{i:05d}", "AAC", customer=f"客户{i}", comment="x" * 200)
            for i in range(n)]


def _full_after(store, spare_pages: int) -> None:
    """From now on the store's file may grow by ``spare_pages`` pages only, as on a nearly full disk."""
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def _cap(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + spare_pages}")


def test_a_full_disk_is_a_full_disk_in_words_and_the_import_stores_nothing(tmp_path):
    store = fresh_store(tmp_path / "data")
    import_feedback_file(store, csv_file(tmp_path / "first.csv", _rows(3, "OLD")))
    _full_after(store, 2)
    with pytest.raises(StoreFull) as caught:
        import_feedback_file(store, csv_file(tmp_path / "big.csv", _rows(400)))
    words = caught.value.render()
    assert "is full" in words and "Free some space" in words and str(store.path) in words
    assert _forms(store) == 3  # all or nothing: not one row of the big file
    zh = caught.value.render(Words("zh_CN"))
    assert "磁盘" in zh and zh != words
    store.close()


@pytest.mark.parametrize("service", ["import", "user"])
def test_a_read_only_store_says_so_and_what_to_do(tmp_path, service):
    from app.services.people import users

    store = fresh_store(tmp_path / "data")
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    store.close()
    ro = make_engine(f"sqlite:///file:{store.path}?mode=ro&uri=true")
    speak_faults(ro, store.path)
    read_only = Store(store.path, ro, sessionmaker(ro, expire_on_commit=False))
    read_only.identity = store.identity
    with pytest.raises(StoreReadOnly) as caught:
        if service == "import":
            import_feedback_file(read_only, csv_file(tmp_path / "f.csv", _rows(2)))
        else:
            users.create_user(read_only, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    assert "can only be read" in caught.value.render() and "permission" in caught.value.render()
    assert _forms(read_only) == 0
    read_only.close()


def test_a_busy_store_waits_then_says_it_is_busy_and_stores_nothing(tmp_path):
    store = fresh_store(tmp_path / "data")
    with closing(sqlite3.connect(store.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # a second desk (or an import) in the middle of its change
        with pytest.raises(StoreBusy) as caught:
            import_feedback_file(store, csv_file(tmp_path / "f.csv", _rows(5)))
        other.execute("ROLLBACK")
    assert "busy" in caught.value.render() and "try again" in caught.value.render()
    assert _forms(store) == 0
    import_feedback_file(store, csv_file(tmp_path / "f.csv", _rows(5)))  # once free, the same file goes in
    assert _forms(store) == 5
    store.close()


@pytest.mark.parametrize("message, code, kind", [
    ("database or disk is full", 13, StoreFull),
    ("attempt to write a readonly database", 8, StoreReadOnly),
    ("attempt to write a readonly database", 8 | (3 << 8), StoreReadOnly),  # an extended code
    ("database is locked", 5, StoreBusy),
    ("database is locked", None, StoreBusy),  # no code: the message decides
    ("no such table: x", 1, type(None)),  # a mistake in the program, not the machine: left as it is
    ("UNIQUE constraint failed: x.id", 19, type(None)),
])
def test_which_sqlite_errors_are_faults_of_the_machine(message, code, kind):
    exc = sqlite3.OperationalError(message)
    if code is not None:
        exc.sqlite_errorcode = code
    assert type(fault_of(exc, "/some/store")) is kind


def test_other_errors_are_not_faults():
    assert fault_of(ValueError("database is locked"), "/x") is None


def test_two_desks_saving_on_one_store_at_once_wait_for_each_other(tmp_path):
    """Each desk has its own engine on the same file; a writer takes the lock before it reads, so the
    other waits its turn (busy timeout) instead of failing when it turns from reading to writing."""
    import threading

    from app.models import FailureCase
    from app.models.store import open_store
    from app.services.people import users
    from app.services.cases.opening import NewCase
    from app.services.cases.complaints import record_complaint

    first = fresh_store(tmp_path / "data")
    admin = users.create_first_admin(first, "admin", "管理员", "1234")
    second = open_store(tmp_path / "data")
    failed: list[BaseException] = []

    def desk(store, tag: str) -> None:
        for i in range(25):
            try:
                record_complaint(store, NewCase(f"客户{tag}{i}", "13500000000", f"川A{tag}{i:04d}", "on_site",
                                                "process", "employee", "minor"), admin.user_id)
            except Exception as exc:  # noqa: BLE001 - every failure is the finding
                failed.append(exc)

    desks = [threading.Thread(target=desk, args=(s, t)) for s, t in ((first, "1"), (second, "2"))]
    for d in desks:
        d.start()
    for d in desks:
        d.join()
    assert not failed, [str(e)[:120] for e in failed]
    with first.session() as s:
        assert s.scalar(select(func.count()).select_from(FailureCase)) == 50
    first.close()
    second.close()


def test_the_command_line_says_the_disk_is_full_in_words(tmp_path, monkeypatch, capsys):
    """`feedback import` on a disk that fills up: exit 1 and the words, no traceback, nothing stored."""
    from app.cli import main
    from app.models import store as store_module

    fresh_store(tmp_path / "data").close()
    made = store_module.make_engine

    def nearly_full(url):
        engine = made(url)
        event.listen(engine, "connect", lambda con, _r: con.execute(
            f"PRAGMA max_page_count={con.execute('PRAGMA page_count').fetchone()[0] + 2}"))
        return engine

    monkeypatch.setattr(store_module, "make_engine", nearly_full)
    code = main(["--data-dir", str(tmp_path / "data"), "feedback", "import",
                 str(csv_file(tmp_path / "big.csv", _rows(400)))])
    err = capsys.readouterr().err
    assert code == 1 and "is full" in err and "Free some space" in err and "Traceback" not in err, err
    monkeypatch.undo()
    with closing(sqlite3.connect(tmp_path / "data" / "store.sqlite3")) as con:
        assert con.execute("SELECT count(*) FROM feedback_form").fetchone()[0] == 0


@pytest.mark.parametrize("number, kind", [
    (errno.ENOSPC, StoreFull), (errno.EDQUOT, StoreFull), (errno.EROFS, StoreReadOnly),
    (errno.ENOENT, type(None)), (errno.EACCES, type(None)),  # a missing or unreadable input file: not the disk
])
def test_a_file_written_beside_the_store_meets_the_same_disk(number, kind):
    exc = OSError(number, os.strerror(number), "/data/attachments/.incoming-x")
    fault = fault_of(exc, "/data/store.sqlite3")
    assert type(fault) is kind
    if fault is not None:
        assert "/data/attachments/.incoming-x" in fault.render()



def test_attaching_a_file_on_a_full_disk_says_so_and_leaves_nothing(tmp_path, monkeypatch):
    from app.services.cases import attachments
    from app.services.cases.opening import NewCase, open_case

    store = fresh_store(tmp_path / "data")
    case = open_case(store, NewCase("周先生", "13500000000", "川A00001", "hotline", "process", "system", "minor"), None)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 5000)

    def no_space(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(attachments.os, "fsync", no_space)
    with pytest.raises(StoreFull) as caught:
        attachments.add_attachment(store, case.id, photo, None)
    assert str(attachments.files_dir(store)) in caught.value.render()
    assert attachments.list_attachments(store, case.id) == []
    assert not list(attachments.files_dir(store).rglob("*.incoming-*")) and not list(
        attachments.files_dir(store).glob(".incoming-*"))
    store.close()
