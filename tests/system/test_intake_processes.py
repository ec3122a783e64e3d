"""Head office's intake as several processes on one PostgreSQL: two real `hq serve --workers 2` (as two
hosts behind a load balancer) taking the same files at once and many counters' files together; every
file is stored once, every event once, and a counter pulls its dealer's files from either."""

from __future__ import annotations

import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import func, select

from app.foundation import secrets
from app.hq.counters import add_dealer
from app.models import SyncReceived
from app.models.store import open_database
from app.sync import outbox, wire
from app.sync.client import SyncClient
from tests.helpers import fresh_store
from tests.synchelp import count, enrol_in_process, event_ids, open_cases
from tests.system.hqserver import ROOT, HqServer

CASE_FILE_TYPE = "application/vnd.recovery-desk.case-file+json"


def counter_with_files(tmp_path, db, name: str, dealer: str, start: int):
    """A counter of ``dealer`` with two case files waiting (two rounds of cases, each filed)."""
    store = fresh_store(tmp_path / name)
    enrol_in_process(db, store, dealer)
    for round_ in range(2):
        open_cases(store, 3, start=start + 10 * round_)
        outbox.file_waiting(store)
    return store


def post(url: str, store, data: bytes) -> tuple[int, dict | None]:
    """One upload as a counter makes it; the sealed answer's content (None when not genuine)."""
    nonce = uuid.uuid4().hex
    counter = store.identity.store_id
    r = httpx.post(url + wire.API + "/casefiles", content=data, timeout=120, headers={
        "Content-Type": CASE_FILE_TYPE, "X-Counter": counter, "X-Nonce": nonce})
    return r.status_code, wire.opened(secrets.require(secrets.counter_key(counter)), nonce, r.json())


def test_two_hosts_of_two_workers_store_each_file_once(pg_url_at_head, tmp_path):
    db = open_database(pg_url_at_head)
    add_dealer(db, "BJ01", "北京一店")
    add_dealer(db, "SH01", "上海一店")
    stores = [counter_with_files(tmp_path, db, f"{dealer}-{i}", dealer, 100 * n)
              for n, (dealer, i) in enumerate([("BJ01", 1), ("BJ01", 2), ("SH01", 1), ("SH01", 2)])]
    files = [(store, w.path.read_bytes()) for store in stores for w in outbox.waiting(store)]
    assert len(files) == 8
    inbox = tmp_path / "inbox"  # shared by both hosts, as on a network share
    hosts = [HqServer(pg_url_at_head, inbox, tmp_path / f"host{h}.log", "--workers", "2").start() for h in (1, 2)]
    try:
        # Every file three times at once to each host: as counters resending after lost answers.
        sends = [(host.url, store, data) for store, data in files for host in hosts for _ in range(3)]
        with ThreadPoolExecutor(len(sends)) as pool:
            answers = list(pool.map(lambda a: post(*a), sends))
        assert all(status == 200 and sealed is not None for status, sealed in answers), answers
        by_file: dict[tuple[str, int], list[str]] = {}
        for (_url, store, _data), (_status, sealed) in zip(sends, answers):
            assert "error" not in sealed, sealed
            by_file.setdefault((sealed["data"]["counter"], sealed["data"]["sequence"]), []).append(
                sealed["data"]["status"])
        assert len(by_file) == 8
        # Exactly one upload of each file stored it; the others were told it is there already.
        assert all(sorted(s) == ["duplicate"] * 5 + ["stored"] for s in by_file.values()), by_file
        assert count(db, SyncReceived) == 8
        with db.session() as s:
            assert s.scalar(select(func.sum(SyncReceived.events))) == sum(len(event_ids(st)) for st in stores)
        assert event_ids(db) == set().union(*(event_ids(st) for st in stores))

        # A counter pulls its dealer's files from either host, whichever worker answers.
        for store, host in zip(stores, hosts * 2):
            SyncClient(store, url=host.url).run_once()
        bj1, bj2, sh1, sh2 = stores
        assert event_ids(bj1) == event_ids(bj2) and event_ids(sh1) == event_ids(sh2)
        assert not event_ids(bj1) & event_ids(sh1)
    finally:
        for host in hosts:
            host.stop()
        db.close()


def test_several_processes_need_postgresql(tmp_path):
    run = subprocess.run([sys.executable, "-m", "app", "hq", "serve", "--db", str(tmp_path / "hq.sqlite3"),
                          "--inbox", str(tmp_path / "inbox"), "--workers", "2"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2
    assert "--workers" in run.stderr and "PostgreSQL" in run.stderr
    assert not (tmp_path / "hq.sqlite3").exists()


def test_serve_refuses_a_number_of_processes_out_of_range(tmp_path):
    for workers in ("0", "65"):
        run = subprocess.run([sys.executable, "-m", "app", "hq", "serve", "--db", str(tmp_path / "hq.sqlite3"),
                              "--inbox", str(tmp_path / "inbox"), "--workers", workers], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 2, run.stderr
        assert "--workers" in run.stderr and "from 1 to 64" in run.stderr
        assert not (tmp_path / "hq.sqlite3").exists()
