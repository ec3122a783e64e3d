"""A full recovery at the counter with the keyboard: case from a D-graded form, every script step,
a remedy within the limit, the callback with a 9, the case closed."""

import re
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.models import FailureCase
from app.scripts.library import library_for
from app.services.cases.opening import timeline
from app.ui.recovery.callbacks_view import CallbacksView
from app.ui.common.ops import Ops
from app.ui.recovery.recovery_stepper import RecoveryStepper
from tests.recovery_helpers import add_user, case_for, d_graded_form


def type_chinese(widget, text):
    widget.setFocus()
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def a_serious_case(store, tmp_path):
    """An advisor's case opened from a D-graded form: (the advisor, the case's id)."""
    adv_id = add_user(store, "张伟", "advisor")
    user = SimpleNamespace(user_id=adv_id, display_name="张伟", role="advisor")
    form_id, ro_id = d_graded_form(store, tmp_path)
    return user, case_for(store, adv_id, failure_type="outcome", cause_group="employee", severity="serious",
                          blame="dealer", mood="angry", form_id=form_id, ro_id=ro_id)


def test_full_recovery_with_the_keyboard(qtbot, store, tmp_path):
    user, case_id = a_serious_case(store, tmp_path)
    adv_id = user.user_id
    ops = Ops()
    stepper = RecoveryStepper(store, ops, library_for(None), user)
    qtbot.addWidget(stepper)
    stepper.resize(1100, 650)
    stepper.show()
    qtbot.waitExposed(stepper)
    stepper.activateWindow()
    stepper.set_case(case_id)
    qtbot.waitUntil(lambda: stepper.guide is not None and stepper.say.text() != "")
    total = len(stepper.guide.steps)
    assert stepper.position.text().startswith("Step 1 of")
    qtbot.keyClick(stepper.note, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # a look ahead records nothing
    assert stepper.position.text().startswith("Step 2 of")
    qtbot.keyClick(stepper.note, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert stepper.position.text().startswith("Step 1 of")

    seen = []
    for n in range(total):
        g = stepper.guide
        step = g.steps[g.current].step
        seen.append(step.kind)
        assert stepper.say.text() == step.say["en"]
        if step.kind == "offer_remedy":
            qtbot.keyClick(stepper.note, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(lambda: stepper.remedy_dialog is not None and stepper.remedy_dialog.isVisible())
            dlg = stepper.remedy_dialog
            qtbot.waitUntil(lambda: "Within your authority" in dlg.authority.text())
            dlg.kind.setFocus()
            qtbot.keyClick(dlg.kind, Qt.Key.Key_Down)  # Free rework -> Discount
            assert dlg.kind.currentData() == "discount"
            dlg.amount.setFocus()
            dlg.amount.selectAll()
            qtbot.keyClicks(dlg.amount, "200")
            type_chinese(dlg.description, "本次工时费八折")
            with qtbot.waitSignal(dlg.remedy_proposed, timeout=5000):
                qtbot.keyClick(dlg.amount, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: "200" in stepper.remedy_line.text())
        type_chinese(stepper.note, "客户说明了情况")
        with qtbot.waitSignal(stepper.step_recorded, timeout=5000):
            qtbot.keyClick(stepper.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: stepper.guide.current == n + 1)
    assert seen[0] == "listen" and "calm" in seen and seen[-1] == "agree_follow_up"
    qtbot.waitUntil(lambda: "waits for its callback" in stepper.finished_label.text())
    assert re.fullmatch(r"Status: Awaiting callback · first response after (\d+ d )?\d+ (h|min)", stepper.clock.text()), \
        stepper.clock.text()

    callbacks = CallbacksView(store, ops, user)
    qtbot.addWidget(callbacks)
    callbacks.show()
    qtbot.waitExposed(callbacks)
    callbacks.activateWindow()
    qtbot.waitUntil(lambda: callbacks.table.rowCount() == 1)
    callbacks.table.setFocus()
    qtbot.keyClick(callbacks.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(callbacks, "dialog", None) is not None and callbacks.dialog.isVisible())
    dlg = callbacks.dialog
    qtbot.waitUntil(lambda: "re-rating of 8 or more closes the case" in dlg.hint.text())
    dlg.rating.setFocus()
    dlg.rating.selectAll()
    qtbot.keyClicks(dlg.rating, "9")
    type_chinese(dlg.words, "车修好了，服务也很周到")
    qtbot.keyClick(dlg.words, Qt.Key.Key_Return)  # root cause missing: refused beside the field
    qtbot.waitUntil(lambda: dlg.errors["root_cause"].text() == "required")
    assert dlg.words.text() == "车修好了，服务也很周到"  # nothing typed is lost
    type_chinese(dlg.root_cause, "技师未按规范拧紧螺栓")
    type_chinese(dlg.improvement, "交车前增加扭矩复检")
    with qtbot.waitSignal(dlg.callback_recorded, timeout=5000):
        qtbot.keyClick(dlg.improvement, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: callbacks.message.text() == "Recovered: the case is closed.")
    qtbot.waitUntil(lambda: callbacks.table.rowCount() == 0)
    ops.wait_idle()

    with store.session() as s:
        case = s.get(FailureCase, case_id)
        assert (case.status, case.recovered, case.root_cause) == ("closed", True, "技师未按规范拧紧螺栓")
    tl = timeline(store, case_id)
    assert [e.payload["kind"] for e in tl if e.kind == "recovery.step"] == seen
    assert all(e.actor_id == adv_id for e in tl)
    assert [e.payload["rating"] for e in tl if e.kind == "callback.reached"] == [9]

    # The closed case's Overview tells its outcome, not only its timeline.
    from app.ui.cases.case_detail_view import CaseDetailView

    detail = CaseDetailView(store, ops, user)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_case(case_id)
    qtbot.waitUntil(lambda: detail.detail is not None and detail.fact_labels["closed_at"].isVisible())
    facts = {k: detail.fact_labels[k].text() for k in detail.outcome_keys}
    assert (facts["recovered"], facts["rerating"], facts["root_cause"], facts["improvement"]) == (
        "Yes", "9", "技师未按规范拧紧螺栓", "交车前增加扭矩复检")
    assert facts["remedy"].endswith(", 200 yuan") and facts["closed_at"] != "-", facts
    ops.wait_idle()


def test_skipping_or_noting_a_step_asks_for_the_note_first_and_records_nothing_without_it(qtbot, store, tmp_path):
    user, case_id = a_serious_case(store, tmp_path)
    stepper = RecoveryStepper(store, Ops(inline=True), library_for(None), user)
    qtbot.addWidget(stepper)
    stepper.show()
    stepper.set_case(case_id)
    qtbot.waitUntil(lambda: stepper.guide is not None)
    def refused(button, asked):
        before, at = len(timeline(store, case_id)), stepper.position.text()
        stepper.error.clear()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert stepper.error.text() == asked
        assert (len(timeline(store, case_id)), stepper.position.text()) == (before, at)

    refused(stepper.note_button, "Write the note first.")
    while not stepper.skip_button.isEnabled():  # the first steps can't be skipped: done, on to one that can
        at = stepper.position.text()
        qtbot.mouseClick(stepper.done_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: stepper.position.text() != at)
    refused(stepper.skip_button, "Write the reason for skipping in the note box, then press Skip again.")
    before, at = len(timeline(store, case_id)), stepper.position.text()
    type_chinese(stepper.note, "客户赶时间，下次再说")
    qtbot.mouseClick(stepper.skip_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stepper.position.text() != at)
    assert len(timeline(store, case_id)) == before + 1
