"""Benchmark: a counter's whole history at two sizes, with the growth factor of each path next to
the data's (4x data should cost about 4x time): filing the outbox (and when its first file is ready
to leave), and connecting's re-homing and renumbering. The floor is reading every event's columns
once, streamed as filing reads them (loading every event as an ORM object kept them all alive until
the loop ended: the collector's passes over them made that floor itself grow faster than the data).
Each growth factor is given in wall-clock time (what the counter waits) and in the process's own CPU
time, which other programs' load on a shared machine hardly moves: at load 15 on two cores the wall
clock's factor can be double the CPU's when the load changes between the two sizes.

On a shared machine one run of anything can be twice another, and the load moves between minutes:
every path runs in several rounds, both sizes in turn within a round, re-homing and filing each on
a fresh copy of the store; the medians are kept.

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


def read_every_event(store) -> tuple[float, float]:
    """(wall, CPU) seconds to read every event's columns once, row by row."""
    t, c = time.perf_counter(), time.process_time()
    with store.session() as s:
        for _ in s.connection().execute(select(*Event.__table__.c)):
            pass
    return time.perf_counter() - t, time.process_time() - c


def file_outbox(store) -> tuple[float, float, float]:
    """(seconds until the first file is written, seconds until every change is filed, CPU seconds)."""
    t, c = time.perf_counter(), time.process_time()
    first = None
    for _seq in outbox.filing(store, SECRET):
        if first is None:
            first = time.perf_counter() - t
    return first or 0.0, time.perf_counter() - t, time.process_time() - c


def on_copy(data_dir: Path, work):
    """``work(store)`` on a fresh copy of the store in ``data_dir``, which is removed afterwards."""
    copy = data_dir.with_name(f"{data_dir.name}-copy")
    shutil.copytree(data_dir, copy)
    store = open_store(copy)
    try:
        return work(store)
    finally:
        store.close()
        shutil.rmtree(copy)


def connect_rehome(store) -> tuple[float, float]:
    """(wall, CPU) seconds of connecting's re-homing and renumbering."""
    from app.foundation.ids import new_id
    from app.sync.connect import _rehome

    t, c = time.perf_counter(), time.process_time()
    renumbered = _rehome(store, new_id(), "BJ01", "Bench dealer", "7K")
    dt, dc = time.perf_counter() - t, time.process_time() - c
    assert renumbered, "the offline cases were renumbered"
    return dt, dc


def measure(root: Path, sizes: list[int], runs: int) -> list[dict[str, float]]:
    """Each path at each size, ``runs`` times, the sizes taken in turn within each round (the
    machine's load moves between minutes: in turn, both sizes see the same load); medians kept.
    Re-homing and filing run on fresh copies, filing on a copy of a re-homed store."""
    offline, rehomed, out = {}, {}, {}
    for n in sizes:
        offline[n] = root / f"c{n}" / "desk.sqlite3"
        store = offline_counter(offline[n], n)
        with store.session() as s:
            events = s.scalar(select(func.count()).select_from(Event))
        store.close()
        rehomed[n] = root / f"c{n}-rehomed" / "desk.sqlite3"
        shutil.copytree(offline[n], rehomed[n])
        store = open_store(rehomed[n])
        connect_rehome(store)
        store.close()
        out[n] = {"cases": n, "events": events, **{k: [] for k in TIMES}}
    for _round in range(runs):
        for n in sizes:
            store = open_store(rehomed[n])
            for _ in range(2):
                wall, cpu = read_every_event(store)
                out[n]["floor"].append(wall)
                out[n]["floor_cpu"].append(cpu)
            store.close()
            wall, cpu = on_copy(offline[n], connect_rehome)
            out[n]["rehome"].append(wall)
            out[n]["rehome_cpu"].append(cpu)
            first, total, cpu = on_copy(rehomed[n], file_outbox)
            out[n]["first_file"].append(first)
            out[n]["filing"].append(total)
            out[n]["filing_cpu"].append(cpu)
    return [{k: statistics.median(v) if isinstance(v, list) else v for k, v in out[n].items()} for n in sizes]


# What is timed, by key and name; a "_cpu" key is the process's CPU time of the same work.
TIMES = {"floor": "floor: read every event", "filing": "file the whole outbox",
         "first_file": "first file ready to leave", "rehome": "connect: re-home + renumber",
         "floor_cpu": "floor, CPU time", "filing_cpu": "file the whole outbox, CPU time",
         "rehome_cpu": "connect: re-home + renumber, CPU time"}


def report(small: dict, big: dict) -> list[tuple[str, float, float, float]]:
    """Rows of (measure, small s, big s, growth factor); the data's own factor comes first."""
    rows = [("events (data)", small["events"], big["events"], big["events"] / small["events"])]
    for key, name in TIMES.items():
        rows.append((name, small[key], big[key], big[key] / max(small[key], 1e-9)))
    return rows


def main(argv=None) -> list:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=2_500)
    ap.add_argument("--factor", type=int, default=4)
    ap.add_argument("--runs", type=int, default=3, help="rounds over both sizes (medians kept)")
    args = ap.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="bench-outbox-"))
    os.environ.setdefault("RECOVERY_DESK_DATA", str(root / "default"))
    load = os.getloadavg()
    small, big = measure(root, [args.cases, args.cases * args.factor], args.runs)
    rows = report(small, big)
    print(f"Outbox and connect at {args.cases:,} and {args.cases * args.factor:,} cases "
          f"(medians of {args.runs} rounds, both sizes in turn; the floor read twice a round; "
          f"load average {load[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)")
    for name, a, b, g in rows:
        fmt = "{:>10,.0f}" if name.startswith("events") else "{:>9.2f}s"
        print(f"  {name:<38} {fmt.format(a)} {fmt.format(b)}   growth x{g:.2f}")
    from tests.bench.figures import figure

    data_growth = rows[0][3]
    big_n = f"{args.cases * args.factor:,} cases"
    for name, _a, b, g in rows[1:]:
        figure(f"{name}: growth {args.cases:,} -> {big_n}", g, "x", data_growth, "the data's growth",
               aim="ratio <= 1.2")
    for key in ("filing", "first_file", "rehome"):
        figure(f"{TIMES[key]} at {big_n}", big[key], "s", big["floor"], "read every event")
    return rows


if __name__ == "__main__":
    main()
