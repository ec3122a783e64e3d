"""Alternated A/B: every box of Today after the PIN entered at once, an older checkout against this one.

    .venv/bin/python tests/bench/ab_every_box.py OTHER_CHECKOUT OTHER_DATA_DIR DATA_DIR [--rounds 8]

Each round runs the scrypt PIN check alone (the floor), then the start of both checkouts (bench_case_list's
``app`` child, PIN entered the moment the names are listed), in swapped order every other round, each in
a fresh process from its own checkout and on its own store (a store migrated by the newer program is
refused by the older one: copy the store first; each store has its day's work done first, by its side's
own program: bench_case_list.daily_work_done). Prints each round, then per checkout the times, each
round's ratio to the floor of its round, the CPU of every thread from the PIN to the last box and from the
process start to every box, each box's median, and the load average: on a shared machine only the ratios
of one run compare.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child(root: Path, *args: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": os.environ.get("LANG", "en_US.UTF-8"),
           "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, str(root / "tests/bench/bench_case_list.py"), "--child", *args,
                          "--t0", repr(time.time())], capture_output=True, text=True, env=env, cwd=root, timeout=900)
    if out.returncode:
        raise SystemExit(f"{root}: child {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("other", type=Path, help="the checkout to compare with (A)")
    p.add_argument("other_data_dir", help="A's store")
    p.add_argument("data_dir", help="this checkout's store (B)")
    p.add_argument("--rounds", type=int, default=8)
    args = p.parse_args()
    sides = {"A": (args.other.resolve(), args.other_data_dir), "B": (ROOT, args.data_dir)}
    sys.path.insert(0, str(ROOT))
    from tests.bench.bench_case_list import daily_work_done

    for root, data_dir in sides.values():
        compileall.compile_dir(str(root / "app"), quiet=1)  # as installed (see bench_case_list.compile_program)
        daily_work_done(data_dir, root)  # by each side's own program, on its own store
    runs: dict[str, list[dict]] = {"A": [], "B": []}
    floors, loads = [], []
    for i in range(args.rounds):
        floors.append(child(ROOT, "scrypt")["scrypt"])
        for name in ("AB" if i % 2 == 0 else "BA"):
            root, data_dir = sides[name]
            runs[name].append(child(root, "app", "--data-dir", data_dir, "--pin-after", "0"))
        loads.append(os.getloadavg()[0])
        print(f"round {i}: scrypt {floors[-1] * 1000:.0f} ms; "
              + "; ".join(f"{n} {runs[n][-1]['every_box_after_pin'] * 1000:.0f} ms (last: {runs[n][-1]['last_box']})"
                          for n in "AB") + f"; load {loads[-1]:.2f}", flush=True)
    print(f"scrypt PIN check alone: min {min(floors) * 1000:.0f}  median {statistics.median(floors) * 1000:.0f}  "
          f"max {max(floors) * 1000:.0f} ms")
    for name in "AB":
        v = [r["every_box_after_pin"] for r in runs[name]]
        ratios = sorted(x / h for x, h in zip(v, floors))
        print(f"{name} ({sides[name][0]}): every box, PIN entered at once: min {min(v) * 1000:.0f}  median "
              f"{statistics.median(v) * 1000:.0f}  max {max(v) * 1000:.0f} ms; x scrypt of its round: "
              f"{' '.join(f'{x:.2f}' for x in ratios)} (median {statistics.median(ratios):.2f}); CPU of every "
              f"thread from the PIN to the last box: median {statistics.median(r['cpu_after_pin'] for r in runs[name]) * 1000:.0f} ms")
        # The person's own measure: from the process's start to every box, the PIN entered the moment the
        # names are listed (so a change that lists the names later shows here, not in the ratios).
        listed = [r["store_ready"] for r in runs[name]]
        whole = [r["pin"] + r["every_box_after_pin"] for r in runs[name]]
        print(f"   names listed: median {statistics.median(listed) * 1000:.0f} ms; process start to every box: min "
              f"{min(whole) * 1000:.0f}  median {statistics.median(whole) * 1000:.0f}  max {max(whole) * 1000:.0f} ms")
        cpu = sorted(r["cpu_to_every_box"] for r in runs[name] if "cpu_to_every_box" in r)
        if cpu:  # an older checkout's benchmark may not report it
            print(f"   CPU of every thread from the process start to every box: min {cpu[0] * 1000:.0f}  median "
                  f"{statistics.median(cpu) * 1000:.0f}  max {cpu[-1] * 1000:.0f} ms")
        print("   medians: " + ", ".join(f"{box} {statistics.median(r['boxes_after_pin'][box] for r in runs[name]) * 1000:.0f}"
                                       for box in runs[name][0]["boxes_after_pin"]) + " ms")
    print(f"load average after each round: {' '.join(f'{x:.2f}' for x in loads)}")


if __name__ == "__main__":
    main()
