"""Benchmark: the paths that handle a counter's or head office's whole history, each at two sizes,
with its growth factor next to the data's (4x the data should cost about 4x the time, never more).

Measured here: a backup of the whole store and its restore, the desk's export of every case and
every form to Excel, the privacy purge of every customer past the retention period (anonymising,
compacting, the backup after it), head office's import of a counter's first files (its whole
history), head office's export of everything it holds (CSV and the workbook), and head office
taking in the files that carry that purge (anonymising there too, and rewriting the case files it
keeps that hold the purged customers), and the desk's daily working out of its early warnings. Filing the outbox and connecting are in bench_outbox.py, the
network page and report in bench_network_page.py.

The data is a demo counter enrolled at a head office on SQLite, its history dated five years back
so every customer is past the retention period; its size is the rows of every table of the store.
Each path runs once untimed (the first call's imports would count at the small size only), then on a
fresh copy, in several rounds with both sizes in turn (the machine is shared:
the load moves between minutes), medians kept; growth is given in wall-clock time and in the
process's own CPU time, which other programs' load hardly moves.

    .venv/bin/python tests/bench/bench_growth.py [--cases 150] [--forms 600] [--factor 4] [--runs 2]
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from tests.conftest import MemoryKeyring  # noqa: E402

keyring.set_keyring(MemoryKeyring())

from sqlalchemy import func, select, text  # noqa: E402

from app.foundation import clock  # noqa: E402
from app.models.store import open_database, open_store  # noqa: E402
from app.services.demo.sample_data import fill_demo  # noqa: E402
from app.sync import outbox  # noqa: E402
from tests.bench.figures import figure  # noqa: E402
from tests.synchelp import enrol_in_process  # noqa: E402

# The paths measured, by key: (name, what it does on a fresh copy of the size's folder).
PATHS: dict[str, str] = {
    "backup": "back up the whole store",
    "restore": "restore the whole store from its backup",
    "export": "export every case and form to Excel (desk)",
    "purge": "privacy purge of every customer (and compact, back up)",
    "hq_import": "head office imports the counter's first files",
    "hq_export": "head office exports everything (CSV + workbook)",
    "hq_purge": "head office takes in the purge of every customer (scrubs its files)",
    "warnings": "the early warnings worked out over the whole history (limits kept)",
}


def build(folder: Path, cases: int, forms: int) -> dict:
    """A counter enrolled at a head office (both under ``folder``), its history five years old, every
    change filed into case files; returns the sizes."""
    db = open_database(f"sqlite:///{folder / 'hq.sqlite3'}")
    store = open_store(folder / "counter")
    enrol_in_process(db, store)
    db.close()
    shutil.copy(folder / "hq.sqlite3", folder / "hq-empty.sqlite3")  # enrolled, nothing imported yet
    fill_demo(store, forms=forms, cases=cases, seed=cases, now=clock.now() - timedelta(days=5 * 365))
    outbox.file_waiting(store)
    with store.session() as s:
        names = [r[0] for r in s.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))]
        rows = sum(s.scalar(text(f'SELECT count(*) FROM "{n}"')) for n in names)
    files = [w.path for w in outbox.waiting(store)]
    store.close()
    return {"rows": rows, "files": len(files), "bytes": sum(p.stat().st_size for p in files)}


# CPU time spent in the garbage collector's passes: a full pass costs the whole heap of the process,
# and whether one falls inside a path depends on what was allocated before it, not on the path's data
# (the desk's export at 400 cases + 1,600 forms and 4x that: no full pass at the small size, one of
# ~0.1 s at the large one, its whole lead on the data).
# The bench's own heap is frozen before the timed rounds (main): what is left is the path's own.
_GC = {"cpu": 0.0, "started": 0.0}


def _gc_timer(phase: str, _info: dict) -> None:
    if phase == "start":
        _GC["started"] = time.process_time()
    else:
        _GC["cpu"] += time.process_time() - _GC["started"]


gc.callbacks.append(_gc_timer)


def on_copy(folder: Path, work):
    """``work(copy)`` on a fresh copy of ``folder``, removed afterwards; returns (wall s, CPU s, CPU s
    of the collector's passes)."""
    copy = folder.with_name(f"{folder.name}-copy")
    shutil.copytree(folder, copy)
    try:
        t, c, g = time.perf_counter(), time.process_time(), _GC["cpu"]
        work(copy)
        return time.perf_counter() - t, time.process_time() - c, _GC["cpu"] - g
    finally:
        shutil.rmtree(copy)


def backup(folder: Path) -> None:
    from app.services.backups.taking import back_up

    back_up(folder / "counter", keep=5, reason="manual")


def restore(folder: Path) -> None:
    """Restore a backup taken beforehand (not timed: the restore's own backup of the current store is)."""
    from app.services.backups.restoring import restore as restore_backup

    restore_backup(folder / "counter", folder / "backup.zip", keep=5, force=True)


def export(folder: Path) -> None:
    from app.services.cases.case_queries import CaseFilter
    from app.services.exports.lists import FormFilter, export_cases, export_forms

    store = open_store(folder / "counter")
    try:
        assert export_cases(store, folder / "cases.xlsx", CaseFilter()) > 0
        assert export_forms(store, folder / "forms.xlsx", FormFilter()) > 0
    finally:
        store.close()


def purge(folder: Path, counter: str = "counter") -> None:
    from app.services.privacy.purging import purge as purge_customers

    store = open_store(folder / counter)
    try:
        assert purge_customers(store, None, daily=True).customers > 0
    finally:
        store.close()


def hq_import(folder: Path) -> None:
    receive_all(folder, "hq-empty.sqlite3")


def receive_all(folder: Path, hq_file: str) -> None:
    """Head office (``hq_file`` in ``folder``) takes in every case file the counter filed, in order."""
    from app.hq.receive import receive

    db = open_database(f"sqlite:///{folder / hq_file}")
    try:
        for path in sorted((folder / "counter" / "outbox").glob("*.casefile")):  # by sequence
            receive(db, path.read_bytes())
    finally:
        db.close()


def hq_purge(folder: Path) -> None:
    """Head office, holding the counter's whole history, takes in the files of its purge (made by
    ``prepare``, not timed) in one round, as `hq import` of their folder does: the kept files they
    name rewritten and the database compacted at the round's end."""
    from app.hq.purge_round import purge_round
    from app.hq.receive import receive

    db = open_database(f"sqlite:///{folder / 'hq.sqlite3'}")
    try:
        with purge_round(db) as purges:
            for path in sorted((folder / "purge-files").glob("*.casefile")):
                receive(db, path.read_bytes(), purges=purges)
        assert purges.purged > 0
    finally:
        db.close()


def warnings(folder: Path) -> None:
    """The desk's daily `warn refresh`: every form of the history through the monitor, the limits
    worked out before read from the store's cache (``prepare`` made it; working them out the first
    time is paid once per store)."""
    from app.services.predict.warnings import refresh

    store = open_store(folder / "counter")
    try:
        refresh(store)
    finally:
        store.close()


def hq_export(folder: Path) -> None:
    from app.hq.export import export_central

    db = open_database(f"sqlite:///{folder / 'hq.sqlite3'}")
    try:
        export_central(db, folder / "hq-export")
    finally:
        db.close()


WORK = {"backup": backup, "restore": restore, "export": export, "purge": purge, "hq_import": hq_import,
        "hq_export": hq_export, "hq_purge": hq_purge, "warnings": warnings}


def prepare(folder: Path) -> None:
    """What the timed paths start from: the backup a restore restores, a head office holding the files."""
    from app.models import FeedbackForm
    from app.services.backups.taking import back_up

    shutil.copy(back_up(folder / "counter", keep=5, reason="manual").path, folder / "backup.zip")
    shutil.copy(folder / "hq-empty.sqlite3", folder / "hq.sqlite3")
    receive_all(folder, "hq.sqlite3")
    # The files a purge of every customer fills, from a copy of the counter (the counter stays as it was).
    sent = {p.name for p in (folder / "counter" / "outbox").glob("*.casefile")}
    shutil.copytree(folder / "counter", folder / "purged")
    purge(folder, counter="purged")
    store = open_store(folder / "purged")
    outbox.file_waiting(store)
    store.close()
    (folder / "purge-files").mkdir()
    for p in (folder / "purged" / "outbox").glob("*.casefile"):
        if p.name not in sent:
            shutil.copy(p, folder / "purge-files" / p.name)
    shutil.rmtree(folder / "purged")
    warnings(folder)  # the warnings stored and their limits kept, as after the desk's first day
    assert any((folder / "purge-files").iterdir())
    db = open_database(f"sqlite:///{folder / 'hq.sqlite3'}")
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(FeedbackForm)) > 0
    finally:
        db.close()


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=150)
    ap.add_argument("--forms", type=int, default=600)
    ap.add_argument("--factor", type=int, default=4)
    ap.add_argument("--runs", type=int, default=2, help="rounds over both sizes (medians kept)")
    ap.add_argument("--only", nargs="*", choices=list(PATHS), help="measure only these paths")
    args = ap.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="bench-growth-"))
    os.environ.setdefault("RECOVERY_DESK_DATA", str(root / "default"))
    load = os.getloadavg()
    sizes = [(args.cases, args.forms), (args.cases * args.factor, args.forms * args.factor)]
    paths = args.only or list(PATHS)
    data, times = {}, {}
    try:
        for n in sizes:
            folder = root / f"c{n[0]}-f{n[1]}"
            folder.mkdir()
            t = time.perf_counter()
            data[n] = build(folder, *n)
            prepare(folder)
            print(f"{n[0]:,} cases, {n[1]:,} forms: {data[n]['rows']:,} rows, {data[n]['files']} case files "
                  f"({data[n]['bytes'] / 1e6:.1f} MB), built in {time.perf_counter() - t:.1f} s", flush=True)
        for key in paths:  # once untimed: what the first call alone pays (imports, compiled statements)
            on_copy(root / f"c{sizes[0][0]}-f{sizes[0][1]}", WORK[key])
        # What the bench itself holds (modules, what building the stores left: some 146k objects) out of
        # the collector's reach, as the desk freezes what its start-up made: a full pass then walks what
        # the path made, not the bench's heap, whose ~0.1 s fell inside the small size's window or not
        # by chance (head office's first import: CPU growth x4.42-4.47 with it, x4.07-4.12 frozen;
        # the desk's export x3.89-4.15 and x2.49-2.53; the data x3.98).
        gc.collect()
        gc.freeze()
        for _round in range(args.runs):
            for n in sizes:
                for key in paths:
                    wall, cpu, in_gc = on_copy(root / f"c{n[0]}-f{n[1]}", WORK[key])
                    times.setdefault((n, key), []).append((wall, cpu, in_gc))
    finally:
        gc.unfreeze()
        shutil.rmtree(root, ignore_errors=True)
    small, big = sizes
    grow = data[big]["rows"] / data[small]["rows"]
    print(f"\nWhole-history paths at {small[0]:,} cases + {small[1]:,} forms and {args.factor}x that "
          f"(medians of {args.runs} rounds, both sizes in turn; load average {load[0]:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end)")
    print(f"  {'rows in the store (data)':<66} {data[small]['rows']:>9,} {data[big]['rows']:>9,}   growth x{grow:.2f}")
    label = f"{small[0]:,}+{small[1]:,} -> {big[0]:,}+{big[1]:,} cases+forms"
    out = {}
    for key in paths:
        for i, kind in ((0, ""), (1, ", CPU time")):
            a = statistics.median(x[i] for x in times[(small, key)])
            b = statistics.median(x[i] for x in times[(big, key)])
            out[key + kind] = (a, b, b / a)
            print(f"  {PATHS[key] + kind:<66} {a:>8.2f}s {b:>8.2f}s   growth x{b / a:.2f}")
        a = statistics.median(x[1] - x[2] for x in times[(small, key)])
        b = statistics.median(x[1] - x[2] for x in times[(big, key)])
        print(f"  {PATHS[key] + ', CPU time less the collector':<66} {a:>8.2f}s {b:>8.2f}s   growth x{b / a:.2f}")
    for key, (a, b, g) in out.items():
        name = PATHS[key.split(",")[0]] + (", CPU time" if key.endswith("CPU time") else "")
        figure(f"{name}: growth {label}", g, "x", grow, "the data's growth", aim="ratio <= 1.2")
    return out


if __name__ == "__main__":
    main()
