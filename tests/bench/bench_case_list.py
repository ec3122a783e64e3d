"""Benchmark: start-up, Today, and the case list over 100,000 cases and 200,000 forms.

    .venv/bin/python tests/bench/bench_case_list.py [--data-dir DIR] [--runs 5] [--pin-after 1.5]

Builds the demo store once (recovery-desk demo --forms 200000 --cases 100000) and reuses it. Each
figure is measured in a fresh process, next to baselines measured in the same run: a bare PySide6
QMainWindow's start, and a case list that loads every row at once. Prints figures and ratios.

The start is measured twice: with the PIN entered the moment the sign-in can check it (no time
to type: everything the store needs is on the clock) and with the PIN entered --pin-after seconds
after the dialog showed, as a person types it (the store opens and Today is read meanwhile; its keys
are typed 0.5 s before Enter, key events the desk sees as a person's). "Every box of Today" is the
last of Today's boxes on screen with its data: figures, Overdue, riskiest calls, improvements,
warnings and the trend (tests/bench/today_boxes.py). --start-only skips the case list. The
scrypt PIN check's own cost is printed too: it is deliberately slow and not to be optimised away.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO_PIN = "0000"
TYPING_S = 0.5  # the PIN typed this long before Enter (at once when the PIN is entered at once)


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def report(**kw) -> None:
    print(json.dumps(kw), flush=True)


def wait_for(signal_owner_check, timeout=60.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not signal_owner_check():
        QApplication.processEvents()
        time.sleep(0.0005)
        if time.monotonic() > end:
            raise TimeoutError("benchmark step did not finish")


QUIET_S = 0.3


def wait_settled(ops, timeout: float = 20.0) -> None:
    """Until no background job of ``ops`` has been pending for QUIET_S (or ``timeout``)."""
    end, quiet_since = time.monotonic() + timeout, [None]

    def settled() -> bool:
        now = time.monotonic()
        if ops._pending:
            quiet_since[0] = None
        elif quiet_since[0] is None:
            quiet_since[0] = now
        return now > end or (quiet_since[0] is not None and now - quiet_since[0] >= QUIET_S)

    wait_for(settled, timeout + 5)


# --- children: each runs in a fresh process -----------------------------------------------------

def child_bare(t0: float) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    w = QMainWindow()
    w.resize(1280, 740)
    w.show()
    QTimer.singleShot(0, lambda: (report(shown=time.time() - t0, rss=rss_mb()), app.quit()))
    app.exec()


def child_app(t0: float, data_dir: str, pin_after: float) -> None:
    """The real start, as `recovery-desk --data-dir DIR` runs it: sign-in dialog at once, store opened
    behind it; the PIN entered ``pin_after`` seconds after the dialog showed (0: as soon as the names
    are listed), then the main window and Today."""
    import app.cli  # what the console script imports before the window
    from app.foundation.paths import resolve_data_dir
    from app.ui.shell.application import start_gui

    gui, chosen = app.cli.gui_data_dir(["--data-dir", data_dir])
    assert gui
    qapp, ops, shell = start_gui(resolve_data_dir(chosen))
    qapp.processEvents()
    first = time.time() - t0
    wait_for(lambda: shell.dialog.submit.isEnabled())
    ready = time.time() - t0
    dialog = shell.dialog
    dialog.user.setCurrentIndex(max(0, dialog.user.findData("admin")))
    # The PIN's keys as a person types them (the desk sees each key), the last TYPING_S before Enter.
    from PySide6.QtTest import QTest

    wait_for(lambda: time.time() - t0 >= first + pin_after - TYPING_S)
    QTest.keyClicks(dialog.pin, DEMO_PIN)
    wait_for(lambda: time.time() - t0 >= first + pin_after)
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    sys.path.insert(0, str(ROOT))
    from tests.bench.today_boxes import TodayBoxes

    class Painted(QObject):
        """When a widget is first painted (on screen), and first painted after Today filled."""

        def __init__(self, widget) -> None:
            super().__init__(widget)
            self.first = self.after_fill = None
            self.filled = False
            widget.installEventFilter(self)

        def eventFilter(self, obj, event) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                now = time.time() - t0
                self.first = self.first or now
                if self.filled and self.after_fill is None:
                    self.after_fill = now
            return False

    watch = {}

    def on_window(w) -> None:  # connected before the window exists: nothing can be missed
        watch["window"], watch["today"] = Painted(w), Painted(w.today)
        watch["boxes"] = TodayBoxes(w, lambda: time.time() - t0)
        w.today.filled.connect(lambda: setattr(watch["today"], "filled", True))
        watch["today"].filled = w.today.is_filled  # filled before it was shown (prepared during the PIN)

    shell.window_shown.connect(on_window)
    t_pin, cpu_pin = time.time() - t0, time.process_time()
    dialog.submit.click()

    def every_box() -> bool:
        """The window painted, Today's figures painted, and every other box of Today painted with its
        data (or left hidden by it): Overdue, riskiest calls, warnings, improvements, the trend."""
        return ("window" in watch and watch["window"].first and watch["today"].after_fill
                and watch["boxes"].done())

    try:
        wait_for(every_box)
    except TimeoutError:
        raise TimeoutError(f"not every box of Today filled: {watch.get('boxes') and watch['boxes'].times()}") from None
    cpu_after_pin = time.process_time() - cpu_pin  # every thread's: the work left, apart from waiting for a core
    cpu_to_every_box = time.process_time()  # every thread's since the process started: all the start costs
    window_shown, today_filled = watch["window"].first, watch["today"].after_fill
    box_times = watch["boxes"].times()
    every = max(today_filled, *box_times.values())
    rss = rss_mb()
    # The case list opened for the first time in the desk, as a person opens it once Today is up:
    # Cases chosen in the navigation -> its first page on screen (built when first opened).
    # Once the desk has settled: no background job for QUIET_S (the work that waits for every box of
    # Today, the notices and the navigation counts, starts just after; a click in that gap timed them).
    wait_settled(ops)
    w = shell.window
    pages = []
    # Built while the desk waited (the desk builds it a moment after Today), opening it is a page
    # switch; otherwise this times a whole build: the report says which it was.
    prebuilt = w._cases.is_built
    t = time.perf_counter()
    w.nav.setCurrentRow(w.pages.indexOf(w._cases))
    view = w.cases
    view.model.page_loaded.connect(lambda p: pages.append(p))
    # Built while the desk was idle, its first page may be in already: then only its paint is left.
    wait_for(lambda: 0 in pages or 0 in view.model.pages or (view.model.counted and view.model.total == 0))
    QApplication.processEvents()
    cases_first_open = time.perf_counter() - t
    report(first_window=first, store_ready=ready, pin=t_pin, main_window=window_shown, today_filled=today_filled,
           window_after_pin=window_shown - t_pin, today_after_pin=today_filled - t_pin,
           every_box_after_pin=every - t_pin, boxes_after_pin={k: v - t_pin for k, v in box_times.items()},
           last_box=max(box_times, key=box_times.get), cpu_after_pin=cpu_after_pin, cpu_to_every_box=cpu_to_every_box, rss=rss, cases_first_open=cases_first_open, cases_prebuilt=prebuilt, rss_cases=rss_mb())
    ops.wait_idle()


def child_scrypt() -> None:
    """The PIN check's own cost: one scrypt with the parameters sign-in uses (not weakened here)."""
    import hashlib

    from app.services.people import users

    t = time.perf_counter()
    hashlib.scrypt(b"0000", salt=b"0123456789abcdef", n=users.N, r=users.R, p=users.P, dklen=32)
    report(scrypt=time.perf_counter() - t)


