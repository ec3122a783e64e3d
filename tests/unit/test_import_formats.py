"""Every format a dealer has goes through the one reader: workbooks, CSV in UTF-8 (with or without a
BOM) and GB18030, Excel's date forms, Chinese or English headers in any order, mapped headers; bounds
refuse a hostile file in words; a bad row far down is named by its line."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.foundation.errors import ImportRejected, InvalidInput
from app.models import Customer, FeedbackForm, RepairOrder
from app.services.imports import cells
from app.services.imports.columns import parse_map, shape
from app.services.imports.feedback import COLUMNS, read_feedback
from app.services.imports.feedback_store import import_feedback_file
from app.services.imports.reader import Limits
from tests.workbooks import CHINESE_HEADER, ENGLISH_HEADER, form_row, write_csv, write_workbook

MAY_15 = date(2026, 5, 15)


def write(kind, path, header, rows):
    if kind == "xlsx":
        return write_workbook(path.with_suffix(".xlsx"), header, rows)
    encoding = {"utf8": "utf-8", "bom": "utf-8-sig", "gb18030": "gb18030", "gbk": "gbk"}[kind]
    return write_csv(path.with_suffix(".csv"), header, rows, encoding=encoding)


FORMATS = ["xlsx", "utf8", "bom", "gb18030", "gbk"]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("header", [CHINESE_HEADER, ENGLISH_HEADER], ids=["chinese", "english"])
def test_every_format_reads_the_same_forms(tmp_path, kind, header):
    rows = [form_row("2026/5/15", "RO-1", "abc", overall="9", verified="是", comment="=1+1 不是公式"),
            form_row("2026-5-16", "RO-2", "EEE", verified="否", customer="李雷", phone="139 0000-1111")]
    checked = read_feedback(write(kind, tmp_path / "f", header, rows))
    assert checked.problems == ()
    a, b = checked.forms
    assert (a.service_date, a.repair_order, a.customer, a.phone, a.timeliness, a.repair_quality, a.attitude,
            a.overall, a.verification, a.comment) == (MAY_15, "RO-1", "王芳", "13812345678", "A", "B", "C", 9,
                                                       "verified", "=1+1 不是公式")
    assert (b.service_date, b.customer, b.phone, b.verification) == (date(2026, 5, 16), "李雷", "13900001111",
                                                                     "unverified")
    assert [line for line, _cells in checked.first] == [2, 3]


DATES = [  # (as written in the cell, the date read)
    ("2026-05-15", MAY_15), ("2026-5-15", MAY_15), ("2026/5/15", MAY_15), ("2026/05/15", MAY_15),
    ("2026.5.15", MAY_15), ("2026年5月15日", MAY_15), ("20260515", MAY_15), ("2026/5/15 0:00", MAY_15),
    (MAY_15, MAY_15), (datetime(2026, 5, 15, 9, 30), MAY_15),
    (46157, MAY_15), (46157.0, MAY_15), ("46157", MAY_15),  # Excel's serial day number
    ("15/05/2026", None), ("2026-02-30", None), ("May 15", None), (0, None), ("", None),
]


@pytest.mark.parametrize("cell, expected", DATES)
def test_dates_as_excel_writes_them(cell, expected):
    assert cells.as_date(cell) == expected


@pytest.mark.parametrize("cell, kind", [(MAY_15, "xlsx"), (46157, "xlsx"), ("2026/5/15", "xlsx"),
                                        ("2026/5/15", "gb18030"), ("46157", "utf8"), ("2026-5-15", "bom")])
def test_each_date_form_in_a_file(tmp_path, cell, kind):
    [form] = read_feedback(write(kind, tmp_path / "d", ENGLISH_HEADER, [form_row(cell, "RO-1")])).forms
    assert form.service_date == MAY_15


@pytest.mark.parametrize("cell, expected", [
    (13812345678.0, "13812345678"), (2611042.0, "2611042"), ("RO-0042", "RO-0042"), (" x ", "x"), (None, ""),
    (1.5, "1.5"), (True, "yes"), (MAY_15, "2026-05-15")])
def test_numbers_excel_stored_for_phones_and_repair_orders_stay_their_digits(cell, expected):
    assert cells.text(cell) == expected


@pytest.mark.parametrize("cell, expected", [("是", True), ("否", False), ("YES", True), ("n", False), ("", False),
                                            (True, True), (1.0, True), ("maybe", None)])
def test_yes_and_no_in_either_language(cell, expected):
    assert cells.as_yes_no(cell) is expected if expected is not None else cells.as_yes_no(cell) is None


def test_a_workbook_keeps_phones_and_repair_orders_as_text_when_excel_made_them_numbers(tmp_path):
    f = write_workbook(tmp_path / "n.xlsx", CHINESE_HEADER, [form_row(MAY_15, 2611042, phone=13812345678,
                                                                      overall=8.0)])
    [form] = read_feedback(f).forms
    assert (form.repair_order, form.phone, form.overall) == ("2611042", "13812345678", 8)


def test_a_title_row_above_the_header_moves_the_lines_named(tmp_path):
    f = write_workbook(tmp_path / "t.xlsx", CHINESE_HEADER, [form_row(MAY_15, "RO-1"), form_row("bad", "RO-2")],
                       title_rows=2)
    checked = read_feedback(f)
    assert [(p.line, p.column) for p in checked.problems] == [(5, "date")]


def test_unrecognised_headers_are_placed_by_a_mapping_and_named_until_then(tmp_path):
    header = ["到店日期", *CHINESE_HEADER[1:3], "手机号码", *CHINESE_HEADER[4:]]
    f = write(kind="gb18030", path=tmp_path / "m", header=header, rows=[form_row("2026/5/15", "RO-1")])
    unmapped = read_feedback(f)
    assert not unmapped.readable and unmapped.forms == ()
    assert [(p.line, p.column) for p in unmapped.problems] == [(1, "date"), (1, "phone"), (1, "")]
    assert "到店日期, 手机号码" in unmapped.problems[-1].render()
    mapping = parse_map("date=到店日期, phone=手机号码", COLUMNS)
    mapped = read_feedback(f, mapping)
    assert mapped.readable and mapped.problems == () and mapped.forms[0].phone == "13812345678"
    assert mapped.shape == unmapped.shape == shape(header)  # the shape a remembered mapping is kept under


@pytest.mark.parametrize("text", ["date", "nope=日期", "date=", "date=日期,phone"])
def test_a_mapping_that_is_not_column_equals_header_is_refused(text):
    with pytest.raises(InvalidInput):
        parse_map(text, COLUMNS)


@pytest.mark.parametrize("text, said", [
    ("phone=手机,phone=电话", {"column": "phone", "first": "手机", "second": "电话"}),
    ("phone=手机, customer= 手机 ", {"header": "手机", "first": "phone", "second": "customer"}),
])
def test_a_column_given_twice_or_a_header_given_to_two_columns_is_refused(text, said):
    with pytest.raises(InvalidInput) as refused:
        parse_map(text, COLUMNS)
    assert refused.value.params["field"] == "--map" and said.items() <= refused.value.params.items()


def test_a_mapping_naming_a_header_the_file_lacks_is_named(tmp_path):
    f = write("utf8", tmp_path / "x", ENGLISH_HEADER, [form_row("2026-05-15", "RO-1")])
    checked = read_feedback(f, {"date": "到店日期"})
    assert [(p.line, p.column) for p in checked.problems] == [(1, "date")]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["xlsx", "gb18030"])
def test_a_bad_row_at_line_99999_is_named_by_its_line(tmp_path, kind):
    rows = [form_row("2026/5/15", f"RO-{i}") for i in range(99_998)]
    rows[-1] = form_row("2026/5/15", "RO-LAST", "AAZ")  # line 99,999: the header is line 1
    checked = read_feedback(write(kind, tmp_path / "big", CHINESE_HEADER, rows))
    assert [(p.line, p.column) for p in checked.problems] == [(99_999, "attitude")]
    assert checked.rows == 99_998 and len(checked.forms) == 99_997


LIMITED = [  # (limits, words of the refusal)
    (Limits(file_bytes=200), "MB"),
    (Limits(rows=3), "more than 3 rows"),
]


@pytest.mark.parametrize("kind", ["xlsx", "utf8"])
@pytest.mark.parametrize("limits, words", LIMITED)
def test_bounds_refuse_a_file_in_words(tmp_path, kind, limits, words):
    f = write(kind, tmp_path / "b", ENGLISH_HEADER, [form_row("2026-05-15", f"RO-{i}") for i in range(5)])
    with pytest.raises(ImportRejected) as info:
        read_feedback(f, limits=limits)
    assert words in info.value.problems[0].render()


@pytest.mark.parametrize("kind", ["xlsx", "utf8"])
def test_an_overlong_cell_is_named(tmp_path, kind):
    f = write(kind, tmp_path / "c", ENGLISH_HEADER, [form_row("2026-05-15", "RO-1", comment="x" * 60)])
    checked = read_feedback(f, limits=Limits(cell_chars=50))
    assert [(p.line, p.column) for p in checked.problems] == [(2, "comment")]
    assert "60 characters" in checked.problems[0].render()


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(tmp_path):
    f = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (4 * 2**20))  # 4 MB of nothing packs to a few KB
    assert f.stat().st_size < 20_000
    with pytest.raises(ImportRejected) as info:
        read_feedback(f, limits=Limits(unpacked_bytes=2**20))
    assert "built to exhaust" in info.value.problems[0].render()


@pytest.mark.parametrize("data, words", [
    (b"PK\x03\x04 not really a zip", "damaged"),
    (b"\xff\xfed\x00a\x00", "UTF-16"),
    (b"", "empty"),
])
def test_files_that_are_no_table_are_refused_in_words(tmp_path, data, words):
    f = tmp_path / "x.xlsx"
    f.write_bytes(data)
    with pytest.raises(ImportRejected) as info:
        read_feedback(f)
    assert words in info.value.problems[0].render()


def test_a_workbook_imports_into_the_store_all_or_nothing(store, tmp_path):
    good = write_workbook(tmp_path / "a.xlsx", CHINESE_HEADER,
                          [form_row(MAY_15, f"RO-{i}", phone=13800000000 + i, plate=f"京A1234{i}") for i in range(3)])
    bad = write_workbook(tmp_path / "b.xlsx", CHINESE_HEADER,
                         [form_row(MAY_15, "RO-9"), form_row("下周", "RO-10")])
    with pytest.raises(ImportRejected) as info:
        import_feedback_file(store, bad)
    assert [(p.line, p.column) for p in info.value.problems] == [(3, "date")]
    r = import_feedback_file(store, good)
    assert (r.rows, r.imported, r.already_stored) == (3, 3, 0)
    with store.session() as s:
        assert sorted(s.scalars(select(RepairOrder.number))) == ["RO-0", "RO-1", "RO-2"]
        assert sorted(s.scalars(select(Customer.phone))) == ["13800000000", "13800000001", "13800000002"]
        assert s.scalar(select(FeedbackForm.service_date).limit(1)) == MAY_15
    again = import_feedback_file(store, write_csv(tmp_path / "c.csv", CHINESE_HEADER,
                                                  [form_row("2026/5/15", f"RO-{i}", phone=f"1380000000{i}",
                                                            plate=f"京A1234{i}")
                                                   for i in range(3)], encoding="gb18030"))
    assert (again.imported, again.already_stored) == (0, 3)  # the same forms, whatever the file


def test_cancel_while_reading_or_before_the_write_stores_nothing(store, tmp_path):
    from app.services.imports.feedback import ImportCancelled
    from app.services.imports.feedback_store import store_feedback

    f = write_workbook(tmp_path / "c.xlsx", ENGLISH_HEADER, [form_row(MAY_15, f"RO-{i}") for i in range(4500)])
    seen = []
    with pytest.raises(ImportCancelled):
        read_feedback(f, progress=lambda done, total: seen.append((done, total)), cancelled=lambda: len(seen) >= 1)
    assert seen == [(2000, 4500)]
    checked = read_feedback(f)
    with pytest.raises(ImportCancelled):
        store_feedback(store, checked, cancelled=lambda: True)
    with store.session() as s:
        assert s.scalar(select(FeedbackForm.id).limit(1)) is None
    assert store_feedback(store, checked).imported == 4500


@pytest.mark.parametrize("kind", ["xlsx", "gb18030"])
def test_a_title_row_above_the_header_is_skipped(tmp_path, kind):
    rows = [["2025年客户意见反馈表"] + [""] * 11, ["北京某某汽车服务有限公司"] + [""] * 11, CHINESE_HEADER,
            form_row("2026/5/15", "RO-1"), form_row("下周", "RO-2")]
    f = write(kind, tmp_path / "t", rows[0], rows[1:])
    checked = read_feedback(f)
    assert checked.header == tuple(CHINESE_HEADER) and checked.readable
    assert [(p.line, p.column) for p in checked.problems] == [(5, "date")]
    assert [form.repair_order for form in checked.forms] == ["RO-1"]


def test_every_imported_failure_form_gets_its_one_alert(store, tmp_path):
    from app.models import Alert

    from app.foundation import clock

    # This week's forms (older ones are outside the alert window and raise none, tested with alerts).
    rows = [form_row(clock.today(), f"RO-{i}", "EEE" if i % 2 else "AAA") for i in range(1203)]  # 601 failures
    rows += [form_row(MAY_15, f"RO-OLD-{i}", "EEE") for i in range(5)]
    f = write_csv(tmp_path / "fail.csv", ENGLISH_HEADER, rows)
    import_feedback_file(store, f)
    import_feedback_file(store, f)  # again: no second alert
    with store.session() as s:
        assert len(s.scalars(select(Alert.form_id)).all()) == 601


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_tab_or_semicolon_separated_text_reads_the_same(tmp_path, delimiter):
    lines = [delimiter.join(CHINESE_HEADER), delimiter.join(map(str, form_row("2026/5/15", "RO-1", comment="好,很好")))]
    f = tmp_path / "forms.txt"
    f.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    [form] = read_feedback(f).forms
    assert (form.service_date, form.repair_order, form.comment) == (MAY_15, "RO-1", "好,很好")


@pytest.mark.parametrize("kind", ["xlsx", "utf8"])
def test_every_problem_of_a_row_is_named_in_the_desks_order_on_each_row_that_has_it(tmp_path, kind):
    # Each distinct cell is checked once: a bad cell written again is named again, a good one stays good.
    def bad(ro):
        return form_row("2099-01-01", ro, "AxZ", customer="", phone="call me", advisor="李\u202e四", overall="11",
                        verified="maybe")
    rows = [bad("RO-1"), form_row("2026-05-15", "RO-2", advisor="李四"), bad("RO-3")]
    checked = read_feedback(write(kind, tmp_path / "m", ENGLISH_HEADER, rows))
    # Every empty required cell, then every value that can't be read, then the desk's rules on what is stored.
    order = ["customer", "repair_quality", "attitude", "overall", "verified", "date", "phone", "advisor"]
    assert [(p.line, p.column) for p in checked.problems] == [(2, c) for c in order] + [(4, c) for c in order]
    assert [f.repair_order for f in checked.forms] == ["RO-2"]
    assert checked.problems[1].params == {"value": "x", "column": "repair_quality"}
    assert [line for line, _cells in checked.first] == [2, 3, 4]
    assert checked.first[0][1][2] == "李\u202e四"  # a bad row previewed as written, a good one as stored
    assert checked.first[1][1][6:9] == ("A", "A", "C")


def test_a_true_cell_is_not_read_as_the_number_one(tmp_path):
    # Each distinct cell is checked once: TRUE equals 1, but reads "yes", next to a 1 or 2,000 rows after.
    near = [form_row("2026-05-15", "RO-1", overall=1), form_row("2026-05-15", "RO-2", overall=True)]
    far = [form_row("2026-05-15", f"RO-{i}", overall=1) for i in range(2000)]
    far.append(form_row("2026-05-15", "RO-LAST", overall=True))
    for rows, line in ((near, 3), (far, 2002)):
        checked = read_feedback(write_workbook(tmp_path / f"b{line}.xlsx", ENGLISH_HEADER, rows))
        assert [(p.line, p.column, p.params["value"]) for p in checked.problems] == [(line, "overall", "yes")]
        assert {f.overall for f in checked.forms} == {1}


@pytest.mark.parametrize("kind", ["xlsx", "utf8"])
def test_a_repair_order_written_again_thousands_of_rows_later_is_named(tmp_path, kind):
    rows = [form_row(MAY_15, f"RO-{i}") for i in range(4500)]
    rows[4400] = form_row(MAY_15, "ro-2500 ")  # the same number as line 2,502, as stored
    checked = read_feedback(write(kind, tmp_path / "d", ENGLISH_HEADER, rows))
    assert [(p.line, p.column, p.params["first"]) for p in checked.problems] == [(4402, "repair_order", 2502)]
    assert len(checked.forms) == 4499 and checked.rows == 4500
