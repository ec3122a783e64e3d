"""Processes killed at the worst moments, offline transfer by USB stick, and the command line
driven as a user would, including a computer without a keyring."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from app.hq.counters import add_dealer, issue_code
from app.models import Event, SyncReceived
from app.models.store import open_database
from app.sync import outbox
from app.sync.client import Offline, SyncClient
from app.sync.connect import connect
from tests.helpers import fresh_store
from tests.synchelp import count, enrol_in_process, event_ids, open_cases
from tests.system.hqserver import ROOT, HoldingProxy, HqServer

pytestmark = pytest.mark.slow


def cli(*args, env=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env or os.environ.copy(), timeout=timeout)


@pytest.fixture
def keyring_env(tmp_path):
    """Child processes use a keyring file inside the test's temp dir (never the real keyring)."""
    return dict(os.environ, PYTHON_KEYRING_BACKEND="tests.fake_keyring.TestFileKeyring",
                TEST_KEYRING_FILE=str(tmp_path / "keyring.json"), PYTHONPATH=str(ROOT))


def test_cli_round_trip_and_wrong_input(tmp_path, keyring_env):
    db = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    assert cli("hq", "dealer", "add", "--db", db, "bj01", "北京一店").returncode == 0
    bad = cli("hq", "enrol", "--db", db, "--dealer", "NOPE")
    assert bad.returncode == 2 and "NOPE" in bad.stderr
    code = cli("hq", "enrol", "--db", db, "--dealer", "BJ01").stdout.strip()
    assert len(code) == 14
    server = HqServer(db, tmp_path / "inbox", tmp_path / "server.log").start()
    try:
        data = ["--data-dir", str(tmp_path / "counter")]
        not_yet = cli(*data, "sync", "--once", env=keyring_env)
        assert not_yet.returncode == 1 and "not connected" in not_yet.stderr
        assert cli(*data, "connect", "--url", "ftp://x", "--code", code, env=keyring_env).returncode == 2
        r = cli(*data, "connect", "--url", server.url, "--code", code, env=keyring_env)
        assert r.returncode == 0, r.stderr
        assert "BJ01" in r.stdout
        cli(*data, "demo", "--forms", "30", "--cases", "10", env=keyring_env)
        r = cli(*data, "sync", "--once", env=keyring_env)
        assert r.returncode == 0, r.stderr
        assert "Waiting: 0" in r.stdout
        # The credential is in the keyring, never in the store or a settings file.
        secret = next(iter(__import__("json").loads((tmp_path / "keyring.json").read_text()).values()))
        for f in (tmp_path / "counter").rglob("*"):
            if f.is_file():
                assert secret.encode() not in f.read_bytes(), f
    finally:
        server.stop()
    down = cli(*data, "demo", "--forms", "5", "--cases", "0", env=keyring_env)
    assert down.returncode == 0
    r = cli(*data, "sync", "--once", env=keyring_env)
    assert r.returncode == 1 and "can't be reached" in r.stderr and "wait in the outbox" in r.stderr


