"""The monthly feedback PDF: its printed figures, read back with pdftotext, against the domain."""

import json
from collections import Counter

import pytest
from sqlalchemy import update

from app.cli import main as cli_main
from app.models import FeedbackForm
from app.reports import feedback
from app.rules.scoring import form_score, is_failure_form
from app.services.assessment import month_summary
from app.services.imports.feedback_store import import_feedback_file
from app.foundation.translation import Words
from tests.helpers import csv_file, form_line, worked_example_rows
from tests.pdftext import (month_rows, pdf_fonts, pdf_pages, pdf_text, row_cells, row_value, store_rows,
                           text_fonts)

EN = Words("en")
ZH = Words("zh_CN")


def make_pdf(store, tmp_path, month, lang=EN, **kw):
    out = tmp_path / f"fb-{month}-{lang.language}.pdf"
    feedback.render(feedback.gather(store, month, **kw), out, lang, "Tester")
    return out


def cli_json(data_dir, capsys, month, *extra):
    assert cli_main(["--data-dir", str(data_dir), "feedback", "summary", "--month", month, "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def label(lang, text):
    return lang("Reports", text)


@pytest.fixture
def example(store, tmp_path):
    import_feedback_file(store, csv_file(tmp_path / "ex.csv", worked_example_rows()))
    return store


@pytest.mark.parametrize("lang", [EN, ZH], ids=["en", "zh_CN"])
def test_worked_example_matches_the_summary_json(example, data_dir, tmp_path, capsys, lang):
    text = pdf_text(make_pdf(example, tmp_path, "2026-05", lang))
    js = cli_json(data_dir, capsys, "2026-05")
    L = lambda s: label(lang, s)  # noqa: E731
    assert row_value(text, L("Forms assessed (n)")) == str(js["forms"]) == "10"
    assert row_value(text, L("Total score")) == str(js["total"]) == "40"
    assert row_value(text, L("Average score (total / n)")) == f"{js['average']:.2f}" == "4.00"
    prev = L("Previous month {month}: average over {n} forms").format(month="2026-04", n=2)
    assert row_value(text, prev) == f"{js['previous_average']:.2f}" == "3.50"
    assert row_value(text, L("Change against the previous month")) == f"{js['change']:+.2f}" == "+0.50"
    assert row_value(text, L("Outcome")) == L("Reward") + " " + L("({amount} yuan)").format(amount=1000)
    assert js["outcome"] == "reward" and js["amount"] == 1000
    # A-E of each item: 10 x (A, A, C)
    assert row_cells(text, L("Timeliness"))[1:] == ["10", "0", "0", "0", "0", "10"]
    assert row_cells(text, L("Attitude"))[1:] == ["0", "0", "10", "0", "0", "10"]
    assert row_value(text, L("Failure share (target below {target})").format(target="8.0%")) == "0.0%"
    assert L("Page {page} of {pages}").format(page=1, pages=pdf_pages(tmp_path / f"fb-2026-05-{lang.language}.pdf")) in text


def test_chinese_report_embeds_its_font_and_reads_back_in_chinese(example, tmp_path):
    out = make_pdf(example, tmp_path, "2026-05", ZH)
    text = pdf_text(out)
    assert "月度反馈汇总" in ZH("Reports", "Monthly feedback summary") and "月度反馈汇总" in text
    assert "奖励" in text and "张伟" in text
    fonts = pdf_fonts(out)
    assert "WenQuanYiMicroHei" in fonts
    wqy = next(line for line in fonts.splitlines() if "WenQuanYi" in line)
    assert wqy.split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, with a Unicode map
    # Every piece of text is drawn with the embedded font (reportlab lists a Helvetica it never uses).
    assert set(text_fonts(out)) == {"WenQuanYiMicroHei-0"}


def test_empty_month(example, tmp_path):
    text = pdf_text(make_pdf(example, tmp_path, "2026-08"))
    assert row_value(text, "Forms assessed (n)") == "0"
    assert row_value(text, "Average score (total / n)") == "-"
    assert row_value(text, "Change against the previous month") == "-"
    assert row_value(text, "Outcome") == "Neither reward nor penalty"
    assert "No feedback forms were assessed in this month" in text
    assert "No failure forms in this month." in text
    assert month_summary(example, "2026-08").outcome == "none"


def test_month_without_previous_month(example, tmp_path, data_dir, capsys):
    text = pdf_text(make_pdf(example, tmp_path, "2026-04"))
    js = cli_json(data_dir, capsys, "2026-04")
    assert row_value(text, "Average score (total / n)") == f"{js['average']:.2f}" == "3.50"
    assert row_value(text, "Previous month 2026-03: average over 0 forms") == "-"
    assert row_value(text, "Change against the previous month") == "-"
    assert row_value(text, "Outcome") == "Neither reward nor penalty"
    assert "The previous month has no assessed forms" in text


def test_penalty_and_failure_list_with_masked_phone(store, tmp_path):
    rows = [form_line("2026-05-01", "R1", "AAA"), form_line("2026-06-03", "R2", "AAD", overall="6",
                                                            phone="13912345678", customer="李小龙")]
    import_feedback_file(store, csv_file(tmp_path / "p.csv", rows))
    text = pdf_text(make_pdf(store, tmp_path, "2026-06"))
    assert row_value(text, "Outcome") == "Penalty (1000 yuan)"
    assert "Failure forms (1)" in text
    line = next(x for x in text.splitlines() if "R2" in x)
    assert "139****5678" in line and "李**" in line and "No case opened" in line
    assert "13912345678" not in text and "李小龙" not in text


def test_5000_forms_against_the_domain_calculation(store, tmp_path, data_dir, capsys):
    this = month_rows(5000, 2026, 5, seed=3, prefix="T")
    last = month_rows(700, 2026, 4, seed=4, prefix="L")
    store_rows(store, this + last)
    # Disputed forms are left out of the assessment: dispute a few and leave them out below too.
    disputed = {r.repair_order for r in this[:37]}
    with store.session() as s, s.begin():
        from app.models import RepairOrder
        from sqlalchemy import select
        ids = select(RepairOrder.id).where(RepairOrder.number.in_(disputed))
        s.execute(update(FeedbackForm).where(FeedbackForm.repair_order_id.in_(ids)).values(verification="disputed"))
    counted = [r for r in this if r.repair_order not in disputed]
    prev_total = sum(form_score(r.timeliness, r.repair_quality, r.attitude) for r in last)
    total = sum(form_score(r.timeliness, r.repair_quality, r.attitude) for r in counted)
    failures = [r for r in counted if is_failure_form((r.timeliness, r.repair_quality, r.attitude), r.overall)]
    avg, prev_avg = total / len(counted), prev_total / len(last)

    out = make_pdf(store, tmp_path, "2026-05")
    text = pdf_text(out)
    js = cli_json(data_dir, capsys, "2026-05")
    assert row_value(text, "Forms assessed (n)") == str(js["forms"]) == str(len(counted))
    assert row_value(text, "Verified / unverified / disputed forms").replace(" ", "") == \
        f"{js['verified_forms']}/{js['unverified_forms']}/{js['disputed_forms']}"
    assert js["disputed_forms"] == 37
    assert row_value(text, "Total score") == str(js["total"]) == str(total)
    assert row_value(text, "Average score (total / n)") == f"{avg:.2f}" == f"{js['average']:.2f}"
    assert row_value(text, "Previous month 2026-04: average over 700 forms") == f"{prev_avg:.2f}"
    assert row_value(text, "Change against the previous month") == f"{js['change']:+.2f}"
    assert row_value(text, "Failure forms") == str(len(failures)) == str(js["failures"])
    assert row_value(text, "Failure share (target below 8.0%)") == f"{len(failures) / len(counted) * 100:.1f}%"
    for item, key in (("Timeliness", "timeliness"), ("Repair quality", "repair_quality"), ("Attitude", "attitude")):
        counts = Counter(getattr(r, key) for r in counted)
        assert row_cells(text, item)[1:6] == [str(counts[g]) for g in "ABCDE"]
        assert [int(x) for x in row_cells(text, item)[1:6]] == [js["grades"][key][g] for g in "ABCDE"]
    # Every failure form is listed, none masked away: one line per repair order.
    listed = {r.repair_order for r in failures}
    assert f"Failure forms ({len(failures)})" in text
    printed = {ro for ro in listed if ro in text}
    assert printed == listed
    assert not any(r.phone in text for r in this)
    # Each advisor's row agrees with month_summary for that advisor.
    for name in sorted({r.advisor for r in counted}):
        one = month_summary(store, "2026-05", advisor=name)
        cells = row_cells(text, name)
        assert cells[1:4] == [str(one.forms), str(one.total), f"{one.average:.2f}"], name
        assert cells[-2:] == [str(one.failures), f"{one.failure_share * 100:.1f}%"], name
    assert f"Page {pdf_pages(out)} of {pdf_pages(out)}" in text


def test_one_advisor_report_matches_the_advisor_summary(store, tmp_path, data_dir, capsys):
    store_rows(store, month_rows(300, 2026, 5, seed=5) + month_rows(100, 2026, 4, seed=6, prefix="P"))
    js = cli_json(data_dir, capsys, "2026-05", "--advisor", "李娜")
    text = pdf_text(make_pdf(store, tmp_path, "2026-05", advisor="李娜"))
    assert "Advisor: 李娜" in text
    assert row_value(text, "Forms assessed (n)") == str(js["forms"])
    assert row_value(text, "Total score") == str(js["total"])
    assert row_value(text, "Change against the previous month") == f"{js['change']:+.2f}"
    assert "张伟" not in text  # no other advisor's rows


def test_trend_prints_twelve_months(example, tmp_path):
    text = pdf_text(make_pdf(example, tmp_path, "2026-05"))
    labels = ["25-06", "25-07", "25-08", "25-09", "25-10", "25-11", "25-12", "26-01", "26-02", "26-03", "26-04", "26-05"]
    line = next(x for x in text.splitlines() if "25-06" in x)
    assert line.split() == labels
    assert "3.50" in text and "4.00" in text


@pytest.mark.parametrize("lang", [EN, ZH], ids=["en", "zh_CN"])
def test_the_months_3_day_calls_are_a_section_with_the_summarys_figures(store, tmp_path, lang):
    """Completion, reach and failures found printed as the monthly summary counts them (one definition)."""
    from app.foundation import clock
    from app.services.orders.calls import due_calls, record_attempt
    from app.services.orders.store import import_orders_file
    from tests.unit.test_three_day_calls import HEADER, at, order

    import_orders_file(store, csv_file(tmp_path / "o.csv", [order(f"N{i}", 3, i=i) for i in range(4)], header=HEADER))
    calls = {c.repair_order: c for c in due_calls(store)}
    record_attempt(store, calls["N0"].repair_order_id, None, reached=False)
    import_feedback_file(store, csv_file(tmp_path / "f.csv", [form_line(at(3, 0)[:10], "N1", "DBA", customer="客户1",
                                                                        phone="13812340001", plate="京A00001")]))
    record_attempt(store, calls["N1"].repair_order_id, None, reached=True)
    record_attempt(store, calls["N2"].repair_order_id, None, reached=True)
    month = clock.today().strftime("%Y-%m")
    js = month_summary(store, month).to_json()["calls"]
    assert (js["calls_due"], js["calls_reached"], js["call_failures_found"]) == (4, 2, 1)
    text = pdf_text(make_pdf(store, tmp_path, month, lang))
    L = lambda s: label(lang, s)  # noqa: E731
    assert L("3-day follow-up calls") in text
    assert row_value(text, L("Calls due in the month")) == "4"
    assert row_value(text, L("Reached")) == "2"
    assert row_value(text, L("Unreachable (not reached before the call expired)")) == "0"
    assert row_value(text, L("Completion rate (reached or unreachable / due)")) == "50.0%"
    assert row_value(text, L("Reach rate (reached / due)")) == "50.0%"
    assert row_value(text, L("Failures found by the calls")) == "1"


def test_a_month_without_calls_says_so(example, tmp_path):
    text = pdf_text(make_pdf(example, tmp_path, "2026-05"))
    assert "3-day follow-up calls" in text and "No 3-day calls were due in this month." in text
