"""Each SQL statement of Today's reads on a store, timed: on a fresh connection and warm.

    .venv/bin/python tests/bench/today_statements.py DATA_DIR [--runs 9]
    PYTHONPATH=OTHER_CHECKOUT .venv/bin/python tests/bench/today_statements.py DATA_DIR  # an older checkout's

Runs what the desk reads for Today after the PIN (the shell's figures, alerts and Overdue box, and the
other boxes EarlyReads reads), through the program's own functions, one after the other (the shell runs
the Overdue box's beside the figures': here each statement is timed alone), ``--runs`` times: each run once on a
fresh connection (the first read of a started desk has one) and once more on the same connection (a
refresh). Prints per statement the median of each, in ms, and the sums. The database's work only, not
the Python around it: alternate two checkouts on one store to compare them (the machine is shared).
"""

from __future__ import annotations

import argparse
import statistics
import time

import sqlalchemy

SHOWN_OVER_MS = 0.5  # statements cheaper than this on both are summed only


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--runs", type=int, default=9)
    args = p.parse_args()
    from app.models.store import open_store
    from app.services.recovery.overdue import overdue_now
    from app.services.today.alerts import open_alerts
    from app.services.today.worklist import OVERDUE_SHOWN, today_figures
    from app.ui.today.early_reads import read_boxes

    store = open_store(args.data_dir)
    timed: list[tuple[str, float]] = []
    started: list[float] = []
    sqlalchemy.event.listen(store.engine, "before_cursor_execute", lambda *_a: started.append(time.perf_counter()))
    sqlalchemy.event.listen(store.engine, "after_cursor_execute",
                            lambda _c, _cur, statement, *_a: timed.append((statement, time.perf_counter() - started.pop())))

    def one_read() -> dict[tuple[str, int], float]:
        timed.clear()
        today_figures(store), open_alerts(store), overdue_now(store, limit=OVERDUE_SHOWN)  # the shell's read
        read_boxes(store)
        seen: dict[str, int] = {}
        out = {}
        for statement, seconds in timed:
            key = " ".join(statement.split())[:100]
            seen[key] = seen.get(key, -1) + 1  # a statement made twice in a read: each its own row
            out[(key, seen[key])] = seconds
        return out

    one_read()  # the statements compiled and the file's pages in the system's cache, as at a desk's second start
    fresh, warm = [], []
    for _ in range(args.runs):
        store.engine.dispose()  # the next read opens a new connection: an empty page cache
        fresh.append(one_read())
        warm.append(one_read())
    print(f"{'fresh':>8} {'warm':>8}  ms, median of {args.runs}; statement")
    totals = [0.0, 0.0]
    for key in fresh[0]:
        f, w = (statistics.median(r[key] for r in runs) * 1000 for runs in (fresh, warm))
        totals[0], totals[1] = totals[0] + f, totals[1] + w
        if max(f, w) >= SHOWN_OVER_MS:
            print(f"{f:8.2f} {w:8.2f}  {key[0]}")
    print(f"{totals[0]:8.2f} {totals[1]:8.2f}  every statement of Today's reads")


if __name__ == "__main__":
    main()
