"""A conflict is told the same at head office and at both counters: the change head office applied is
"Applied" everywhere (also at the counter that applied its own change first and whose change head office
keeps aside), with the values and notes of both sides. Two counters sync through a real `hq serve` on
PostgreSQL; head office's `hq conflicts` and each counter's `sync --problems` run as commands."""

from __future__ import annotations

import os
import subprocess
import sys

from app.hq.counters import add_dealer, issue_code
from app.models.store import open_database
from app.services.recovery import guide as recovery
from app.sync.client import SyncClient
from app.sync.connect import connect
from tests.helpers import fresh_store
from tests.recovery_helpers import add_user
from tests.synchelp import open_cases
from tests.system.hqserver import HqServer
from tests.system.test_cli import cli

APPLIED = "Applied:    Escalated the case \u2014 张伟"
KEPT = "Kept aside: Escalated the case \u2014 李娜"
NOTE = "Note: applied \u201c客户要求经理出面\u201d, kept aside \u201c客户第二次投诉\u201d"


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def test_both_counters_name_the_sides_as_head_office_does(tmp_path, pg_url_at_head):
    db = open_database(pg_url_at_head)
    add_dealer(db, "BJ01", "北京一店")
    server = HqServer(pg_url_at_head, tmp_path / "inbox", tmp_path / "server.log").start()
    try:
        a, b = fresh_store(tmp_path / "a"), fresh_store(tmp_path / "b")
        for name, store in (("a", a), ("b", b)):
            connect(store, server.url, issue_code(db, "BJ01"), label=name)
        adv_a, adv_b = add_user(a, "张伟", "advisor"), add_user(b, "李娜", "advisor")
        [case] = open_cases(a, 1)
        SyncClient(a).run_once()
        SyncClient(b).run_once()
        recovery.escalate(a, case, "客户要求经理出面", adv_a)
        recovery.escalate(b, case, "客户第二次投诉", adv_b)
        for store in (a, b, a, b):  # A's change reaches head office first: applied there, B's kept aside
            SyncClient(store).run_once()
        a.close()
        b.close()
    finally:
        server.stop()
        db.close()

    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    hq = subprocess.run([sys.executable, "-m", "app", "hq", "conflicts", "--db", pg_url_at_head],
                        capture_output=True, text=True, env=env, timeout=120)
    assert hq.returncode == 0, hq.stderr
    told = {"head office": lines_of(hq.stdout)}
    for name in ("a", "b"):
        r = cli(tmp_path / name, "sync", "--problems")
        assert r.returncode == 1, r.stderr
        told[f"counter {name}"] = lines_of(r.stdout)
    for where, lines in told.items():
        applied = [line for line in lines if line.startswith("Applied:")]
        kept = [line for line in lines if line.startswith("Kept aside:")]
        assert len(applied) == len(kept) == 1, f"{where}: {lines}"
        assert applied[0].startswith(APPLIED) and kept[0].startswith(KEPT), f"{where}: {applied} / {kept}"
        assert NOTE in lines, f"{where} does not show both notes: {lines}"
    assert any("this counter" in line for line in told["counter b"] if line.startswith("Kept aside:"))

    zh = cli(tmp_path / "b", "sync", "--problems", lang="zh_CN.UTF-8")
    assert "已采用：升级案例 \u2014 张伟" in zh.stdout and "另存：升级案例 \u2014 李娜，本柜台" in zh.stdout, zh.stdout
