"""`report feedback|cases` as a supervisor or a script runs them, in separate processes."""

import getpass
import json
import os
import subprocess
import sys

import pytest

from app.models.store import open_store
from app.services.people import users

from tests.helpers import csv_file, worked_example_rows
from tests.pdftext import pdf_pages, pdf_text, row_value


def cli(data_dir, *args, lang="en_US.UTF-8", pin=None):
    env = {**os.environ, "LANG": lang, "LC_ALL": lang}
    env.pop("RECOVERY_DESK_PIN", None)
    if pin is not None:
        env["RECOVERY_DESK_PIN"] = pin
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=env, timeout=120)


def test_feedback_pdf_matches_the_summary_json(data_dir, tmp_path):
    assert cli(data_dir, "feedback", "import", str(csv_file(tmp_path / "f.csv", worked_example_rows()))).returncode == 0
    js = json.loads(cli(data_dir, "feedback", "summary", "--month", "2026-05", "--json").stdout)
    out = tmp_path / "may.pdf"
    r = cli(data_dir, "report", "feedback", "--month", "2026-05", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert str(out) in r.stdout
    text = pdf_text(out)
    assert row_value(text, "Average score (total / n)") == f"{js['average']:.2f}"
    assert row_value(text, "Total score") == str(js["total"])
    # Nobody can sign in to this store yet: printed unnamed, never under the PC's login name.
    assert "Printed on" in text and "Printed by" not in text and f"Page 1 of {pdf_pages(out)}" in text


@pytest.mark.parametrize("kind", ["feedback", "cases"])
def test_a_store_with_people_prints_under_the_acting_persons_name(data_dir, tmp_path, kind):
    store = open_store(data_dir)
    admin = users.create_first_admin(store, "admin", "管理员", "2468")
    users.create_user(store, "li", "Li Supervisor", "1357", "supervisor", actor_id=admin.user_id)
    store.close()
    out = tmp_path / f"{kind}.pdf"
    args = ["report", kind, "--month", "2026-05", "--out", str(out)]
    r = cli(data_dir, *args)
    assert r.returncode == 2 and "--as NAME" in r.stderr and not out.exists()
    r = cli(data_dir, *args, "--as", "li", pin="0000")
    assert r.returncode == 2 and "Wrong user name or PIN" in r.stderr and not out.exists()
    r = cli(data_dir, *args, "--as", "li", pin="1357")
    assert r.returncode == 0, r.stderr
    text = pdf_text(out)
    assert "Printed by Li Supervisor on" in text
    login = getpass.getuser()
    assert f"Printed by {login} " not in text


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


def test_head_office_report_names_its_analyst(data_dir, tmp_path):
    assert cli(data_dir, "feedback", "import", str(csv_file(tmp_path / "f.csv", worked_example_rows()))).returncode == 0
    db = f"sqlite:///{data_dir / 'store.sqlite3'}"
    out = tmp_path / "net.pdf"
    r = cli(data_dir, "hq", "report", "--db", db, "--month", "2026-05", "--out", str(out))
    assert r.returncode == 2 and "--analyst" in r.stderr and not out.exists()
    r = cli(data_dir, "hq", "report", "--db", db, "--month", "2026-05", "--out", str(out), "--analyst", "  ")
    assert r.returncode == 2 and "name yourself" in r.stderr and not out.exists()
    r = cli(data_dir, "hq", "report", "--db", db, "--month", "2026-05", "--out", str(out), "--analyst", "Wu Analyst")
    assert r.returncode == 0, r.stderr
    assert "Printed by Wu Analyst on" in pdf_text(out)
