"""The early warnings' method against a plain per-series CUSUM, on the same demo stores: each planted
drift's delay and the false alarms per dealer-quarter.

    .venv/bin/python tests/bench/warn_methods.py [--stores DIR] [--seeds 7,11,3,5] [--methods 4,5]

Builds (once, kept in --stores) for each seed a store with nothing planted and one with the drifts
planted (`demo --forms 9000 --cases 0 [--drift]`, the program's clock at the test suite's instant),
replays each store's history day by day with each method and prints one row per method and seed,
then one per method over every seed. False alarms: every warning on the store with nothing planted;
on the planted one every warning no planted drift explains (tests/drift_truth.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CLOCK = "2026-11-18T10:30:00+08:00"  # tests/conftest.py's DEFAULT_CLOCK: the planted drifts' dates follow it
os.environ.setdefault("RECOVERY_DESK_CLOCK", CLOCK)


def build(stores: Path, seed: int, planted: bool) -> Path:
    d = stores / f"{'planted' if planted else 'plain'}{seed}"
    if not (d / "store.sqlite3").exists():
        cmd = [sys.executable, "-m", "app", "--data-dir", str(d), "demo", "--forms", "9000", "--cases", "0",
               "--seed", str(seed)] + (["--drift"] if planted else [])
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env={**os.environ, "LANG": "en_US.UTF-8"})
    return d


def history(d: Path):
    from app.models.store import open_store
    from app.services.predict.history import read_history

    store = open_store(d)
    try:
        return read_history(store, store.identity.home_dealer_id)
    finally:
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stores", default="/tmp/recovery-desk-warn-stores")
    ap.add_argument("--seeds", default="7,11,3,5")
    ap.add_argument("--methods", default="", help="the rows to run, by number from 1 (all when empty)")
    args = ap.parse_args()
    from app.foundation import clock
    from app.services.predict.backtest import replay
    from app.services.predict.monitor import GRADES_4X, GRADES_PAIR, PAIR, PLAIN, PREVIOUS, TUNED, Settings
    from tests import drift_truth

    today = clock.today()
    methods = {"plain CUSUM": PLAIN, "previous (2x and 4x)": PREVIOUS, "tuned to the shift in reach": TUNED,
               "2x and 4x, empirical Bayes (before the grades)": PAIR,
               "advisors' grades tilted 4x (one CUSUM)": GRADES_4X,
               "advisors' grades tilted 2x and 4x": GRADES_PAIR,
               "D or E 4x (one CUSUM), empirical Bayes": Settings(odds_ratios=(4.0,), grade_ratios=None),
               "advisors' grades 4x beside D or E 4x (the method)": Settings()}
    if args.methods:
        keep = {int(i) - 1 for i in args.methods.split(",")}
        methods = {k: v for i, (k, v) in enumerate(methods.items()) if i in keep}
    seeds = [int(s) for s in args.seeds.split(",")]
    stores = Path(args.stores)
    stores.mkdir(parents=True, exist_ok=True)
    names = list(drift_truth.starts(today))
    print("| method | seed | " + " | ".join(f"{n} (days)" for n in names)
          + " | false alarms, nothing planted | unexplained, planted | months watched |")
    print("|" + " --- |" * (len(names) + 5))
    totals = {m: {"delays": {n: [] for n in names}, "plain": 0, "planted": 0, "months": [0.0, 0.0], "s": 0.0}
              for m in methods}
    for seed in seeds:
        plain, planted = history(build(stores, seed, False)), history(build(stores, seed, True))
        for label, conf in methods.items():
            t = time.perf_counter()
            a, b = replay(plain, "plain", conf).to_json(), replay(planted, "planted", conf).to_json()
            tot = totals[label]
            tot["s"] += time.perf_counter() - t
            late = drift_truth.delays(b["warnings"], today)
            false_plain, false_planted = len(a["warnings"]), len(drift_truth.unexplained(b["warnings"], today))
            for n in names:
                tot["delays"][n].append(late[n])
            tot["plain"] += false_plain
            tot["planted"] += false_planted
            tot["months"][0] += a["watched_months"]
            tot["months"][1] += b["watched_months"]
            print(f"| {label} | {seed} | " + " | ".join("-" if late[n] is None else str(late[n]) for n in names)
                  + f" | {false_plain} | {false_planted} | {a['watched_months']:.1f} |", flush=True)
    print()
    print("| method | " + " | ".join(f"{n}: within 10 days, worst, mean" for n in names)
          + " | false alarms per dealer-quarter, nothing planted | unexplained per dealer-quarter, planted | replay s |")
    print("|" + " --- |" * (len(names) + 4))
    for label, tot in totals.items():
        cells = []
        for n in names:
            ds = tot["delays"][n]
            within = sum(d is not None and d <= 10 for d in ds)
            worst = "never" if None in ds else str(max(ds))
            mean = sum(d for d in ds if d is not None) / max(1, sum(d is not None for d in ds))
            cells.append(f"{within}/{len(ds)}, {worst}, {mean:.1f}")
        q0, q1 = tot["months"][0] / 3, tot["months"][1] / 3
        print(f"| {label} | " + " | ".join(cells) + f" | {tot['plain'] / q0:.2f} | {tot['planted'] / q1:.2f} "
              f"| {tot['s']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
