"""Backing up and restoring through the command line, in real processes: a restore killed at any step
leaves the old store or the restored one, whole; a backup taken while another process writes is consistent."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.services.backups.restoring import PAUSE_ENV


def cli(data_dir, *args, env=None):
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=180)


def count(data_dir: Path, table: str) -> int:
    con = sqlite3.connect(data_dir / "store.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def counter_with_a_backup(data_dir):
    """A counter with 200 forms and 20 cases backed up, then 10 forms and 3 cases more (not sent)."""
    assert cli(data_dir, "demo", "--forms", "200", "--cases", "20").returncode == 0
    r = cli(data_dir, "backup")
    assert r.returncode == 0, r.stderr
    backup = next((data_dir / "backups").glob("backup-*-manual.zip"))
    assert cli(data_dir, "demo", "--forms", "10", "--cases", "3").returncode == 0
    return backup


def test_backup_list_and_restore_from_the_command_line(data_dir, tmp_path, counter_with_a_backup):
    backup = counter_with_a_backup
    listed = cli(data_dir, "backup", "--list")
    assert listed.returncode == 0 and "20 cases  200 forms  (made by hand)" in listed.stdout
    usb = tmp_path / "usb"
    usb.mkdir()
    r = cli(data_dir, "backup", "--out", str(usb))
    assert r.returncode == 0, r.stderr
    assert "23 cases  210 forms" in r.stdout and len(list(usb.glob("backup-*.zip"))) == 1

    # Changes head office has not received would be given up: named, and nothing restored.
    r = cli(data_dir, "restore", str(backup))
    assert r.returncode == 1
    assert "have not reached head office yet and are not in this backup" in r.stderr and "--force" in r.stderr
    assert count(data_dir, "failure_case") == 23

    r = cli(data_dir, "restore", str(backup), "--force")
    assert r.returncode == 0, r.stderr
    assert "Restored the backup of" in r.stdout and "(20 cases, 200 forms)" in r.stdout
    assert "head office had not received are not in the restored store" in r.stdout
    assert count(data_dir, "failure_case") == 20 and count(data_dir, "feedback_form") == 200
    listed = cli(data_dir, "backup", "--list").stdout
    assert "23 cases  210 forms  (before a restore)" in listed  # the store as it was, kept

    # Bad input: exit 2, nothing changed.
    assert cli(data_dir, "restore", str(tmp_path / "nothing.zip")).returncode == 2
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK not really")
    r = cli(data_dir, "restore", str(junk), "--force")
    assert r.returncode == 2 and "is not a Recovery Desk backup" in r.stderr
    assert cli(data_dir, "backup", "--out", str(tmp_path / "no-such-folder")).returncode == 2
    assert count(data_dir, "failure_case") == 20


@pytest.mark.parametrize("step, expected", [
    ("extracted", "old"), ("backed_up", "old"), ("before_replace", "old"), ("replaced", "restored"),
])
def test_a_restore_killed_at_any_step_leaves_one_whole_store(data_dir, counter_with_a_backup, step, expected):
    backup = counter_with_a_backup
    child = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data_dir), "restore", str(backup),
                              "--force"], stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             text=True, env={**os.environ, PAUSE_ENV: step})
    line = child.stderr.readline()  # blocks until the restore reaches the step
    assert line.strip() == f"restore paused at {step}"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    child.stdin.close()
    child.stderr.close()
    cases = count(data_dir, "failure_case")  # integrity checked too
    assert cases == {"old": 23, "restored": 20}[expected]
    # The store opens and works; a restore after the killed one finishes and leaves nothing behind.
    assert cli(data_dir, "feedback", "summary", "--month", "2026-11").returncode == 0
    r = cli(data_dir, "restore", str(backup), "--force")
    assert r.returncode == 0, r.stderr
    assert count(data_dir, "failure_case") == 20
    assert not list(data_dir.glob(".restore-*"))


WRITER = r"""
import sys
from app.models.store import open_store
from tests.synchelp import open_cases
store = open_store(sys.argv[1])
n = 0
while True:
    open_cases(store, 1, start=n)
    n += 1
    print(n, flush=True)
