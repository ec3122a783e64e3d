"""A busy store at the command line: words and exit 1, never a traceback; imports at once queue."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing

from app.models.store import STORE_FILE
from tests.helpers import csv_file, form_line, fresh_store


def _cli(data_dir, *args, lang="en_US.UTF-8", run=subprocess.run, **kw):
    env = {**os.environ, "LANG": lang, "LC_ALL": lang}
    return run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **kw)


def _forms(data_dir) -> int:
    with closing(sqlite3.connect(data_dir / STORE_FILE)) as con:
        return con.execute("SELECT count(*) FROM feedback_form").fetchone()[0]


def _file(tmp_path, name: str, n: int):
    return csv_file(tmp_path / f"{name}.csv", [form_line("2026-05-03", f"{name}-{i:04d}", "ABC", comment="写" * 50)
                                               for i in range(n)])


def test_an_import_while_another_desk_holds_the_store_says_busy_in_words(data_dir, tmp_path):
    fresh_store(data_dir).close()
    f = _file(tmp_path, "held", 20)
    for lang, words in (("en_US.UTF-8", "busy"), ("zh_CN.UTF-8", "忙")):
        with closing(sqlite3.connect(data_dir / STORE_FILE, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")  # a second desk in the middle of a change
            r = _cli(data_dir, "feedback", "import", str(f), lang=lang, timeout=120)
            other.execute("ROLLBACK")
        assert r.returncode == 1, r.stderr
        assert words in r.stderr and "Traceback" not in r.stderr and "sqlalchemy" not in r.stderr.lower(), r.stderr
        assert _forms(data_dir) == 0
    r = _cli(data_dir, "feedback", "import", str(f), timeout=120)  # the lock gone, the same file goes in
    assert r.returncode == 0, r.stderr
    assert _forms(data_dir) == 20


def test_three_imports_at_once_each_go_in_or_say_busy_in_words(data_dir, tmp_path):
    fresh_store(data_dir).close()
    files = {name: _file(tmp_path, name, 300) for name in ("one", "two", "three")}
    running = {name: _cli(data_dir, "feedback", "import", str(f), run=subprocess.Popen)
               for name, f in files.items()}
    done = {name: (p.wait(timeout=180), *p.communicate()) for name, p in running.items()}
    stored = 0
    for name, (code, out, err) in done.items():
        assert "Traceback" not in err and "locked" not in err, (name, err)
        if code == 0:
            stored += 300
            assert "300 imported" in out
        else:
            assert code == 1 and "busy" in err, (name, code, err)
    assert _forms(data_dir) == stored  # a file is in whole or not at all
    assert stored >= 300
