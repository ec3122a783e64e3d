"""Benchmark: head-office import throughput (cases/s) into SQLite and PostgreSQL next to a raw bulk
insert of the same rows, and sync throughput over loopback through the real intake server.

    .venv/bin/python tests/bench/bench_sync.py [--cases 100000] [--sync-cases 20000] [--no-pg]

Everything is measured in this run; ratios compare against the raw insert measured just before.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from tests.conftest import MemoryKeyring  # noqa: E402

keyring.set_keyring(MemoryKeyring())

from sqlalchemy import insert, select  # noqa: E402

from app.models import Customer, Event, FailureCase, User, Vehicle  # noqa: E402
from app.models.store import open_database, open_store  # noqa: E402
from app.services.demo.sample_data import fill_demo  # noqa: E402
from app.sync import outbox  # noqa: E402
from tests.synchelp import enrol_in_process  # noqa: E402


def counter_with_cases(root: Path, db, n: int):
    store = open_store(root / "counter")
    enrol_in_process(db, store)
    t = time.perf_counter()
    for done in range(0, n, 20_000):
        fill_demo(store, forms=0, cases=min(20_000, n - done), seed=done)
    print(f"  made {n:,} cases at the counter in {time.perf_counter() - t:.1f} s")
    return store


def file_all(store) -> list[Path]:
    t = time.perf_counter()
    outbox.file_waiting(store)
    files = [w.path for w in outbox.waiting(store)]
    dt = time.perf_counter() - t
    size = sum(p.stat().st_size for p in files)
    print(f"  filed into {len(files)} case files ({size / 1e6:.1f} MB) in {dt:.1f} s")
    return files


def raw_rows(store):
    with store.session() as s:
        out = {}
        for model in (User, Customer, Vehicle, FailureCase, Event):
            cols = [c.key for c in model.__table__.columns]
            out[model] = [{c: getattr(o, c) for c in cols} for o in s.scalars(select(model))]
        return out


def raw_insert(url: str, rows) -> float:
    db = open_database(url)
    with db.session() as s:
        dealer_id = rows[FailureCase][0]["dealer_id"]
        from app.models import Dealer

        s.add(Dealer(id=dealer_id, code="RAW", name="raw", created_at=rows[Event][0]["occurred_at"]))
        s.commit()
    t = time.perf_counter()
    with db.engine.begin() as c:
        for model in (User, Customer, Vehicle, FailureCase, Event):
            data = rows[model]
            for i in range(0, len(data), 5000):
                c.execute(insert(model.__table__), data[i:i + 5000])
    dt = time.perf_counter() - t
    db.close()
    return dt


def central_import(url: str, store, files) -> float:
    from app.hq.receive import receive

    db = open_database(url)
    enrol_again(db, store)
    t = time.perf_counter()
    for p in files:
        receive(db, p.read_bytes())
    dt = time.perf_counter() - t
    db.close()
    return dt


def enrol_again(db, store):
    """Register the counter (same id and secret) in a fresh head-office database."""
    from app.foundation import secrets
    from app.models import Dealer, HqCounter, utcnow

    ident = store.identity
    with db.session() as s, s.begin():
        if s.get(Dealer, ident.home_dealer_id) is None:
            s.add(Dealer(id=ident.home_dealer_id, code=ident.home_dealer_code, name="x", created_at=utcnow()))
            s.flush()
        s.add(HqCounter(id=ident.store_id, dealer_id=ident.home_dealer_id, label="bench",
                        secret=secrets.require(secrets.counter_key(ident.store_id)), enrolled_at=utcnow(),
                        last_sequence=0))


def bench_import(root: Path, n: int, with_pg: bool) -> None:
    print(f"Import of {n:,} cases")
    seed_db = open_database(f"sqlite:///{root / 'seed.sqlite3'}")
    store = counter_with_cases(root, seed_db, n)
    files = file_all(store)
    rows = raw_rows(store)
    targets = [("SQLite", lambda k: f"sqlite:///{root / f'{k}.sqlite3'}")]
    pg = None
    if with_pg:
        from tests.pg import start_postgres

        pg = start_postgres(tempfile.mkdtemp(prefix="bench-pg-"))
        targets.append(("PostgreSQL", lambda k: pg.new_database()))
    try:
        for name, url_for in targets:
            raw = raw_insert(url_for("raw"), rows)
            imp = central_import(url_for("import"), store, files)
            print(f"  {name:<10} raw bulk insert {n / raw:>9,.0f} cases/s ({raw:.1f} s)   "
                  f"case-file import {n / imp:>9,.0f} cases/s ({imp:.1f} s)   import/raw {raw / imp:.2f}")
    finally:
        if pg:
            pg.stop()


def bench_sync(root: Path, n: int) -> None:
    from app.sync.client import SyncClient
    from tests.system.hqserver import HqServer

    print(f"Sync of {n:,} cases over loopback (uvicorn + SQLite head office)")
    url = f"sqlite:///{root / 'hq-sync.sqlite3'}"
    db = open_database(url)
    store = counter_with_cases(root / "sync", db, n)
    t = time.perf_counter()
    outbox.file_waiting(store)
    filing = time.perf_counter() - t
    size = sum(w.path.stat().st_size for w in outbox.waiting(store))
    server = HqServer(url, root / "inbox", root / "server.log").start()
    try:
        t = time.perf_counter()
        report = SyncClient(store, url=server.url).run_once()
        dt = time.perf_counter() - t
    finally:
        server.stop()
    print(f"  filing {n / filing:,.0f} cases/s; upload+import {report.sent} files, {n / dt:,.0f} cases/s, "
          f"{size / dt / 1e6:.1f} MB/s ({dt:.1f} s)")
    # Baseline in the same run: the same import without HTTP.
    db2 = f"sqlite:///{root / 'hq-direct.sqlite3'}"
    direct = central_import(db2, store, [])  # registers the counter
    files = sorted((root / "inbox").rglob("*.casefile"))
    from app.hq.receive import receive

    d = open_database(db2)
    t = time.perf_counter()
    for p in files:
        receive(d, p.read_bytes())
    direct = time.perf_counter() - t
    print(f"  same files imported directly (no HTTP): {n / direct:,.0f} cases/s; HTTP overhead x{dt / direct:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--sync-cases", type=int, default=20_000)
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    os.environ.setdefault("RECOVERY_DESK_DATA", str(root / "default"))
    bench_import(root, args.cases, not args.no_pg)
    bench_sync(root, args.sync_cases)


if __name__ == "__main__":
    main()
