"""Benchmark: guided recovery on a busy store.

    .venv/bin/python tests/bench/bench_recovery.py [--cases 20000] [--walk 1000] [--runs 5]

Builds a temporary store with demo cases (``--cases``, taken through recovery by the demo), opens
``--walk`` new cases and walks each through its whole script to a scheduled callback, then measures, next to baselines from the same run:
- one recorded step (a transaction with its event) against a bare single-row commit on the same store;
- opening a case's guide against reading the case's timeline (cases.timeline);
- the overdue list and Callbacks due against counting the case list (case_queries.count_cases).
Prints one JSON line per figure with the ratio to its baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def timed(fn, runs: int) -> float:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def report(name: str, seconds: float, baseline_name: str, baseline: float) -> None:
    print(json.dumps({"figure": name, "ms": round(seconds * 1000, 3), "baseline": baseline_name,
                      "baseline_ms": round(baseline * 1000, 3), "ratio": round(seconds / baseline, 2)}), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--walk", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()

    from sqlalchemy import text

    from app.models.store import open_store
    from app.scripts.library import library_for
    from app.services.recovery.callbacks import callbacks_due
    from app.services.cases.case_queries import CaseFilter, count_cases
    from app.services.cases.opening import NewCase, open_case, timeline
    from app.services.demo.sample_data import fill_demo
    from app.services.recovery.guide import guide, record_step
    from app.services.recovery.overdue import count_overdue, overdue_cases, overdue_now
    from app.services.recovery.remedies import propose_remedy

    store = open_store(Path(tempfile.mkdtemp(prefix="bench-recovery-")))
    pack = library_for(None).pack
    t = time.perf_counter()
    fill_demo(store, forms=a.cases, cases=a.cases)
    # New cases, not demo ones: the demo's are at every stage already (remedies waiting, closed...).
    kinds = [("outcome", "system", "serious"), ("process", "employee", "moderate"), ("outcome", "customer", "minor"),
             ("process", "communication", "severe")]
    ids = []
    for i in range(a.walk):
        failure_type, cause_group, severity = kinds[i % len(kinds)]
        ids.append(open_case(store, NewCase(
            customer_name="王芳", phone=f"139{i:08d}", plate=f"京B{i:05d}", channel="on_site",
            failure_type=failure_type, cause_group=cause_group, severity=severity, customer_words="车还有异响",
            mood="angry", blame="dealer", severity_reason="客户情绪激动",
            score=5 if severity == "serious" else None), None).id)
    step_times = []
    for cid in ids:
        g = guide(store, cid, pack)
        for st in g.steps[g.current:]:
            if st.step.kind == "offer_remedy":
                propose_remedy(store, cid, "voucher", 100, "", None)
            t0 = time.perf_counter()
            record_step(store, cid, pack, st.step.index, "done", "bench", None)
            step_times.append(time.perf_counter() - t0)
    print(json.dumps({"setup_s": round(time.perf_counter() - t, 1), "cases": a.cases, "walked": len(ids),
                      "steps_recorded": len(step_times)}), flush=True)

    with store.engine.connect() as c:
        c.execute(text("CREATE TABLE IF NOT EXISTS bench_commit (id INTEGER PRIMARY KEY, v TEXT)"))
        c.commit()

        def bare_commit():
            c.execute(text("INSERT INTO bench_commit (v) VALUES ('x')"))
            c.commit()
        bare = timed(bare_commit, 200)
    report("record_step (incl. its guide reload)", statistics.median(step_times), "bare single-row commit", bare)

    cid = ids[len(ids) // 2]
    report("guide(case)", timed(lambda: guide(store, cid, pack), a.runs * 20),
           "cases.timeline(case)", timed(lambda: timeline(store, cid), a.runs * 20))
    base = timed(lambda: count_cases(store, CaseFilter()), a.runs)
    report("overdue_cases(limit=50), the rows alone", timed(lambda: overdue_cases(store, limit=50), a.runs),
           "count_cases(all)", base)
    report("count_overdue()", timed(lambda: count_overdue(store), a.runs), "count_cases(all)", base)
    report("overdue_now(limit=50): Today's Overdue box, rows and count", timed(lambda: overdue_now(store, limit=50),
                                                                             a.runs), "count_cases(all)", base)
    report("callbacks_due()", timed(lambda: callbacks_due(store), a.runs), "count_cases(all)", base)
    report("count_cases(overdue only)", timed(lambda: count_cases(store, CaseFilter(overdue=True)), a.runs),
           "count_cases(all)", base)
    store.close()


if __name__ == "__main__":
    main()
