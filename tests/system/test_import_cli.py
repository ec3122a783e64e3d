"""`feedback import` with what dealers have: a workbook with Chinese headers, a GBK CSV, headers placed
with --map; every refusal exits 2 and stores nothing."""

from __future__ import annotations

import json
from datetime import date

from tests.system.test_cli import cli
from tests.workbooks import CHINESE_HEADER, ExcelError, form_row, write_csv, write_workbook


def forms_in(data_dir, month="2026-05"):
    r = cli(data_dir, "feedback", "summary", "--month", month, "--json")
    return json.loads(r.stdout)["forms"]


def test_a_workbook_with_chinese_headers_and_excel_dates_imports(data_dir, tmp_path):
    f = write_workbook(tmp_path / "去年.xlsx", CHINESE_HEADER,
                       [form_row(date(2026, 5, d), f"RO-{d}", phone=13800000000 + d) for d in range(1, 6)])
    r = cli(data_dir, "feedback", "import", str(f), "--check")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["line", "date", "repair_order"]
    assert lines[1].split("\t")[:6] == ["2", "2026-05-01", "RO-1", "张伟", "王芳", "13800000001"]
    assert "nothing was stored" in lines[-1] and forms_in(data_dir) == 0
    r = cli(data_dir, "feedback", "import", str(f))
    assert r.returncode == 0, r.stderr
    assert "5 imported" in r.stdout and forms_in(data_dir) == 5


def test_unplaced_headers_are_named_then_placed_with_map(data_dir, tmp_path):
    header = ["到店日期", *CHINESE_HEADER[1:3], "手机号码", *CHINESE_HEADER[4:]]
    f = write_csv(tmp_path / "gbk.csv", header, [form_row("2026/5/15", "RO-1")], encoding="gbk")
    r = cli(data_dir, "feedback", "import", str(f))
    assert r.returncode == 2
    assert "line 1, column date" in r.stderr and "line 1, column phone" in r.stderr
    assert "到店日期, 手机号码" in r.stderr and "--map" in r.stderr
    r = cli(data_dir, "feedback", "import", str(f), "--map", "date=x")
    assert r.returncode == 2 and "no such column" in r.stderr
    r = cli(data_dir, "feedback", "import", str(f), "--map", "when=到店日期")
    assert r.returncode == 2 and "COLUMN=HEADER" in r.stderr
    assert forms_in(data_dir) == 0
    r = cli(data_dir, "feedback", "import", str(f), "--map", "date=到店日期,phone=手机号码")
    assert r.returncode == 0, r.stderr
    assert "1 imported" in r.stdout and forms_in(data_dir) == 1


def test_a_column_mapped_twice_or_a_header_mapped_to_two_columns_is_refused(data_dir, tmp_path):
    """`--map phone=A,phone=B` kept the last silently; `phone=联系电话,customer=联系电话` stored every
    customer's name as their phone."""
    f = write_workbook(tmp_path / "f.xlsx", CHINESE_HEADER, [form_row(date(2026, 5, 1), "RO-1")])
    for command in ("feedback", "orders"):
        r = cli(data_dir, command, "import", str(f), "--map", "phone=联系电话,Phone=车牌号")
        assert r.returncode == 2, r.stderr
        assert '--map: phone is given twice, as "联系电话" and as "车牌号"; give each column once' in r.stderr
        r = cli(data_dir, command, "import", str(f), "--map", "phone=联系电话, customer=联系电话")
        assert r.returncode == 2, r.stderr
        assert '--map: "联系电话" is given for both phone and customer; a header is one column' in r.stderr
    assert forms_in(data_dir) == 0


def test_a_column_mapped_twice_is_refused_in_chinese(data_dir, tmp_path):
    f = write_workbook(tmp_path / "f.xlsx", CHINESE_HEADER, [form_row(date(2026, 5, 1), "RO-1")])
    r = cli(data_dir, "feedback", "import", str(f), "--map", "phone=联系电话,phone=车牌号", lang="zh_CN.UTF-8")
    assert r.returncode == 2 and "--map：对应关系中 phone 指定了两次：“联系电话”和“车牌号”" in r.stderr, r.stderr
    r = cli(data_dir, "feedback", "import", str(f), "--map", "phone=联系电话,customer=联系电话", lang="zh_CN.UTF-8")
    assert r.returncode == 2 and "“联系电话”同时指定给了 phone 和 customer" in r.stderr, r.stderr


def test_columns_the_import_does_not_take_are_named(data_dir, tmp_path):
    header = [*CHINESE_HEADER, "车型"]
    f = write_csv(tmp_path / "extra.csv", header, [form_row("2026-5-15", "RO-1") + ["朗逸"]], encoding="utf-8-sig")
    r = cli(data_dir, "feedback", "import", str(f))
    assert r.returncode == 0 and "columns not imported: 车型" in r.stderr, r.stderr


def test_a_bad_row_in_a_workbook_exits_2_named_by_line(data_dir, tmp_path):
    """Each problem names its line and its column as the file heads it (what the reader looks for in the
    spreadsheet: "服务日期", not the program's name for the column, "date")."""
    rows = [form_row(date(2026, 5, 1), f"RO-{i}") for i in range(30)]
    rows[27] = form_row("2026/5/32", "RO-27")
    bad = write_workbook(tmp_path / "bad.xlsx", CHINESE_HEADER, rows)
    for check in ([], ["--check"]):
        r = cli(data_dir, "feedback", "import", str(bad), *check)
        assert r.returncode == 2 and "line 29, column 服务日期" in r.stderr, r.stderr
    assert forms_in(data_dir) == 0


