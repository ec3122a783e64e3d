"""Lists out to Excel: the case list as filtered and sorted, the forms between two dates, as a person
reads them (titles, names, dates, never ids), phones masked unless the role may take them out, text
cells typed as text (never a formula), and head office's workbook the same."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from python_calamine import CalamineWorkbook

from app.rules.privacy import phone_for
from app.services.cases.case_queries import CaseFilter
from app.services.demo.sample_data import fill_demo
from app.services.exports.lists import FormFilter, export_cases, export_forms
from app.services.exports.workbook import ExportCancelled, Sheet, write_workbook
from app.services.imports.feedback_store import import_feedback_file
from tests.workbooks import ENGLISH_HEADER, form_row, write_csv

ZH = {("Export", "Case"): "案件", ("Vocab", "Open"): "待处理", ("Export", "Cases"): "案件列表"}


def zh(ctx, text):
    return ZH.get((ctx, text), text)


def sheet_rows(path):
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return sheet.to_python()


@pytest.mark.parametrize("role, expected", [("admin", "13812345678"), ("supervisor", "13812345678"),
                                            ("advisor", "138****5678"), (None, "138****5678")])
def test_phones_leave_whole_only_with_a_role_that_may_take_them(role, expected):
    assert phone_for(role, "13812345678") == expected


def test_text_that_looks_like_a_formula_or_a_number_stays_text(tmp_path):
    from openpyxl import load_workbook

    f = tmp_path / "t.xlsx"
    texts = ["=1+1", "+86 138", "-3", "@SUM(A1)", "007", "13812345678", "ok\x07bell"]
    write_workbook(f, [Sheet("s", ["text", "n", "day"], ([t, 5, date(2026, 5, 15)] for t in texts))])
    sheet = load_workbook(f)["s"]
    cells = list(sheet.iter_rows(min_row=2))
    assert all(c.data_type != "f" for row in cells for c in row)
    assert [row[0].data_type for row in cells] == ["s"] * len(texts)
    assert [row[0].value for row in cells] == texts[:-1] + ["okbell"]  # what xlsx can't hold is dropped
    assert cells[0][1].value == 5 and cells[0][2].value == datetime(2026, 5, 15)


def test_a_cancelled_export_leaves_no_file(tmp_path):
    f = tmp_path / "c.xlsx"
    with pytest.raises(ExportCancelled):
        write_workbook(f, [Sheet("s", ["n"], ([i] for i in range(5000)))], cancelled=lambda: True)
    assert not f.exists()


def test_the_case_list_as_filtered_with_titles_names_and_masked_phones(store, tmp_path):
    fill_demo(store, forms=40, cases=12)
    out = tmp_path / "cases.xlsx"
    n = export_cases(store, out, CaseFilter(status="open"), sort="number", descending=False, role="advisor",
                     translate=zh)
    rows = sheet_rows(out)
    assert rows[0][0] == "案件" and len(rows) == n + 1 and n > 0
    numbers = [r[0] for r in rows[1:]]
    assert numbers == sorted(numbers)
    for r in rows[1:]:
        assert r[2] == "待处理"  # the status's title in the reader's language, not "open"
        assert "****" in r[7]  # an advisor's export masks phones
        assert isinstance(r[1], datetime)
    everything = export_cases(store, tmp_path / "all.xlsx", CaseFilter(), role="admin")
    assert everything == 12 and "****" not in sheet_rows(tmp_path / "all.xlsx")[1][7]


def test_the_forms_between_two_dates(store, tmp_path):
    # Twenty customers (one name and plate with another phone would be one returning customer).
    rows = [form_row(f"2026-05-{d:02d}", f"RO-{d}", "ABC", phone=f"1390000{d:04d}", plate=f"京A{d:05d}",
                     comment="=cmd|' /C calc'!A0") for d in range(1, 21)]
    import_feedback_file(store, write_csv(tmp_path / "f.csv", ENGLISH_HEADER, rows))
    out = tmp_path / "forms.xlsx"
    n = export_forms(store, out, FormFilter(date(2026, 5, 5), date(2026, 5, 9)), role="supervisor")
    got = sheet_rows(out)
    assert n == 5 and [r[1] for r in got[1:]] == ["RO-5", "RO-6", "RO-7", "RO-8", "RO-9"]
    first = got[1]
    assert first[0] == date(2026, 5, 5) and first[2] == "张伟" and first[4] == "13900000005"
    assert (first[6], first[7], first[8], first[11]) == ("A", "B", "C", "Unverified")
    assert first[12] == "=cmd|' /C calc'!A0"


def test_head_offices_workbook_opens_with_readable_cases_and_forms(store, tmp_path):
    from app.hq.export import export_central

    fill_demo(store, forms=15, cases=4)
    export_central(store, tmp_path / "out")
    book = CalamineWorkbook.from_path(str(tmp_path / "out" / "recovery-desk.xlsx"))
    assert book.sheet_names == ["Cases", "Feedback forms", "feedback_form", "failure_case", "sync_conflict"]
    cases = book.get_sheet_by_name("Cases").to_python()
    forms = book.get_sheet_by_name("Feedback forms").to_python()
    assert cases[0][:3] == ["Dealer", "Case", "Opened"] and len(cases) == 5 and len(forms) == 16
    code = store.identity.home_dealer_code
    assert {r[0] for r in cases[1:]} == {code} == {r[0] for r in forms[1:]}
    assert all("****" in r[8] for r in cases[1:]) and all("****" in r[5] for r in forms[1:])
    ids = {store.identity.home_dealer_id}
    assert not any(str(v) in ids for r in cases + forms for v in r)