def child_list(data_dir: str, plate: str) -> None:
    """The case list alone: first page, a search by plate, memory after scrolling to the very end."""
    from app.models.store import open_store
    from app.services.people.users import sign_in
    from app.ui.common.qt_app import create_app
    from app.ui.cases.cases_view import CasesView
    from app.services.drafts import DraftBox
    from app.ui.common.ops import Ops
    from app.ui.cases import cases_view

    app = create_app()
    store = open_store(data_dir)
    user = sign_in(store, "admin", DEMO_PIN)
    ops = Ops()
    base = rss_mb()
    pages = []
    # The first page on screen: the table's first paint with rows in it. The page handed to the model
    # and one round of events after it were timed before, which left the paint out whenever the view
    # laid the rows out a moment later.
    painted = []
    paint = cases_view._Table.paintEvent

    def paint_event(table, event):
        paint(table, event)
        if not painted and table.model() is not None and table.model().pages:
            painted.append((time.perf_counter(), time.process_time()))

    cases_view._Table.paintEvent = paint_event
    t, cpu = time.perf_counter(), time.process_time()
    view = CasesView(store, ops, user, DraftBox(data_dir))
    view.model.page_loaded.connect(lambda p: pages.append((p, time.perf_counter())))
    view.resize(1366, 700)
    view.show()
    wait_for(lambda: painted)
    first_page, first_page_cpu = painted[0][0] - t, painted[0][1] - cpu  # cpu: every thread's
    wait_for(lambda: any(p == 0 for p, _ in pages))
    app.processEvents()
    total = view.model.rowCount()
    after_first = rss_mb()
    reloads = []
    for _ in range(5):  # the list already built: what a refresh or a cleared filter costs
        pages.clear()
        t = time.perf_counter()
        view.model.refresh()
        wait_for(lambda: any(p == 0 for p, _ in pages))
        view.table.viewport().repaint()
        reloads.append(time.perf_counter() - t)

    searches = []
    for attempt in range(5):
        pages.clear()
        text = plate[1:] if attempt % 2 else plate  # with and without the province character
        t = time.perf_counter()
        view.search.setText(text)
        view.apply_filter()
        wait_for(lambda: any(p == 0 for p, _ in pages) or (view.model.rowCount() == 0 and not view.model.pending
                                                          and view.model.total == 0 and time.perf_counter() - t > 1))
        app.processEvents()
        searches.append(time.perf_counter() - t)
        found = view.model.rowCount()
    view.search.clear()
    pages.clear()
    view.apply_filter()
    wait_for(lambda: any(p == 0 for p, _ in pages))

    pages.clear()
    t = time.perf_counter()
    view.table.scrollToBottom()
    wait_for(lambda: view.model.case_at(total - 1) is not None)
    jump_end = time.perf_counter() - t
    view.table.scrollToTop()
    app.processEvents()
    ops.wait_idle()
    # Scroll the whole list to the end the way a user dragging the scroll bar would: screen by screen.
    t = time.perf_counter()
    bar = view.table.verticalScrollBar()
    step = max(1, bar.maximum() // 100)
    peak = rss_mb()
    for value in range(0, bar.maximum() + 1, step):
        bar.setValue(value)
        app.processEvents()
        ops.wait_idle()
        app.processEvents()
        peak = max(peak, rss_mb())
    view.table.scrollToBottom()
    wait_for(lambda: view.model.case_at(total - 1) is not None)
    scrolled = time.perf_counter() - t
    report(rows=total, first_page=first_page, first_page_cpu=first_page_cpu, reload=statistics.median(reloads), jump_end=jump_end, search_by_plate=statistics.median(searches),
           search_worst=max(searches), search_found=found, rss_before=base, rss_first_page=after_first,
           rss_after_scroll=rss_mb(), rss_peak=peak, scroll_seconds=scrolled,
           pages_cached=len(view.model.pages))
    ops.wait_idle()


def child_load_all(data_dir: str) -> None:
    """Baseline: the naive list, every case read at once into a model."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    from app.models.store import open_store
    from app.services.cases.case_queries import CaseFilter, case_page, count_cases
    from app.ui.common.qt_app import create_app

    app = create_app()
    store = open_store(data_dir)
    base = rss_mb()
    t = time.perf_counter()
    n = count_cases(store, CaseFilter())
    rows = case_page(store, CaseFilter(), limit=n).rows

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: N802
            return len(rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: N802
            return 8

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                r = rows[index.row()]
                return (r.number, str(r.opened_at), r.status, r.severity, r.customer, r.phone, r.plate,
                        r.assignee)[index.column()]
            return None

    view = QTableView()
    view.setModel(Model())
    view.resize(1366, 700)
    view.show()
    app.processEvents()
    report(rows=len(rows), first_page=time.perf_counter() - t, rss_before=base, rss_after=rss_mb())


# --- the parent: builds the store, runs the children, prints figures and ratios ----------------

def run_child(*args: str) -> dict:
    # This checkout's program first on the path: a child runs as a script from tests/bench, where
    # `import app` found the editable install's checkout, not the one measured (a second worktree).
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "LANG": os.environ.get("LANG", "en_US.UTF-8"), "PYTHONPATH": path}
    t0 = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", *args, "--t0", repr(t0)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=900)
    if out.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def ensure_store(data_dir: Path, forms: int, cases: int) -> None:
    if (data_dir / "store.sqlite3").exists():
        return
    print(f"building the demo store in {data_dir} ({forms:,} forms, {cases:,} cases); this takes a while…",
          flush=True)
    subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "demo", "--forms", str(forms),
                    "--cases", str(cases)], check=True, cwd=ROOT)


def compile_program() -> None:
    """Byte-compile the program first, as it is installed (pip compiles on install, the one-folder
    build ships .pyc): a checkout run with PYTHONDONTWRITEBYTECODE set compiled every module of
    app/ from source at every start, ~0.1 s before the sign-in dialog alone, which no user pays."""
    import compileall

    compileall.compile_dir(str(ROOT / "app"), quiet=1)


# Today's once-a-day work, done before any start is measured, by the program of the checkout run.
_DAILY = """
import sys
from app.foundation import clock
from app.models.store import open_store
from app.services.predict.elsewhere import refit_elsewhere, refresh_elsewhere
from app.services.predict.risk_model import saved_model

store = open_store(sys.argv[1])
try:
    refresh_elsewhere(store)  # nothing when worked out today from this very history
    with store.session() as s:
        saved = saved_model(s, store.identity.home_dealer_id)
    if saved is None or saved.day != clock.today():
        refit_elsewhere(store)
finally:
    store.close()
"""


def daily_work_done(data_dir, root: Path = ROOT) -> None:
    """The store's work of the day done first: the early warnings worked out and the 3-day calls' risk
    model fitted, as the desk has them done by child processes after a day's first sign-in (~25 s of
    CPU and more at 100,000 cases). A run's first start of a day (a copy of a store made the day before,
    a run past midnight) started them, and they ran beside the starts measured after it."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-c", _DAILY, str(data_dir)], check=True, cwd=root, env=env,
                   capture_output=True)


