"""`report feedback|cases` as a supervisor or a script runs them, in separate processes."""

import json
import os
import subprocess
import sys

from tests.helpers import csv_file, worked_example_rows
from tests.pdftext import pdf_pages, pdf_text, row_value


def cli(data_dir, *args, lang="en_US.UTF-8"):
    env = {**os.environ, "LANG": lang, "LC_ALL": lang}
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_feedback_pdf_matches_the_summary_json(data_dir, tmp_path):
    assert cli(data_dir, "feedback", "import", str(csv_file(tmp_path / "f.csv", worked_example_rows()))).returncode == 0
    js = json.loads(cli(data_dir, "feedback", "summary", "--month", "2026-05", "--json").stdout)
    out = tmp_path / "may.pdf"
    r = cli(data_dir, "report", "feedback", "--month", "2026-05", "--out", str(out), "--printed-by", "Li Supervisor")
    assert r.returncode == 0, r.stderr
    assert str(out) in r.stdout
    text = pdf_text(out)
    assert row_value(text, "Average score (total / n)") == f"{js['average']:.2f}"
    assert row_value(text, "Total score") == str(js["total"])
    assert "Printed by Li Supervisor on" in text and f"Page 1 of {pdf_pages(out)}" in text


def test_chinese_by_locale_or_by_flag(data_dir, tmp_path):
    cli(data_dir, "feedback", "import", str(csv_file(tmp_path / "f.csv", worked_example_rows())))
    zh, en = tmp_path / "zh.pdf", tmp_path / "en.pdf"
    r = cli(data_dir, "report", "feedback", "--month", "2026-05", "--out", str(zh), lang="zh_CN.UTF-8")
    assert r.returncode == 0 and "已生成" in r.stdout
    assert "月度反馈汇总" in pdf_text(zh) and "奖励" in pdf_text(zh)
    r = cli(data_dir, "report", "cases", "--month", "2026-05", "--out", str(en), "--lang", "en", lang="zh_CN.UTF-8")
    assert r.returncode == 0, r.stderr
    assert "Case recovery report" in pdf_text(en)


def test_wrong_input_exit_2_and_no_file(data_dir, tmp_path):
    out = tmp_path / "x.pdf"
    cases = [
        (["report", "feedback", "--month", "2026-13", "--out", str(out)], "YYYY-MM"),
        (["report", "feedback", "--month", "2026-05", "--out", str(tmp_path / "x.txt")], "must end in .pdf"),
        (["report", "cases", "--month", "2026-05", "--out", str(tmp_path / "no" / "x.pdf")], "does not exist"),
        (["report", "feedback", "--month", "2026-05", "--out", str(out), "--advisor", "Nobody"], 'Advisor "Nobody"'),
        (["report", "cases", "--month", "2026-05", "--out", str(out), "--dealer", "NOPE"], 'Dealer "NOPE"'),
    ]
    for args, message in cases:
        r = cli(data_dir, *args)
        assert r.returncode == 2, (args, r.stderr)
        assert message in r.stderr, (args, r.stderr)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    r = cli(data_dir, "report", "feedback", "--month", "2026-13", "--out", str(out), lang="zh_CN.UTF-8")
    assert r.returncode == 2 and "错误" in r.stderr
