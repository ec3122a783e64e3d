"""Agreeing the follow-up at the counter: the advisor picks the day and part of the day the customer
wants the call; Callbacks due says "Scheduled" until then and "Due" from then on."""

from datetime import timedelta
from types import SimpleNamespace

from PySide6.QtCore import Qt

from app.foundation import clock
from app.rules.recovery import callback_due_at
from app.rules.vocab import StepKind
from app.scripts.library import library_for
from app.ui.common.dates import qdate_today
from app.ui.common.ops import Ops
from app.ui.recovery.callbacks_view import CallbacksView
from app.ui.recovery.recovery_stepper import RecoveryStepper
from tests.recovery_helpers import T0, add_user, case_for
from tests.unit.test_recovery_life import follow_script


def test_the_customer_picks_the_evening_five_days_on(qtbot, store, monkeypatch):
    adv_id = add_user(store, "张伟", "advisor")
    user = SimpleNamespace(user_id=adv_id, display_name="张伟", role="advisor")
    case_id = case_for(store, adv_id)
    follow_script(store, case_id, adv_id, T0, until=StepKind.AGREE_FOLLOW_UP)
    ops = Ops()
    stepper = RecoveryStepper(store, ops, library_for(None), user)
    qtbot.addWidget(stepper)
    stepper.show()
    stepper.set_case(case_id)
    qtbot.waitUntil(lambda: stepper.guide is not None and stepper.follow_up.isVisible())
    assert stepper.guide.steps[stepper.shown].step.kind == StepKind.AGREE_FOLLOW_UP
    assert stepper.follow_up_day.date() >= qdate_today()  # never offers a day already gone

    stepper.follow_up_day.setDate(qdate_today().addDays(5))
    stepper.follow_up_part.setFocus()
    for _ in range(3):  # any time -> morning -> afternoon -> evening
        qtbot.keyClick(stepper.follow_up_part, Qt.Key.Key_Down)
    assert stepper.follow_up_part.currentData() == "evening"
    with qtbot.waitSignal(stepper.step_recorded, timeout=5000):
        qtbot.keyClick(stepper.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stepper.guide.finished and not stepper.follow_up.isVisible())

    view = CallbacksView(store, ops, user)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1)
    day = (clock.today() + timedelta(days=5)).isoformat()
    assert view.table.item(0, 0).text() == f"{day} 18:00"
    assert view.table.item(0, 5).text() == "Scheduled"

    evening = callback_due_at(clock.today() + timedelta(days=5), "evening")
    monkeypatch.setenv(clock.ENV, clock.setting_for(evening + timedelta(minutes=1)))  # the evening came
    view.refresh()
    qtbot.waitUntil(lambda: view.table.item(0, 5).text() != "Scheduled")
    assert view.table.item(0, 5).text() == "Due"