def some_plate(data_dir: Path) -> str:
    import sqlite3

    con = sqlite3.connect(data_dir / "store.sqlite3")
    try:
        return con.execute("SELECT v.plate FROM failure_case c JOIN vehicle v ON v.id = c.vehicle_id "
                           "ORDER BY c.opened_at LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM failure_case)").fetchone()[0]
    finally:
        con.close()


def list_only(data_dir: Path, plate: str, runs: int) -> None:
    """The case list alone, ``runs`` fresh processes, min/median/max (the start-up is not run). The CPU
    figure (every thread of the process) tells the work apart from a busy machine's waiting."""
    lists = [run_child("list", "--data-dir", str(data_dir), "--plate", plate) for _ in range(runs)]
    print(f"store: {data_dir} ({lists[0]['rows']:,} cases); {runs} fresh processes; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for key, label in (("first_page", "built alone, first page on screen"), ("first_page_cpu", "  its CPU, every thread"),
                       ("reload", "refresh (count + page + paint)"), ("search_by_plate", "search by plate"),
                       ("jump_end", "jump to the end")):
        v = sorted(r[key] * 1000 for r in lists)
        print(f"{label:<40} min {v[0]:6.1f}  median {statistics.median(v):6.1f}  max {v[-1]:6.1f} ms")
    for key in ("rss_before", "rss_first_page", "rss_after_scroll", "rss_peak"):
        print(f"{key:<40} median {statistics.median(r[key] for r in lists):6.0f} MB")


