"""A decision reaches the person waiting, wherever it was taken: a remedy above the advisor's limit,
proposed at counter 1, shows on counter 2's bell and in its Approvals with the case's summary (Enter
opens the case); approved there, it is a notice on the advisor's bell at counter 1 after a sync, and
Enter in the notices opens the case and marks it read. Both counters sync through a real `hq serve`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.recovery import remedies
from app.services.notices import inbox
from tests.recovery_helpers import case_for
from tests.ui.conftest import commit_text
from tests.ui.test_two_desks import desks, wait_for  # noqa: F401 - the two counters and head office


def bell_state(desk) -> str:
    bell = desk.window.notices
    return f"bell {bell.text()!r}; notices {[(n.kind, n.read) for n in bell.notices]}"


def test_an_approval_at_counter_2_reaches_the_advisor_at_counter_1(qtbot, desks):
    one, two = desks
    case_id = case_for(one.store, one.user.user_id, at=None)
    number = one.window.notices  # built with the window, in the status bar
    assert number.isVisibleTo(one.window) and one.window.notices.text() == "Notices"
    remedies.propose_remedy(one.store, case_id, "voucher", 800, "保养代金券", one.user.user_id)  # above 300
    one.sync_now(qtbot)
    two.sync_now(qtbot)

    # Counter 2: the supervisor's bell counts the request; Approvals lists it with the case's summary.
    wait_for(qtbot, lambda: two.window.notices.text() == "Notices (1)", "the request on counter 2's bell",
             lambda: bell_state(two))
    assert [n.kind for n in two.window.notices.notices] == [inbox.APPROVAL_WANTED]
    approvals = two.window.recovery.approvals
    two.window.show_page(approvals)
    wait_for(qtbot, lambda: approvals.table.rowCount() == 1, "the request in Approvals")
    headers = [approvals.table.horizontalHeaderItem(c).text() for c in range(approvals.table.columnCount())]
    summary = approvals.table.item(0, headers.index("Case summary")).text()
    assert summary == "车还有异响"
    approvals.table.setFocus()
    approvals.table.selectRow(0)
    qtbot.keyClick(approvals.table, Qt.Key.Key_Return)  # one key opens the case
    wait_for(qtbot, lambda: two.window.pages.currentWidget().objectName() == "cases"
             and two.window.cases.detail.case_id == case_id, "the request's case opened by Enter",
             lambda: f"page {two.window.pages.currentWidget().objectName()}, detail {two.window.cases.detail.case_id}")
    two.window.show_page(approvals)
    approvals.table.selectRow(0)
    commit_text(approvals.note, "同意")
    qtbot.mouseClick(approvals.approve_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: approvals.table.rowCount() == 0, "the approval saved at counter 2",
             lambda: approvals.error.text())
    wait_for(qtbot, lambda: two.window.notices.text() == "Notices", "the decided request off counter 2's bell",
             lambda: bell_state(two))
    assert one.window.notices.text() == "Notices"  # nothing yet: counter 1 has not synced
    two.sync_now(qtbot)
    one.sync_now(qtbot)

    # Counter 1: the advisor's bell tells the decision; Enter in the list opens the case and marks it read.
    bell = one.window.notices
    wait_for(qtbot, lambda: bell.text() == "Notices (1)", "counter 2's approval on counter 1's bell",
             lambda: bell_state(one))
    qtbot.mouseClick(bell, Qt.MouseButton.LeftButton)
    dialog = bell.dialog
    wait_for(qtbot, lambda: dialog.isVisible() and dialog.table.rowCount() == 1, "the notices list")
    text = dialog.table.item(0, 1).text()
    assert text == "周主管 approved your remedy of 800 yuan 同意", text
    assert dialog.table.item(0, 4).text() == "车还有异响"
    assert dialog.table.item(0, 1).font().bold()  # unread
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: one.window.cases.detail.case_id == case_id and not dialog.isVisible(),
             "the notice's case opened by Enter")
    wait_for(qtbot, lambda: bell.text() == "Notices" and [n.read for n in bell.notices] == [True],
             "the notice kept, marked read", lambda: bell_state(one))
    assert inbox.unread_count(one.store, one.user.user_id) == 0
    assert QApplication.activeModalWidget() is None


def test_a_notice_while_the_window_is_hidden_is_told_in_the_tray(qtbot, window, store, admin, advisor, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    from app.services.changes import CASES
    from app.services.recovery.guide import escalate

    told = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, title, text, *a: told.append(text))
    bell = window.notices
    case_id = case_for(store, advisor.user_id, at=None)
    window.ops.wait_idle()
    with qtbot.waitSignal(bell.notices_shown, timeout=10000):
        window.ops.announce(CASES)
    assert told == [] and bell.text() == "Notices"
    escalate(store, case_id, "客户要求经理出面", admin.user_id)  # the case's owner is the advisor signed in
    with qtbot.waitSignal(bell.notices_shown, timeout=10000):
        window.ops.announce(CASES)
    assert told == [] and bell.text() == "Notices (1)"  # the window is in sight: the bell says it
    window.hide()
    case2 = case_for(store, advisor.user_id, at=None)
    escalate(store, case2, "客户投诉到总部", admin.user_id)
    with qtbot.waitSignal(bell.notices_shown, timeout=10000):
        window.ops.announce(CASES)
    assert told == ["管理员 escalated the case: 客户投诉到总部"], told
