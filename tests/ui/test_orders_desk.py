"""Repair orders at the desk: yesterday's orders from the management system imported through the import
dialog (a bad line refused whole, named, then fixed); an order typed by hand with every wrong field marked."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.foundation import clock
from app.models import RepairOrder
from tests.ui.conftest import commit_text

HEADER = "工单号,开单时间,承诺交车时间,交车时间,服务顾问,客户,电话,车牌,VIN/车架号,维修类型,金额,里程"


def orders(store) -> dict[str, RepairOrder]:
    with store.session() as s:
        return {r.number: r for r in s.scalars(select(RepairOrder))}


def yesterdays_file(path, *, bad: bool):
    day = (clock.local_now() - timedelta(days=1)).strftime("%Y-%m-%d")
    lines = [HEADER,
             f"RO-A1,{day} 08:30,{day} 12:00,{day} 11:40,李娜,王芳,13812345678,京A12345,,保养,680,15230",
             f"RO-A2,{day} 09:00,{day} 15:00,{day} 18:20,李娜,陈杰,13912345678,沪B54321,,钣喷,5200.5,40211",
             f"RO-A3,{day} 10:00,{day} 16:00,{day} 15:10,张伟,赵敏,13712345678,粤C11111,,电瓶更换,"
             + ("abc" if bad else "320") + ",8000"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_yesterdays_orders_are_imported_from_the_desk(qtbot, window, store, tmp_path):
    window.show_page(window.feedback)
    qtbot.mouseClick(window.feedback.import_orders_button, Qt.MouseButton.LeftButton)
    dialog = window.feedback.orders_dialog
    qtbot.waitExposed(dialog)
    f = yesterdays_file(tmp_path / "dms.csv", bad=True)
    qtbot.keyClicks(dialog.path, str(f))
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.isVisible() and dialog.problems.rowCount() == 1)
    assert (dialog.problems.item(0, 0).text(), dialog.problems.item(0, 1).text()) == ("4", "Amount (yuan)")
    assert not dialog.import_button.isEnabled()
    assert dialog.preview.item(1, 10).text() == "bodywork"  # a standard work type in words
    assert orders(store) == {}
    yesterdays_file(f, bad=False)
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    assert dialog.import_button.text() == "Import these repair orders (3)"
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    got = orders(store)
    assert sorted(got) == ["RO-A1", "RO-A2", "RO-A3"]
    assert (got["RO-A2"].work_type, got["RO-A2"].amount_cents, got["RO-A3"].work_type) == ("bodywork", 520050, "电瓶更换")
    assert "3 new repair orders" in dialog.status.text()


def test_an_order_typed_by_hand_marks_every_wrong_field_and_keeps_what_was_typed(qtbot, window, store):
    window.show_page(window.feedback)
    qtbot.mouseClick(window.feedback.add_order_button, Qt.MouseButton.LeftButton)
    dialog = window.feedback.order_dialog
    qtbot.waitExposed(dialog)
    e = dialog.edits
    qtbot.keyClicks(e["repair_order"], "ro-h1")
    qtbot.keyClicks(e["opened"], "soon")
    commit_text(e["advisor"], "李娜")
    qtbot.keyClicks(e["phone"], "123")
    commit_text(e["plate"], "京A12345")
    qtbot.keyClicks(e["work_type"], "repair")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form.error("phone") != "")
    assert {n for n in ("opened", "customer", "phone") if dialog.form.error(n)} == {"opened", "customer", "phone"}
    assert dialog.form.error("repair_order") == "" and e["repair_order"].text() == "ro-h1"
    e["opened"].clear()
    when = (clock.local_now() - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    qtbot.keyClicks(e["opened"], when)
    commit_text(e["customer"], "王芳")
    e["phone"].clear()
    qtbot.keyClicks(e["phone"], "13812345678")
    with qtbot.waitSignal(dialog.added):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ro = orders(store)["RO-H1"]
    assert (ro.work_type, ro.source) == ("repair", "counter")
