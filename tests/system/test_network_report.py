"""The head-office network report on PostgreSQL: every dealer's figures against the generated rows,
and the same figures the dealer's own monthly assessment computes."""

import os
import statistics
import subprocess
import sys

import pytest

from app.models import Dealer, FeedbackForm
from app.models.store import open_database
from app.reports import network
from app.services.assessment import month_bounds, month_figures
from app.foundation.translation import Words
from tests.helpers import fresh_store
from tests.network_data import fill_network
from tests.pdftext import pdf_text, row_cells

MONTHS = [(2026, 4), (2026, 5)]


@pytest.fixture
def central(pg_url_at_head):
    db = open_database(pg_url_at_head)
    exp = fill_network(db.engine, dealers=7, forms=4200, months=MONTHS, cases_share=0.05)
    yield db, exp, pg_url_at_head
    db.close()


def test_every_dealer_side_by_side_matches_the_domain(central, tmp_path):
    db, exp, _url = central
    r = network.gather(db, "2026-05")
    out = tmp_path / "net.pdf"
    network.render(r, out, Words("en"), "HQ")
    text = pdf_text(out)
    assert len(r.dealers) == 7
    averages = {}
    with db.session() as s:
        for d in r.dealers:
            forms, total, failures = exp.forms[(d.code, "2026-05")]
            pforms, ptotal, _pf = exp.forms[(d.code, "2026-04")]
            dealer_id = s.query(Dealer.id).filter(Dealer.code == d.code).scalar()
            # The same numbers the dealer's own monthly assessment computes.
            fig = month_figures(s, *month_bounds(2026, 5), [FeedbackForm.dealer_id == dealer_id],
                                verified_only=False, overall_threshold=8)
            assert (fig.forms, fig.total, fig.failures) == (forms, total, failures)
            # rank, code, name, forms, average, previous, change, outcome..., failures, share, cases, other
            cells = next(line.split() for line in text.splitlines() if f" {d.code} " in line)
            assert cells[:2] == [str(d.rank), d.code]
            assert cells[3:7] == [str(forms), f"{total / forms:.2f}", f"{ptotal / pforms:.2f}",
                                  f"{round(total / forms - ptotal / pforms, 10):+.2f}"]
            assert cells[-4:-1] == [str(failures), f"{failures / forms * 100:.1f}%", str(exp.cases[(d.code, "2026-05")])]
            averages[d.code] = total / forms
            # Case recovery by dealer: percentiles by PostgreSQL's percentile_cont in the GROUP BY.
            hours = exp.first_response[(d.code, "2026-05")]
            rec = exp.recovered[(d.code, "2026-05")]
            q = statistics.quantiles(hours, n=10, method="inclusive")
            assert row_cells(text, d.code, 6)[1:] == [
                str(exp.cases[(d.code, "2026-05")]), f"{statistics.median(hours):.1f}", f"{q[8]:.1f}", str(len(rec)),
                f"{sum(rec) / len(rec) * 100:.1f}%"]
    ranking = [d.code for d in r.dealers]
    assert ranking == sorted(averages, key=lambda c: -averages[c])
    n = sum(exp.forms[(d.code, "2026-05")][0] for d in r.dealers)
    t = sum(exp.forms[(d.code, "2026-05")][1] for d in r.dealers)
    assert row_cells(text, "Forms assessed (n)", 4)[2] == str(n)
    assert row_cells(text, "Average score (total / n)", 4)[2] == f"{t / n:.2f}"
    # Causes across the network, most frequent first, with last month beside them.
    causes = sorted(((cg, ft, c) for (m, cg, ft), c in exp.causes.items() if m == "2026-05"), key=lambda x: -x[2])
    assert [c for *_x, c in causes] == [a for _cg, _ft, a, _b in r.causes if a]
    top = r.causes[0]
    assert exp.causes[("2026-04", top[0], top[1])] == top[3]


def test_network_report_from_the_command_line(central, tmp_path):
    _db, _exp, url = central
    out = tmp_path / "网络报告.pdf"
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}
    r = subprocess.run([sys.executable, "-m", "app", "hq", "report", "--db", url, "--month", "2026-05",
                        "--out", str(out), "--analyst", "分析员吴"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    text = pdf_text(out)
    zh = Words("zh_CN")
    assert zh("Reports", "Network report") in text and zh("Reports", "Network report") != "Network report"
    assert "D001" in text and "经销商001" in text
    assert "打印人：分析员吴" in text  # head office's analyst, never the login name
    bad = subprocess.run([sys.executable, "-m", "app", "hq", "report", "--db", url.rsplit("/", 1)[0] + "/nosuchdb",
                          "--month", "2026-05", "--out", str(tmp_path / "x.pdf"), "--analyst", "Wu"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "nosuchdb" in bad.stderr and not (tmp_path / "x.pdf").exists()


def test_an_empty_central_database_still_prints(pg_url_at_head, tmp_path):
    db = open_database(pg_url_at_head)
    try:
        out = tmp_path / "empty.pdf"
        network.render(network.gather(db, "2026-05"), out, Words("en"), "HQ")
    finally:
        db.close()
    text = pdf_text(out)
    assert "No dealer has forms or cases in this month or the previous one." in text
    assert row_cells(text, "Forms assessed (n)", 4)[1:] == ["0", "0", "+0"]
    assert "No cases opened in this month" in text and "Page 1 of 1" in text


def test_forms_synced_from_a_counter_print_at_head_office_as_the_counter_computes_them(pg_url_at_head, tmp_path):
    """End to end with issue 5's sync: the worked example typed in at a counter, carried to head
    office as case files (USB export, hq import), and the network report shows the counter's figures."""
    from app.hq.importer import import_paths
    from app.services.assessment import month_summary
    from app.services.imports.feedback_store import import_feedback_file
    from app.sync import outbox
    from tests.helpers import csv_file, worked_example_rows
    from tests.synchelp import enrol_in_process

    db = open_database(pg_url_at_head)
    store = fresh_store(tmp_path / "counter")
    try:
        enrol_in_process(db, store, "BJ01")
        import_feedback_file(store, csv_file(tmp_path / "forms.csv", worked_example_rows()))
        at_counter = month_summary(store, "2026-05")
        import_paths(db, outbox.export(store, tmp_path / "usb"))
        out = tmp_path / "hq.pdf"
        network.render(network.gather(db, "2026-05"), out, Words("en"), "HQ")
    finally:
        store.close()
        db.close()
    cells = next(line.split() for line in pdf_text(out).splitlines() if " BJ01 " in line)
    # rank, code, name ("BJ01 dealer"), forms, average, previous average, change, outcome
    assert cells[:8] == ["1", "BJ01", "BJ01", "dealer", str(at_counter.forms), f"{at_counter.average:.2f}",
                         f"{at_counter.previous_average:.2f}", f"{at_counter.change:+.2f}"]
    assert cells[8] == "Reward"
    assert (at_counter.forms, at_counter.average, at_counter.change) == (10, 4.0, 0.5)
