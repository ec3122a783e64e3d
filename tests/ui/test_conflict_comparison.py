"""The desk's Sync problems at a counter sets a conflict's two changes side by side as head office's
conflicts page does: head office's version first, then the change kept aside, values and notes included,
also at the counter whose own change head office keeps aside."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.hq.counters import add_dealer
from app.models.store import open_database
from app.services.recovery import guide as recovery
from app.sync.client import SyncClient
from app.ui.common.ops import Ops
from app.ui.sync.sync_problems import SyncProblemsDialog
from tests.helpers import fresh_store
from tests.recovery_helpers import add_user
from tests.synchelp import enrol_in_process, open_cases


def test_a_counter_shows_both_sides_as_head_office_names_them(qtbot, tmp_path, serve_in_process):
    from app.ui.common.qt_app import create_app

    create_app()
    db = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    add_dealer(db, "BJ01", "北京一店")
    transport = serve_in_process(db, tmp_path / "inbox")
    a, b = fresh_store(tmp_path / "a"), fresh_store(tmp_path / "b")
    for store in (a, b):
        enrol_in_process(db, store)
    adv_a, adv_b = add_user(a, "张伟", "advisor"), add_user(b, "李娜", "advisor")
    [case] = open_cases(a, 1)
    for store in (a, b):
        SyncClient(store, url="http://hq", transport=transport).run_once()
    recovery.escalate(a, case, "客户要求经理出面", adv_a)
    recovery.escalate(b, case, "客户第二次投诉", adv_b)
    for store in (a, b, a, b):
        SyncClient(store, url="http://hq", transport=transport).run_once()

    ops = Ops()
    dlg = SyncProblemsDialog(b, ops)
    qtbot.addWidget(dlg)
    dlg.resize(1000, 600)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 1)
    assert not dlg.comparison.isVisible()  # nothing chosen yet
    rect = dlg.table.visualItemRect(dlg.table.item(0, 0))
    qtbot.mouseClick(dlg.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dlg.comparison.isVisible()
    headers = [dlg.comparison.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers[1:] == ["Applied (head office's version)", "Kept aside"]
    rows = {dlg.comparison.item(r, 0).text(): (dlg.comparison.item(r, 1).text(), dlg.comparison.item(r, 2).text())
            for r in range(dlg.comparison.rowCount())}
    assert rows["Made by"] == ("张伟", "李娜")
    assert rows["Where"][1] == "this counter"  # B's own change is the one head office keeps aside
    assert rows["Note"] == ("\u201c客户要求经理出面\u201d", "\u201c客户第二次投诉\u201d")
    ops.wait_idle()
    for store in (a, b):
        store.close()
    db.close()
