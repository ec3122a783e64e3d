"""The 3-day call, as an advisor makes it: yesterday's repair orders imported from the management system,
the call list shows the riskiest first with its reasons, a call not reached then reached, the form filled
from the call, and the failure it finds opens a recovery case."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.foundation import clock
from app.models import Event, FailureCase
from app.services import settings
from app.services.imports.feedback_store import import_feedback_file
from app.services.orders.store import import_orders_file
from tests.helpers import csv_file, form_line
from tests.ui.test_journeys import choose

HEADER = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type"


def at(days_ago: int, hour: int) -> str:
    return (clock.local_now() - timedelta(days=days_ago)).replace(hour=hour, minute=0).strftime("%Y-%m-%d %H:%M")


def order(ro, days_ago, i, *, late=False, work="保养"):
    return (f"{ro},{at(days_ago, 8)},{at(days_ago, 12)},{at(days_ago, 16 if late else 11)},李娜,客户{i},"
            f"1381234{i:04d},京A{i:05d},{work}")


def history(store, tmp_path):
    """Last month's orders and their forms: the late ones failed."""
    rows = [order(f"H{i}", 40, i, late=i % 2 == 1) for i in range(40)]
    forms = [form_line(at(40, 0)[:10], f"H{i}", "DBA" if i % 2 else "AAA", customer=f"客户{i}",
                       phone=f"1381234{i:04d}", plate=f"京A{i:05d}") for i in range(40)]
    import_orders_file(store, csv_file(tmp_path / "h.csv", rows, header=HEADER))
    import_feedback_file(store, csv_file(tmp_path / "hf.csv", forms))
    with store.session() as s, s.begin():
        settings.put(s, "calls.due_day", 1)  # this dealer calls the day after delivery


def test_the_riskiest_call_first_made_and_its_failure_opens_a_case(qtbot, window, store, tmp_path):
    history(store, tmp_path)
    view = window.calls
    window.show_page(view)
    qtbot.waitUntil(lambda: "0 calls" in view.summary.text())
    # Yesterday's orders from the management system, imported from the call list.
    yesterday = csv_file(tmp_path / "yesterday.csv", [order("Y1", 1, 101), order("Y2", 1, 102, late=True),
                                                      order("Y3", 1, 103, work="钣喷")], header=HEADER)
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    dialog = view.orders_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.path, str(yesterday))
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.close()
    qtbot.waitUntil(lambda: view.table.rowCount() == 3)
    assert view.table.item(0, 1).text() == "Y2"  # the late one: riskiest
    assert view.table.item(0, 7).text() == "promised time missed by 4.0 h"
    assert int(view.table.item(0, 0).text().rstrip("%")) > 80 > 20 > int(view.table.item(1, 0).text().rstrip("%"))

    view.table.selectRow(0)
    qtbot.mouseClick(view.not_reached_button, Qt.MouseButton.LeftButton)  # nobody answered the first time
    qtbot.waitUntil(lambda: view.table.rowCount() == 3 and view.table.item(0, 6).text() == "1")
    view.table.selectRow(0)
    qtbot.mouseClick(view.reached_button, Qt.MouseButton.LeftButton)
    call = view.call_dialog
    qtbot.waitExposed(call)
    form = call.form
    assert (form.repair_order.text(), form.customer_name.text(), form.plate.text()) == ("Y2", "客户102", "京A00102")
    for item, key in zip(("timeliness", "repair_quality", "attitude"), "EBA"):  # "you kept me waiting"
        form.pickers[item].setFocus()
        qtbot.keyClick(form.pickers[item], key)
    with qtbot.waitSignal(call.reached):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.open_case_button.isVisible()  # a failure: the case is opened as from any form
    qtbot.mouseClick(form.open_case_button, Qt.MouseButton.LeftButton)
    complaint = form.complaint
    qtbot.waitExposed(complaint)
    choose(qtbot, complaint.cause_group, "Serv")
    with qtbot.waitSignal(complaint.case_saved) as saved:
        qtbot.mouseClick(complaint.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(call.findChild(type(view.import_button), "closeCall"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 2)  # reached: off the list
    with store.session() as s:
        case = s.scalar(select(FailureCase).where(FailureCase.number == saved.args[0].number))
        assert case is not None
        kinds = s.scalars(select(Event.kind).where(Event.entity_type == "order").order_by(Event.occurred_at, Event.seq)).all()
    assert kinds[-2:] == ["order.call_attempted", "order.call_reached"]


def main_window(qtbot, store, ops, user):
    """The desk as it opens after the PIN, on what the store already holds."""
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    create_app()
    w = MainWindow(store, ops, user)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def yesterdays_orders(store, tmp_path):
    import_orders_file(store, csv_file(tmp_path / "yesterday.csv", [
        order("Y1", 1, 101), order("Y2", 1, 102, late=True), order("Y3", 1, 103, work="钣喷")], header=HEADER))


def test_the_riskiest_call_on_today_opens_on_the_call_list_and_is_made(qtbot, store, ops, advisor, tmp_path):
    history(store, tmp_path)
    yesterdays_orders(store, tmp_path)
    w = main_window(qtbot, store, ops, advisor)
    box = w.today.risky_calls
    # The model is fitted in the background once Today is up; then the riskiest call comes first.
    qtbot.waitUntil(lambda: box.list.count() == 3, timeout=10000)
    assert box.isVisible() and "(3 due)" in box.title()
    first = box.list.item(0).text()
    assert first.startswith("Y2 · 客户102 · high risk (") and first.endswith("%) · promised time missed by 4.0 h"), first
    assert "low risk" in box.list.item(1).text()
    rect = box.list.visualItemRect(box.list.item(0))
    assert box.list.viewport().rect().contains(rect)  # on screen, not scrolled away
    qtbot.mouseClick(box.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(box.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = w.calls
    assert w.pages.currentIndex() == w.nav.currentRow() and w.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "calls"
    qtbot.waitUntil(lambda: view.chosen() is not None)
    assert view.chosen().repair_order == "Y2" and view.table.item(0, 1).text() == "Y2"

    qtbot.mouseClick(view.reached_button, Qt.MouseButton.LeftButton)  # the customer answers
    call = view.call_dialog
    qtbot.waitExposed(call)
    form = call.form
    for item, key in zip(("timeliness", "repair_quality", "attitude"), "BAA"):
        form.pickers[item].setFocus()
        qtbot.keyClick(form.pickers[item], key)
    with qtbot.waitSignal(call.reached):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    call.accept()
    qtbot.waitUntil(lambda: box.list.count() == 2)  # made: off Today's list too
    assert not any(box.list.item(i).text().startswith("Y2 ") for i in range(2))


def test_enter_on_a_risky_call_opens_it(qtbot, store, ops, advisor, tmp_path):
    history(store, tmp_path)
    yesterdays_orders(store, tmp_path)
    w = main_window(qtbot, store, ops, advisor)
    box = w.today.risky_calls
    qtbot.waitUntil(lambda: box.list.count() == 3, timeout=10000)
    box.list.setFocus()
    box.list.setCurrentRow(1)
    wanted = box.list.item(1).text().split(" · ")[0]
    qtbot.keyClick(box.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.calls.chosen() is not None)
    assert w.calls.chosen().repair_order == wanted
