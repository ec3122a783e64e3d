"""Size and start time of the one-folder program against the same program run from the virtual
environment, measured in the same run:  python packaging/measure_build.py dist/recovery-desk [--runs N]

Each command runs N times, frozen and virtual environment alternating, after one untimed run of each
(which creates the temporary store); min and median are printed, and with --json one object on the
last line."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def timed_pairs(frozen: list[str], venv: list[str], env: dict, runs: int) -> tuple[list[float], list[float]]:
    """Each run times the frozen command, then the same command from the virtual environment: on a
    shared machine the load drifts, and alternating puts both under the same drift."""
    for cmd in (frozen, venv):
        subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT)  # untimed: creates the store
    out: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for cmd, times in zip((frozen, venv), out):
            t = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT)
            times.append(time.perf_counter() - t)
    return out


def measure(dist: Path, runs: int) -> dict:
    exe = dist / ("recovery-desk-cli.exe" if os.name == "nt" else "recovery-desk")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    figures = {"size_mb": round(folder_mb(dist), 1), "runs": runs}
    with tempfile.TemporaryDirectory() as tmp:
        for label, args in (("version", ["--version"]),
                            ("summary", ["--data-dir", tmp, "feedback", "summary", "--month", "2026-11"])):
            frozen, venv = timed_pairs([str(exe), *args], [sys.executable, "-m", "app", *args], env, runs)
            figures[label] = {"frozen_min": min(frozen), "frozen_median": statistics.median(frozen),
                              "venv_min": min(venv), "venv_median": statistics.median(venv)}
    return figures


def table(f: dict) -> str:
    lines = [f"one-folder program: {f['size_mb']:.1f} MB; start times over {f['runs']} runs each (s):",
             f"{'command':<34}{'frozen min/median':>20}{'venv min/median':>20}{'ratio (median)':>16}"]
    for label, name in (("version", "--version"), ("summary", "feedback summary (temp store)")):
        m = f[label]
        lines.append(f"{name:<34}{m['frozen_min']:>9.3f} / {m['frozen_median']:<8.3f}"
                     f"{m['venv_min']:>9.3f} / {m['venv_median']:<8.3f}"
                     f"{m['frozen_median'] / m['venv_median']:>14.2f}")
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dist", type=Path)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    f = measure(args.dist, args.runs)
    print(table(f))
    if args.json:
        print(json.dumps(f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
