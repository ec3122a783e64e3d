"""A supervisor's Today: the early warnings worked out in the background appear, one is opened with a
double-click, acknowledged with a note, and leaves the list; an advisor's Today has no such box."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from app.services.people import users
from app.services.demo.sample_data import PLANTED_DRIFTS, fill_demo
from app.services.drafts import DraftBox
from app.services.predict import warnings
from app.ui.common.ops import Ops
from app.ui.today.today_view import TodayView
from app.ui.today.warnings_box import WarningDialog


def test_a_supervisor_sees_a_warning_on_today_and_acknowledges_it(qtbot, store, tmp_path):
    fill_demo(store, 2500, 0, drifts=PLANTED_DRIFTS)
    users.ensure_demo_users(store)
    boss = users.sign_in(store, "supervisor", "0000")
    ops = Ops()
    view = TodayView(store, ops, boss, DraftBox(tmp_path / "drafts"))
    qtbot.addWidget(view)
    view.show()
    box = view.warnings_box
    qtbot.waitUntil(lambda: box.list.count() > 0, timeout=300_000)  # worked out off the UI thread
    assert box.isVisible() and box.title().endswith(f"({box.list.count()})")
    before = box.list.count()
    lst = box.list
    rect = lst.visualItemRect(lst.item(0))
    wid = lst.item(0).data(Qt.ItemDataRole.UserRole)
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: any(isinstance(w, WarningDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
    dialog = box.dialog
    assert dialog.w.id == wid and dialog.w.repair_orders
    qtbot.keyClicks(dialog.note, "Talk to the workshop")
    ack = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ack.text() == "Acknowledge"
    qtbot.mouseClick(ack, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: box.list.count() == before - 1)
    assert wid not in {w.id for w in warnings.open_warnings(store)}
    [done] = [w for w in warnings.warnings_since(store, dialog.w.since) if w.id == wid]
    assert done.acknowledged_at is not None and done.note == "Talk to the workshop"


def test_an_advisors_today_has_no_warnings(qtbot, store, tmp_path):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    users.create_user(store, "zw", "张伟", "5678", "advisor", actor_id=admin.user_id)
    advisor = users.sign_in(store, "zw", "5678")
    view = TodayView(store, Ops(), advisor, DraftBox(tmp_path / "drafts"))
    qtbot.addWidget(view)
    view.show()
    assert not view.warnings_box.isVisible()


def test_when_working_the_warnings_out_fails_today_says_so_in_words(qtbot, store, tmp_path, monkeypatch):
    import sys

    from app.services.predict import elsewhere

    monkeypatch.setattr(elsewhere, "command", lambda data_dir: [sys.executable, "-c", "import sys; sys.exit(5)"])
    users.ensure_demo_users(store)
    boss = users.sign_in(store, "supervisor", "0000")
    ops = Ops()
    view = TodayView(store, ops, boss, DraftBox(tmp_path / "drafts"))
    qtbot.addWidget(view)
    view.show()
    note = view.warnings_box.note
    qtbot.waitUntil(lambda: "could not be worked out" in note.text(), timeout=60_000)
    assert "exit 5" in note.text() and "warn refresh" in note.text() and not view.warnings_box.working
    qtbot.waitUntil(lambda: not ops.busy, timeout=60_000)  # Today's own figures answered before the view goes


def test_a_warning_on_an_advisors_grades_says_so_on_today(qtbot, store, tmp_path, monkeypatch):
    from tests.unit.test_warning_figure import a_failing_order, drifts
    from app.ui.today import warnings_box

    fill_demo(store, 300, 0)
    found = drifts(a_failing_order(store))

    class Found:
        def watch(self, _history):
            return list(found)

    monkeypatch.setattr(warnings, "Monitor", Found)
    warnings.refresh(store)  # what the background work stores; here the two warnings planted above
    monkeypatch.setattr(warnings_box, "FIRST_WORK_MS", 3_600_000)  # the history is not worked out again
    users.ensure_demo_users(store)
    boss = users.sign_in(store, "supervisor", "0000")
    ops = Ops()
    view = TodayView(store, ops, boss, DraftBox(tmp_path / "drafts"))
    qtbot.addWidget(view)
    view.show()
    lst = view.warnings_box.list
    qtbot.waitUntil(lambda: lst.count() == 2)
    [row] = [lst.item(i) for i in range(lst.count()) if "on its grades" in lst.item(i).text()]
    assert "A 7, B 10, C 2, D 3, E 5" in row.text() and "usually A 55%" in row.text()
    rect = lst.visualItemRect(row)
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.warnings_box.dialog is not None and view.warnings_box.dialog.isVisible())
    dialog = view.warnings_box.dialog
    crossed = dialog.findChild(QLabel, "warningCrossed")
    assert dialog.w.figure == "grades"
    assert crossed.text() == "crossed on its grades: A 7, B 10, C 2, D 3, E 5 (usually A 55%, B 30%, C 10%, D 3%, E 2%)"
    dialog.reject()
    # The share warning of the same start says which figure it crossed on too.
    [other] = [lst.item(i) for i in range(lst.count()) if lst.item(i) is not row]
    assert "failed since" in other.text()
    qtbot.waitUntil(lambda: not ops.busy)
