"""`hq import` of a folder reads and checks each next file on a thread of its own while the one before
it is stored (app.hq.verify_ahead): every file is still read, checked and authenticated, and a bad file
in the series is refused for the same reason as when it is imported alone."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from app.foundation import clock, signing
from app.hq.importer import import_paths
from app.hq.receive import receive
from app.models import Event
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.sync import casefile, outbox
from app.sync.casefile import CaseFileRejected
from tests.synchelp import enrol_in_process


def _series(store, hq_db, tmp_path, monkeypatch):
    """The counter's history as a folder of several files (a few changes each)."""
    enrol_in_process(hq_db, store)
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    for i in range(6):
        feedback_forms.enter_form(store, feedback_forms.FormEntry(
            f"RO-{i}", clock.today() - timedelta(days=i + 1), f"客户{i}", f"1380000000{i}", f"京A1000{i}",
            "A", "B", "C"), admin)
    monkeypatch.setattr(outbox, "BATCH", 1)
    files = outbox.export(store, tmp_path / "out")
    assert len(files) >= 4
    return files


def _reading_threads(monkeypatch) -> list[str]:
    """The thread that reads each file (casefile.read_unauthenticated), in order."""
    names: list[str] = []
    read = casefile.read_unauthenticated

    def recorded(data, likely_key=None):
        names.append(threading.current_thread().name)
        return read(data, likely_key)

    monkeypatch.setattr(casefile, "read_unauthenticated", recorded)
    return names


def _events(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Event))


def test_each_next_file_is_read_while_the_one_before_is_stored(store, hq_db, tmp_path, monkeypatch):
    files = _series(store, hq_db, tmp_path, monkeypatch)
    threads = _reading_threads(monkeypatch)
    macs: list[str] = []
    mac = signing.mac
    monkeypatch.setattr(signing, "mac", lambda key, data: macs.append(threading.current_thread().name)
                        or mac(key, data))
    summary = import_paths(hq_db, [tmp_path / "out"])
    assert summary.count("imported") == len(files)
    assert threads[0] == "MainThread"
    assert len(threads) == len(files)
    assert all(t.startswith("verify-ahead") for t in threads[1:]), threads
    # The first file's MAC in its turn; the next ones' ahead, under the key the one before had.
    assert macs[0] == "MainThread" and len(macs) == len(files)
    assert all(t.startswith("verify-ahead") for t in macs[1:]), macs
    with store.session() as s:
        assert _events(hq_db) == s.scalar(select(func.count()).select_from(Event))


def test_a_bad_file_in_the_series_is_refused_as_alone_and_the_rest_go_in(store, hq_db, tmp_path, monkeypatch):
    files = _series(store, hq_db, tmp_path, monkeypatch)
    bad = files[1]
    data = bad.read_bytes().replace(b'"A"', b'"E"', 1)  # its signature no longer matches
    assert data != bad.read_bytes()
    bad.write_bytes(data)
    try:
        receive(hq_db, data)
    except CaseFileRejected as exc:
        alone = exc.render()
    else:
        raise AssertionError("the tampered file was taken")
    threads = _reading_threads(monkeypatch)
    summary = import_paths(hq_db, [tmp_path / "out"])
    by_name = {o.path.rsplit("/", 1)[-1]: o for o in summary.outcomes}
    assert by_name[bad.name].status == "rejected"
    assert by_name[bad.name].reason == alone
    assert (bad.parent / "rejected" / (bad.name + ".reason.txt")).read_text(encoding="utf-8") == alone + "\n"
    assert by_name[files[0].name].status == "imported"
    assert summary.count("rejected") == 1
    assert sum(t.startswith("verify-ahead") for t in threads) >= 2, threads  # the bad one among them