"""


def test_a_backup_taken_while_another_process_writes_is_consistent(data_dir, tmp_path):
    assert cli(data_dir, "demo", "--forms", "50", "--cases", "5").returncode == 0
    root = Path(__file__).resolve().parents[2]
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir)], stdout=subprocess.PIPE, text=True,
                              cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    try:
        for _ in range(20):  # writing for sure
            assert writer.stdout.readline()
        r = cli(data_dir, "backup")
        assert r.returncode == 0, r.stderr
        backup = next((data_dir / "backups").glob("backup-*.zip"))
        with zipfile.ZipFile(backup) as z:
            (tmp_path / "copy.sqlite3").write_bytes(z.read("store.sqlite3"))
        con = sqlite3.connect(tmp_path / "copy.sqlite3")
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        cases = con.execute("SELECT count(*) FROM failure_case").fetchone()[0]
        # Every case in the copy with the event that opened it, and no opening event without its case.
        opened = con.execute("SELECT count(DISTINCT entity_id) FROM event WHERE entity_type='case'").fetchone()[0]
        con.close()
        assert cases == opened and cases >= 5 + 20
        # The writer goes on past what the copy holds: it was writing while the backup was taken.
        while int(writer.stdout.readline()) + 5 <= cases:
            pass
    finally:
        writer.kill()
        writer.wait()
        writer.stdout.close()


def _tampered(backup: Path, out: Path, manifest=None, database: bytes | None = None) -> Path:
    """``backup`` with its manifest (a JSON value) or its database replaced."""
    import json

    with zipfile.ZipFile(backup) as z:
        real = json.loads(z.read("manifest.json"))
        db = z.read("store.sqlite3")
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("manifest.json", json.dumps(manifest(real) if callable(manifest) else real))
        z.writestr("store.sqlite3", db if database is None else database)
    return out


@pytest.mark.parametrize("name, manifest, database, says", [
    ("a time that is none", lambda m: {**m, "created_at": "garbage"}, None, "created_at is not a time"),
    ("a list", lambda m: [1, 2], None, "manifest is not a table of values"),
    ("text for a number", lambda m: {**m, "cases": "23"}, None, "cases is not a whole number"),
    ("fields missing", lambda m: {"format": 1}, None, "manifest lacks attachments, cases, created_at"),
    ("case numbers of text", lambda m: {**m, "case_numbers": {"2611": "x"}}, None, "case_numbers are not numbers"),
    ("an empty database", None, b"", "it holds no store's tables"),
])
def test_a_damaged_backup_is_refused_before_anything_changes(data_dir, tmp_path, counter_with_a_backup, name,
                                                             manifest, database, says):
    """Before, the backup of "a time that is none" replaced the store, then the command failed with a
    traceback (exit 1) while printing when it was made; the others failed with tracebacks too."""
    bad = _tampered(counter_with_a_backup, tmp_path / "bad.zip", manifest, database)
    before = (data_dir / "store.sqlite3").read_bytes()
    r = cli(data_dir, "restore", str(bad), "--force")
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert says in r.stderr, r.stderr
    assert "Nothing was changed" in r.stderr or "is not a Recovery Desk backup" in r.stderr, r.stderr
    assert (data_dir / "store.sqlite3").read_bytes() == before and count(data_dir, "failure_case") == 23


def test_a_damaged_store_is_mended_by_a_restore_and_kept_aside(data_dir, counter_with_a_backup):
    """The store a restore is there for: before, both ways ended in a traceback (its comparison, then its
    backup, read it as a database)."""
    (data_dir / "store.sqlite3").write_bytes(os.urandom(10000))
    damaged = (data_dir / "store.sqlite3").read_bytes()
    r = cli(data_dir, "restore", str(counter_with_a_backup))
    assert r.returncode == 1 and "could not be backed up" in r.stderr and "--force" in r.stderr, r.stderr
    assert (data_dir / "store.sqlite3").read_bytes() == damaged
    r = cli(data_dir, "restore", str(counter_with_a_backup), "--force")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    kept = list((data_dir / "backups").glob("damaged-*-store.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged and str(kept[0]) in r.stdout
    assert count(data_dir, "failure_case") == 20
