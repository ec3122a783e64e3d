"""Nothing hidden on Today: every list says "N more" and opens all of it, a row opens its item, and the
navigation counts what waits for the person signed in, kept current by change notices."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.foundation import clock
from app.services.feedback import forms as feedback_forms
from app.services.today.alerts import acknowledge, open_alerts
from app.services.cases.opening import NewCase
from app.services.cases.complaints import record_complaint
from app.services.recovery.remedies import approve_remedy, pending_approvals, propose_remedy
from app.ui.cases.complaint_dialog import ComplaintDialog
from app.ui.today.full_list import FullList


def failing_forms(store, who, n: int) -> None:
    for i in range(n):
        feedback_forms.enter_form(store, feedback_forms.FormEntry(
            f"RO2611-{i:04d}", clock.today() - timedelta(days=i % 20), f"客户{i}", f"1390000{i:04d}",
            f"京A{i:05d}", "A", "D", "B", overall=5), who)


def waiting_cases(store, who, n: int) -> list:
    return [record_complaint(store, NewCase(f"顾客{i}", f"1370000{i:04d}", f"沪B{i:05d}", "on_site", "process",
                                            "communication", "serious", score=5), who.user_id) for i in range(n)]


def visible(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_todays_n_more_opens_the_filtered_list_and_a_row_opens_its_item(qtbot, window, store, advisor):
    failing_forms(store, advisor, 12)
    waiting_cases(store, advisor, 10)
    today = window.today
    today.refresh()
    qtbot.waitUntil(lambda: today.waiting.count() == 8)
    more = today.more["waiting"]
    assert more.isVisible() and more.text() == "2 more: show all"
    assert today.more["failureForms"].text() == "4 more: show all"
    assert not today.more["callbacks"].isVisible()  # nothing left out, nothing to say
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    cases = window.cases
    assert window.pages.currentWidget() is cases
    qtbot.waitUntil(lambda: cases.model.rowCount() == 10)
    assert cases.status.currentData() == "open"
    # The forms: all twelve in a list that filters as you type; Enter (or a double-click) on one starts its case.
    window.show_page(today)
    qtbot.mouseClick(today.more["failureForms"], Qt.MouseButton.LeftButton)
    [full] = visible(FullList)
    qtbot.waitUntil(lambda: full.list.count() == 12)
    qtbot.keyClicks(full.filter, "RO2611-0011")
    shown = [full.list.item(i) for i in range(full.list.count()) if not full.list.item(i).isHidden()]
    assert len(shown) == 1 and full.count.text() == "1 of 12 shown"
    rect = full.list.visualItemRect(shown[0])
    qtbot.mouseClick(full.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click's first press
    qtbot.mouseDClick(full.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(visible(ComplaintDialog)) == 1)
    [dialog] = visible(ComplaintDialog)
    assert dialog.repair_order.text() == "RO2611-0011" and dialog.customer_name.text() == "客户11"
    assert not visible(FullList)
    dialog.reject()


def test_navigation_counts_for_a_supervisor_follow_change_notices(qtbot, store, ops, admin, advisor):
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    failing_forms(store, advisor, 3)  # three failure forms: three open alerts
    [ref] = waiting_cases(store, advisor, 1)
    propose_remedy(store, ref.id, "voucher", 2000, "保养代金券", advisor.user_id)  # over an advisor's limit
    create_app()
    window = MainWindow(store, ops, admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.glance.counts is not None)

    def nav(name):
        return next(window.nav.item(i).text() for i in range(window.nav.count())
                    if window.nav.item(i).data(Qt.ItemDataRole.UserRole) == name)

    assert nav("approvals") == "Approvals (1)"
    assert window.nav.item(0).toolTip() == "3 open alerts on Today"
    assert nav("today") == "Today (3)"
    assert nav("callbacks_due") == "Callbacks due"  # none due: no number
    [remedy] = pending_approvals(store)
    ops.run(lambda: approve_remedy(store, remedy.id, admin.user_id))  # the REMEDIES notice updates the count
    assert nav("approvals") == "Approvals"
    first = open_alerts(store)[0]
    ops.run(lambda: acknowledge(store, first.id, admin))
    assert nav("today") == "Today (2)"
    assert window.today.alerts_box.title() == "Alerts for supervisors (2)"
    # Enter (as a double-click) on an alert starts the case of its form, with its repair order.
    alerts = window.today.alerts
    alerts.setCurrentRow(0)
    qtbot.keyClick(alerts, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(visible(ComplaintDialog)) == 1)
    [dialog] = visible(ComplaintDialog)
    assert dialog.repair_order.text() == alerts.item(0).data(Qt.ItemDataRole.UserRole + 1).repair_order != ""
    dialog.reject()


def test_an_advisor_sees_no_supervisor_counts(qtbot, window, store, advisor):
    failing_forms(store, advisor, 2)
    window.today.refresh()
    qtbot.waitUntil(lambda: window.glance.counts is not None)
    assert window.glance.counts.alerts == 0 and window.glance.counts.approvals == 0
    assert window.nav.item(0).text() == "Today"


def test_the_overdue_box_says_how_many_more_and_opens_them_in_the_case_list(qtbot, window, store, advisor,
                                                                            monkeypatch):
    from app.services.changes import CASES
    from app.ui.today import overdue_box
    from tests.recovery_helpers import T0, case_for

    monkeypatch.setattr(overdue_box, "SHOWN", 2)  # the box lists the oldest few (50 in the program)
    for _ in range(3):
        case_for(store, advisor.user_id, at=T0)  # opened long ago, never answered
    waiting_cases(store, advisor, 1)  # not late: not in the box, not in the filtered list
    box = window.recovery.overdue
    window.ops.announce(CASES)
    qtbot.waitUntil(lambda: box.list.count() == 2)
    assert box.title() == "Overdue (3)" and box.more.isVisible() and box.more.text() == "1 more: show all"
    qtbot.mouseClick(box.more, Qt.MouseButton.LeftButton)
    cases = window.cases
    assert window.pages.currentWidget() is cases and cases.overdue.isChecked()
    assert cases.status.currentIndex() == 0  # any status
    qtbot.waitUntil(lambda: cases.model.rowCount() == 3)
