"""Head office's improvement action for several dealers through the real programs: `hq improve add`
for BJ01 and SH02 on PostgreSQL, each dealer's counter gets its own share from the real `hq serve`
after `sync --once` (SH02 never sees BJ01's), BJ01's counter marks it done with `improve done`, and
`hq improve list` shows it done at BJ01 and open at SH02; a bad command stores nothing (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.foundation import clock
from app.hq.counters import add_dealer, issue_code
from app.models import NetworkImprovement
from app.models.store import open_database
from app.services.people import users
from tests.helpers import fresh_store
from tests.system.hqserver import ROOT, HqServer

pytestmark = pytest.mark.slow


@pytest.fixture
def env(tmp_path):
    e = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8", PYTHONPATH=str(ROOT),
             PYTHON_KEYRING_BACKEND="tests.fake_keyring.TestFileKeyring", TEST_KEYRING_FILE=str(tmp_path / "keyring.json"))
    e.pop("RECOVERY_DESK_PIN", None)
    return e


def run(env, *args, pin=None) -> subprocess.CompletedProcess:
    e = dict(env, RECOVERY_DESK_PIN=pin) if pin else env
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True, env=e,
                          stdin=subprocess.DEVNULL, timeout=300)


def test_head_office_raises_one_action_for_two_dealers_and_sees_one_done(tmp_path, pg_url_at_head, env):
    db = open_database(pg_url_at_head)
    add_dealer(db, "BJ01", "北京一店")
    add_dealer(db, "SH02", "上海二店")
    server = HqServer(pg_url_at_head, tmp_path / "inbox", tmp_path / "server.log").start()
    counters = {"BJ01": tmp_path / "bj", "SH02": tmp_path / "sh"}
    try:
        for code, folder in counters.items():
            r = run(env, "--data-dir", str(folder), "connect", "--url", server.url, "--code", issue_code(db, code),
                    "--label", code.lower())
            assert r.returncode == 0, r.stdout + r.stderr
            store = fresh_store(folder)
            users.ensure_demo_users(store)  # a supervisor (PIN 0000) to mark it done
            store.close()
            r = run(env, "--data-dir", str(folder), "sync", "--once")
            assert r.returncode == 0, r.stdout + r.stderr

        due = (clock.today() + timedelta(days=30)).isoformat()
        hq = ("hq", "improve", "add", "--db", pg_url_at_head, "--title", "到货前电话确认配件", "--due", due,
              "--figure", "cause:system")
        bad = run(env, *hq, "--dealers", "BJ01,XX99")
        assert bad.returncode == 2 and "XX99" in bad.stderr, bad.stdout + bad.stderr
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(NetworkImprovement)) == 0  # nothing stored
        r = run(env, *hq, "--dealers", "BJ01,SH02")
        assert r.returncode == 0, r.stderr
        assert "Raised for BJ01, SH02" in r.stdout

        def listed(*where) -> list[dict]:
            r = run(env, *where, "--json")
            assert r.returncode == 0, r.stderr
            return json.loads(r.stdout)["actions"]

        at_hq = {a["dealer"]: a for a in listed("hq", "improve", "list", "--db", pg_url_at_head)}
        assert set(at_hq) == {"BJ01", "SH02"} and at_hq["BJ01"]["id"] != at_hq["SH02"]["id"]
        for code, folder in counters.items():
            r = run(env, "--data-dir", str(folder), "sync", "--once")
            assert r.returncode == 0, r.stdout + r.stderr
        for code, folder in counters.items():
            mine = listed("--data-dir", str(folder), "improve", "list")
            assert [(a["id"], a["dealer"], a["title"], a["owner"], a["from_head_office"], a["verdict"], a["case"])
                    for a in mine] == [(at_hq[code]["id"], code, "到货前电话确认配件", "supervisor", True, "open", None)]
        other = fresh_store(counters["SH02"])  # SH02's counter never got BJ01's share
        with other.session() as s:
            assert s.get(NetworkImprovement, at_hq["BJ01"]["id"]) is None
            assert s.scalar(select(func.count()).select_from(NetworkImprovement)) == 1
        other.close()

        r = run(env, "--data-dir", str(counters["BJ01"]), "improve", "done", at_hq["BJ01"]["id"], "--note",
                "每单到货前确认", "--as", "supervisor", pin="0000")
        assert r.returncode == 0, r.stdout + r.stderr
        r = run(env, "--data-dir", str(counters["BJ01"]), "sync", "--once")
        assert r.returncode == 0, r.stdout + r.stderr
        after = {a["dealer"]: a for a in listed("hq", "improve", "list", "--db", pg_url_at_head)}
        assert (after["BJ01"]["done"], after["SH02"]["done"]) == (True, False)
        with db.session() as s:
            assert s.get(NetworkImprovement, at_hq["BJ01"]["id"]).done_note == "每单到货前确认"
    finally:
        server.stop()
        db.close()
