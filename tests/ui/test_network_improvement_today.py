"""Head office's action for several dealers on a counter's Today: after a sync it shows with the
dealer's own actions for its supervisors (owned by the role, "from head office"), not for an advisor;
a supervisor marks it done and the completion is on its way back to head office."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from app.foundation import clock
from app.hq.counters import add_dealer
from app.hq.improve import raise_for_dealers
from app.models.store import open_database
from app.services.drafts import DraftBox
from app.services.people import users
from app.services.predict.improvements import actions
from app.sync.client import SyncClient
from app.ui.common.ops import Ops
from app.ui.today.today_view import TodayView
from tests.synchelp import enrol_in_process


def test_head_offices_action_on_today_done_at_the_counter(qtbot, store, tmp_path, monkeypatch, serve_in_process):
    db = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    add_dealer(db, "SH02", "上海二店")
    transport = serve_in_process(db, tmp_path / "inbox")
    enrol_in_process(db, store, "BJ01")
    users.ensure_demo_users(store)
    users.create_user(store, "zhang", "张伟", "0000", "advisor")
    sync = lambda: SyncClient(store, url="http://hq", transport=transport).run_once()  # noqa: E731
    sync()
    raised = raise_for_dealers(db, ["BJ01", "SH02"], "Call the parts desk before booking",
                               clock.today() + timedelta(days=30), figure_subject="employee")
    sync()
    ops = Ops()
    advisor = users.sign_in(store, "zhang", "0000")
    view = TodayView(store, ops, advisor, DraftBox(tmp_path / "drafts-a"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not ops.busy)
    assert view.improvements_box.list.count() == 0  # the supervisors' to do, not an advisor's

    boss = users.sign_in(store, "supervisor", "0000")
    view = TodayView(store, ops, boss, DraftBox(tmp_path / "drafts-s"))
    qtbot.addWidget(view)
    view.show()
    box = view.improvements_box
    qtbot.waitUntil(lambda: box.list.count() == 1)
    text = box.list.item(0).text()
    assert text.startswith("Call the parts desk before booking · Supervisor · due ") and "from head office" in text, text
    box.list.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("Parts desk called daily", True)))
    qtbot.mouseClick(box.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.list.count() == 0)
    qtbot.waitUntil(lambda: not ops.busy)
    sync()
    at_hq = {a.dealer: a for a in actions(db, "*")}
    assert at_hq["BJ01"].id == raised.shares["BJ01"] and at_hq["BJ01"].done_note == "Parts desk called daily"
    assert at_hq["SH02"].done_at is None
    db.close()
