"""Supervisor journeys: a remedy above the advisor's limit approved in the app; an advisor can't;
verification calls confirmed and disputed."""

from datetime import timedelta
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.foundation import clock
from app.models import FeedbackForm
from app.services.imports.feedback_store import import_feedback_file
from app.services.recovery.remedies import pending_approvals, remedies_for
from app.ui.recovery.approvals_view import ApprovalsView
from app.ui.common.ops import Ops
from app.ui.recovery.remedy_dialog import RemedyDialog
from app.ui.feedback.verification_view import VerificationView
from tests.helpers import csv_file, form_line
from tests.recovery_helpers import add_user, case_for


def type_chinese(widget, text):
    widget.setFocus()
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def test_remedy_above_limit_waits_and_a_supervisor_approves(qtbot, store):
    adv = SimpleNamespace(user_id=add_user(store, "张伟", "advisor"), role="advisor")
    sup = SimpleNamespace(user_id=add_user(store, "刘主管", "supervisor"), role="supervisor")
    case_id = case_for(store, adv.user_id)
    ops = Ops()
    dlg = RemedyDialog(store, ops, case_id, adv, version_of=lambda: None)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: "300" in dlg.authority.text())
    dlg.amount.setFocus()
    dlg.amount.selectAll()
    qtbot.keyClicks(dlg.amount, "1200")
    assert dlg.authority.text() == "Above your authority of 300 yuan: a supervisor must approve it before you offer it."
    dlg.kind.setCurrentIndex(dlg.kind.findData("other"))
    qtbot.keyClick(dlg.amount, Qt.Key.Key_Return)  # "other" needs a description: said beside the field
    qtbot.waitUntil(lambda: dlg.description_error.text() == "required")
    assert dlg.amount.value() == 1200 and dlg.isVisible()
    type_chinese(dlg.description, "免费更换四条轮胎")
    with qtbot.waitSignal(dlg.remedy_proposed, timeout=5000) as sig:
        qtbot.keyClick(dlg.description, Qt.Key.Key_Return)
    assert sig.args[0].status == "pending_approval"

    as_advisor = ApprovalsView(store, ops, adv)  # the rule holds in the core, not only in the UI
    qtbot.addWidget(as_advisor)
    qtbot.waitUntil(lambda: as_advisor.table.rowCount() == 1)
    qtbot.mouseClick(as_advisor.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "only a supervisor" in as_advisor.error.text())
    assert len(pending_approvals(store)) == 1

    view = ApprovalsView(store, ops, sup)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1)
    assert view.table.item(0, 3).text().replace(",", "") == "1200" and view.table.item(0, 4).text() == "张伟"
    qtbot.mouseClick(view.refuse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.error.text() == "required")
    type_chinese(view.note, "同意，客户为老客户")
    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 0)
    qtbot.waitUntil(lambda: as_advisor.table.rowCount() == 0)  # refreshed on the change notice
    ops.wait_idle()
    assert [r.status for r in remedies_for(store, case_id)] == ["offered"]


def test_verification_calls(qtbot, store, tmp_path):
    today = clock.today()
    rows = [form_line((today - timedelta(days=d)).isoformat(), f"RO-{adv}-{d}", "ABB", advisor=adv)
            for adv in ("张伟", "李娜") for d in range(1, 4)]
    import_feedback_file(store, csv_file(tmp_path / "f.csv", rows))
    sup = SimpleNamespace(user_id=add_user(store, "刘主管", "supervisor"), role="supervisor")
    ops = Ops()
    view = VerificationView(store, ops, sup)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.empty.isVisible())
    qtbot.mouseClick(view.draw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 6)
    assert {view.table.item(r, 2).text() for r in range(6)} == {"张伟", "李娜"}
    qtbot.mouseClick(view.dispute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.error.text() == "required")
    type_chinese(view.note, "客户表示当天没有来店")
    disputed_ro = view.table.item(view.table.currentRow(), 1).text()
    qtbot.mouseClick(view.dispute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 5)
    qtbot.mouseClick(view.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 4)
    ops.wait_idle()
    with store.session() as s:
        states = sorted(f.verification for f in s.query(FeedbackForm))
    assert states == ["disputed", "unverified", "unverified", "unverified", "unverified", "verified"]

    view.mode.setCurrentIndex(view.mode.findData("disputed"))  # the dispute is settled later
    qtbot.waitUntil(lambda: view.table.rowCount() == 1 and view.resolve_button.isVisible())
    assert view.table.item(0, 1).text() == disputed_ro
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.error.text() == "required")
    type_chinese(view.note, "客户家人代填，内容属实")
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 0)
    ops.wait_idle()
    with store.session() as s:
        assert sorted(f.verification for f in s.query(FeedbackForm)).count("verified") == 2
