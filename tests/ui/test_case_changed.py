"""The case changes behind an open view (another session writes to it): the advisor's action shows
who changed it and when, the view reloads, and everything typed is still there; saving again works."""

from types import SimpleNamespace

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from app.rules.vocab import StepKind
from app.scripts.library import library_for
from app.services.cases.opening import timeline
from app.services.recovery.guide import guide, record_step
from app.services.recovery.remedies import propose_remedy
from app.ui.recovery.approvals_view import ApprovalsView
from app.ui.recovery.callbacks_view import CallbacksView
from app.ui.common.ops import Ops
from app.ui.recovery.recovery_stepper import RecoveryStepper
from tests.recovery_helpers import add_user, case_for

PACK = library_for(None).pack


def people(store):
    adv = SimpleNamespace(user_id=add_user(store, "张伟", "advisor"), role="advisor", is_supervisor=False)
    sup = SimpleNamespace(user_id=add_user(store, "刘主管", "supervisor"), role="supervisor", is_supervisor=True)
    return adv, sup


def message_box(qtbot) -> QMessageBox:
    found = []

    def shown():
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == "case_changed_message" and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def close_box(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Ok).click()


def open_stepper(qtbot, store, user, case_id) -> RecoveryStepper:
    stepper = RecoveryStepper(store, Ops(inline=True), library_for(None), user)
    qtbot.addWidget(stepper)
    stepper.resize(1100, 650)
    stepper.show()
    qtbot.waitExposed(stepper)
    stepper.set_case(case_id)
    qtbot.waitUntil(lambda: stepper.guide is not None)
    return stepper


def test_a_step_recorded_elsewhere_meanwhile_is_shown_and_the_note_is_kept(qtbot, store):
    adv, sup = people(store)
    case_id = case_for(store, adv.user_id)
    stepper = open_stepper(qtbot, store, adv, case_id)
    seen = stepper.guide.version
    # The supervisor, at the same PC in another window, records the first step meanwhile.
    record_step(store, case_id, PACK, 0, "done", "主管已安抚客户", sup.user_id)
    stepper.note.setPlainText("客户要求今天给答复")  # Chinese by setPlainText: keyClicks aborts (PLATFORM.md)
    stepper.done_button.click()

    box = message_box(qtbot)
    assert "刘主管" in box.text() and "was not saved" in box.text() and "reloaded" in box.informativeText()
    assert "刘主管" in stepper.error.text()
    # Reloaded: the view now shows the supervisor's step, on the step the advisor was on, with the note.
    assert stepper.guide.version == seen + 1 and stepper.guide.steps[0].outcome == "done"
    assert stepper.position.text().startswith("Step 1 of")
    assert stepper.note.toPlainText() == "客户要求今天给答复"
    assert stepper.done_button.isEnabled()
    close_box(box)
    assert [e.kind for e in timeline(store, case_id)].count("recovery.step") == 1  # nothing of the advisor's

    # Saving again, now on the version shown, works: the note lands as written.
    stepper.note_button.click()
    qtbot.waitUntil(lambda: stepper.note.toPlainText() == "")
    assert timeline(store, case_id)[-1].payload["text"] == "客户要求今天给答复"
    assert stepper.guide.version == seen + 2


def test_the_remedy_dialog_keeps_its_fields_and_offers_on_the_fresh_version(qtbot, store):
    adv, sup = people(store)
    case_id = case_for(store, adv.user_id)
    g = guide(store, case_id, PACK)
    offer = next(st.step.index for st in g.steps if st.step.kind == StepKind.OFFER_REMEDY)
    stepper = open_stepper(qtbot, store, adv, case_id)
    stepper.show_step(offer)
    stepper.remedy_button.click()
    dlg = stepper.remedy_dialog
    qtbot.waitUntil(lambda: dlg.isVisible() and "300" in dlg.authority.text())
    dlg.kind.setCurrentIndex(dlg.kind.findData("voucher"))
    dlg.amount.setValue(200)
    dlg.description.setText("下次保养代金券")
    record_step(store, case_id, PACK, 0, "noted", "主管来电说明", sup.user_id)  # behind the dialog
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    box = message_box(qtbot)
    assert "刘主管" in box.text()
    assert dlg.isVisible()
    assert (dlg.kind.currentData(), dlg.amount.value(), dlg.description.text()) == ("voucher", 200, "下次保养代金券")
    assert stepper.guide.version == g.version + 1  # the stepper behind reloaded
    close_box(box)
    with qtbot.waitSignal(dlg.remedy_proposed, timeout=5000):
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "200" in stepper.remedy_line.text())


