"""A failed re-rating: the callback with a 5 keeps the case open and suggests escalation; the advisor
escalates from the Recovery tab; a supervisor closes it without recovery; it can be reopened."""

from types import SimpleNamespace

from PySide6.QtCore import Qt

from app.scripts.library import library_for
from app.services.recovery.callbacks import callbacks_due
from app.services.recovery.guide import guide, record_step
from app.services.recovery.remedies import propose_remedy
from app.ui.recovery.callbacks_view import CallbacksView
from app.ui.common.ops import Ops
from app.ui.recovery.recovery_stepper import RecoveryStepper
from tests.recovery_helpers import add_user, case_for
from tests.ui.conftest import commit_text

PACK = library_for(None).pack


def walk(store, case_id, actor):
    for st in guide(store, case_id, PACK).steps:
        if st.step.kind == "offer_remedy":
            propose_remedy(store, case_id, "free_rework", 0, "", actor)
        record_step(store, case_id, PACK, st.step.index, "done", "", actor)


def test_failed_rerating_escalation_and_supervisor_close(qtbot, store):
    adv = SimpleNamespace(user_id=add_user(store, "张伟", "advisor"), is_supervisor=False)
    sup = SimpleNamespace(user_id=add_user(store, "刘主管", "supervisor"), is_supervisor=True)
    case_id = case_for(store, adv.user_id, failure_type="process", cause_group="communication")
    walk(store, case_id, adv.user_id)
    ops = Ops()

    callbacks = CallbacksView(store, ops, adv)
    qtbot.addWidget(callbacks)
    callbacks.show()
    qtbot.waitUntil(lambda: callbacks.table.rowCount() == 1)
    callbacks.on_record_clicked()
    qtbot.waitUntil(lambda: callbacks.dialog is not None and callbacks.dialog.isVisible())
    dlg = callbacks.dialog
    dlg.rating.setFocus()
    dlg.rating.selectAll()
    qtbot.keyClicks(dlg.rating, "5")
    commit_text(dlg.words, "费用还是没讲清楚")
    with qtbot.waitSignal(dlg.callback_recorded):
        qtbot.keyClick(dlg.words, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Consider escalating" in callbacks.message.text())

    stepper = RecoveryStepper(store, ops, library_for(None), adv)
    qtbot.addWidget(stepper)
    stepper.show()
    stepper.set_case(case_id)
    qtbot.waitUntil(lambda: stepper.guide is not None and stepper.guide.status == "in_recovery")
    assert stepper.actions.escalate_button.isVisible() and not stepper.actions.close_button.isVisible()
    # The script is done, but the case is not waiting for a callback any more: it says what to do instead.
    assert stepper.finished_label.text() == ("Every step is recorded, but the customer is not yet satisfied: offer another "
                                              "remedy (Ctrl+R) or escalate the case.")
    assert "waits for its callback" not in stepper.finished_label.text()
    qtbot.mouseClick(stepper.actions.escalate_button, Qt.MouseButton.LeftButton)
    ad = stepper.actions.dialog
    qtbot.waitUntil(ad.isVisible)
    qtbot.keyClick(ad.inputs["reason"], Qt.Key.Key_Return)  # no reason: said beside the field
    qtbot.waitUntil(lambda: ad.errors["reason"].text() == "required")
    commit_text(ad.inputs["reason"], "客户仍不满意，请服务经理处理")
    with qtbot.waitSignal(ad.done):
        qtbot.keyClick(ad.inputs["reason"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Escalated" in stepper.clock.text())
    assert not stepper.actions.escalate_button.isVisible()
    assert stepper.finished_label.text() == "Every step is recorded. The case is escalated: a supervisor decides what happens next."

    as_sup = RecoveryStepper(store, ops, library_for(None), sup)
    qtbot.addWidget(as_sup)
    as_sup.show()
    as_sup.set_case(case_id)
    qtbot.waitUntil(lambda: as_sup.guide is not None and as_sup.actions.close_button.isVisible())
    qtbot.mouseClick(as_sup.actions.close_button, Qt.MouseButton.LeftButton)
    cd = as_sup.actions.dialog
    commit_text(cd.inputs["root_cause"], "结算前未向客户说明加项")
    commit_text(cd.inputs["improvement"], "加项必须先电话确认")
    with qtbot.waitSignal(cd.done):
        qtbot.keyClick(cd.inputs["improvement"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "This case is closed." in as_sup.finished_label.text())
    assert as_sup.actions.reopen_button.isVisible() and not as_sup.done_button.isEnabled()
    qtbot.waitUntil(lambda: stepper.guide.status == "closed")  # the other view follows the change notice
    assert callbacks_due(store) == []
    ops.wait_idle()


def test_the_callback_dialog_starts_from_the_case_as_it_is_not_as_the_list_last_showed_it(qtbot, store):
    """The list was read before the advisor's own last change was saved: saving against the list's row
    would be refused as a change made meanwhile, but the dialog reads the case again and saves."""
    import pytest

    from app.foundation.errors import CaseChanged
    from app.services.recovery.callbacks import record_reached
    from app.services.recovery.guide import escalate

    adv = SimpleNamespace(user_id=add_user(store, "张伟", "advisor"), is_supervisor=False)
    case_id = case_for(store, adv.user_id, failure_type="process", cause_group="communication")
    walk(store, case_id, adv.user_id)
    callbacks = CallbacksView(store, Ops(inline=True), adv)
    qtbot.addWidget(callbacks)
    [listed] = callbacks.rows
    escalate(store, case_id, "客户要求主管回电", adv.user_id)  # saved after the list was read; no notice yet
    with pytest.raises(CaseChanged):
        record_reached(store, listed.id, 5, "", adv.user_id, expected_version=listed.case_version)
    callbacks.table.selectRow(0)
    callbacks.on_record_clicked()
    dlg = callbacks.dialog
    assert dlg.callback.case_version == listed.case_version + 1
    dlg.rating.setFocus()
    dlg.rating.selectAll()
    qtbot.keyClicks(dlg.rating, "5")
    commit_text(dlg.words, "还是没讲清楚")
    recorded = []
    dlg.callback_recorded.connect(recorded.append)
    qtbot.keyClick(dlg.words, Qt.Key.Key_Return)
    assert (dlg.error.text(), len(recorded)) == ("", 1)
