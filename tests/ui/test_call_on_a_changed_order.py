"""A 3-day call on a repair order that another counter's call changed meanwhile (it came in by sync):
the desk says who changed it and when, records nothing, keeps the form typed on the call, and records
the call when the advisor saves again, having seen the change; "Not reached" likewise, the list
refreshed to show the other call."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea
from sqlalchemy import select

from app.foundation import clock
from app.foundation.ids import new_id
from app.models import Event, FeedbackForm, RepairOrder, User, utcnow
from app.models.event_codec import event_row
from app.services.orders.store import import_orders_file
from tests.helpers import csv_file

HEADER = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type"
ELSEWHERE = new_id()  # another counter's store id


def at(days_ago: int, hour: int) -> str:
    return (clock.local_now() - timedelta(days=days_ago)).replace(hour=hour, minute=0).strftime("%Y-%m-%d %H:%M")


def order(ro: str, i: int) -> str:
    return f"{ro},{at(4, 8)},{at(4, 12)},{at(4, 11)},李娜,客户{i},1381234{i:04d},京A{i:05d},保养"


def called_at_another_counter(store, number: str) -> None:
    """What a pull applies when 李娜 recorded a call at another counter: the order's next version."""
    with store.session() as s, s.begin():
        ro = s.scalar(select(RepairOrder).where(RepairOrder.number == number))
        li = s.scalar(select(User.id).where(User.username == "li"))
        ro.version += 1
        s.add(Event(**event_row("order", ro.id, ro.version, "order.call_attempted",
                                {"repair_order": number, "form_id": None, "note": ""}, actor_id=li,
                                dealer_id=ro.dealer_id, origin=ELSEWHERE, occurred_at=utcnow())))


def in_view(page, widget) -> bool:
    """Whether ``widget``'s top is inside its scrolling page's visible part."""
    viewport = page.findChild(QScrollArea).viewport()
    return 0 <= widget.mapTo(viewport, QPoint(0, 0)).y() < viewport.height()


def kinds(store, number: str) -> list[str]:
    with store.session() as s:
        ro_id = s.scalar(select(RepairOrder.id).where(RepairOrder.number == number))
        return s.scalars(select(Event.kind).where(Event.entity_id == ro_id).order_by(Event.seq)).all()


def test_a_call_on_a_changed_order_is_refused_and_nothing_typed_is_lost(qtbot, window, store, tmp_path):
    import_orders_file(store, csv_file(tmp_path / "o.csv", [order("R1", 1), order("R2", 2)], header=HEADER))
    view = window.calls
    window.show_page(view)
    qtbot.waitUntil(lambda: view.table.rowCount() == 2)
    row = [view.table.item(r, 1).text() for r in range(2)].index("R1")
    view.table.selectRow(row)
    qtbot.mouseClick(view.reached_button, Qt.MouseButton.LeftButton)
    call = view.call_dialog
    qtbot.waitExposed(call)
    form = call.form
    for item, key in zip(("timeliness", "repair_quality", "attitude"), "EBA"):
        form.pickers[item].setFocus()
        qtbot.keyClick(form.pickers[item], key)
    typed = form.values()
    called_at_another_counter(store, "R1")  # while the customer answers, a sync brings 李娜's call

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.result_bar.isVisible() and "changed by" in form.result_text.text())
    assert form.result_text.text().startswith("Repair order R1 was changed by 李娜 at another counter at ")
    assert form.values() == typed  # nothing typed lost
    qtbot.waitUntil(lambda: in_view(form, form.result_bar))  # scrolled into view from the Save at the bottom
    with store.session() as s:
        assert s.scalar(select(FeedbackForm.id)) is None
    assert kinds(store, "R1") == ["order.created", "order.call_attempted"]

    with qtbot.waitSignal(call.reached):  # seen the change, saved again: the form and the call, together
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert kinds(store, "R1") == ["order.created", "order.call_attempted", "order.call_reached"]
    qtbot.mouseClick(call.findChild(type(view.import_button), "closeCall"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1)

    # "Not reached" on an order changed meanwhile: refused in words, the list shows the other call.
    called_at_another_counter(store, "R2")
    view.table.selectRow(0)
    qtbot.mouseClick(view.not_reached_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "changed by 李娜 at another counter" in view.error.text())
    qtbot.waitUntil(lambda: view.table.item(0, 6).text() == "1")  # the call made at the other counter
    assert kinds(store, "R2") == ["order.created", "order.call_attempted"]
    view.table.selectRow(0)
    qtbot.mouseClick(view.not_reached_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.item(0, 6).text() == "2")
    assert kinds(store, "R2") == ["order.created", "order.call_attempted", "order.call_attempted"]
