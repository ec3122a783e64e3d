"""Today lists a case whose first response is late; activating it opens the case with its Recovery tab."""

from PySide6.QtCore import Qt

from app.foundation import clock
from app.services.changes import CASES
from tests.recovery_helpers import T0, case_for


def test_overdue_case_on_today_opens_the_case(qtbot, window, store, advisor):
    box = window.recovery.overdue
    assert not box.isVisible()  # nothing late on a fresh store
    case_id = case_for(store, advisor.user_id, at=T0)  # opened long ago, never answered
    window.ops.announce(CASES)  # as the operation that opened it would announce
    qtbot.waitUntil(lambda: box.list.count() == 1)
    assert box.isVisible() and box.title() == "Overdue (1)"
    assert box.list.item(0).text().endswith("no first response yet")
    box.list.setFocus()
    box.list.setCurrentRow(0)
    qtbot.keyClick(box.list, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.cases
    qtbot.waitUntil(lambda: window.recovery.stepper.guide is not None
                    and window.recovery.stepper.guide.case_id == case_id)
    assert window.recovery.stepper.clock.text() == "Status: Open · First response overdue"
    model = window.cases.model
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.case_at(0) is not None)
    assert model.case_at(0).overdue
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ForegroundRole).name() == "#b00020"
    assert "Overdue" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def test_today_lists_callbacks_due_by_tonight_with_their_due_time(qtbot, window, store, advisor):
    """A callback due days ago is listed, marked overdue, with its due time; one due in three days is not."""
    from app.models import utcnow
    from tests.unit.test_recovery_life import follow_script

    late = case_for(store, advisor.user_id, at=T0)
    follow_script(store, late, advisor.user_id, T0)  # callback due three days after T0: long past
    soon = case_for(store, advisor.user_id, at=utcnow())
    follow_script(store, soon, advisor.user_id, utcnow())  # due in three days
    window.ops.announce(CASES)
    today = window.today
    qtbot.waitUntil(lambda: today.callbacks.count() == 1)
    assert today.callbacks_box.title() == "Callbacks due (1)"
    item = today.callbacks.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == late
    day = "11-05" if clock.today().year == T0.year else f"{T0.year}-11-05"  # the year only when not this year
    assert f" · due {day} " in item.text() and item.text().endswith(" · overdue")
    assert item.foreground().color().name() == "#b00020"
