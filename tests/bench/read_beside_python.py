"""Today's reads alone and beside a busy Python thread, on a store: what a read pays for each round trip
into SQLite while other Python code runs (the window's code loading, the window being built).

    .venv/bin/python tests/bench/read_beside_python.py DATA_DIR [--runs 9] [--busy 1]
    PYTHONPATH=OTHER_CHECKOUT .venv/bin/python tests/bench/read_beside_python.py DATA_DIR  # an older checkout's

SQLite runs without Python's lock, so each statement (and each row) a read fetches gives the lock up
and takes it back: beside a thread that keeps the lock busy, each taking back waits up to Python's
switch interval (5 ms). Prints, for the shell's read of Today (figures, alerts, Overdue) and the other
boxes' read, the statements each sends and the median wall time of ``--runs`` reads on fresh
connections, alone and beside ``--busy`` threads running pure Python. The machine is shared: alternate
two checkouts on one store to compare them.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--busy", type=int, default=1)
    args = p.parse_args()
    import sqlalchemy

    from app.models.store import open_store
    from app.ui.shell.shell import _today_now
    from app.ui.today.early_reads import read_boxes

    store = open_store(args.data_dir)
    sent = [0]
    sqlalchemy.event.listen(store.engine, "before_cursor_execute", lambda *_a: sent.__setitem__(0, sent[0] + 1))
    reads = {"Today (figures, alerts, Overdue)": lambda: _today_now(store), "the other boxes": lambda: read_boxes(store)}
    statements = {}
    for name, read in reads.items():  # compiled, and the file's pages in the system's cache
        sent[0] = 0
        read()
        statements[name] = sent[0]

    def timed() -> dict[str, float]:
        out = {}
        for name, read in reads.items():
            store.engine.dispose()  # a fresh connection, as a started desk's first read has
            t = time.perf_counter()
            read()
            out[name] = time.perf_counter() - t
        return out

    alone = [timed() for _ in range(args.runs)]
    stop = threading.Event()

    def busy() -> None:
        while not stop.is_set():
            sum(range(1000))

    threads = [threading.Thread(target=busy, daemon=True) for _ in range(args.busy)]
    for t in threads:
        t.start()
    try:
        beside = [timed() for _ in range(args.runs)]
    finally:
        stop.set()
        for t in threads:
            t.join()
    print(f"{'alone':>8} {'beside':>8}  ms, median of {args.runs} (beside {args.busy} busy Python thread(s)); "
          "statements; read")
    for name in reads:
        a, b = (statistics.median(r[name] for r in runs) * 1000 for runs in (alone, beside))
        print(f"{a:8.1f} {b:8.1f}  {statements[name]:3d}  {name}")
    store.close()


if __name__ == "__main__":
    main()
