"""Screenshots of the views the notices work changed, at 1366x768 in English and Chinese: the bell and
the notices list, Approvals with each request's case summary, a conflict in Sync problems at the
counter whose change head office kept aside, a closed case's outcome, the case list, Reports' month.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.notices_screenshots docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build(work: Path):
    """Two counters of one dealer with a conflict (through head office in this process), people,
    demo cases, a remedy refused and one waiting, an escalation and a closed case; counter B's store."""
    import keyring

    from app.hq.counters import add_dealer
    from app.models.store import open_database
    from app.services.recovery import guide as recovery
    from app.services.recovery import remedies
    from app.services.people import users
    from app.services.demo.sample_data import fill_demo
    from app.sync.client import SyncClient
    from tests.conftest import MemoryKeyring
    from tests.helpers import fresh_store
    from tests.synchelp import enrol_in_process, in_process_head_office, open_cases

    keyring.set_keyring(MemoryKeyring())  # never the user's real keyring
    db = open_database(f"sqlite:///{work / 'hq.sqlite3'}")
    add_dealer(db, "BJ01", "北京一店")
    with in_process_head_office(db, work / "inbox") as transport:
        a, b = fresh_store(work / "a"), fresh_store(work / "b")
        for s in (a, b):
            enrol_in_process(db, s)
        admin_a = users.create_first_admin(a, "admin", "管理员", "1234")
        zhang = users.create_user(a, "zhang", "张伟", "1234", "advisor", actor_id=admin_a.user_id)
        admin = users.create_first_admin(b, "admin2", "管理员二", "1234")
        li = users.create_user(b, "li", "李娜", "1234", "advisor", actor_id=admin.user_id)
        zhou = users.create_user(b, "zhou", "周主管", "1234", "supervisor", actor_id=admin.user_id)
        [case] = open_cases(a, 1)
        sync = lambda s: SyncClient(s, url="http://hq", transport=transport).run_once()  # noqa: E731
        sync(a)
        sync(b)
        recovery.escalate(a, case, "客户要求经理出面", zhang.user_id)
        recovery.escalate(b, case, "客户第二次投诉", li.user_id)
        for s in (a, b, a, b):
            sync(s)
    fill_demo(b, 60, 24)
    from app.services.cases.case_queries import CaseFilter, case_page

    open_rows = [r for r in case_page(b, CaseFilter(status="open"), limit=10).rows]
    r1 = remedies.propose_remedy(b, open_rows[0].id, "voucher", 800, "保养代金券", li.user_id)
    remedies.refuse_remedy(b, r1.id, zhou.user_id, "请改为免费检测")
    remedies.propose_remedy(b, open_rows[1].id, "discount", 600, "工时费八折", li.user_id)
    recovery.escalate(b, open_rows[2].id, "客户投诉到总部", zhou.user_id)
    closed = case_page(b, CaseFilter(status="closed"), limit=1).rows
    return b, li, zhou, admin, closed[0].id if closed else None


def shoot(store, people, closed_id, out: Path, language: str) -> None:
    from PySide6.QtTest import QTest

    from app.services.people import users
    from app.ui.common import i18n
    from app.ui.common.ops import Ops
    from app.ui.common.qt_app import create_app
    from app.ui.common.style import STYLE
    from app.ui.shell.main_window import MainWindow

    app = create_app()
    app.setStyleSheet(STYLE)
    i18n.apply_language(language)
    ops = Ops()

    def settle() -> None:
        for _ in range(600):
            QTest.qWait(50)
            if not ops.busy:
                QTest.qWait(80)
                if not ops.busy:
                    return

    li, zhou, _admin = people
    advisor = users.sign_in(store, "li", "1234")
    w = MainWindow(store, ops, advisor)
    w.resize(1366, 768)
    w.show()
    settle()
    w.grab().save(str(out / f"notices-bell-{language}.png"))
    w.notices.on_clicked()
    settle()
    w.notices.dialog.grab().save(str(out / f"notices-list-{language}.png"))
    w.notices.dialog.close()
    w.show_page(w.cases)
    settle()
    if closed_id:
        w.cases.show_case(closed_id)
        settle()
        w.grab().save(str(out / f"case-outcome-{language}.png"))
    w.show_page(w.reports)
    settle()
    w.grab().save(str(out / f"reports-month-{language}.png"))
    w.close()

    boss = users.sign_in(store, "zhou", "1234")
    w = MainWindow(store, ops, boss)
    w.resize(1366, 768)
    w.show()
    w.show_page(w.recovery.approvals)
    settle()
    w.grab().save(str(out / f"approvals-summary-{language}.png"))
    from app.ui.sync.sync_problems import SyncProblemsDialog

    d = SyncProblemsDialog(store, ops, w)
    d.resize(1000, 600)
    d.show()
    settle()
    for row, p in enumerate(d.problems):
        if p.kind == "conflict":
            d.table.selectRow(row)
            break
    settle()
    d.grab().save(str(out / f"sync-conflict-{language}.png"))
    d.close()
    w.close()
    settle()


def main(out_dir: str, language: str | None = None) -> int:
    import subprocess

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if language is None:  # one process per language: translations are installed once per process
        for lang in ("en", "zh_CN"):
            subprocess.run([sys.executable, "-m", "tests.ui.notices_screenshots", out_dir, lang], check=True)
        return 0
    work = Path(tempfile.mkdtemp(prefix="notices-shots-"))
    store, li, zhou, admin, closed_id = build(work)
    shoot(store, (li, zhou, admin), closed_id, out, language)
    return 0


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:] or ["docs/screenshots"])))
