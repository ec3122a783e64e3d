"""Benchmark: importing 100,000 feedback forms from CSV, against raw sqlite3 executemany of the
same rows into the same schema, both measured in this run.

    .venv/bin/python tests/bench/bench_import.py [--forms 100000] [--runs 3]

"Same rows" means every row the import writes (customers, vehicles, repair orders, forms and
their history events), inserted by sqlite3's executemany in one transaction with the same pragmas:
the fastest the database itself can take them. The import's time includes reading and checking
the CSV.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.models.store import STORE_FILE, open_store  # noqa: E402
from app.services.demo.sample_data import demo_forms  # noqa: E402
from app.services.imports.feedback import KEYS as COLUMNS  # noqa: E402
from app.services.imports.feedback_store import import_feedback_file  # noqa: E402
from tests.bench.figures import figure  # noqa: E402

# Every table the import writes, Today's month sums of its forms (form_month) included.
TABLES = ("customer", "vehicle", "repair_order", "feedback_form", "event", "form_month")


def write_csv(path: Path, n: int) -> None:
    rows = demo_forms(n, today=date(2026, 11, 1), seed=11)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([r.service_date.isoformat(), r.repair_order, r.advisor, r.customer, r.phone, r.plate,
                        r.timeliness, r.repair_quality, r.attitude, r.overall or "", "yes" if r.verification == "verified" else "no",
                        r.comment])


def raw_insert(rows_by_table: dict[str, tuple[list[str], list[tuple]]], db: Path) -> float:
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA cache_size=-65536")  # as the import sets it for bulk work
    t0 = time.perf_counter()
    con.execute("BEGIN")
    for table in TABLES:
        cols, rows = rows_by_table[table]
        t1 = time.perf_counter()
        con.executemany(f"INSERT INTO {table} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})", rows)
        print(f"  raw {table}: {len(rows):,} rows in {time.perf_counter() - t1:.2f} s")
    con.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def twin_stores(tmp: Path):
    """The program's empty store and a copy of it for the raw insert: same schema, same dealer."""
    store = open_store(tmp / "ours")
    (tmp / "raw").mkdir()
    raw_db = tmp / "raw" / STORE_FILE
    with sqlite3.connect(store.path) as a, sqlite3.connect(raw_db) as b:
        a.backup(b)
    return store, raw_db


def import_against_raw(src: Path, tmp: Path, n: int) -> tuple[float, float, dict]:
    """One import of ``src`` into a fresh store, then the raw insert of exactly the rows it wrote into a
    twin of that store: (import s, raw s, the rows by table)."""
    tmp.mkdir()
    store, raw_db = twin_stores(tmp)
    t0 = time.perf_counter()
    result = import_feedback_file(store, src)
    ours = time.perf_counter() - t0
    store.close()
    assert result.imported == n, result

    # The exact rows our import wrote, replayed raw into a fresh store with the same schema.
    con = sqlite3.connect(tmp / "ours" / STORE_FILE)
    rows_by_table = {}
    for table in TABLES:
        cur = con.execute(f"SELECT * FROM {table}")
        rows_by_table[table] = ([d[0] for d in cur.description], cur.fetchall())
    # Advisors named in the file are created by the import; give the raw run them untimed.
    users = con.execute("SELECT * FROM app_user").fetchall()
    con.close()
    c = sqlite3.connect(raw_db)
    c.executemany(f"INSERT INTO app_user VALUES ({','.join('?' * len(users[0]))})", users)
    c.commit()
    c.close()
    raw = raw_insert(rows_by_table, raw_db)
    return ours, raw, rows_by_table


def spread(values: list[float]) -> str:
    return f"min {min(values):.2f} / median {statistics.median(values):.2f} / max {max(values):.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=1, help="imports, each followed by its raw insert (a noisy "
                    "machine: the median of several pairs)")
    args = ap.parse_args()
    n = args.forms
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "forms.csv"
        t0 = time.perf_counter()
        write_csv(src, n)
        print(f"(wrote the CSV in {time.perf_counter() - t0:.1f} s)")
        pairs = []
        for run in range(args.runs):
            ours, raw, rows_by_table = import_against_raw(src, tmp / f"run{run}", n)
            pairs.append((ours, raw))
            print(f"run {run + 1}: import {ours:.2f} s, raw {raw:.2f} s, raw / import {raw / ours:.2f}")
        total_rows = sum(len(r) for _, r in rows_by_table.values())

        # A second, simpler baseline: one row per form, forms table only.
        forms_only = tmp / "forms_only.sqlite3"
        c = sqlite3.connect(forms_only)
        c.execute("CREATE TABLE f (id TEXT PRIMARY KEY, ro TEXT, d TEXT, t TEXT, q TEXT, a TEXT, s INT, o INT, v TEXT, c TEXT)")
        c.close()
        cols, frows = rows_by_table["feedback_form"]
        idx = [cols.index(k) for k in ("id", "repair_order_id", "service_date", "timeliness", "repair_quality",
                                       "attitude", "score", "overall", "verification", "comment")]
        simple = {"f": (["id", "ro", "d", "t", "q", "a", "s", "o", "v", "c"], [tuple(r[i] for i in idx) for r in frows])}
        con = sqlite3.connect(forms_only, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        t0 = time.perf_counter()
        con.execute("BEGIN")
        con.executemany("INSERT INTO f VALUES (?,?,?,?,?,?,?,?,?,?)", simple["f"][1])
        con.execute("COMMIT")
        forms_only_s = time.perf_counter() - t0
        con.close()

    ours = statistics.median(o for o, _ in pairs)
    raw = statistics.median(r for _, r in pairs)
    ratios = [r / o for o, r in pairs]
    print(f"forms: {n:,}  rows written per import: {total_rows:,} ({total_rows / n:.1f} per form); {args.runs} run(s), medians")
    print(f"recovery-desk feedback import (CSV parse + checks + insert): {ours:6.2f} s  {n / ours:10,.0f} forms/s")
    print(f"raw sqlite3 executemany, same rows, same schema:             {raw:6.2f} s  {n / raw:10,.0f} forms/s")
    print(f"raw sqlite3 executemany, forms table alone (1 row/form):     {forms_only_s:6.2f} s  {n / forms_only_s:10,.0f} forms/s")
    print(f"import / raw same rows: {statistics.median(ratios):.2f}   (aim: >= 0.50; runs: {spread(ratios)})")
    figure(f"CSV import, {n:,} forms", round(ours, 3), "s", round(raw, 3), "raw executemany of the same rows",
           "<= 2.0 (raw / import >= 0.5)")


if __name__ == "__main__":
    main()
