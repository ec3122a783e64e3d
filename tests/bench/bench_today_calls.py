"""Benchmark: Today's riskiest 3-day calls against Today's own figures, on a dealer's store with a long history.

    .venv/bin/python tests/bench/bench_today_calls.py [--forms 20000] [--due 300] [--runs 7]

Builds a demo store (demo --forms N) and imports --due repair orders delivered in the last 15 days,
no form yet (the calls to make). Measured in the same run, each the median of --runs:
- Today's figures (`today_figures`, what the desk waits for after the PIN): the floor;
- Today's riskiest calls (`riskiest_calls`: the due orders and their customers' and vehicles' history,
  ranked by the model kept);
- what Today would cost if it fitted the model itself (`refit`: the dealer's whole history);
- the call list (`riskiest_calls` without a limit: every due call, by the model kept; the desk fits in a
  process of its own, bench_risk_stall.py).
Prints milliseconds and each against the floor.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def build(work: Path, forms: int, due: int):
    import keyring

    from app.foundation import clock
    from app.models.store import open_store
    from app.services.demo.sample_data import ADVISORS, fill_demo
    from app.services.orders.store import import_orders_file
    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # never the user's real keyring
    store = open_store(work)
    fill_demo(store, forms, forms // 40, seed=7)
    rnd = random.Random(3)
    now = clock.local_now()
    lines = ["repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type,amount"]
    for i in range(due):
        opened = (now - timedelta(days=rnd.randrange(1, 16))).replace(hour=rnd.randrange(8, 11), minute=0)
        stay = rnd.choice((2, 3, 4, 6, 30))
        promised = opened + timedelta(hours=stay if rnd.random() < 0.7 else stay - 2)
        lines.append(f"RX{i:05d},{opened:%Y-%m-%d %H:%M},{promised:%Y-%m-%d %H:%M},"
                     f"{opened + timedelta(hours=stay):%Y-%m-%d %H:%M},{rnd.choice(ADVISORS)},客户{i:04d},"
                     f"139{i:08d},京N{i:05d},{rnd.choice(['保养', '维修', '钣喷'])},800")
    f = work / "dms.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_orders_file(store, f)
    return store


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=20000)
    ap.add_argument("--due", type=int, default=300)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    from app.services.orders.riskiest import riskiest_calls
    from app.services.predict.risk_model import refit
    from app.services.today.worklist import today_figures

    store = build(Path(tempfile.mkdtemp(prefix="bench-today-calls-")), args.forms, args.due)
    refit(store)  # kept, as the desk's background fit leaves it
    got = riskiest_calls(store)
    print(f"store: {args.forms} forms, {got.due} calls due; Today shows {len(got.calls)}")
    floor = median_ms(lambda: today_figures(store), args.runs)
    rows = [("Today's figures (floor)", floor),
            ("Today's riskiest calls", median_ms(lambda: riskiest_calls(store), args.runs)),
            ("fitting the model (never on Today's path)", median_ms(lambda: refit(store), max(3, args.runs // 2))),
            ("the call list (every due call)", median_ms(lambda: riskiest_calls(store, limit=None), args.runs))]
    for name, ms in rows:
        print(f"  {name:45s} {ms:8.1f} ms   {ms / floor:5.2f}x the floor")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
