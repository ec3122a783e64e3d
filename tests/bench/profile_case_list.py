"""Profile of the case list's first build and its refresh, in one fresh process.

    .venv/bin/python tests/bench/profile_case_list.py DATA_DIR [--top 40] [--refreshes 3]

Builds the case list alone as bench_case_list's "list" child does (the administrator signed in,
the view shown at 1366x700) and prints, relative to the moment its construction starts: when
construction ended, when the first rows were painted, how long each build step took (wall and the UI
thread's CPU), each background job's queueing, start, end, CPU and delivery to the UI thread (what the
database worker did meanwhile), any cycle collection in the span, then cProfile of the UI thread from the construction to the first
paint, then the same spans for refreshes. --desk: the list opened in the desk instead, as
bench_case_list's "first opened in the desk" does (signed in, Today filled, the workers idle, then
Cases chosen). --inline: the jobs run on the UI thread, so the profile shows their Python work too.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--refreshes", type=int, default=3)
    ap.add_argument("--no-profile", action="store_true", help="the spans only, without cProfile's overhead")
    ap.add_argument("--desk", action="store_true", help="the list opened in the signed-in desk, not built alone")
    ap.add_argument("--inline", action="store_true",
                    help="background jobs run on the UI thread, so the profile holds the database's Python work too "
                         "(without two threads' waits for the interpreter in its times)")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tests.bench.bench_case_list import DEMO_PIN, compile_program, wait_for

    compile_program()
    from app.models.store import open_store
    from app.services.drafts import DraftBox
    from app.services.people.users import sign_in
    from app.ui.cases import cases_view
    from app.ui.cases.cases_view import CasesView
    from app.ui.common import ops as opsmod
    from app.ui.common.qt_app import create_app

    if args.desk:
        qapp, ops, window = signed_in_desk(args.data_dir)
    else:
        qapp = create_app()
        store = open_store(args.data_dir)
        user = sign_in(store, "admin", DEMO_PIN)
        ops = opsmod.Ops(inline=args.inline)

    jobs: list[dict] = []
    t0 = [time.perf_counter()]
    original = opsmod.Ops.run

    def run(self, fn, *, on_success=None, on_failure=None, pool="db", **kw):
        code = getattr(fn, "__code__", None)
        where = f" ({code.co_filename.split('/app/')[-1]}:{code.co_firstlineno})" if code else ""
        rec = {"name": getattr(fn, "__qualname__", repr(fn)) + where, "pool": pool,
               "queued": time.perf_counter() - t0[0]}
        jobs.append(rec)

        def timed():
            rec["start"], cpu = time.perf_counter() - t0[0], time.thread_time()
            try:
                return fn()
            finally:
                rec["end"], rec["cpu"] = time.perf_counter() - t0[0], time.thread_time() - cpu

        def delivered(result):
            rec["delivered"] = time.perf_counter() - t0[0]
            ui_marks.setdefault(f"UI CPU at delivery of {rec['name'][:30]}", time.thread_time() - ui_cpu0[0])
            if on_success:
                on_success(result)

        return original(self, timed, on_success=delivered, on_failure=on_failure, pool=pool, **kw)

    opsmod.Ops.run = run
    painted: list[float] = []
    reset = [False]  # the model was reset to the run's first page (a refresh repaints the old rows first)
    paint = cases_view._Table.paintEvent

    paints: list[tuple[float, float]] = []  # (start, duration) of the table's paints
    ui_marks: dict = {}  # the UI thread's CPU from the start to each step: constructed, a job delivered, painted
    ui_cpu0 = [0.0]

    def paint_event(self, event):
        start = time.perf_counter()
        ui_marks.setdefault("UI CPU at paint start", time.thread_time() - ui_cpu0[0])
        paint(self, event)
        paints.append((start - t0[0], time.perf_counter() - start))
        if reset[0] and self.model().pages:
            painted.append(time.perf_counter() - t0[0])

    cases_view._Table.paintEvent = paint_event

    steps: dict[str, float] = {}  # the page's build steps: how long each took on the UI thread

    def timed_step(name):
        step = getattr(CasesView, name)

        def run_step(self, *a, **kw):
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return step(self, *a, **kw)
            finally:
                steps[name] = steps.get(name, 0) + time.perf_counter() - start
                steps[name + " (CPU)"] = steps.get(name + " (CPU)", 0) + time.thread_time() - cpu
        setattr(CasesView, name, run_step)

    for name in [n for n in vars(CasesView) if n.startswith("build_")] + ["load_advisors"]:
        timed_step(name)

    collections: list[tuple[int, float, float]] = []  # cycle collections: (generation, start, duration)

    def on_gc(phase, info):
        if phase == "start":
            collections.append((info["generation"], time.perf_counter() - t0[0], -1.0))
        elif collections:
            g, start, _ = collections[-1]
            collections[-1] = (g, start, time.perf_counter() - t0[0] - start)

    gc.callbacks.append(on_gc)

    def spans(label: str, marks: dict) -> None:
        print(f"--- {label} (ms from its start)")
        for g, start, d in collections:
            print(f"  cycle collection, generation {g} at {start * 1000:7.1f}: {d * 1000:.1f} ms")
        collections.clear()
        for k, v in marks.items():
            print(f"  {k:<34}{v * 1000:8.1f}")
        for r in jobs:
            print(f"  job {r['pool']:<3} queued {r['queued'] * 1000:7.1f}  start {r.get('start', -1) * 1000:7.1f}"
                  f"  end {r.get('end', -1) * 1000:7.1f}  delivered {r.get('delivered', -1) * 1000:7.1f}"
                  f"  CPU {r.get('cpu', -1) * 1000:5.1f}  {r['name']}")

    prof = cProfile.Profile()
    collections.clear()
    t0[0] = time.perf_counter()
    cpu, ui_cpu = time.process_time(), time.thread_time()
    ui_cpu0[0] = ui_cpu
    if not args.no_profile:
        prof.enable()
    if args.desk:  # Cases chosen in the navigation: the page is built as it becomes current
        print(f"the list built while the desk was idle: {window._cases.is_built}")
        window.nav.setCurrentRow(window.pages.indexOf(window._cases))
        view = window.cases
    else:
        view = CasesView(store, ops, user, DraftBox(args.data_dir))
    view.model.modelReset.connect(lambda: reset.__setitem__(0, True))
    reset[0] = view.model.counted  # inline: counted while the page was built
    built = time.perf_counter() - t0[0]
    ui_marks["UI CPU at constructed"] = time.thread_time() - ui_cpu0[0]
    if not args.desk:
        view.resize(1366, 700)
        view.show()
    shown = time.perf_counter() - t0[0]
    ui_marks["UI CPU at shown"] = time.thread_time() - ui_cpu0[0]
    wait_for(lambda: painted)
    prof.disable()
    marks = {"constructed": built, "shown": shown, "first rows painted": painted[0],
             "CPU, every thread": time.process_time() - cpu, "CPU, UI thread": time.thread_time() - ui_cpu, **ui_marks}
    marks.update({f"  {k}": v for k, v in steps.items()})
    marks.update({f"table paint at {start * 1000:.1f}": d for start, d in paints})
    spans("first build", marks)
    if not args.no_profile:
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats(order).print_stats(args.top)
            print(out.getvalue())
    ops.wait_idle()
    qapp.processEvents()
    for i in range(args.refreshes):
        jobs.clear()
        painted.clear()
        reset[0] = False
        t0[0] = time.perf_counter()
        view.model.refresh()
        wait_for(lambda: painted)
        spans(f"refresh {i + 1}", {"first rows painted": painted[0]})
        ops.wait_idle()
        qapp.processEvents()
    os._exit(0)  # the desk's window and workers need no orderly end here


def signed_in_desk(data_dir: str):
    """The desk as a person has it once Today is filled: started, the administrator signed in, the
    workers idle (the list not built yet: the desk builds it itself a moment later)."""
    import app.cli
    from app.foundation.paths import resolve_data_dir
    from app.ui.shell.application import start_gui
    from app.ui.shell.main_window import MainWindow
    from tests.bench.bench_case_list import DEMO_PIN, wait_for, wait_settled

    # Opened before the desk builds the list while idle (as bench_case_list's click comes): its build is measured.
    MainWindow.build_cases_when_idle = lambda self, delay_ms=0: None
    gui, chosen = app.cli.gui_data_dir(["--data-dir", data_dir])
    qapp, ops, shell = start_gui(resolve_data_dir(chosen))
    wait_for(lambda: shell.dialog.submit.isEnabled())
    shell.dialog.user.setCurrentIndex(max(0, shell.dialog.user.findData("admin")))
    shell.dialog.pin.setText(DEMO_PIN)
    shown = []
    shell.window_shown.connect(shown.append)
    shell.dialog.submit.click()
    wait_for(lambda: shown and shown[0].today.is_filled)
    # Settled as bench_case_list's desk run waits (no job for a moment): the jobs that wait for every box
    # of Today start just after the workers are first idle, and timed them as the list's.
    wait_settled(ops)
    qapp.processEvents()
    return qapp, ops, shown[0]


if __name__ == "__main__":
    main()
