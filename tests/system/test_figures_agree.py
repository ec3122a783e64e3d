"""One definition of each figure: on one demo store, Today, the case list, the PDFs, the command line
and head office's report give the same overdue count and the same failure share."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.models import FeedbackForm
from app.reports import cases as case_report
from app.reports import feedback as feedback_report
from app.reports import network
from app.rules.figures import overdue_reasons
from app.rules.failure import failure_of
from app.services import assessment, figures, settings
from app.services.cases import case_queries
from app.services.today import worklist as today
from app.services.network import month_sums
from app.services.demo.sample_data import fill_demo
from app.services.recovery.overdue import count_overdue, overdue_cases
from tests.pdftext import pdf_text, row_value
from tests.system.test_cli_report import cli
from tests.unit.test_today_queries import _rows, _stir

@pytest.fixture
def demo(store):
    fill_demo(store, forms=900, cases=260, seed=11)
    fill_demo(store, forms=300, cases=80, dealer_code="OTHER", seed=12)  # another dealer's: never counted
    _stir(store)
    con = sqlite3.connect(store.path)  # some callbacks not reached three times: flagged
    con.execute("UPDATE callback SET state = 'flagged', not_reached = 3 WHERE rowid % 5 = 0 AND state = 'due'")
    con.commit()
    con.close()
    return store


def plain_overdue(store, now) -> set[str]:
    """The overdue rule applied case by case in Python (app.rules.figures.overdue_reasons)."""
    from app.models import Callback, FailureCase

    with store.session() as s:
        hours = settings.get(s, "cases.first_response_hours")
        grace = settings.get(s, "recovery.callback_overdue_hours")
        open_cbs: dict[str, list] = {}
        for cb in s.scalars(select(Callback).where(Callback.state != "reached")):
            open_cbs.setdefault(cb.case_id, []).append((cb.due_at, cb.state == "flagged"))
        return {c.id for c in s.scalars(select(FailureCase).where(FailureCase.dealer_id == store.identity.home_dealer_id))
                if overdue_reasons(closed=c.status == "closed", opened_at=c.opened_at,
                                   first_response_at=c.first_response_at, open_callbacks=open_cbs.get(c.id, ()),
                                   now=now, first_response_hours=hours, callback_overdue_hours=grace)}


def test_overdue_is_the_same_on_today_the_case_list_the_case_pdf_and_the_command_line(demo, data_dir, tmp_path):
    store, now = demo, clock.now()
    want = plain_overdue(store, now)
    # Every reason occurs, and some open cases are old but answered with no late callback: the case
    # list and the case report once called those overdue too, Today did not.
    week_ago = (now - timedelta(days=7)).strftime("%Y-%m-%d %H:%M:%S")
    old_but_fine = [c for c in _rows(store, "SELECT id, status, opened_at FROM failure_case WHERE dealer_id = ?",
                                     store.identity.home_dealer_id)
                    if c["status"] != "closed" and c["id"] not in want and c["opened_at"] < week_ago]
    assert old_but_fine
    reasons = overdue_cases(store, now=now)
    assert all(any((o.first_response, o.callback, o.callback_flagged)) for o in reasons)
    assert any(o.first_response for o in reasons) and any(o.callback for o in reasons) and \
        any(o.callback_flagged for o in reasons)

    on_today = count_overdue(store, now=now)  # Today's Overdue box
    f = case_queries.CaseFilter(overdue=True)
    in_list = case_queries.count_cases(store, f, now=now)  # the case list's "Overdue only"
    listed = case_queries.case_page(store, f, limit=10_000, now=now).rows
    report = case_report.gather(store, clock.today().strftime("%Y-%m"), now=now)
    assert on_today == in_list == report.overdue_now == len(want) > 0
    assert {o.case_id for o in reasons} == {r.id for r in listed} == want
    assert all(r.overdue for r in listed)  # the per-row mark says the same as the filter
    every = case_queries.case_page(store, case_queries.CaseFilter(), limit=10_000, now=now).rows
    assert {r.id for r in every if r.overdue} == want

    out = tmp_path / "cases.pdf"
    r = cli(data_dir, "report", "cases", "--month", clock.today().strftime("%Y-%m"), "--out", str(out))
    assert r.returncode == 0, r.stderr
    text = pdf_text(out)
    assert row_value(text, "Overdue now: no first response within 2 hours, or a callback 24 hours late or "
                           "flagged") == str(len(want))
    assert f"Overdue cases ({len(want)})" in text


def test_failure_share_is_the_same_on_today_the_summary_the_pdfs_and_head_offices_report(demo, data_dir, tmp_path):
    store = demo
    day = clock.today()
    month = day.strftime("%Y-%m")
    with store.session() as s:
        threshold = settings.get(s, "failure.overall_threshold")
        headline = today.month_headline(s, store.identity.home_dealer_id, day)
        start, end = assessment.month_bounds(day.year, day.month)
        forms = list(s.scalars(select(FeedbackForm).where(
            FeedbackForm.dealer_id == store.identity.home_dealer_id, FeedbackForm.service_date >= start,
            FeedbackForm.service_date < end, FeedbackForm.verification != "disputed")))
        in_sql = set(s.scalars(select(FeedbackForm.id).where(FeedbackForm.id.in_([f.id for f in forms]),
                                                             figures.failure_condition(threshold))))
    plain = {f.id for f in forms if failure_of(f, threshold)}
    assert in_sql == plain and 0 < len(plain) < len(forms)  # the SQL rule is the Python rule
    share = len(plain) / len(forms)

    summary = assessment.month_summary(store, month)
    js = json.loads(cli(data_dir, "feedback", "summary", "--month", month, "--json").stdout)
    with store.session() as s, s.begin():  # the counter's store stands in for head office's: its month sums
        month_sums.refresh_all(s)
    hq = next(d for d in network.gather(store, month).dealers if d.code == summary.dealer)
    assert headline.failures == summary.failures == js["failures"] == hq.failures == len(plain)
    assert headline.failure_share == summary.failure_share == js["failure_share"] == hq.failure_share \
        == pytest.approx(share)

    printed = f"{share * 100:.1f}%"
    out = tmp_path / "feedback.pdf"
    r = cli(data_dir, "report", "feedback", "--month", month, "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert row_value(pdf_text(out), "Failure share (target below 8.0%)") == printed
    assert feedback_report.gather(store, month).summary.failure_share == pytest.approx(share)
    net = tmp_path / "network.pdf"  # head office's report, here over this store's database
    r = cli(data_dir, "hq", "report", "--db", f"sqlite:///{store.path}", "--month", month, "--out", str(net),
            "--analyst", "Analyst Wu")
    assert r.returncode == 0, r.stderr
    assert printed in pdf_text(net)