def test_without_a_keyring_connect_says_so_and_keeps_the_code_usable(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    db = open_database(db_url)
    add_dealer(db, "BJ01", "x")
    code = issue_code(db, "BJ01")
    server = HqServer(db_url, tmp_path / "inbox", tmp_path / "server.log").start()
    try:
        env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
        r = cli("--data-dir", str(tmp_path / "c"), "connect", "--url", server.url, "--code", code, env=env)
        assert r.returncode == 1 and "No secure keyring" in r.stderr
        assert not list((tmp_path / "c").rglob("*.json"))
        store = fresh_store(tmp_path / "c2")
        connect(store, server.url, code)  # the code was not spent by the failed attempt
    finally:
        server.stop()


def test_usb_export_then_online_sync_stores_everything_once(tmp_path, hq_url_any):
    db = open_database(hq_url_any)
    store = fresh_store(tmp_path / "c")
    enrol_in_process(db, store)
    open_cases(store, 4)
    stick = tmp_path / "usb"
    r = cli("--data-dir", str(tmp_path / "c"), "export", "--out", str(stick))
    # The child has no keyring: export needs the credential to sign, and says so.
    assert r.returncode == 1 and "keyring" in r.stderr.lower()
    files = outbox.export(store, stick)
    assert len(files) == 1 and outbox.counts(store).waiting_events == 4  # exported, not acknowledged
    junk = stick / "broken.casefile"
    junk.write_bytes(files[0].read_bytes()[:100])
    r = cli("hq", "import", "--db", hq_url_any, str(stick))
    assert r.returncode == 1
    assert "1 imported, 0 already present, 1 rejected" in r.stdout and "truncated" in r.stderr
    assert (stick / "rejected" / "broken.casefile.reason.txt").read_text().startswith("The case file is truncated")
    r = cli("hq", "import", "--db", hq_url_any, str(stick))
    assert "0 imported, 1 already present, 0 rejected" in r.stdout and r.returncode == 0

    server = HqServer(hq_url_any, tmp_path / "inbox", tmp_path / "server.log").start()
    try:
        report = SyncClient(store, url=server.url).run_once()
    finally:
        server.stop()
    assert (report.sent, report.duplicates) == (1, 1)
    assert count(db, Event) == 4 and outbox.counts(store).waiting_events == 0


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_url_any(request, tmp_path):
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_hq_url")
    return request.getfixturevalue("pg_url_at_head")


def test_client_killed_between_sending_and_recording_the_acknowledgement(tmp_path, keyring_env):
    db_url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    db = open_database(db_url)
    add_dealer(db, "BJ01", "x")
    server = HqServer(db_url, tmp_path / "inbox", tmp_path / "server.log").start()
    proxy = HoldingProxy(server.port)
    try:
        data = ["--data-dir", str(tmp_path / "c")]
        assert cli(*data, "connect", "--url", proxy.url, "--code", issue_code(db, "BJ01"), env=keyring_env).returncode == 0
        cli(*data, "demo", "--forms", "40", "--cases", "10", env=keyring_env)
        proxy.hold.set()  # head office will store the file; its answer never gets back
        child = subprocess.Popen([sys.executable, "-m", "app", *data, "sync", "--once"], cwd=ROOT, env=keyring_env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while count(db, SyncReceived) == 0:
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        proxy.hold.clear()
        r = cli(*data, "sync", "--once", env=keyring_env)
        assert r.returncode == 0, r.stderr
        assert "1 already at head office" in r.stdout and "Waiting: 0" in r.stdout
        store = fresh_store(tmp_path / "c")
        # 40 forms and 10 cases opened, plus whatever recovery the demo took the cases through.
        assert event_ids(db) == event_ids(store) and count(db, Event) == count(store, Event) >= 50
    finally:
        proxy.close()
        server.stop()


def test_server_killed_mid_import_loses_nothing(tmp_path, monkeypatch):
    from app.services.demo.sample_data import fill_demo

    db_url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    db = open_database(db_url)
    store = fresh_store(tmp_path / "c")
    enrol_in_process(db, store)
    monkeypatch.setattr(outbox, "BATCH", 50_000)
    fill_demo(store, forms=4000, cases=500)
    outbox.file_waiting(store)  # one large file, so the import takes a while
    inbox = tmp_path / "inbox"
    server = HqServer(db_url, inbox, tmp_path / "server.log").start()
    failures = []
    t = threading.Thread(target=lambda: _sync_expecting_failure(store, server.url, failures))
    t.start()
    deadline = time.monotonic() + 60
    while not list(inbox.rglob("*.casefile")):
        assert time.monotonic() < deadline
        time.sleep(0.005)
    server.kill()  # the file is in the inbox; the import is under way
    t.join(60)
    assert failures and isinstance(failures[0], Offline)
    assert outbox.counts(store).waiting_files == 1
    server = HqServer(db_url, inbox, tmp_path / "server2.log").start()  # imports what the inbox holds
    try:
        SyncClient(store, url=server.url).run_once()
    finally:
        server.stop()
    assert outbox.counts(store).waiting_events == 0
    assert count(db, Event) == count(store, Event) and event_ids(db) == event_ids(store)
    assert count(db, SyncReceived) == 1


def _sync_expecting_failure(store, url, failures):
    try:
        SyncClient(store, url=url, timeout=120).run_once()
    except Exception as exc:  # noqa: BLE001 - the test inspects it
        failures.append(exc)


def test_concurrent_importers_store_each_change_once(tmp_path, hq_url_any, monkeypatch):
    import shutil

    db = open_database(hq_url_any)
    monkeypatch.setattr(outbox, "BATCH", 4)
    stores = []
    for name in ("a", "b"):
        store = fresh_store(tmp_path / name)
        enrol_in_process(db, store)
        open_cases(store, 20)
        outbox.export(store, tmp_path / "share")
        stores.append(store)
    for k in range(3):  # three head-office clerks import copies of the same share at once
        shutil.copytree(tmp_path / "share", tmp_path / f"copy{k}")
    procs = [subprocess.Popen([sys.executable, "-m", "app", "hq", "import", "--db", hq_url_any, str(tmp_path / f"copy{k}")],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    imported = sum(int(o.split(" imported")[0].rsplit(" ", 1)[-1]) for o, _ in outs)
    assert imported == 10  # ten files, each imported by exactly one of the three
    assert count(db, Event) == 40 and count(db, SyncReceived) == 10
    assert event_ids(db) == event_ids(stores[0]) | event_ids(stores[1])


def test_a_file_kept_in_the_inbox_is_imported_when_the_server_starts_again(tmp_path):
    from app.hq.receive import inbox_path
    from app.sync import casefile
    from app.foundation.paths import write_atomic

    db_url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    db = open_database(db_url)
    store = fresh_store(tmp_path / "c")
    secret = enrol_in_process(db, store)
    open_cases(store, 3)
    [seq] = outbox.file_waiting(store, secret)
    data = outbox.waiting(store)[0].path.read_bytes()
    # What a crash right after "kept in the inbox" and before the commit leaves behind:
    kept = inbox_path(tmp_path / "inbox", casefile.parse(data, lambda c: secret))
    write_atomic(kept, data)
    assert count(db, Event) == 0
    server = HqServer(db_url, tmp_path / "inbox", tmp_path / "server.log").start()
    try:
        assert count(db, Event) == 3 and count(db, SyncReceived) == 1
        report = SyncClient(store, url=server.url).run_once()
    finally:
        server.stop()
    assert (report.sent, report.duplicates) == (1, 1) and outbox.counts(store).waiting_events == 0


@pytest.mark.parametrize("db, says", [
    ("postgresql+psycopg://nobody@nohost.invalid/x", "Can't open the central database nohost.invalid/x: "),
    ("mysql://u@h/x", "give a SQLite file's path or a postgresql+psycopg://user@host/name address"),
    ("{tmp}/typo.db", "There is no head-office database at {tmp}/typo.db: check the path"),
    ("{tmp}", "There is no head-office database at {tmp}: check the path"),
    ("{tmp}/not-a-database.db", "Can't open the central database {tmp}/not-a-database.db: file is not a database"),
])
def test_a_central_database_that_cant_be_opened_is_said_in_words(tmp_path, keyring_env, db, says):
    """Every hq command ended in a traceback on these; a mistyped path made a new, empty head office
    that answered "No refusals."."""
    (tmp_path / "not-a-database.db").write_text("x" * 5000)
    for command in (["counters"], ["refusals"], ["import", str(tmp_path)]):
        r = cli("hq", *command, "--db", db.format(tmp=tmp_path), env=keyring_env)
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert says.format(tmp=tmp_path) in r.stderr, r.stderr
    assert not (tmp_path / "typo.db").exists()


def test_serve_and_release_refuse_what_cant_work_in_words(tmp_path, keyring_env):
    """A port over 65535 and an inbox that is a file (the server started, and answered, with nowhere to
    keep files); an empty installer was published to every counter."""
    db = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    assert cli("hq", "dealer", "add", "--db", db, "BJ01", "北京一店", env=keyring_env).returncode == 0
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    for args, says in ((["--inbox", str(tmp_path / "in"), "--port", "99999"], "--port: a port number from 1 to 65535"),
                       (["--inbox", str(a_file)], "--inbox: a folder, not a file")):
        r = cli("hq", "serve", "--db", db, *args, env=keyring_env, timeout=30)
        assert r.returncode == 2 and says in r.stderr and "Traceback" not in r.stderr, r.stderr
    empty = tmp_path / "RecoveryDesk-9.0.0-setup.exe"
    empty.write_bytes(b"")
    r = cli("hq", "release", "--db", db, str(empty), "--version", "9.0.0", env=keyring_env)
    assert r.returncode == 2 and "the file is empty: give the installer itself" in r.stderr, r.stderr


def test_refusals_of_a_dealer_head_office_does_not_know_say_so(tmp_path, keyring_env):
    """A mistyped code answered "No refusals." (enrol and publish said the dealer was not found)."""
    db = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    assert cli("hq", "dealer", "add", "--db", db, "BJ01", "北京一店", env=keyring_env).returncode == 0
    r = cli("hq", "refusals", "--db", db, "--dealer", "BJ10", env=keyring_env)
    assert r.returncode == 2 and 'Dealer "BJ10" was not found.' in r.stderr, r.stdout + r.stderr
    r = cli("hq", "refusals", "--db", db, "--dealer", "bj01", env=keyring_env)
    assert r.returncode == 0 and "No refusals." in r.stdout, r.stderr
