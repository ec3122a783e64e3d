"""The command line as a user or a script drives it, in separate processes."""

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import csv_file, form_line, worked_example_rows


def cli(data_dir, *args, lang="en_US.UTF-8"):
    env = {**os.environ, "LANG": lang, "LC_ALL": lang}
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_worked_example_through_the_command_line(data_dir, tmp_path):
    f = csv_file(tmp_path / "forms.csv", worked_example_rows(), bom=True)
    r = cli(data_dir, "feedback", "import", str(f))
    assert r.returncode == 0, r.stderr
    assert "12 imported" in r.stdout
    r = cli(data_dir, "feedback", "summary", "--month", "2026-05", "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert (s["month"], s["forms"], s["total"], s["average"]) == ("2026-05", 10, 40, 4.0)
    assert (s["previous_month"], s["previous_average"], s["change"], s["outcome"]) == ("2026-04", 3.5, 0.5, "reward")
    assert s["basis"] == "all" and s["verified_forms"] == 0 and set(s["grades"]) == {"timeliness", "repair_quality", "attitude"}
    assert "complaints" in s and "failure_share" in s


def test_bad_csv_exit_2_names_every_problem_and_stores_nothing(data_dir, tmp_path):
    rows = [form_line("2026-05-01", "RO1", "AFA"), form_line("2026-02-30", "RO2"),
            form_line("2026-05-03", "RO3"), form_line("2026-05-04", "RO3")]
    r = cli(data_dir, "feedback", "import", str(csv_file(tmp_path / "bad.csv", rows)))
    assert r.returncode == 2
    err = r.stderr
    assert "4 problem" not in err and "3 problem(s)" in err
    assert "line 2, column repair_quality" in err and '"F" is not a grade' in err
    assert "line 3, column date" in err and "line 5, column repair_order" in err and "line 4" in err
    r = cli(data_dir, "feedback", "summary", "--month", "2026-05", "--json")
    assert json.loads(r.stdout)["forms"] == 0


def test_messages_in_chinese(data_dir, tmp_path):
    r = cli(data_dir, "feedback", "import", str(csv_file(tmp_path / "bad.csv", [form_line("2026-05-01", "R", "AFA")])),
            lang="zh_CN.UTF-8")
    assert r.returncode == 2
    assert "第 2 行 repair_quality 列：" in r.stderr and "不是有效的等级" in r.stderr


def test_a_wrong_setting_published_by_head_office_is_named_in_the_readers_language(data_dir, tmp_path,
                                                                                 sqlite_hq_url):
    f = tmp_path / "settings.json"
    f.write_text(json.dumps({"settings": {"failure.overall_threshold": 11}}))
    r = cli(data_dir, "hq", "publish", "--db", sqlite_hq_url, str(f))
    assert r.returncode == 2 and "failure.overall_threshold: must be at most 10, got 11" in r.stderr, r.stderr
    r = cli(data_dir, "hq", "publish", "--db", sqlite_hq_url, str(f), lang="zh_CN.UTF-8")
    assert r.returncode == 2 and "failure.overall_threshold：不能大于 10，实际为 11" in r.stderr, r.stderr
    f.write_text(json.dumps({"settings": {"assessment.reward_amount": "lots"}}))
    r = cli(data_dir, "hq", "publish", "--db", sqlite_hq_url, str(f), lang="zh_CN.UTF-8")
    assert r.returncode == 2 and "assessment.reward_amount：应为整数，实际为 'lots'" in r.stderr, r.stderr


def test_missing_file_and_bad_month(data_dir, tmp_path):
    r = cli(data_dir, "feedback", "import", str(tmp_path / "nope.csv"))
    assert r.returncode == 2 and "no such file" in r.stderr
    r = cli(data_dir, "feedback", "summary", "--month", "May")
    assert r.returncode == 2 and "YYYY-MM" in r.stderr


def test_demo_fills_a_store_with_a_year_of_data(data_dir):
    r = cli(data_dir, "demo", "--forms", "600", "--cases", "40")
    assert r.returncode == 0, r.stderr
    import sqlite3

    con = sqlite3.connect(data_dir / "store.sqlite3")
    months = con.execute("SELECT COUNT(DISTINCT substr(service_date, 1, 7)) FROM feedback_form").fetchone()[0]
    assert months >= 12
    assert con.execute("SELECT COUNT(*) FROM failure_case").fetchone()[0] == 40
    assert con.execute("SELECT COUNT(*) FROM event WHERE kind='case.opened'").fetchone()[0] == 40
    names = [n for (n,) in con.execute("SELECT name FROM customer LIMIT 20")]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names)


