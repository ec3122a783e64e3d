"""`recovery-desk hq conflicts` tells a supervisor, in their language, what the two changes were."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from app.hq.importer import import_paths
from app.models.store import open_database
from app.services.recovery import guide as recovery
from app.sync import outbox
from app.sync.apply import apply_file
from tests.helpers import fresh_store
from tests.recovery_helpers import add_user
from tests.synchelp import enrol_in_process, open_cases


def hq(db_path, *args, lang):
    env = {**os.environ, "LANG": lang, "LC_ALL": lang}
    return subprocess.run([sys.executable, "-m", "app", "hq", *args, "--db", str(db_path)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_hq_conflicts_names_the_case_fields_values_people_and_places(tmp_path):
    db_path = tmp_path / "hq.sqlite3"
    db = open_database(f"sqlite:///{db_path}")
    a, b = fresh_store(tmp_path / "a"), fresh_store(tmp_path / "b")
    enrol_in_process(db, a)
    enrol_in_process(db, b)
    adv, sup_a, sup_b = add_user(a, "张伟", "advisor"), add_user(a, "周经理", "supervisor"), add_user(b, "吴主管", "supervisor")
    [case] = open_cases(a, 1)
    recovery.escalate(a, case, "客户要求经理出面", adv)
    [first] = outbox.export(a, tmp_path / "a-first")
    doc = json.loads(first.read_bytes())
    with b.session() as s, s.begin():  # counter B has A's case, as a pull brings it
        apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
    recovery.close_case(a, case, "技师未按规范试车", "交车前试车签字", sup_a)
    recovery.close_case(b, case, "配件库存预警未生效", "每日核对", sup_b)
    stick = tmp_path / "usb"
    outbox.export(a, stick)
    outbox.export(b, stick)
    import_paths(db, [stick])  # A's file first: its change is applied, B's kept aside
    with a.session() as s:
        from app.models import FailureCase

        number = s.get(FailureCase, case).number
    db.close()

    en = hq(db_path, "conflicts", lang="en_US.UTF-8")
    assert en.returncode == 0, en.stderr
    out = en.stdout
    assert f"Case {number}, dealer BJ01, customer C*" in out
    assert "Applied:    Closed the case \u2014 周经理, counter test," in out
    assert "Kept aside: Closed the case \u2014 吴主管, counter test," in out
    assert "Status: applied Closed, kept aside Closed" in out
    assert "Root cause: applied \u201c技师未按规范试车\u201d, kept aside \u201c配件库存预警未生效\u201d" in out
    assert "Recovered: applied No, kept aside No" in out
    assert "case.closed" not in out and "root_cause" not in out and "{" not in out

    zh = hq(db_path, "conflicts", lang="zh_CN.UTF-8")
    assert zh.returncode == 0, zh.stderr
    out = zh.stdout
    assert f"案例 {number}，经销商 BJ01，客户 C*" in out
    assert "已采用：结案 \u2014 周经理，柜台 test，" in out
    assert "另存：结案 \u2014 吴主管，柜台 test，" in out
    assert "状态：已采用 已关闭，另存 已关闭" in out
    assert "根本原因：已采用 \u201c技师未按规范试车\u201d，另存 \u201c配件库存预警未生效\u201d" in out
    for english in ("Applied", "Kept aside", "Closed", "Status", "dealer"):
        assert english not in out
