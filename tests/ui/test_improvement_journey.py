"""A supervisor turns a closed case's root cause into an improvement action from the case, sees it on
Today with its owner and due date, and the owner marks it done; an advisor has no such button."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog
from sqlalchemy import select

from app.models import FailureCase
from app.services.people import users
from app.services.demo.sample_data import fill_demo
from app.services.drafts import DraftBox
from app.services.predict.improvements import actions
from app.ui.cases.case_actions import CaseActions
from app.ui.common.ops import Ops
from app.ui.today.today_view import TodayView


def test_from_a_closed_case_to_an_action_done(qtbot, store, tmp_path, monkeypatch):
    fill_demo(store, 600, 60)
    users.ensure_demo_users(store)
    boss = users.sign_in(store, "supervisor", "0000")
    with store.session() as s:
        case = s.scalar(select(FailureCase).where(FailureCase.closed_at.is_not(None), FailureCase.root_cause != "")
                        .limit(1))
    ops = Ops()
    bar = CaseActions(store, ops, boss)
    qtbot.addWidget(bar)
    bar.show()
    bar.show_state(case.id, "closed", case.version)
    assert bar.improve_button.isVisible()
    qtbot.mouseClick(bar.improve_button, Qt.MouseButton.LeftButton)
    dialog = bar.improvement
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.owner.count() > 1)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # nothing typed: refused, the dialog stays
    qtbot.waitUntil(lambda: dialog.errors["improvement_title"].text() != "")
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.title, "Parts ordered when the visit is booked")
    dialog.owner.setCurrentIndex(dialog.owner.findText("张伟"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [a] = actions(store)
    assert a.title == "Parts ordered when the visit is booked" and a.owner == "张伟" and a.verdict == "open"

    owner = users.sign_in(store, "张伟", "0000")
    view = TodayView(store, ops, owner, DraftBox(tmp_path / "drafts"))
    qtbot.addWidget(view)
    view.show()
    box = view.improvements_box
    qtbot.waitUntil(lambda: box.list.count() == 1)
    assert "Parts ordered" in box.list.item(0).text() and box.isVisible()
    box.list.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("Booked parts at booking", True)))
    qtbot.mouseClick(box.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.list.count() == 0)
    [a] = actions(store)
    assert a.done_at is not None and a.done_note == "Booked parts at booking"
    qtbot.waitUntil(lambda: not ops.busy)

    advisor_bar = CaseActions(store, ops, owner)
    qtbot.addWidget(advisor_bar)
    advisor_bar.show_state(case.id, "closed", case.version)
    assert advisor_bar.improve_button.isHidden()