def first_window_spread(bare: list[dict], starts: list[dict]) -> None:
    """The sign-in dialog's first paint against the bare window: each start's ratio to the bare window
    of its run (the runs are interleaved) and the ratio of the medians."""
    runs = len(bare)
    ratios = sorted(s["first_window"] / bare[i % runs]["shown"] for i, s in enumerate(starts))
    b = statistics.median(r["shown"] for r in bare) * 1000
    f = statistics.median(s["first_window"] for s in starts) * 1000
    print(f"  sign-in dialog painted: median {f:.0f} ms, bare window {b:.0f} ms: {f / b:.2f}x (aim 1.3x); "
          f"each start x the bare window of its run: {' '.join(f'{x:.2f}' for x in ratios)}")


def every_box_spread(typed: list[dict], quick: list[dict], hashes: list[dict]) -> None:
    """Every box of Today after the PIN, typed and entered at once: min/median/max, each run's ratio to
    the scrypt check of the same run, and each box's median (the last box named per run)."""
    for label, runs in (("typed at human speed", typed), ("entered at once", quick)):
        v = sorted(r["every_box_after_pin"] * 1000 for r in runs)
        ratios = sorted(r["every_box_after_pin"] / h["scrypt"] for r, h in zip(runs, hashes))
        print(f"  every box, PIN {label:<21} min {v[0]:5.0f}  median {statistics.median(v):5.0f}  max {v[-1]:5.0f} ms;"
              f" x scrypt of its run: {' '.join(f'{x:.2f}' for x in ratios)}; last: "
              f"{', '.join(r['last_box'] for r in runs)}")
        names = runs[0]["boxes_after_pin"]
        cpu = sorted(r["cpu_after_pin"] * 1000 for r in runs)
        print(f"    CPU of every thread from the PIN to the last box: min {cpu[0]:.0f}  median "
              f"{statistics.median(cpu):.0f}  max {cpu[-1]:.0f} ms")
        print("    medians: " + ", ".join(f"{n} {statistics.median(r['boxes_after_pin'][n] for r in runs) * 1000:.0f}"
                                         for n in names) + " ms")
    s = sorted(h["scrypt"] * 1000 for h in hashes)
    print(f"  scrypt PIN check alone: min {s[0]:.0f}  median {statistics.median(s):.0f}  max {s[-1]:.0f} ms")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default="/tmp/recovery-desk-bench-100k")
    p.add_argument("--forms", type=int, default=200_000)
    p.add_argument("--cases", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--pin-after", type=float, default=1.5,
                   help="seconds from the sign-in dialog to the PIN in the typed scenario")
    p.add_argument("--list-only", action="store_true",
                   help="only the case list built alone, in --runs fresh processes (not the start-up)")
    p.add_argument("--start-only", action="store_true",
                   help="only the start-up runs and every box of Today (not the case list)")
    p.add_argument("--child")
    p.add_argument("--plate", default="")
    p.add_argument("--t0", type=float, default=0.0)
    args = p.parse_args()
    if args.child == "bare":
        return child_bare(args.t0)
    if args.child == "app":
        return child_app(args.t0, args.data_dir, args.pin_after)
    if args.child == "scrypt":
        return child_scrypt()
    if args.child == "list":
        return child_list(args.data_dir, args.plate)
    if args.child == "loadall":
        return child_load_all(args.data_dir)

    data_dir = Path(args.data_dir)
    ensure_store(data_dir, args.forms, args.cases)
    compile_program()
    # Bring the store to this program's schema first (a migration is not start-up's everyday cost).
    subprocess.run([sys.executable, "-c", "import sys; from app.models.store import open_store; "
                    "open_store(sys.argv[1]).close()", str(data_dir)], check=True, cwd=ROOT)
    daily_work_done(data_dir)
    plate = some_plate(data_dir)
    med = lambda runs, key: statistics.median(r[key] for r in runs)  # noqa: E731
    pin_after = args.pin_after
    bare, quick, typed, hashes, lists = [], [], [], [], []
    if args.list_only:
        return list_only(data_dir, plate, args.runs)
    for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits every figure alike
        bare.append(run_child("bare", "--data-dir", str(data_dir)))
        quick.append(run_child("app", "--data-dir", str(data_dir), "--pin-after", "0"))
        typed.append(run_child("app", "--data-dir", str(data_dir), "--pin-after", str(pin_after)))
        hashes.append(run_child("scrypt"))
        if not args.start_only:
            lists.append(run_child("list", "--data-dir", str(data_dir), "--plate", plate))
    if args.start_only:
        print(f"store: {data_dir}; {args.runs} runs; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        first_window_spread(bare, quick + typed)
        every_box_spread(typed, quick, hashes)
        return
    # The list's figures are medians of the runs too (one fresh process read 41 ms and 202 ms in two runs
    # at load 4: its wall time is the machine's moment).
    lst = {key: med(lists, key) if isinstance(value, float) else value for key, value in lists[0].items()}
    naive = run_child("loadall", "--data-dir", str(data_dir))
    b = med(bare, "shown")
    h = med(hashes, "scrypt")

    def line(label: str, seconds: float, aim: str = "", note: str = "") -> None:
        ratio = f"{seconds / b:5.2f}x bare"
        print(f"{label:<52}{seconds * 1000:7.0f} ms  {ratio}{f'  (aim {aim})' if aim else ''}{f'  {note}' if note else ''}")

    print(f"store: {data_dir} ({lst['rows']:,} cases); medians of {args.runs} runs each; offscreen; "
          f"LANG={os.environ.get('LANG', 'en_US.UTF-8')}")
    print("times from process start to the first paint on screen; ratios to the bare window of the same runs")
    print(f"{'bare PySide6 QMainWindow shown':<52}{b * 1000:7.0f} ms   1.00x bare  {med(bare, 'rss'):.0f} MB")
    line("first window (sign-in dialog) shown", med(quick, "first_window"), "1.3x")
    line("store open, names listed (PIN can be checked)", med(quick, "store_ready"))
    print(f"PIN entered the moment the names are listed (at {med(quick, 'pin') * 1000:.0f} ms):")
    line("  main window shown", med(quick, "main_window"), "1.3x")
    line("  Today filled with real figures", med(quick, "today_filled"), "2.5x")
    line("  Today filled, less the scrypt PIN check's own cost", med(quick, "today_filled") - h)
    print(f"{'  after the PIN: main window / Today filled':<52}{med(quick, 'window_after_pin') * 1000:7.0f} ms / "
          f"{med(quick, 'today_after_pin') * 1000:.0f} ms")
    print(f"PIN entered {pin_after:.1f} s after the sign-in dialog showed (a quick typist; the store opens meanwhile):")
    line("  main window shown", med(typed, "main_window"))
    line("  Today filled with real figures", med(typed, "today_filled"))
    print(f"{'  after the PIN: main window / Today filled':<52}{med(typed, 'window_after_pin') * 1000:7.0f} ms / "
          f"{med(typed, 'today_after_pin') * 1000:.0f} ms")
    print(f"{'  after the PIN: every box of Today':<52}{med(typed, 'every_box_after_pin') * 1000:7.0f} ms"
          f"  (entered at once: {med(quick, 'every_box_after_pin') * 1000:.0f} ms)")
    print(f"{'scrypt PIN check alone (N=2^14, r=8: intrinsic)':<52}{h * 1000:7.0f} ms")
    every_box_spread(typed, quick, hashes)
    print(f"{'memory after Today filled':<52}{med(quick, 'rss'):7.0f} MB  (typed PIN: {med(typed, 'rss'):.0f} MB, "
          f"then the case list opened: {med(typed, 'rss_cases'):.0f} MB)")
    print(f"case list built alone, fresh process:  {lst['first_page'] * 1000:7.1f} ms   (load-all baseline {naive['first_page'] * 1000:.0f} ms, "
          f"ratio {lst['first_page'] / naive['first_page']:.2f}x; CPU of every thread {lst['first_page_cpu'] * 1000:.0f} ms)")
    prebuilt = sum(bool(r.get("cases_prebuilt")) for r in typed)
    print(f"case list first opened in the desk (Cases chosen once Today is up -> first page): "
          f"{med(typed, 'cases_first_open') * 1000:.1f} ms (aim < 50 ms; built while the desk waited in "
          f"{prebuilt} of {len(typed)} runs, a page switch there)")
    print(f"first page again (count + page + paint): {lst['reload'] * 1000:5.1f} ms   (aim < 50 ms)")
    print(f"jump to the end of the list (page):    {lst['jump_end'] * 1000:7.1f} ms")
    print(f"search by plate {plate!r}:         {lst['search_by_plate'] * 1000:7.1f} ms median, {lst['search_worst'] * 1000:.1f} ms worst "
          f"({lst['search_found']} found; aim < 50 ms)")
    print(f"memory: list before {lst['rss_before']:.0f} MB, first page {lst['rss_first_page']:.0f} MB, "
          f"after scrolling all {lst['rows']:,} rows {lst['rss_after_scroll']:.0f} MB (peak {lst['rss_peak']:.0f} MB, "
          f"{lst['pages_cached']} pages cached, {lst['scroll_seconds']:.1f} s)")
    sys.path.insert(0, str(ROOT))
    from tests.bench.figures import figure

    rows = f"{lst['rows']:,} cases"
    figure("sign-in dialog shown (process start)", med(quick, "first_window"), "s", b, "bare QMainWindow", "1.3")
    figure(f"PIN typed at human speed -> Today's figures ({rows})", med(typed, "today_after_pin"), "s", h,
           "scrypt PIN check")
    figure(f"PIN typed at human speed -> every box of Today ({rows})",
           med(typed, "every_box_after_pin"), "s", h, "scrypt PIN check", "2.0")
    figure(f"PIN entered at once -> every box of Today ({rows})", med(quick, "every_box_after_pin"),
           "s", h, "scrypt PIN check", "3.0")
    figure(f"case list first page ({rows})", lst["first_page"], "s", naive["first_page"], "load every row",
           "< 50 ms")
    figure(f"case list first opened in the desk ({rows}; built while idle in {prebuilt} of {len(typed)} runs)", med(typed, "cases_first_open"), "s", naive["first_page"],
           "load every row", "< 50 ms")
    figure(f"case list refresh ({rows})", lst["reload"], "s", naive["first_page"], "load every row", "< 50 ms")
    figure(f"search by plate ({rows})", lst["search_by_plate"], "s", naive["first_page"], "load every row",
           "< 50 ms")
    figure(f"memory after Today filled ({rows})", med(quick, "rss"), "MB", med(bare, "rss"), "bare window")
    print(f"memory: load-all baseline {naive['rss_before']:.0f} -> {naive['rss_after']:.0f} MB "
          f"(+{naive['rss_after'] - naive['rss_before']:.0f} MB vs +{lst['rss_after_scroll'] - lst['rss_before']:.0f} MB paged)")


if __name__ == "__main__":
    main()