def test_an_excel_error_cell_is_named_as_one_not_as_empty(data_dir, tmp_path):
    """A failed formula's cell (#N/A of a VLOOKUP) was said to be empty, or stored as an empty comment."""
    rows = [form_row(date(2026, 5, d), f"RO-{d}") for d in range(1, 5)]
    rows[1][3] = ExcelError("#N/A")  # line 3, phone
    rows[2][7] = ExcelError("#DIV/0!")  # line 4, repair quality
    rows[2][11] = ExcelError("#VALUE!")  # line 4, comment (optional: it was stored empty)
    f = write_workbook(tmp_path / "vlookup.xlsx", CHINESE_HEADER, rows, title_rows=1)
    for check in ([], ["--check"]):
        r = cli(data_dir, "feedback", "import", str(f), *check)
        assert r.returncode == 2 and "3 problem(s)" in r.stderr, r.stderr
        assert ('line 4, column 联系电话: the cell holds the spreadsheet error #N/A, not a value; correct the formula '
                "in Excel or type the value in the cell, then import again.") in r.stderr
        assert 'line 5, column 维修质量: the cell holds the spreadsheet error #DIV/0!' in r.stderr
        assert 'line 5, column 意见: the cell holds the spreadsheet error #VALUE!' in r.stderr
        assert "empty" not in r.stderr
    assert forms_in(data_dir) == 0


def test_an_excel_error_cell_in_an_orders_workbook_is_named(data_dir, tmp_path):
    header = ["工单号", "开单时间", "服务顾问", "客户", "电话", "车牌", "金额"]
    rows = [["RO-1", "2026-11-02 09:10", "李娜", "王芳", ExcelError("#REF!"), "京A12345", ExcelError("#NAME?")]]
    r = cli(data_dir, "orders", "import", str(write_workbook(tmp_path / "dms.xlsx", header, rows)))
    assert r.returncode == 2, r.stderr
    assert 'line 2, column 电话: the cell holds the spreadsheet error #REF!' in r.stderr
    assert 'line 2, column 金额: the cell holds the spreadsheet error #NAME?' in r.stderr
    assert "empty" not in r.stderr and "nothing was imported" in r.stderr


def test_an_excel_error_cell_is_named_in_chinese(data_dir, tmp_path):
    rows = [form_row(date(2026, 5, 1), "RO-1", phone=ExcelError("#N/A"))]
    f = write_workbook(tmp_path / "vlookup.xlsx", CHINESE_HEADER, rows)
    r = cli(data_dir, "feedback", "import", str(f), lang="zh_CN.UTF-8")
    assert r.returncode == 2 and "第 2 行 联系电话 列：该单元格中是电子表格错误 #N/A" in r.stderr, r.stderr


def test_a_dealer_code_is_held_to_head_offices_rule(data_dir, tmp_path):
    """`--dealer` made whatever dealer it was given (a path, a terminal's escape codes, 5,000
    characters), which every summary and report then printed; full-width letters read as ASCII."""
    import sqlite3

    f = write_csv(tmp_path / "f.csv", CHINESE_HEADER, [form_row("2026/5/15", "RO-1")])
    for code in ("../x", "X\x1b[31m", "A" * 33, "北京", "A B", "'"):
        r = cli(data_dir, "feedback", "import", str(f), "--dealer", code)
        assert r.returncode == 2 and "--dealer: letters, digits, - and _ only, at most 32" in r.stderr, (code, r.stderr)
    r = cli(data_dir, "feedback", "import", str(f), "--dealer", "ｂｊ０１")
    assert r.returncode == 0 and "(dealer BJ01)" in r.stdout, r.stdout + r.stderr
    con = sqlite3.connect(data_dir / "store.sqlite3")
    assert {c for (c,) in con.execute("SELECT code FROM dealer")} == {"LOCAL", "BJ01"}
    con.close()


def test_check_gives_the_imports_verdict_on_forms_already_stored(data_dir, tmp_path):
    """--check said "no problems" for a file whose repair order the store holds with other grades,
    which the import then refused; and it makes no store where there is none."""
    fresh = tmp_path / "no-store-here"
    first = write_csv(tmp_path / "first.csv", CHINESE_HEADER, [form_row("2026/5/15", "RO-1", "AAA")])
    r = cli(fresh, "feedback", "import", str(first), "--check")
    assert r.returncode == 0 and not (fresh / "store.sqlite3").exists(), r.stderr
    assert cli(data_dir, "feedback", "import", str(first)).returncode == 0
    changed = write_csv(tmp_path / "changed.csv", CHINESE_HEADER, [form_row("2026/5/15", "RO-1", "EEE")])
    check = cli(data_dir, "feedback", "import", str(changed), "--check")
    real = cli(data_dir, "feedback", "import", str(changed))
    assert check.returncode == real.returncode == 2, check.stdout + check.stderr
    said = "Repair order RO-1 is already stored with different timeliness, repair_quality, attitude"
    assert said in check.stderr and said in real.stderr
    assert cli(data_dir, "feedback", "import", str(first), "--check").returncode == 0  # the same form again: fine


def test_a_folder_named_as_the_file_to_import_is_said_to_be_one(data_dir, tmp_path):
    """It said "no such file" of a folder that is there."""
    for command in (["feedback", "import"], ["orders", "import"]):
        r = cli(data_dir, *command, str(tmp_path), "--check") if command[0] == "feedback" else \
            cli(data_dir, *command, str(tmp_path))
        assert r.returncode == 2 and f"{tmp_path}: a folder: give the file in it to import" in r.stderr, r.stderr
