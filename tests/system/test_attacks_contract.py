"""The intake's contract is its OpenAPI description: Schemathesis fuzzes a real `hq serve` on PostgreSQL
from `/openapi.json` with all its checks, as a stranger and as an enrolled counter (each request
authenticated for itself), and finds no server error, no status the description doesn't list, no
schema-valid request refused and no input echoed back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.hq.counters import add_dealer, issue_code
from app.models.store import open_database
from tests.system.hqserver import HqServer

ROOT = Path(__file__).resolve().parents[2]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.fixture
def served(pg_url_at_head, tmp_path):
    db = open_database(pg_url_at_head)
    add_dealer(db, "BJ01", "北京一店")
    server = HqServer(pg_url_at_head, tmp_path / "inbox", tmp_path / "server.log").start()
    counter = "01a24600-0000-7000-8000-0000000000c1"
    enrolled = httpx.post(server.url + "/v1/enrol", json={"code": issue_code(db, "BJ01"), "counter_id": counter},
                          timeout=30).json()
    yield server, counter, enrolled["secret"]
    server.stop()
    db.close()


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is a dev dependency (pyproject.toml)")
@pytest.mark.parametrize("as_counter", [False, True], ids=["stranger", "enrolled-counter"])
def test_schemathesis_finds_no_failure(served, as_counter, tmp_path):
    server, counter, secret = served
    # Run in the test's own folder: Schemathesis keeps its cache (`.schemathesis/`) in the directory it
    # runs in, and a run from the checkout left that cache among the tracked files.
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCHEMATHESIS_HOOKS="tests.system.schemathesis_auth")
    if as_counter:
        env.update(RD_COUNTER=counter, RD_SECRET=secret)
    r = subprocess.run([str(SCHEMATHESIS), "--config-file", str(ROOT / "tests/system/schemathesis.toml"), "run",
                        server.url + "/openapi.json", "--checks", "all", "--max-examples", "25", "--seed", "1"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1200)
    print(r.stdout[-3000:])
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
    if as_counter:  # the credential worked: the counter's routes were reached, not only refused
        assert "Authentication failed" not in r.stdout or "GET /v1/changes" not in r.stdout.split(
            "Authentication failed")[1].split("SUMMARY")[0]
    assert "Traceback" not in server.log.read_text(errors="replace")
