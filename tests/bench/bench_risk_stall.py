"""Benchmark: the desk's window while the 3-day calls' risk model is fitted.

    .venv/bin/python tests/bench/bench_risk_stall.py [--forms 20000] [--data-dir DIR] [--modes thread child] [--runs 2]

The sibling of bench_warn_stall.py, with its store, its ticking UI thread and its format: builds a demo
store with the product's own command unless DIR holds one, then in an offscreen QApplication whose UI
thread ticks a QTimer every 10 ms:
- floor: reading the dealer's history the fit reads (every order's facts), alone;
- for each mode, ``--runs`` fits started through `Ops` as Today's box starts them: ``thread`` fits on
  Ops' io pool in this process (as the desk did), ``child`` through `orders refit` in a process of its
  own (as the desk does now).
Prints the fit's wall time against the floor, and the UI thread's largest gap between ticks against the
largest while a job only waits (the machine's own noise; 10 ms when nothing stalls it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_warn_stall import build, watched  # noqa: E402  (also sets the offscreen platform)
from tests.bench.figures import figure  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=20000)
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--modes", nargs="+", default=["thread", "child"], choices=["thread", "child"])
    ap.add_argument("--runs", type=int, default=2)
    a = ap.parse_args()
    data_dir = a.data_dir or Path(tempfile.mkdtemp(prefix="bench-risk-")) / "d"
    build(data_dir, a.forms)

    from PySide6.QtWidgets import QApplication

    from app.models.store import open_store
    from app.services.predict.elsewhere import refit_elsewhere
    from app.services.predict.risk import read_facts
    from app.services.predict.risk_model import refit, stored_warnings
    from app.ui.common.ops import Ops

    app = QApplication.instance() or QApplication([])
    ops = Ops()
    store = open_store(data_dir)
    dealer = store.identity.home_dealer_id
    with store.session() as s:
        fired = stored_warnings(s, dealer)
    read_facts(store, dealer, fired)  # the first read warms the file cache for every figure after it
    t = time.perf_counter()
    orders = len(read_facts(store, dealer, fired))
    floor = time.perf_counter() - t
    figure(f"risk fit: reading the orders ({orders})", round(floor * 1000, 1), "ms")
    _wall, idle_gap, _n = watched(app, ops, lambda: time.sleep(2))
    jobs = {"thread": lambda: refit(store), "child": lambda: refit_elsewhere(store)}
    for mode in a.modes:
        for run in range(1, a.runs + 1):
            wall, gap, long_gaps = watched(app, ops, jobs[mode])
            figure(f"risk fit: {mode}, run {run}", round(wall * 1000, 1), "ms", round(floor * 1000, 1),
                   "reading the orders")
            figure(f"risk fit: {mode}, run {run}, UI thread's longest gap ({long_gaps} over 50 ms)",
                   round(gap * 1000, 1), "ms", round(idle_gap * 1000, 1), "longest gap while a job only waits",
                   aim="<= 100 ms")
    store.close()


if __name__ == "__main__":
    main()
