"""The program's clock reaches the processes it starts: the command line and head office's server stamp
the suite's time (``--clock``), not the wall clock, so a run at a moved clock moves them too."""

import os
import subprocess
import sys
from datetime import datetime

import httpx
from sqlalchemy import select

from app.foundation import clock
from app.models import Event
from app.models.store import open_store
from tests.helpers import csv_file, form_line
from tests.system.hqserver import HqServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_command_line_stamps_its_events_with_the_program_clock(data_dir, tmp_path):
    day = clock.today().isoformat()
    before = clock.now()
    r = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "feedback", "import",
                        str(csv_file(tmp_path / "forms.csv", [form_line(day, "RO-CLOCK", "AAB")]))],
                       cwd=ROOT, capture_output=True, text=True, env={**os.environ, "LANG": "en_US.UTF-8"}, timeout=120)
    after = clock.now()
    assert r.returncode == 0, r.stderr
    store = open_store(data_dir)
    try:
        with store.session() as s:
            stamps = list(s.scalars(select(Event.occurred_at)))
    finally:
        store.close()
    # The child read the same setting (instant@epoch) as this process: its time lies between ours, to the
    # microsecond; the wall clock is days or a year away whenever the suite runs at a set clock.
    assert stamps and all(before <= at <= after for at in stamps), (before, stamps, after)


def test_head_office_server_tells_the_program_clock(pg_url_at_head, tmp_path):
    server = HqServer(pg_url_at_head, tmp_path / "inbox", tmp_path / "hq.log").start()
    try:
        before = clock.now()
        told = httpx.get(server.url + "/v1/health", timeout=30).json()["server_time"]
        after = clock.now()
    finally:
        server.stop()
    assert before <= datetime.fromisoformat(told) <= after, (before, told, after)
