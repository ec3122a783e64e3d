"""As users run it: malformed CSV refused by name, a closed pipe, files only their owner reads,
exports safe to open."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import FeedbackForm
from app.models.store import open_store
from tests.helpers import HEADER, csv_file, form_line
from tests.system.test_cli import cli as chinese_cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def cli(data_dir, *args, stdout=subprocess.PIPE):
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, timeout=120)


GOOD = (HEADER + "\n" + form_line("2026-11-01", "RO1") + "\n").encode()
MALFORMED = {
    "a value over the csv module's limit": (
        GOOD + (form_line("2026-11-02", "RO2") + '"' + "x" * 140_000 + '"\n').encode(), "line 3:", "longer than 131072"),
    "a 1 MB value": (GOOD + (form_line("2026-11-02", "RO2") + "x" * (1 << 20) + "\n").encode(), "line 3:", "longer than"),
    "a quote never closed": (
        GOOD + (form_line("2026-11-02", "RO2", comment='"never closed') + "\n" + form_line("2026-11-03", "RO3")
                + "\n").encode(), "line 3:", "never closed"),
    "a stray quote": (GOOD + form_line("2026-11-02", "RO2", comment='"quoted" then more').encode() + b"\n",
                      "line 3:", "write a quote twice"),
    "NUL bytes": (GOOD + form_line("2026-11-02", "RO2", advisor="张\x00伟").encode() + b"\n",
                  "line 3, column advisor", "NUL byte"),
    "neither UTF-8 nor GBK": ((HEADER + "\n").encode() + b"2026-11-01,RO1,\xff\xff\n", "line 2, column advisor",
                              "neither UTF-8 nor GB18030"),
    "UTF-16 text": ((HEADER + "\n" + form_line("2026-11-01", "RO1") + "\n").encode("utf-16"), "line 1", "UTF-16"),
    "no header": ((form_line("2026-11-01", "RO1") + "\n").encode(), "line 1", "not the header"),
    "a control character": (GOOD + form_line("2026-11-02", "RO2", comment="bell\x07").encode() + b"\n",
                            "line 3, column comment", "U+0007"),
    "a 150-character name": (GOOD + form_line("2026-11-02", "RO2", customer="王" * 150).encode() + b"\n",
                             "line 3, column customer", "at most 100 characters"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_csv_is_a_named_refusal_exit_2_nothing_stored(data_dir, tmp_path, case):
    data, where, what = MALFORMED[case]
    path = tmp_path / "forms.csv"
    path.write_bytes(data)
    r = cli(data_dir, "feedback", "import", str(path))
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "_csv.Error" not in r.stderr
    assert "nothing was imported" in r.stderr
    assert where in r.stderr and what in r.stderr, r.stderr
    store = open_store(data_dir)
    try:
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(FeedbackForm)) == 0
    finally:
        store.close()


def test_the_command_line_survives_a_closed_pipe(data_dir, tmp_path):
    rows = [form_line(f"2026-05-{d:02d}", f"RO{d}") for d in range(1, 20)]
    assert cli(data_dir, "feedback", "import", str(csv_file(tmp_path / "f.csv", rows))).returncode == 0
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    p = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data_dir), "feedback", "summary",
                          "--month", "2026-05", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    p.stdout.close()  # the reader is gone before the program writes a byte (as `| head -0`)
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) in (0, 141)
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@posix_only
def test_a_new_store_its_reports_and_exports_are_private(tmp_path):
    data_dir = tmp_path / "data"
    r = cli(data_dir, "feedback", "import", str(csv_file(tmp_path / "f.csv", [form_line("2026-11-01", "RO1")])))
    assert r.returncode == 0, r.stderr
    assert "could read" not in r.stderr  # nothing to repair on a new store
    assert _mode(data_dir) == 0o700
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert data_dir / "store.sqlite3" in files
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
    out = tmp_path / "report.pdf"
    r = cli(data_dir, "report", "feedback", "--month", "2026-11", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert _mode(out) == 0o600


@posix_only
def test_loose_modes_are_repaired_at_start_with_a_warning(tmp_path):
    data_dir = tmp_path / "data"
    assert cli(data_dir, "feedback", "import",
               str(csv_file(tmp_path / "f.csv", [form_line("2026-11-01", "RO1")]))).returncode == 0
    (data_dir / "backups").mkdir()
    (data_dir / "backups" / "old.sqlite3").write_bytes(b"x")
    (data_dir / "drafts").mkdir(exist_ok=True)
    (data_dir / "drafts" / "form.json").write_text("{}")
    (data_dir / "outbox").mkdir(exist_ok=True)
    (data_dir / "outbox" / "1.casefile").write_text("{}")
    loose = [data_dir, data_dir / "backups", data_dir / "drafts", data_dir / "outbox"]
    for d in loose:
        os.chmod(d, 0o755)
    for f in ("store.sqlite3", "backups/old.sqlite3", "drafts/form.json", "outbox/1.casefile"):
        os.chmod(data_dir / f, 0o644)
    r = cli(data_dir, "feedback", "summary", "--month", "2026-11")
    assert r.returncode == 0, r.stderr
    assert "Other users of this computer could read 8 file(s)" in r.stderr
    for d in loose:
        assert _mode(d) == 0o700, d
    for f in ("store.sqlite3", "backups/old.sqlite3", "drafts/form.json", "outbox/1.casefile"):
        assert _mode(data_dir / f) == 0o600, f
    r = cli(data_dir, "feedback", "summary", "--month", "2026-11")
    assert "could read" not in r.stderr  # repaired once


@posix_only
@pytest.mark.parametrize("command", [["feedback", "summary", "--month", "2026-11"], ["restore", "BACKUP"]])
def test_a_folder_made_for_the_store_beforehand_is_made_private_without_a_false_alarm(tmp_path, command):
    """mkdir under Debian's umask (022) leaves a folder others can list: nothing of a store was in it, so
    nothing was exposed. It was reported as customers' data readable by others, and an English log line
    stood beside the Chinese words."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    os.chmod(data_dir, 0o755)
    (tmp_path / "b.zip").write_bytes(b"not a zip")
    r = chinese_cli(data_dir, *[str(tmp_path / "b.zip") if a == "BACKUP" else a for a in command], lang="zh_CN.UTF-8")
    assert r.returncode in (0, 2), r.stderr
    assert "WARNING" not in r.stderr and "本机其他用户" not in r.stderr and "could read" not in r.stderr, r.stderr
    assert _mode(data_dir) == 0o700


