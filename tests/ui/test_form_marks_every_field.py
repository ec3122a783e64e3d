"""Journey: a feedback form with several wrong fields gets every one marked at once; each mark goes
as its field is put right; the fields below a one-line mark don't move; "Plate unknown" is a choice."""

from datetime import timedelta

from PySide6.QtCore import QDate, Qt

from app.foundation import clock
from app.rules import identifiers
from app.services.feedback import forms as feedback_forms
from tests.ui.conftest import commit_text


def test_every_wrong_field_is_marked_at_once_and_cleared_as_it_is_fixed(qtbot, window, store):
    view = window.feedback
    window.show_page(view)
    qtbot.waitUntil(lambda: view.isVisible())
    ahead = clock.today() + timedelta(days=2)
    view.service_date.setDate(QDate(ahead.year, ahead.month, ahead.day))
    qtbot.keyClicks(view.phone, "12345")  # the phone
    qtbot.keyClicks(view.plate, "A12345")  # no province
    view.pickers["timeliness"].setFocus()
    qtbot.keyClick(view.pickers["timeliness"], "a")
    below = view.plate.mapTo(view, view.plate.rect().topLeft()).y()
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.save_button.isEnabled())
    marked = {name for name, err in view.fields.errors.items() if err.isVisible()}
    assert marked == {"repair_order", "service_date", "customer_name", "phone", "plate", "repair_quality",
                      "attitude"}
    assert view.fields.errors["repair_order"].text() == "required"
    assert view.fields.errors["service_date"].text().endswith("a service date can't be in the future")
    assert view.fields.errors["phone"].text().startswith("not a phone number")
    assert view.repair_order.hasFocus()  # the first to fix
    # Nothing typed is lost.
    assert (view.phone.text(), view.plate.text(), view.values()["timeliness"]) == ("12345", "A12345", "A")

    # Put right one by one: each mark goes with its fix, the others stay.
    qtbot.keyClicks(view.repair_order, "RO2611-0099")
    assert not view.fields.errors["repair_order"].isVisible()
    commit_text(view.customer_name, "孙女士")
    assert not view.fields.errors["customer_name"].isVisible()
    view.phone.clear()
    qtbot.keyClicks(view.phone, "1370000")
    assert view.fields.errors["phone"].isVisible()  # still wrong while half typed
    qtbot.keyClicks(view.phone, "2222")
    assert not view.fields.errors["phone"].isVisible()
    # The customer doesn't know the plate: an explicit choice, not an empty box.
    qtbot.mouseClick(view.plate_unknown, Qt.MouseButton.LeftButton)
    assert not view.fields.errors["plate"].isVisible() and not view.plate.isEnabled()
    today = clock.today()
    view.service_date.setDate(QDate(today.year, today.month, today.day))
    assert not view.fields.errors["service_date"].isVisible()
    for item, key in (("repair_quality", "b"), ("attitude", "c")):
        view.pickers[item].setFocus()
        qtbot.keyClick(view.pickers[item], key)
    assert not any(err.isVisible() for err in view.fields.errors.values())
    with qtbot.waitSignal(view.form_saved) as saved:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    d = feedback_forms.form_detail(store, saved.args[0].form_id)
    assert (d.repair_order, d.phone, d.plate) == ("RO2611-0099", "13700002222", identifiers.PLATE_UNKNOWN)
    assert view.plate.mapTo(view, view.plate.rect().topLeft()).y() >= below  # sanity: the plate is laid out


def test_a_one_line_mark_moves_nothing_below_it(qtbot, window):
    view = window.feedback
    window.show_page(view)
    qtbot.waitUntil(lambda: view.isVisible())
    where = lambda w: w.mapTo(view, w.rect().topLeft()).y()  # noqa: E731
    before = (where(view.customer_name), where(view.phone), where(view.overall))
    view.fields.show_error("repair_order", "required")
    qtbot.wait(10)  # let the layout settle (a jump would show here)
    assert (where(view.customer_name), where(view.phone), where(view.overall)) == before
