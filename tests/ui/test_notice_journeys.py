"""Journeys through the windows where only a change notice can refresh what is shown: a remedy approved
in Approvals reaches the case's stepper; a form pulled by a sync round reaches the verification view."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.rules.vocab import RemedyStatus
from app.services.recovery import remedies
from app.services.people import users
from app.ui.common.ui_words import title
from tests.recovery_helpers import case_for
from tests.ui.test_two_desks import desks  # noqa: F401 - the two counters and head office


def test_a_remedy_approved_in_approvals_updates_the_stepper(qtbot, store, ops, admin, advisor):
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    create_app()
    case_id = case_for(store, advisor.user_id, at=None)
    remedies.propose_remedy(store, case_id, "voucher", 800, "保养代金券", advisor.user_id)  # above 300: waits
    boss = users.sign_in(store, "admin", "1234")
    w = MainWindow(store, ops, boss)
    qtbot.addWidget(w)
    w.show()
    w.show_page(w.cases)
    w.cases.show_case(case_id)
    stepper = w.recovery.stepper
    waiting, offered = title(RemedyStatus.PENDING_APPROVAL), title(RemedyStatus.OFFERED)
    qtbot.waitUntil(lambda: waiting in stepper.remedy_line.text())

    approvals = w.recovery.approvals
    w.show_page(approvals)
    qtbot.waitUntil(lambda: approvals.table.rowCount() == 1)
    approvals.table.selectRow(0)
    qtbot.mouseClick(approvals.approve_button, Qt.MouseButton.LeftButton)
    # No refresh asked for: the stepper and the approvals list follow the REMEDIES notice.
    qtbot.waitUntil(lambda: offered in stepper.remedy_line.text(), timeout=10000)
    assert waiting not in stepper.remedy_line.text()
    qtbot.waitUntil(lambda: approvals.table.rowCount() == 0)


def test_a_form_pulled_by_a_sync_round_appears_in_the_verification_view(qtbot, desks):
    """Counter 1 types a form and draws it for a verification call; counter 2's supervisor, with the
    verification view open, sees the call after a sync round and no refresh of any kind."""
    from app.foundation import clock
    from app.services.feedback.forms import FormEntry, enter_form
    from app.services.feedback.verification import draw_sample

    one, two = desks
    admin1 = users.sign_in(one.store, "admin1", "1357")
    enter_form(one.store, FormEntry(repair_order="RO-N1", service_date=clock.today(), customer_name="王伟",
                                    phone="13812345678", plate="京A12345", timeliness="B", repair_quality="B",
                                    attitude="B", overall=9), admin1)
    assert len(draw_sample(one.store, admin1.user_id)) == 1
    view = two.window.recovery.verification
    two.window.show_page(view)
    qtbot.waitUntil(lambda: view.table.rowCount() == 0)
    one.sync_now(qtbot)
    two.sync_now(qtbot)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=10000)
    assert any("王伟" in (view.table.item(0, c).text() if view.table.item(0, c) else "")
               for c in range(view.table.columnCount()))
