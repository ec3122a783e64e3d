"""Benchmark: the desk's window while the early warnings are worked out.

    .venv/bin/python tests/bench/bench_warn_stall.py [--forms 6000] [--data-dir DIR] [--modes thread child]

Builds a demo store with the product's own command (`demo --forms N --drift`) unless DIR holds one,
then, in an offscreen QApplication whose UI thread ticks a QTimer every 10 ms:
- floor: reading the dealer's history (the forms and cases the warnings watch), alone;
- for each mode, a first refresh (no limits cache, none in memory) and a cached one, started through
  `Ops` as Today's box starts it: ``thread`` works them out on Ops' io pool in this process (as the
  desk did), ``child`` through `warn refresh` in a process of its own (as the desk does now).
Prints each figure in the benchmarks' one format: the refresh's wall time against the floor, and the
UI thread's largest gap between ticks against the largest while a job only waits (the machine's own
noise; 10 ms when nothing stalls it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench.figures import figure  # noqa: E402


def build(data_dir: Path, forms: int) -> None:
    if (data_dir / "store.sqlite3").exists():
        return
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "demo", "--forms", str(forms),
                    "--drift"], check=True, stdout=subprocess.DEVNULL)
    print(f"# demo store with {forms} forms built in {time.perf_counter() - t:.1f} s", file=sys.stderr)


def forget(data_dir: Path, cached: bool) -> None:
    """The store as before any refresh (no warnings), with or without the limits worked out earlier."""
    from app.rules import drift

    with sqlite3.connect(data_dir / "store.sqlite3") as con:
        con.execute("DELETE FROM early_warning")
    if not cached:
        shutil.rmtree(data_dir / "cache", ignore_errors=True)
        drift._DESIGNS.clear()


def watched(app, ops, job) -> tuple[float, float, int]:
    """Run ``job`` through Ops' io pool while the UI thread ticks: (wall s, largest gap s, gaps > 50 ms)."""
    from PySide6.QtCore import QEventLoop, QTimer

    ticks: list[float] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    outcome: dict = {}

    def finished(key, value) -> None:
        outcome[key] = value
        loop.quit()

    timer.start()
    start = time.perf_counter()
    ticks.append(start)
    ops.run(job, on_success=lambda r: finished("ok", r), on_failure=lambda e: finished("error", e), pool="io")
    loop.exec()
    wall = time.perf_counter() - start
    timer.stop()
    if "error" in outcome:
        raise outcome["error"]
    gaps = [b - a for a, b in zip(ticks, ticks[1:])] or [wall]
    return wall, max(gaps), sum(g > 0.05 for g in gaps)


def report(name: str, wall: float, floor: float, gap: float, idle_gap: float, long_gaps: int) -> None:
    figure(f"warnings: {name}", round(wall * 1000, 1), "ms", round(floor * 1000, 1), "reading the forms")
    figure(f"warnings: {name}, UI thread's longest gap ({long_gaps} over 50 ms)", round(gap * 1000, 1), "ms",
           round(idle_gap * 1000, 1), "longest gap while a job only waits", aim="<= 100 ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=6000)
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--modes", nargs="+", default=["thread", "child"], choices=["thread", "child"])
    a = ap.parse_args()
    data_dir = a.data_dir or Path(tempfile.mkdtemp(prefix="bench-warn-")) / "d"
    build(data_dir, a.forms)

    from app.models.store import open_store
    from app.services.predict import warnings
    from app.services.predict.history import read_history
    from PySide6.QtWidgets import QApplication
    from app.ui.common.ops import Ops

    app = QApplication.instance() or QApplication([])
    ops = Ops()
    store = open_store(data_dir)
    dealer = store.identity.home_dealer_id
    read_history(store, dealer)  # the first read warms the file cache for every figure after it
    t = time.perf_counter()
    read_history(store, dealer)
    floor = time.perf_counter() - t
    figure("warnings: reading the forms", round(floor * 1000, 1), "ms")
    # The gaps a loaded machine puts between ticks anyway: a job that holds no lock, only waits.
    _wall, idle_gap, _n = watched(app, ops, lambda: time.sleep(2))
    for mode in a.modes:
        if mode == "thread":
            job = lambda: warnings.refresh(store)  # noqa: E731
        else:
            from app.services.predict.elsewhere import refresh_elsewhere

            job = lambda: refresh_elsewhere(store)  # noqa: E731
        for cached in (False, True):
            forget(data_dir, cached)
            wall, gap, long_gaps = watched(app, ops, job)
            report(f"{'cached' if cached else 'first'} refresh, {mode}", wall, floor, gap, idle_gap, long_gaps)
    store.close()


if __name__ == "__main__":
    main()
