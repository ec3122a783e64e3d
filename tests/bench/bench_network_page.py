"""Benchmark: the queries behind head office's network page and the network report, at two sizes
on PostgreSQL, and how their time grows with the number of forms.

    .venv/bin/python tests/bench/bench_network_page.py [--sizes 1000000 10000000] [--dealers 1000]

For each size a throwaway database is filled inside PostgreSQL (generate_series: 36 months, ~3% of
forms with a case; then the month sums and VACUUM ANALYZE, as after imports), then each query of the
page runs three times (median): the ranking with last month (glance: the network report's figures
for two months, callbacks, overdue per dealer, rising causes), the 12-month trends (network and one
dealer), the root causes grouped across dealers (the two months' closed cases), the case list's first page across dealers and its count, a case's story, counters' health,
and the network report (figures with its trend, and the PDF). The floor, measured in the same run,
is counting the month's forms (one index range over feedback_form): the least any figure of the
month costs when it reads the forms themselves. Aim: the page under 1 s at 10M forms.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app.hq.network_cases import NetworkCaseFilter, case_page, case_story, count_cases  # noqa: E402
from app.hq.network_queries import glance, trends  # noqa: E402
from app.hq.network_status import counter_health  # noqa: E402
from app.models import Dealer, FeedbackForm  # noqa: E402
from app.models.store import open_database  # noqa: E402
from app.reports import network  # noqa: E402
from app.services.network.root_causes import rising_root_causes  # noqa: E402
from tests.bench.figures import figure  # noqa: E402
from tests.bench.network_rows import fill_series  # noqa: E402
from tests.pg import start_postgres  # noqa: E402

RUNS = 3
MONTHS = [(2023, m) for m in range(11, 13)] + [(y, m) for y in (2024, 2025) for m in range(1, 13)] + \
    [(2026, m) for m in range(1, 11)]  # 36 months up to the one the page shows
MONTH = "2026-10"


def median(fn) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(server, forms: int, dealers: int) -> dict[str, float]:
    db = open_database(server.new_database())
    try:
        t = time.perf_counter()
        print(f"\n{forms:,} forms, {dealers} dealers, {len(MONTHS)} months:", flush=True)
        fill_series(db.engine, dealers=dealers, forms=forms, months=MONTHS, log=lambda m: print(m, flush=True))
        print(f"  filled in {time.perf_counter() - t:.1f} s")
        return measure_filled(db, forms)
    finally:
        db.close()


def measure_filled(db, forms: int) -> dict[str, float]:
    """The page's, the case list's and the report's queries on a database already filled."""
    with db.session() as s:
        dealer_id = s.scalar(select(Dealer.id).order_by(Dealer.code).limit(1))

    def floor():
        with db.session() as s:
            s.scalar(select(func.count()).select_from(FeedbackForm).where(
                FeedbackForm.service_date >= date(2026, 10, 1), FeedbackForm.service_date < date(2026, 11, 1)))

    first_page = case_page(db, NetworkCaseFilter())
    out = {
        "floor: count the month's forms": median(floor),
        "ranking with last month (glance)": median(lambda: glance(db, MONTH)),
        "12-month trends, network and a dealer": median(lambda: trends(db, MONTH, dealer_id)),
        "root causes grouped across dealers": median(lambda: rising_root_causes(db, MONTH)),
        "case list: first page, all dealers": median(lambda: case_page(db, NetworkCaseFilter())),
        "case list: count, all dealers": median(lambda: count_cases(db, NetworkCaseFilter())),
        "case list: a dealer's month": median(lambda: case_page(db, NetworkCaseFilter(
            dealer_id=dealer_id, opened_from=date(2026, 10, 1), opened_to=date(2026, 10, 31)))),
        "a case's story": median(lambda: case_story(db, first_page[0].id)),
        "counters' health": median(lambda: counter_health(db)),
        "network report: figures and trend": median(lambda: network.gather(db, MONTH)),
        "network report: figures, trend and PDF": median(lambda: network.render(
            network.gather(db, MONTH), io.BytesIO(), lambda _ctx, s: s, "bench")),
    }
    base = out["floor: count the month's forms"]
    for name, secs in out.items():
        print(f"  {name:42s} {secs * 1000:9.1f} ms  ({secs / base:6.1f}x the floor)")
    page = sum(v for k, v in out.items() if k.startswith(("ranking", "12-month", "root causes",
                                                           "case list: first", "case list: count")))
    print(f"  {'the network page and the case list, opened':42s} {page * 1000:9.1f} ms")
    out["page"] = page
    figure(f"network page at {forms:,} forms", page, "s", base, "count the month's forms",
           "under 1 s at 10M forms")
    figure(f"network report (figures and PDF) at {forms:,} forms", out["network report: figures, trend and PDF"],
           "s", base, "count the month's forms")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs=2, default=[1_000_000, 10_000_000])
    ap.add_argument("--dealers", type=int, default=1000)
    ap.add_argument("--db", help="measure this database, already filled (e.g. kept from a run), instead")
    ap.add_argument("--forms", type=int, default=0, help="with --db: how many forms it holds (for the labels)")
    args = ap.parse_args()
    if args.db:
        db = open_database(args.db)
        try:
            measure_filled(db, args.forms)
        finally:
            db.close()
        return
    server = start_postgres(tempfile.mkdtemp(prefix="bench-pg-"))
    try:
        small, large = (measure(server, n, args.dealers) for n in args.sizes)
    finally:
        server.stop()
    grow = args.sizes[1] / args.sizes[0]
    print(f"\ngrowth from {args.sizes[0]:,} to {args.sizes[1]:,} forms ({grow:.0f}x the data):")
    for name in small:
        print(f"  {name:42s} {large[name] / small[name]:6.1f}x the time")
    figure(f"network page, {args.sizes[0]:,} -> {args.sizes[1]:,} forms", large["page"] / small["page"], "x",
           aim=f"well under the data's {grow:.0f}x")
    report = "network report: figures, trend and PDF"  # one month of every dealer, whatever the history
    figure(f"network report (figures and PDF): growth {args.sizes[0]:,} -> {args.sizes[1]:,} forms",
           large[report] / small[report], "x", grow, "the data's growth", aim="ratio <= 1.2")


if __name__ == "__main__":
    main()
