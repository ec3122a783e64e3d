"""Benchmark: how long the reports take, and how much of it is the database versus PDF layout.

    .venv/bin/python tests/bench/bench_reports.py [--network-forms 1000000] [--dealers 100]

1. A dealer's monthly feedback summary with 5,000 forms in the month (12 months on file, SQLite).
2. Head office's network report over 1,000,000 forms (PostgreSQL, a throwaway server).
Baselines measured in the same run: reading every form of the month into Python (what the
reports avoid), and reportlab laying out plain tables of the same page count.
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app.models import FeedbackForm  # noqa: E402
from app.models.store import open_database, open_store  # noqa: E402
from app.reports import feedback, network  # noqa: E402
from app.services.assessment import month_summary  # noqa: E402
from app.reports.pdf import FONT, WIDTH, register_font  # noqa: E402
from app.foundation.translation import Words  # noqa: E402
from tests.network_data import fill_network  # noqa: E402
from tests.pdftext import month_rows, pdf_pages, store_rows  # noqa: E402
from tests.pg import start_postgres  # noqa: E402

RUNS = 3


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def median_runs(fn, runs=RUNS):
    times, out = [], None
    for _ in range(runs):
        t, out = timed(fn)
        times.append(t)
    return statistics.median(times), out


def naive_month(db, start: date, end: date):
    """The baseline the reports avoid: every form of the period loaded into Python and summed there."""
    with db.session() as s:
        q = select(FeedbackForm.score, FeedbackForm.timeliness, FeedbackForm.repair_quality, FeedbackForm.attitude,
                   FeedbackForm.overall, FeedbackForm.verification, FeedbackForm.dealer_id) \
            .where(FeedbackForm.service_date >= start, FeedbackForm.service_date < end)
        rows = s.execute(q).all()
    return len(rows), sum(r[0] for r in rows if r[5] != "disputed")


def plain_layout(pages: int) -> float:
    """Baseline layout: one plain reportlab table (strings, the embedded font, a grid) of about
    48 rows a page, as many pages as the report."""
    from reportlab.lib import colors
    from reportlab.platypus import SimpleDocTemplate, Table

    register_font()
    rows = [["RO-0000", "2026-05-01", "张伟", "A B C", "3", "-"] for _ in range(48 * pages)]
    t = Table(rows, colWidths=[WIDTH / 6] * 6, repeatRows=1)
    t.setStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("GRID", (0, 0), (-1, -1), 0.4, colors.black)])
    doc = SimpleDocTemplate(io.BytesIO())
    t0 = time.perf_counter()
    doc.build([t])
    return time.perf_counter() - t0


def report(label, db_s, layout_s, pages, extra=""):
    total = db_s + layout_s
    print(f"{label}: {total:.3f} s total = database {db_s:.3f} s ({db_s / total:.0%}) "
          f"+ PDF layout {layout_s:.3f} s ({layout_s / total:.0%}); {pages} pages{extra}")


def bench_dealer(words) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        rows = []
        for i, m in enumerate(range(6, 13)):
            rows += month_rows(5000, 2025, m, seed=i, prefix=f"A{m}-")
        for i, m in enumerate(range(1, 6)):
            rows += month_rows(5000, 2026, m, seed=20 + i, prefix=f"B{m}-")
        t_fill, _ = timed(lambda: store_rows(store, rows))
        print(f"dealer store: {len(rows):,} forms over 12 months (5,000 in 2026-05) stored in {t_fill:.1f} s")
        t_db, data = median_runs(lambda: feedback.gather(store, "2026-05"))
        t_pdf, _ = median_runs(lambda: feedback.render(data, io.BytesIO(), words, "bench"))
        path = Path(tmp) / "fb.pdf"
        feedback.render(data, path, words, "bench")
        pages = pdf_pages(path)
        report("dealer month, 5,000 forms (feedback summary)", t_db, t_pdf, pages,
               f"; {data.summary.failures} failure forms listed")
        t_sum, _ = median_runs(lambda: month_summary(store, "2026-05"))
        t_naive, (n, _total) = median_runs(lambda: naive_month(store, date(2026, 5, 1), date(2026, 6, 1)))
        t_base = plain_layout(pages)
        print(f"  database part: headline figures (month_summary, two months aggregated in SQL) {t_sum:.3f} s; "
              f"the rest is the 12-month trend, the advisor table and the {data.summary.failures} failure rows")
        print(f"  baseline: only loading the month's {n:,} forms into Python {t_naive:.3f} s "
              f"(month_summary is {t_sum / t_naive:.2f}x that and loads none); plain tables of {pages} pages "
              f"{t_base:.3f} s (the report's layout is {t_pdf / t_base:.1f}x that)")
        store.close()


def bench_network(words, forms: int, dealers: int) -> None:
    server = start_postgres(tempfile.mkdtemp(prefix="bench-pg-"))
    try:
        db = open_database(server.new_database())
        months = [(2025, m) for m in range(6, 13)] + [(2026, m) for m in range(1, 6)]
        t_fill, _ = timed(lambda: fill_network(db.engine, dealers=dealers, forms=forms, months=months))
        print(f"central database: {forms:,} forms, {dealers} dealers, 12 months, filled by COPY in {t_fill:.1f} s")
        t_db, data = median_runs(lambda: network.gather(db, "2026-05"))
        t_pdf, _ = median_runs(lambda: network.render(data, io.BytesIO(), words, "bench"))
        path = Path(tempfile.mkdtemp()) / "net.pdf"
        network.render(data, path, words, "bench")
        pages = pdf_pages(path)
        report(f"network report over {forms:,} forms", t_db, t_pdf, pages,
               f"; {len(data.dealers)} dealers side by side")
        t_naive, (n, _total) = median_runs(lambda: naive_month(db, date(2026, 4, 1), date(2026, 6, 1)))
        print(f"  baseline: loading the two months' {n:,} forms into Python {t_naive:.3f} s "
              f"(the report's database part is {t_db / t_naive:.2f}x that, and it also reads 12 months for the trend)")
        db.close()
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--network-forms", type=int, default=1_000_000)
    ap.add_argument("--dealers", type=int, default=100)
    ap.add_argument("--lang", default="zh_CN")
    args = ap.parse_args()
    words = Words(args.lang)
    bench_dealer(words)
    if args.network_forms:
        bench_network(words, args.network_forms, args.dealers)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB (includes generating the test data)")


if __name__ == "__main__":
    main()
