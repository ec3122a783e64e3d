"""Every benchmark in one command, one table of figures with their floors and ratios.

    .venv/bin/python -m tests.bench --quick   # about ten minutes on a 2-core machine
    .venv/bin/python -m tests.bench --full    # the sizes the issues quote (100,000 cases...): hours

Each benchmark runs in its own process (start-up figures need fresh ones); the demo store the case
list and start-up need is built once per size and kept (--stores). Writes docs/benchmarks.md (or
--out) with the machine it ran on, the table, and each benchmark's own output.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from tests.bench.figures import parse

ROOT = Path(__file__).resolve().parents[2]
KEPT = "## Before and after"  # the heading from which docs/benchmarks.md is written by hand

# name -> (arguments for --quick, arguments for --full); {stores} is the folder of kept demo stores.
BENCHES: dict[str, tuple[list[str], list[str]]] = {
    "bench_case_list": (["--data-dir", "{stores}/10k", "--forms", "20000", "--cases", "10000", "--runs", "4"],
                        ["--data-dir", "{stores}/100k", "--forms", "200000", "--cases", "100000", "--runs", "5"]),
    # --quick's sizes keep the whole run within ten minutes on a shared 2-core machine; the growth
    # factors still compare two sizes four times apart.
    "bench_outbox": (["--cases", "250", "--factor", "4"], ["--cases", "2500", "--factor", "4"]),
    # Backup and restore, exports, the purge, head office's first import and its taking in of the purge:
    # each at two sizes (~60 s quick at a load of 4, ~2 min at 10).
    "bench_growth": (["--cases", "100", "--forms", "400", "--factor", "4"],
                     ["--cases", "2500", "--forms", "10000", "--factor", "4", "--runs", "3"]),
    "bench_import": (["--forms", "20000"], ["--forms", "100000"]),
    "bench_import_xlsx": (["--forms", "20000"], ["--forms", "100000"]),
    "bench_recovery": (["--cases", "500", "--walk", "100", "--runs", "2"], []),
    "bench_reports": (["--network-forms", "20000", "--dealers", "10"], []),
    # Head office's import of 101 files of 30 cases (a few hundred files give steadier figures than 26).
    "bench_sync": (["--cases", "3000", "--sync-cases", "400"], []),
    "bench_network_page": (["--sizes", "100000", "300000", "--dealers", "200"],
                           ["--sizes", "1000000", "10000000", "--dealers", "1000"]),
    "bench_warn_stall": (["--forms", "6000", "--data-dir", "{stores}/warn6k"], ["--forms", "6000", "--data-dir", "{stores}/warn6k"]),
    "bench_risk_stall": (["--forms", "20000", "--data-dir", "{stores}/risk20k"],
                         ["--forms", "20000", "--data-dir", "{stores}/risk20k", "--runs", "3"]),
    "intake_load": (["--counters", "50", "--files", "1", "--workers", "1", "2"],
                    ["--counters", "200", "--files", "2", "--workers", "1", "2", "4"]),
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        mem_text = f", {mem / 1024:.1f} GB memory"
    except (OSError, StopIteration):
        mem_text = ""
    try:
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return (f"{platform.platform()}; {cpu}, {os.cpu_count()} cores{mem_text}; Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}; load average at start {load}")


def run(name: str, args: list[str], timeout: float) -> tuple[str, float, int]:
    t = time.perf_counter()
    try:
        out = subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / f"{name}.py"), *args], cwd=ROOT,
                             capture_output=True, text=True, timeout=timeout)
        text, code = out.stdout + (("\n" + out.stderr[-3000:]) if out.returncode else ""), out.returncode
    except subprocess.TimeoutExpired as exc:
        text, code = (exc.stdout or b"").decode(errors="replace") + f"\n(stopped after {timeout:.0f} s)", -1
    return text, time.perf_counter() - t, code


def table(rows: list[tuple[str, dict]]) -> list[str]:
    out = ["| benchmark | measure | figure | floor (same run) | ratio | aim |", "| --- | --- | --- | --- | --- | --- |"]
    for bench, f in rows:
        unit = f["unit"]
        value = f"{f['value']:,.3g} {unit}" if unit != "x" else f"x{f['value']:.2f}"
        floor = f"{f['floor']:,.3g} {unit if unit != 'x' else ''} ({f['floor_name']})" if f["floor"] else "-"
        ratio = f"{f['ratio']:.2f}" if f["ratio"] is not None else "-"
        out.append(f"| {bench} | {f['measure']} | {value} | {floor} | {ratio} | {f['aim'] or '-'} |")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.bench")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--quick", action="store_true")
    mode.add_argument("--full", action="store_true")
    ap.add_argument("--only", nargs="*", help="run only these benchmarks (names as bench_outbox)")
    ap.add_argument("--stores", default="/tmp/recovery-desk-bench-stores", help="where demo stores are kept")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = ap.parse_args(argv)
    which = "quick" if args.quick else "full"
    started = datetime.now(timezone.utc)
    clock0 = time.perf_counter()
    out_path = Path(args.out)
    # A hand-written part at the end (before/after notes) is kept below the table written here.
    kept = out_path.read_text(encoding="utf-8") if out_path.exists() else ""
    kept = kept[kept.index(KEPT):] if KEPT in kept else ""
    head = machine()
    rows, sections = [], []
    for name, (quick, full) in BENCHES.items():
        if args.only and name not in args.only:
            continue
        bench_args = [a.format(stores=args.stores) for a in (quick if args.quick else full)]
        print(f"{name} {' '.join(bench_args)}", flush=True)
        text, seconds, code = run(name, bench_args, timeout=1800 if args.quick else 6 * 3600)
        status = "" if code == 0 else f" (FAILED, exit {code})"
        print(f"  {seconds:.0f} s{status}", flush=True)
        rows += [(name, f) for f in parse(text)]
        shown = "\n".join(line for line in text.splitlines() if not line.startswith("BENCH-FIGURE "))
        sections.append(f"### {name} ({seconds:.0f} s{status})\n\n`{' '.join(['python', f'tests/bench/{name}.py', *bench_args])}`\n\n"
                        f"```\n{shown.strip()}\n```\n")
        # Written after each benchmark: a long run stopped part way still leaves what it measured.
        doc = [f"# Benchmarks ({which})", "",
               f"Written by `python -m tests.bench --{which}` on {started:%Y-%m-%d %H:%M} UTC.", "",
               f"Machine: {head}.", "",
               "Each figure is next to a floor measured in the same run (ratio = figure / floor). Growth "
               "factors (x) compare the same path at two sizes: the data's own factor is the aim.", "",
               *table(rows), "", f"Whole run: {time.perf_counter() - clock0:.0f} s.", "",
               "## Each benchmark's output", "", *sections]
        out_path.write_text("\n".join(doc) + "\n" + ("\n" + kept if kept else ""), encoding="utf-8")
    print(f"wrote {args.out} (whole run {time.perf_counter() - clock0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
