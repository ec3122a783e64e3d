"""Profile of head office's case-file import (app.hq.receive) on SQLite and PostgreSQL.

    .venv/bin/python tests/bench/profile_import.py [--cases 600] [--top 30] [--no-pg]

Makes a counter with demo cases, files them into case files (30 cases a file, as a counter sends
them), imports them all into a fresh head-office database under cProfile, and prints the seconds per
file and the top costs (own time, and cumulative within app/).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from tests.conftest import MemoryKeyring  # noqa: E402

keyring.set_keyring(MemoryKeyring())

from app.models.store import open_database  # noqa: E402
from tests.bench.bench_sync import counter_with_cases, enrol_again, file_all  # noqa: E402


def profile(url: str, store, files: list[Path], top: int) -> None:
    from app.hq.receive import receive

    db = open_database(url)
    enrol_again(db, store)
    data = [p.read_bytes() for p in files]
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    for d in data:
        receive(db, d)
    prof.disable()
    dt = time.perf_counter() - t
    db.close()
    print(f"  {len(data)} files in {dt:.2f} s: {dt / len(data) * 1000:.0f} ms a file "
          f"({sum(map(len, data)) / len(data) / 1e3:.0f} kB a file; timings under the profiler)")
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(top)
        print(f"  -- by {order} --")
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if "ncalls" in line)
        print("\n".join("  " + line for line in lines[start:start + top + 1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=600)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="profile-import-"))
    os.environ.setdefault("RECOVERY_DESK_DATA", str(root / "default"))
    seed_db = open_database(f"sqlite:///{root / 'seed.sqlite3'}")
    store = counter_with_cases(root, seed_db, args.cases)
    files = file_all(store)
    print("SQLite")
    profile(f"sqlite:///{root / 'hq.sqlite3'}", store, files, args.top)
    if not args.no_pg:
        from tests.pg import start_postgres

        pg = start_postgres(tempfile.mkdtemp(prefix="profile-pg-"))
        try:
            print("PostgreSQL")
            profile(pg.new_database(), store, files, args.top)
        finally:
            pg.stop()


if __name__ == "__main__":
    main()
