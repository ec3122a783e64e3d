"""Profile of the path from the PIN to every box of Today, in one fresh process.

    .venv/bin/python tests/bench/profile_pin.py DATA_DIR [--pin-after 1.5] [--top 40]

Prints, relative to the moment the PIN is entered: when each box of Today was painted with its data
(figures, Overdue, riskiest calls, improvements, warnings, the trend: tests/bench/today_boxes.py);
each background job's queueing, start, end and delivery to the UI thread (the worker pools are where
a box waits behind other loads), with the CPU its thread spent on it and the pages it touched first;
each thread's CPU and first-touched pages from the PIN to the last box (Linux: which thread burnt a
slow start's CPU); the PIN check's scrypt as long as it took inside the desk (alone it
is the floor: inside, it shares the cores with start-up's work); and cProfile of the UI thread over the same span (cumulative).
The demo store's administrator signs in with PIN 0000, as bench_case_list does.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import sys
import threading
import time
from pathlib import Path

t0 = time.time()
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def threads_now() -> dict[int, tuple[str, int, int]]:
    """thread id -> (name, CPU ns, minor page faults) of every thread of this process (Linux; else empty)."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    out = {}
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/self/task/{tid}/schedstat") as f:
                cpu = int(f.read().split()[0])
            with open(f"/proc/self/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:  # ended meanwhile
            continue
        faults = int(stat[stat.rindex(")") + 2:].split()[7])
        out[int(tid)] = (names.get(int(tid), "Qt/other"), cpu, faults)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("--pin-after", type=float, default=1.5, help="seconds from the names listed to the PIN")
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import gc

    collections = []  # (when after t0, generation, seconds) of every cycle collection, any thread

    def on_gc(phase, info, started=[0.0]) -> None:
        if phase == "start":
            started[0] = time.time()
        else:
            collections.append((started[0] - t0, info["generation"], time.time() - started[0]))

    gc.callbacks.append(on_gc)
    from tests.bench.bench_case_list import compile_program

    compile_program()  # as installed; this process imports the program only after it

    import app.cli
    from app.foundation.paths import resolve_data_dir
    from app.ui.common import ops as opsmod
    from app.ui.shell.application import start_gui
    from tests.bench.bench_case_list import DEMO_PIN, TYPING_S, wait_for
    from tests.bench.today_boxes import TodayBoxes

    jobs = []
    original = opsmod.Ops.run

    def run(self, fn, *, on_success=None, on_failure=None, pool="db", **kw):
        code = getattr(fn, "__code__", None)
        where = f" ({code.co_filename.split('/app/')[-1]}:{code.co_firstlineno})" if code else ""
        order = f"/{kw['order']}" if "order" in kw else ""  # Ops.run's order, where given
        rec = {"name": getattr(fn, "__qualname__", repr(fn)) + where, "pool": pool + order,
               "queued": time.time() - t0}

        def timed():
            rec["start"] = time.time() - t0
            cpu, faults = time.thread_time(), resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
            try:
                return fn()
            finally:
                rec["end"] = time.time() - t0
                rec["cpu"] = time.thread_time() - cpu
                rec["faults"] = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - faults

        def delivered(result):
            rec["delivered"] = time.time() - t0
            if on_success:
                on_success(result)

        jobs.append(rec)
        return original(self, timed, on_success=delivered, on_failure=on_failure, pool=pool, **kw)

    opsmod.Ops.run = run
    # The PIN check's scrypt timed inside the desk: the floor's own work, sharing the cores with start-up's.
    from app.services.people import users

    hashing = []
    check_secret = users.check_secret

    def timed_check(*a, **kw):
        started = time.time()
        try:
            return check_secret(*a, **kw)
        finally:
            hashing.append((started - t0, time.time() - t0))

    users.check_secret = timed_check
    gui, chosen = app.cli.gui_data_dir(["--data-dir", args.data_dir])
    qapp, ops, shell = start_gui(resolve_data_dir(chosen))
    qapp.processEvents()
    wait_for(lambda: shell.dialog.submit.isEnabled())
    listed = time.time() - t0
    dialog = shell.dialog
    dialog.user.setCurrentIndex(max(0, dialog.user.findData("admin")))
    from PySide6.QtTest import QTest

    wait_for(lambda: time.time() - t0 >= listed + args.pin_after - TYPING_S)
    QTest.keyClicks(dialog.pin, DEMO_PIN)  # keys as a person types them, TYPING_S before Enter
    wait_for(lambda: time.time() - t0 >= listed + args.pin_after)
    marks = {}

    def on_window(w) -> None:
        marks["boxes"] = TodayBoxes(w, lambda: time.time() - t0)

    shell.window_shown.connect(on_window)
    profile = cProfile.Profile()
    pin = time.time() - t0
    threads_at_pin = threads_now()
    profile.enable()
    dialog.submit.click()
    wait_for(lambda: "boxes" in marks and marks["boxes"].done())
    profile.disable()
    threads_at_last = threads_now()
    ms = lambda at: f"{(at - pin) * 1000:7.0f}"  # noqa: E731
    times = marks["boxes"].times()
    print(f"names listed at {listed * 1000:.0f} ms, PIN at {pin * 1000:.0f} ms; after the PIN, each box of Today "
          f"painted with its data: " + ", ".join(f"{name} {ms(at).strip()}" for name, at in times.items()) + " ms")
    last = max(times.values())
    spent = [(at, gen, s) for at, gen, s in collections if at <= last]
    print(f"cycle collections from process start to the last box: {len(spent)}, "
          f"{sum(s for *_, s in spent) * 1000:.0f} ms; after the PIN: "
          f"{sum(s for at, _, s in spent if at >= pin) * 1000:.0f} ms; full ones (ms after the PIN, ms): "
          + ", ".join(f"{ms(at).strip()} {s * 1000:.0f}" for at, gen, s in spent if gen == 2))
    for started, ended in hashing:
        print(f"the PIN check's scrypt inside the desk: {ms(started).strip()} -> {ms(ended).strip()} ms after the PIN, "
              f"{(ended - started) * 1000:.0f} ms (tests/bench/bench_case_list.py --child scrypt times it alone)")
    # Which thread burnt the CPU from the PIN to the last box, and how many pages it touched first
    # (a job that began before the last box, or start-up's work still running at the PIN, shows here).
    print("CPU ms / first-touched pages of each thread from the PIN to the last box: " + ", ".join(
        f"{name} {(cpu - threads_at_pin.get(tid, (name, 0, 0))[1]) / 1e6:.1f}/{faults - threads_at_pin.get(tid, (name, 0, 0))[2]}"
        for tid, (name, cpu, faults) in sorted(threads_at_last.items(), key=lambda kv: -kv[1][1])))
    print("pool/order queued start end delivered, run ms, its thread's CPU ms and pages first touched, job (times in ms after the PIN)")
    for r in jobs:
        cols = [ms(r[k]) if k in r else "      -" for k in ("queued", "start", "end", "delivered")]
        run_ms = f"{(r['end'] - r['start']) * 1000:7.0f}" if "end" in r else "running"
        cpu = f"{r['cpu'] * 1000:6.1f} {r['faults']:5}" if "cpu" in r else "     -     -"
        print(f"{r['pool']:5} {' '.join(cols)}  {run_ms} {cpu}  {r['name'][:100]}")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())
    if shell.sync is not None:
        shell.sync.stop()
    ops.wait_idle()
    os._exit(0)  # the window and its workers need no orderly end here


if __name__ == "__main__":
    main()
