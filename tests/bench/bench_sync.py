"""Benchmark: head-office import throughput (cases/s) into SQLite and PostgreSQL next to a raw bulk
insert of exactly the rows the import wrote, and sync throughput over loopback through the real intake server.

    .venv/bin/python tests/bench/bench_sync.py [--cases 100000] [--sync-cases 20000] [--no-pg]

Everything is measured in this run; ratios compare the import against the raw insert measured right
after it (BENCH-FIGURE lines, one per database).
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

from sqlalchemy import func, select  # noqa: E402

from app.models import Base  # noqa: E402
from app.models.store import open_database, open_store  # noqa: E402
from app.services.demo.sample_data import fill_demo  # noqa: E402
from app.sync import outbox  # noqa: E402
from tests.bench.figures import figure  # noqa: E402
from tests.synchelp import enrol_in_process  # noqa: E402


def counter_with_cases(root: Path, db, n: int, dealer_code: str = "BJ01"):
    store = open_store(root / "counter")
    enrol_in_process(db, store, dealer_code)
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


def _counts(db) -> dict[str, int]:
    with db.engine.connect() as c:
        return {t.name: c.execute(select(func.count()).select_from(t)).scalar() for t in Base.metadata.sorted_tables}


def central_import(url: str, store, files) -> tuple[float, dict[str, int]]:
    """Seconds to import every file with `hq import`'s own loop (app.hq.importer.import_paths), and the
    rows it added per table (those the floor inserts)."""
    from app.hq.importer import import_paths

    db = open_database(url)
    for each in store if isinstance(store, list) else [store]:
        enrol_again(db, each)
    for p in files:
        p.read_bytes()  # in the page cache, as the floor's rows are in memory
    before = _counts(db)
    t = time.perf_counter()
    summary = import_paths(db, list(files))
    dt = time.perf_counter() - t
    if summary.count("imported") != len(files):
        raise SystemExit(f"only {summary.count('imported')} of {len(files)} files imported")
    after = _counts(db)
    db.close()
    # event_tally is kept by the event table's triggers: the floor's event rows fire them too.
    added = {t: after[t] - before[t] for t in after if after[t] != before[t] and t != "event_tally"}
    return dt, added


# The floor: exactly the rows the import wrote (read back from its database, every table it added to,
# sync_received's copy of each file included), inserted by the fastest plain means into a fresh
# database with the same schema, indexes and triggers, in as many transactions as there were files.
# SQLite: the driver's executemany of the values as stored, with the store's own pragmas (WAL,
# synchronous=FULL, foreign keys) and bulk_insert's cache size. PostgreSQL: the fastest of multi-row
# INSERT ... VALUES (up to 1,000 rows a statement, every value sent as text), executemany and COPY, on a
# connection with the import's own settings (large values compressed with lz4 where the server has it).


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def written_rows(url: str, added: dict[str, int]) -> dict[str, tuple[list[str], list[tuple]]]:
    """The rows of each table the import added to, as the database holds them."""
    out = {}
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(_sqlite_path(url)) as c:
            for t in Base.metadata.sorted_tables:
                if t.name in added:
                    cols = [col.name for col in t.columns]
                    out[t.name] = (cols, c.execute(f"SELECT {', '.join(cols)} FROM {t.name}").fetchall())
        return out
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as c:
        for t in Base.metadata.sorted_tables:
            if t.name in added:
                cols = [col.name for col in t.columns]
                text = ", ".join(f'"{col}"::text' for col in cols)
                out[t.name] = (cols, c.execute(f"SELECT {text} FROM {t.name}").fetchall())
    return out


def _parts(rows: dict[str, tuple[list[str], list[tuple]]], transactions: int) -> list[list[tuple]]:
    """Every row, parents' tables first, cut into ``transactions`` consecutive runs of equal size."""
    flat = [(t, cols, row) for t, (cols, data) in rows.items() for row in data]
    parts = []
    for k in range(transactions):
        part: list[tuple] = []
        for t, cols, row in flat[len(flat) * k // transactions:len(flat) * (k + 1) // transactions]:
            if not part or part[-1][0] != t:
                part.append((t, cols, []))
            part[-1][2].append(row)
        parts.append(part)
    return parts


def raw_insert(url: str, rows: dict[str, tuple[list[str], list[tuple]]], store, transactions: int,
               pg_method: str = "values") -> float:
    db = open_database(url)  # the same migrations, so the same schema, indexes and triggers
    for each in store if isinstance(store, list) else [store]:
        enrol_again(db, each)  # the dealer and the counter the rows point at, as at the import
    db.close()
    parts = _parts(rows, transactions)
    if url.startswith("sqlite"):
        import sqlite3

        c = sqlite3.connect(_sqlite_path(url), isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "cache_size=-65536"):
            c.execute(f"PRAGMA {pragma}")
        t0 = time.perf_counter()
        for part in parts:
            c.execute("BEGIN")
            for table, cols, data in part:
                c.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", data)
            c.execute("COMMIT")
        dt = time.perf_counter() - t0
        c.close()
        return dt
    import psycopg

    from app.models.store import _pg_settings

    c = psycopg.connect(url.replace("postgresql+psycopg", "postgresql"))
    _pg_settings(c, None)  # the import's own connection settings (lz4 for large values where the server has it)
    t0 = time.perf_counter()
    for part in parts:
        with c.transaction(), c.cursor() as cur:
            for table, cols, data in part:
                names = ", ".join(f'"{col}"' for col in cols)
                one = "(" + ", ".join(["%s"] * len(cols)) + ")"
                if pg_method == "executemany":  # psycopg's executemany, pipelined
                    cur.executemany(f"INSERT INTO {table} ({names}) VALUES {one}", data)
                    continue
                if pg_method == "copy":  # the import's own bulk way on PostgreSQL
                    with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in data:
                            copy.write_row(row)
                    continue
                per = max(1, min(1000, 60000 // len(cols)))
                for i in range(0, len(data), per):
                    chunk = data[i:i + per]
                    cur.execute(f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(chunk))}",
                                [v for row in chunk for v in row])
    dt = time.perf_counter() - t0
    c.close()
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
    print(f"Import of {n:,} cases (load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())})")
    seed_db = open_database(f"sqlite:///{root / 'seed.sqlite3'}")
    store = counter_with_cases(root, seed_db, n)
    files = file_all(store)
    targets = [("SQLite", lambda k: f"sqlite:///{root / f'{k}.sqlite3'}")]
    pg = None
    if with_pg:
        from tests.pg import start_postgres

        pg = start_postgres(tempfile.mkdtemp(prefix="bench-pg-"))
        targets.append(("PostgreSQL", lambda k: pg.new_database()))
    try:
        for name, url_for in targets:
            url = url_for("import")
            imp, added = central_import(url, store, files)
            rows = written_rows(url, added)
            raw = raw_insert(url_for("raw"), rows, store, len(files))
            if name == "PostgreSQL":  # the fastest of psycopg's three plain ways is the floor (COPY: the import's)
                many = raw_insert(url_for("raw2"), rows, store, len(files), "executemany")
                copy = raw_insert(url_for("raw3"), rows, store, len(files), "copy")
                print(f"  PostgreSQL floor: multi-row VALUES {raw:.2f} s, executemany {many:.2f} s, COPY {copy:.2f} s")
                raw = min(raw, many, copy)
            print(f"  {name:<10} raw bulk insert {n / raw:>9,.0f} cases/s ({raw:.2f} s)   "
                  f"case-file import {n / imp:>9,.0f} cases/s ({imp:.2f} s, {imp / len(files) * 1000:.0f} ms a file)"
                  f"   import/raw {raw / imp:.2f}")
            print("    rows written: " + ", ".join(f"{t} {k:,}" for t, k in added.items()))
            figure(f"case-file import, {n:,} cases, {name}", n / imp, "cases/s", n / raw,
                   "raw insert of the rows it wrote", ">= 0.5")
        if pg:
            _two_dealers(root, n, store, files, pg)
    finally:
        if pg:
            pg.stop()


def _two_dealers(root: Path, n: int, store, files: list[Path], pg) -> None:
    """The same import with a second dealer's files beside the first's (as many cases): head office on
    PostgreSQL takes the two dealers' files at once (app.hq.importer)."""
    other = counter_with_cases(root / "second-dealer", open_database(f"sqlite:///{root / 'seed2.sqlite3'}"), n,
                               "BJ02")
    both = [*files, *file_all(other)]
    stores = [store, other]
    raws = {}
    imp_url = pg.new_database()
    imp, added = central_import(imp_url, stores, both)
    rows = written_rows(imp_url, added)
    for method in ("values", "executemany", "copy"):
        raws[method] = raw_insert(pg.new_database(), rows, stores, len(both), method)
    raw = min(raws.values())
    print(f"  PostgreSQL, two dealers ({2 * n:,} cases, {len(both)} files): case-file import {imp:.2f} s, "
          f"floor {raw:.2f} s, import/raw {raw / imp:.2f}")
    figure(f"case-file import, two dealers, {2 * n:,} cases, PostgreSQL", 2 * n / imp, "cases/s", 2 * n / raw,
           "raw insert of the rows it wrote", ">= 0.5")


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
    central_import(db2, store, [])  # registers the counter
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
