"""Benchmark: a counter's whole history at two sizes, with the growth factor of each path next to
the data's (4x data should cost about 4x time): filing the outbox (and when its first file is ready
to leave), and connecting's re-homing and renumbering. The floor is reading every event once.

On a shared machine one run of anything can be twice another: the floor is the median of several
reads, and the outbox is filed several times, each on a fresh copy of the same re-homed store, the
median kept.

    .venv/bin/python tests/bench/bench_outbox.py [--cases 2500] [--factor 4] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
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

from app.models import Event  # noqa: E402
from app.models.store import open_store  # noqa: E402
from app.services.demo.sample_data import fill_demo  # noqa: E402
from app.sync import outbox  # noqa: E402

SECRET = "5e" * 32  # a counter key in the form the keyring holds (hex)


def offline_counter(path: Path, n: int):
    """A counter that worked offline (never connected) with ``n`` cases taken through recovery."""
    store = open_store(path)
    for done in range(0, n, 20_000):
        fill_demo(store, forms=0, cases=min(20_000, n - done), seed=done)
    return store


def read_every_event(store) -> float:
    t = time.perf_counter()
    with store.session() as s:
        for _ in s.scalars(select(Event)):
            pass
    return time.perf_counter() - t


def file_outbox(store) -> tuple[float, float]:
    """(seconds until the first file is written, seconds until every change is filed)."""
    t = time.perf_counter()
    first = None
    for _seq in outbox.filing(store, SECRET):
        if first is None:
            first = time.perf_counter() - t
    return first or 0.0, time.perf_counter() - t


def file_copies(data_dir: Path, runs: int) -> tuple[float, float]:
    """File the whole outbox of fresh copies of the store in ``data_dir``: the medians of (first file,
    every change)."""
    firsts, totals = [], []
    for i in range(runs):
        copy = data_dir.with_name(f"{data_dir.name}-filing{i}")
        shutil.copytree(data_dir, copy)
        store = open_store(copy)
        first, total = file_outbox(store)
        store.close()
        shutil.rmtree(copy)
        firsts.append(first)
        totals.append(total)
    return statistics.median(firsts), statistics.median(totals)


def connect_rehome(store) -> float:
    from app.foundation.ids import new_id
    from app.sync.connect import _rehome

    t = time.perf_counter()
    renumbered = _rehome(store, new_id(), "BJ01", "Bench dealer", "7K")
    dt = time.perf_counter() - t
    assert renumbered, "the offline cases were renumbered"
    return dt


def measure(root: Path, n: int, runs: int) -> dict[str, float]:
    data_dir = root / f"c{n}" / "desk.sqlite3"
    store = offline_counter(data_dir, n)
    with store.session() as s:
        events = s.scalar(select(func.count()).select_from(Event))
    out = {"cases": n, "events": events,
           "floor": statistics.median(read_every_event(store) for _ in range(max(runs, 5)))}
    out["rehome"] = connect_rehome(store)
    store.close()
    out["first_file"], out["filing"] = file_copies(data_dir, runs)
    return out


def report(small: dict, big: dict) -> list[tuple[str, float, float, float]]:
    """Rows of (measure, small s, big s, growth factor); the data's own factor comes first."""
    rows = [("events (data)", small["events"], big["events"], big["events"] / small["events"])]
    for key, name in (("floor", "floor: read every event"), ("filing", "file the whole outbox"),
                      ("first_file", "first file ready to leave"), ("rehome", "connect: re-home + renumber")):
        rows.append((name, small[key], big[key], big[key] / max(small[key], 1e-9)))
    return rows


def main(argv=None) -> list:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=2_500)
    ap.add_argument("--factor", type=int, default=4)
    ap.add_argument("--runs", type=int, default=3, help="filings of fresh copies (median kept); the floor reads at least 5")
    args = ap.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="bench-outbox-"))
    os.environ.setdefault("RECOVERY_DESK_DATA", str(root / "default"))
    small = measure(root, args.cases, args.runs)
    big = measure(root, args.cases * args.factor, args.runs)
    rows = report(small, big)
    print(f"Outbox and connect at {args.cases:,} and {args.cases * args.factor:,} cases "
          f"(floor: median of {max(args.runs, 5)} reads; filing: median of {args.runs} fresh copies)")
    for name, a, b, g in rows:
        fmt = "{:>10,.0f}" if name.startswith("events") else "{:>9.2f}s"
        print(f"  {name:<30} {fmt.format(a)} {fmt.format(b)}   growth x{g:.2f}")
    from tests.bench.figures import figure

    data_growth = rows[0][3]
    big_n = f"{args.cases * args.factor:,} cases"
    for name, _a, b, g in rows[2:]:
        figure(f"{name}: growth {args.cases:,} -> {big_n}", g, "x", data_growth, "the data's growth",
               aim="ratio <= 1.2")
        figure(f"{name} at {big_n}", b, "s", big["floor"], "read every event")
    return rows


if __name__ == "__main__":
    main()
