"""The command line and the core translate without Qt, exactly as Qt's compiled catalogue does."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest

from app.foundation.translation import Words, catalogue_path, pick_language, read_catalogue

BLOCK = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this test")
sys.meta_path.insert(0, Block())
"""


@pytest.mark.parametrize("entry, shown", [
    ('<translation>已完成</translation>', "已完成"),
    ('<translation type="unfinished">未完成</translation>', "Done"),
    ('<translation type="unfinished"></translation>', "Done"),
    ('<translation type="vanished">旧的</translation>', "Done"),
    ('<translation type="obsolete">旧的</translation>', "Done"),
    ('<translation></translation>', "Done"),
    ('', "Done"),
])
def test_an_entry_not_translated_yet_shows_in_english(tmp_path, entry, shown):
    ts = tmp_path / "x.ts"
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="zh_CN"><context>'
                  f'<name>Cli</name><message><source>Done</source>{entry}</message></context></TS>',
                  encoding="utf-8")
    assert read_catalogue(ts).get(("Cli", "Done"), "Done") == shown


@pytest.mark.parametrize("setting, env, expected", [
    ("en", {"LANG": "zh_CN.UTF-8"}, "en"),
    ("zh_CN", {"LANG": "en_US.UTF-8"}, "zh_CN"),
    ("", {"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ("", {"LANG": "en_GB.UTF-8"}, "en"),
    ("", {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
    ("", {"LC_MESSAGES": "C", "LANG": "zh_CN.UTF-8"}, "en"),
    ("fr", {"LANG": "zh_CN.UTF-8"}, "zh_CN"),  # not a language we ship: the system's
])
def test_the_language_is_the_setting_else_the_systems(monkeypatch, setting, env, expected):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert pick_language(setting) == expected


def test_without_a_locale_the_system_locale_decides(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    import locale  # what pick_language asks, when no variable names a language

    monkeypatch.setattr(locale, "getlocale", lambda: ("Chinese (Simplified)_China", "936"))
    assert pick_language() == "zh_CN"
    monkeypatch.setattr(locale, "getlocale", lambda: (None, None))
    assert pick_language() == "en"


def test_every_shipped_string_reads_as_qt_reads_it():
    pytest.importorskip("PySide6")
    from app.ui.common.i18n import translator_for

    qt, words = translator_for("zh_CN"), Words("zh_CN")
    messages = [(ctx.findtext("name"), m.findtext("source"))
                for ctx in ET.parse(catalogue_path("zh_CN")).getroot().iter("context") for m in ctx.iter("message")]
    assert len(messages) > 500
    differ = [(c, s) for c, s in messages if (qt.translate(c, s) or s) != words(c, s)]
    assert differ == []
    assert Words("en")("Cli", "line {line}") == "line {line}"


def _cli(args: list[str], tmp_path, lang: str = "zh_CN.UTF-8"):
    code = BLOCK + textwrap.dedent(f"""
        from app.cli import main
        code = main({args!r})
        assert not any(m == "PySide6" or m.startswith("PySide6.") for m in sys.modules)
        sys.exit(code)
    """)
    env = {"PATH": "/usr/bin:/bin", "LANG": lang, "RECOVERY_DESK_DATA": str(tmp_path / "data"),
           "HOME": str(tmp_path)}
    import os

    if "RECOVERY_DESK_CLOCK" in os.environ:
        env["RECOVERY_DESK_CLOCK"] = os.environ["RECOVERY_DESK_CLOCK"]
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.parametrize("args, rc, expected", [
    (["--help"], 0, "用一次性接入码接入总部"),  # a subcommand's help line in Chinese
    (["hq", "serve", "--help"], 0, "--inbox"),
    (["report", "--help"], 0, "feedback"),
    (["sync", "--once"], 1, "本柜台尚未接入总部"),
    (["feedback", "import", "no-such.csv"], 2, "no-such.csv"),
])
def test_the_command_line_runs_with_pyside6_blocked(tmp_path, args, rc, expected):
    out = _cli(args, tmp_path)
    assert out.returncode == rc, out.stderr
    assert expected in out.stdout + out.stderr


def test_the_intake_server_is_built_with_pyside6_blocked(tmp_path):
    code = BLOCK + textwrap.dedent(f"""
        from starlette.testclient import TestClient
        from app.hq.intake import create_app
        from app.models.store import open_database
        db = open_database("sqlite:///{tmp_path / 'hq.sqlite3'}")
        r = TestClient(create_app(db, __import__("pathlib").Path({str(tmp_path / 'inbox')!r}))).get("/v1/changes")
        assert r.status_code == 401, r.status_code
        assert not any(m == "PySide6" or m.startswith("PySide6.") for m in sys.modules)
        print("served")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "served"