def test_the_callback_dialog_keeps_the_customers_words(qtbot, store):
    adv, sup = people(store)
    case_id = case_for(store, adv.user_id)
    g = guide(store, case_id, PACK)
    for st in g.steps:
        if st.step.kind == StepKind.OFFER_REMEDY:
            propose_remedy(store, case_id, "discount", 200, "", adv.user_id)
        record_step(store, case_id, PACK, st.step.index, "done", "", adv.user_id)
    ops = Ops(inline=True)
    view = CallbacksView(store, ops, adv)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.rows) == 1)
    view.record_button.click()
    dlg = view.dialog
    qtbot.waitUntil(lambda: dlg.isVisible())
    dlg.rating.setValue(9)
    dlg.words.setText("这次很满意，谢谢")
    dlg.root_cause.setText("配件缺货")
    dlg.improvement.setText("提前备货")
    seen = dlg.callback.case_version
    record_step(store, case_id, PACK, 0, "noted", "主管补充说明", sup.user_id)
    dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    box = message_box(qtbot)
    assert "刘主管" in box.text()
    assert dlg.isVisible() and dlg.words.text() == "这次很满意，谢谢" and dlg.rating.value() == 9
    assert dlg.root_cause.text() == "配件缺货" and dlg.improvement.text() == "提前备货"
    assert dlg.callback.case_version == seen + 1  # the list reloaded and handed the dialog the fresh version
    close_box(box)
    with qtbot.waitSignal(dlg.callback_recorded, timeout=5000):
        dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert timeline(store, case_id)[-1].kind == "case.closed"


def test_approvals_keep_the_note_and_the_chosen_remedy(qtbot, store):
    adv, sup = people(store)
    case_id = case_for(store, adv.user_id)
    record_step(store, case_id, PACK, 0, "noted", "开始", adv.user_id)
    propose_remedy(store, case_id, "refund", 1000, "", adv.user_id)
    view = ApprovalsView(store, Ops(inline=True), sup)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.rows) == 1)
    view.note.setText("金额太高，请改为代金券")
    record_step(store, case_id, PACK, 0, "noted", "客户又来电", adv.user_id)  # the advisor, meanwhile
    view.refuse_button.click()

    box = message_box(qtbot)
    assert "张伟" in box.text()
    assert view.note.text() == "金额太高，请改为代金券"
    assert view.rows[0].case_version == timeline(store, case_id)[-1].seq
    close_box(box)
    view.refuse_button.click()
    qtbot.waitUntil(lambda: not view.rows)
    assert timeline(store, case_id)[-1].kind == "remedy.refused"


def test_escalating_on_a_stale_view_keeps_the_reason(qtbot, store):
    adv, sup = people(store)
    case_id = case_for(store, adv.user_id)
    record_step(store, case_id, PACK, 0, "noted", "开始", adv.user_id)
    stepper = open_stepper(qtbot, store, adv, case_id)
    stepper.actions.escalate_button.click()
    dlg = stepper.actions.dialog
    qtbot.waitUntil(lambda: dlg.isVisible())
    dlg.inputs["reason"].setText("客户要求经理出面")
    record_step(store, case_id, PACK, 0, "noted", "主管已接手", sup.user_id)
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    box = message_box(qtbot)
    assert "刘主管" in box.text()
    assert dlg.isVisible() and dlg.inputs["reason"].text() == "客户要求经理出面"
    close_box(box)
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "Escalated" in stepper.clock.text())
    assert timeline(store, case_id)[-1].kind == "case.escalated"


def test_the_message_is_in_chinese(qtbot, store):
    from app.ui.common.i18n import translator_for

    adv, sup = people(store)
    case_id = case_for(store, adv.user_id)
    stepper = open_stepper(qtbot, store, adv, case_id)
    record_step(store, case_id, PACK, 0, "noted", "另一个窗口", adv.user_id)  # the same advisor, elsewhere
    tr = translator_for("zh_CN")
    QApplication.instance().installTranslator(tr)
    try:
        stepper.note.setPlainText("客户说车还是有异响")
        stepper.note_button.click()
        box = message_box(qtbot)
        assert "您（在另一个窗口）" in box.text() and "没有保存" in box.text()
        assert "已重新载入" in box.informativeText()
        assert stepper.note.toPlainText() == "客户说车还是有异响"
        close_box(box)
    finally:
        QApplication.instance().removeTranslator(tr)
