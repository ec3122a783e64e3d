"""A value the command line refuses is named as it was typed (`--note`, `--due`, `--analyst`, `ID`), not
by the field the desk's form places the message beside (`warning_note`, `due_on`, `display_name`)."""

from __future__ import annotations

import pytest

from app.cli import main
from app.services.people import users


@pytest.fixture
def signed(store, data_dir, monkeypatch):
    users.create_first_admin(store, "admin", "管理员", "2468")
    monkeypatch.setenv("RECOVERY_DESK_PIN", "2468")
    return data_dir


def refused(capsys, argv, lang="en_US.UTF-8", monkeypatch=None) -> str:
    monkeypatch.setenv("LC_ALL", lang)
    assert main(argv) == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("lang, said", [
    ("en_US.UTF-8", ["Error: --note: at most 1000 characters, this is 1001; shorten it",
                     "Error: ID: no such improvement action at this dealer"]),
    ("zh_CN.UTF-8", ["错误：--note：最多 1000 个字符，现为 1001 个；请缩短", "错误：ID：本经销商没有这项改进措施"]),
])
def test_a_counters_note_and_id_are_named_as_typed(signed, capsys, monkeypatch, lang, said):
    at = ["--data-dir", str(signed)]
    for verb in (["warn", "ack"], ["improve", "done"]):
        err = refused(capsys, [*at, *verb, "nope", "--note", "x" * 1001, "--as", "admin"], lang, monkeypatch)
        assert said[0] in err and "warning_note" not in err, err
    err = refused(capsys, [*at, "improve", "done", "nope", "--as", "admin"], lang, monkeypatch)
    assert said[1] in err and "improvement:" not in err, err
    err = refused(capsys, [*at, "customers", "merge", "--keep", "a", "--merge", "a", "--as", "admin"], lang, monkeypatch)
    assert "--keep/--merge: " in err or "--keep/--merge：" in err, err


def test_head_offices_options_are_named_as_typed(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "hq.sqlite3")
    assert main(["hq", "dealer", "add", "--db", db, "BJ01", "北京"]) == 0
    add = ["hq", "improve", "add", "--db", db, "--dealers", "BJ01", "--figure", "item:attitude"]
    err = refused(capsys, [*add, "--title", "T", "--due", "2026-11-18"], "en_US.UTF-8", monkeypatch)
    assert "Error: --due: the due date must be after today" in err, err
    err = refused(capsys, [*add, "--title", "t" * 301, "--due", "2099-01-31"], "en_US.UTF-8", monkeypatch)
    assert "Error: --title: at most 300 characters" in err, err
    err = refused(capsys, [*add, "--title", "T", "--due", "2099-01-31", "--owner", "SH01=liu"], "zh_CN.UTF-8",
                  monkeypatch)
    assert "错误：--owner：为 SH01 指定了负责人" in err, err
    err = refused(capsys, ["hq", "report", "--db", db, "--month", "2026-10", "--out", str(tmp_path / "r.pdf"),
                           "--analyst", "a" * 101], "zh_CN.UTF-8", monkeypatch)
    assert "错误：--analyst：最多 100 个字符" in err and "display_name" not in err, err