# Tab and CR starts can't be stored (trimmed at entry); app.rules.cells is tested with them below.
ATTACKS = ['=HYPERLINK("http://evil.example/x","click")', '=cmd|"/c calc"!A0', "+1+1", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("王芳", "王芳"), ("a=1", "a=1"), ("", ""), (-6, -6), (3.5, 3.5), (None, None),
])
def test_a_text_cell_that_would_be_a_formula_gets_a_quote(value, cell):
    from app.rules.cells import csv_cell

    assert csv_cell(value) == cell


def test_exports_never_hold_a_formula(store, tmp_path):
    from openpyxl import load_workbook

    from app.hq.export import export_central
    from app.services.imports.feedback_store import import_feedback_file

    rows = []
    for i, text in enumerate(ATTACKS):
        quoted = '"' + text.replace('"', '""') + '"'
        rows.append(form_line("2026-11-01", f"RO{i}", "EEE", comment=quoted))
    import_feedback_file(store, csv_file(tmp_path / "f.csv", rows))
    out = tmp_path / "out"
    export_central(store, out)
    wb = load_workbook(out / "recovery-desk.xlsx")
    sheet = wb["feedback_form"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    comments, scores = [], []
    for row in sheet.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row)
        comments.append(row[header.index("comment")])
        scores.append(row[header.index("score")].value)
    assert all(c.data_type == "s" for c in comments)
    assert sorted(c.value for c in comments) == sorted(ATTACKS)
    assert scores == [-6] * len(ATTACKS)  # negative numbers stay numbers
    with open(out / "feedback_form.csv", encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert sorted(r["comment"] for r in table) == sorted("'" + t for t in ATTACKS)
    assert {r["score"] for r in table} == {"-6"}
    if os.name == "posix":
        assert _mode(out / "recovery-desk.xlsx") == 0o600 and _mode(out / "feedback_form.csv") == 0o600


def test_a_file_where_a_folder_is_needed_and_a_month_out_of_range_are_said_in_words(data_dir, tmp_path):
    """Each ended in a traceback (exit 1): the store's folder given as a file, a case-file export into a
    file, a month in year 1 or 9999 (a month's figures read the months around it)."""
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder\n")
    r = cli(a_file, "customers", "find", "王小明")
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert f"{a_file} can't be used: a file of that name is in the way." in r.stderr, r.stderr
    assert cli(data_dir, "demo", "--forms", "20", "--cases", "2").returncode == 0
    for month in ("0001-01", "0000-12", "9999-12"):
        r = cli(data_dir, "feedback", "summary", "--month", month)
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert f"the year {month[:4]} is out of range: give one from 1900 to 2999" in r.stderr, r.stderr
    r = cli(data_dir, "report", "cases", "--month", "9999-12", "--out", str(tmp_path / "r.pdf"), "--as", "admin")
    assert r.returncode == 2 and "out of range" in r.stderr and not (tmp_path / "r.pdf").exists(), r.stderr


def test_what_a_refused_file_holds_reaches_the_terminal_escaped_and_short(data_dir, tmp_path):
    """A file of raw bytes was refused naming a "column" of kilobytes of them, a terminal's escape codes
    included (printed, they move the cursor, recolour or retitle the terminal)."""
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x1b]0;owned\x07\x1b[31m" + bytes(range(1, 32)) * 100 + b"\x00" + b"x" * 3000)
    r = cli(data_dir, "feedback", "import", str(junk), "--check")
    assert r.returncode == 2, r.stderr
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr and "\\x1b" in r.stderr, r.stderr[:400]
    assert max(map(len, r.stderr.splitlines())) < 400, r.stderr[:400]
