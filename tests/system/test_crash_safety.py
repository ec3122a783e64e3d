"""Killing the program in the middle of an import leaves all of the file or none of it."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.helpers import csv_file, form_line

ROWS = 60_000


@pytest.mark.slow
def test_kill_during_import_leaves_all_or_nothing(data_dir, tmp_path):
    rows = [form_line("2026-05-%02d" % (i % 28 + 1), f"RO{i:06d}", "ABC", phone=f"139{i:08d}") for i in range(ROWS)]
    f = csv_file(tmp_path / "big.csv", rows)
    subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "demo", "--forms", "10",
                    "--cases", "0"], check=True, timeout=120)
    wal = data_dir / "store.sqlite3-wal"
    base = wal.stat().st_size if wal.exists() else 0
    # The demo made people who sign in: an import acts as one of them (a supervisor, with the PIN).
    as_supervisor = ["--as", "supervisor"]
    env = {**os.environ, "RECOVERY_DESK_PIN": "0000"}
    child = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data_dir), "feedback", "import", str(f),
                              *as_supervisor], env=env)
    deadline = time.monotonic() + 120
    # Writing has begun once the WAL grows well past what the demo left there.
    while time.monotonic() < deadline and child.poll() is None:
        if wal.exists() and wal.stat().st_size > base + 2_000_000:
            break
        time.sleep(0.005)
    assert child.poll() is None, "the import finished before it could be killed; make the file bigger"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL

    con = sqlite3.connect(data_dir / "store.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    imported = con.execute("SELECT COUNT(*) FROM feedback_form WHERE source='import'").fetchone()[0]
    assert imported in (0, ROWS)
    assert con.execute("SELECT COUNT(*) FROM feedback_form").fetchone()[0] == 10 + imported
    con.close()
    # And the store still opens and takes the import whole afterwards.
    r = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "feedback", "import", str(f),
                        *as_supervisor], capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    con = sqlite3.connect(data_dir / "store.sqlite3")
    assert con.execute("SELECT COUNT(*) FROM feedback_form WHERE source='import'").fetchone()[0] == ROWS