def test_summary_grade_table_lines_up_in_a_chinese_terminal(data_dir, tmp_path):
    from app.foundation.textwidth import display_width

    assert cli(data_dir, "feedback", "import", str(csv_file(tmp_path / "f.csv", worked_example_rows()))).returncode == 0
    for lang in ("zh_CN.UTF-8", "en_US.UTF-8"):
        r = cli(data_dir, "feedback", "summary", "--month", "2026-05", lang=lang)
        assert r.returncode == 0, r.stderr
        lines = r.stdout.splitlines()
        start = next(i for i, line in enumerate(lines) if line.rstrip().endswith("A     B     C     D     E"))
        table = lines[start:start + 4]
        # Every row of the grade table ends at the same terminal column: the counts sit under their grade.
        assert len({display_width(line) for line in table}) == 1, table
        assert table[0].rstrip().endswith("E") and all(row.split()[-1].isdigit() for row in table[1:])


def test_the_parsers_own_words_are_chinese_under_zh_cn(data_dir):
    """argparse's headings and refusals stayed English in a Chinese terminal ("error: the following
    arguments are required: --month")."""
    missing = cli(data_dir, "feedback", "summary", lang="zh_CN.UTF-8")
    assert missing.returncode == 2 and missing.stderr.startswith("用法：recovery-desk feedback summary")
    assert "recovery-desk feedback summary：错误：缺少以下必需参数：--month" in missing.stderr, missing.stderr
    wrong = cli(data_dir, "report", "feedback", "--month", "2026-05", "--out", "x.pdf", "--lang", "fr",
                lang="zh_CN.UTF-8")
    assert "参数 --lang：无效的选择：'fr'（可选：'zh_CN', 'en'）" in wrong.stderr, wrong.stderr
    helped = cli(data_dir, "--help", lang="zh_CN.UTF-8")
    assert "显示此帮助信息并退出" in helped.stdout and "显示程序版本号并退出" in helped.stdout, helped.stdout
    for english in ("usage:", "error:", "show this help", "required"):
        assert english not in missing.stderr + wrong.stderr + helped.stdout
    assert "the following arguments are required: --month" in cli(data_dir, "feedback", "summary").stderr


BAD_INPUTS = [  # (command, file name, its bytes, what English says, the library words never shown)
    (["restore"], "backup.zip", b"not a zip", "backup.zip is not a Recovery Desk backup (it is not a .zip file).",
     "File is not a zip file"),
    (["feedback", "import", "--check"], "forms.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1garbage",
     "The workbook can't be read: it is damaged, or not an Excel workbook.", "Cfb error"),
    (["scripts", "check"], "pack.yaml", b"pack: x\nscripts:\n\t- a\n",
     "pack.yaml:3: not valid YAML at column 1: a tab can't indent YAML; indent with spaces", "cannot start any token"),
]


@pytest.mark.parametrize("command, name, content, english, library", BAD_INPUTS)
def test_a_bad_file_is_refused_in_our_words(data_dir, tmp_path, command, name, content, english, library):
    f = tmp_path / name
    f.write_bytes(content)
    r = cli(data_dir, *command, str(f))
    assert r.returncode == 2 and english in r.stderr and library not in r.stderr, r.stderr


@pytest.mark.parametrize("command, name, content, english, library", BAD_INPUTS)
def test_a_bad_file_is_refused_all_in_chinese(data_dir, tmp_path, command, name, content, english, library):
    import re

    f = tmp_path / name
    f.write_bytes(content)
    r = cli(data_dir, *command, str(f), lang="zh_CN.UTF-8")
    said = r.stderr.replace(str(f), "").replace(name, "")
    assert r.returncode == 2 and not re.search(r"[A-Za-z]{4,}", re.sub(r"Excel|\.xlsx|UTF-8|CSV|YAML|backup-\S+", "", said)), r.stderr
