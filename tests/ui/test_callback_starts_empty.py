"""The callback's re-rating starts empty, like the grades: Save without choosing asks for it and
changes nothing (a preselected 8 used to close the case as recovered)."""

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from app.foundation.errors import InvalidInput
from app.services.recovery.callbacks import callbacks_due, record_reached
from app.ui.common.ops import Ops
from app.ui.recovery.callbacks_view import CallbacksView
from tests.recovery_helpers import add_user, case_for
from tests.ui.test_failed_rerating_journey import walk


def test_save_without_a_re_rating_asks_for_it_and_keeps_the_case_open(qtbot, store):
    adv = SimpleNamespace(user_id=add_user(store, "张伟", "advisor"), is_supervisor=False)
    case_id = case_for(store, adv.user_id, failure_type="process", cause_group="communication")
    walk(store, case_id, adv.user_id)
    callbacks = CallbacksView(store, Ops(), adv)
    qtbot.addWidget(callbacks)
    callbacks.show()
    qtbot.waitUntil(lambda: callbacks.table.rowCount() == 1)
    callbacks.on_record_clicked()
    qtbot.waitUntil(lambda: callbacks.dialog is not None and callbacks.dialog.isVisible())
    dlg = callbacks.dialog
    assert dlg.rating.value() == 0 and dlg.rating.text() == "choose 1-10"  # nothing chosen
    save = dlg.buttons.button(dlg.buttons.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.errors["rating"].text() != "")
    assert dlg.errors["rating"].text() == "choose the customer's re-rating from 1 to 10"
    assert dlg.isVisible()
    [due] = callbacks_due(store)
    assert due.case_id == case_id  # still waiting for its callback: nothing was recorded
    # Choosing one saves.
    dlg.rating.setFocus()
    dlg.rating.selectAll()
    qtbot.keyClicks(dlg.rating, "9")
    dlg.root_cause.setText("x")
    dlg.improvement.setText("y")
    with qtbot.waitSignal(dlg.callback_recorded):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_the_core_refuses_a_callback_without_a_re_rating(store):
    adv = add_user(store, "张伟", "advisor")
    case_id = case_for(store, adv, failure_type="process", cause_group="communication")
    walk(store, case_id, adv)
    [due] = callbacks_due(store)
    with pytest.raises(InvalidInput) as err:
        record_reached(store, due.id, None, "", adv)
    assert err.value.params["field"] == "rating"
