"""Today's failure forms: one gesture opens one complaint dialog, and the case it starts carries the
form's repair order."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.foundation import clock
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.drafts import DraftBox
from app.ui.cases.complaint_dialog import ComplaintDialog
from app.ui.common.ops import Ops
from app.ui.today.today_view import TodayView


def open_complaint_dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ComplaintDialog) and w.isVisible()]


def test_double_click_on_a_failure_form_opens_one_dialog_with_its_repair_order(qtbot, store, tmp_path):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    feedback_forms.enter_form(store, feedback_forms.FormEntry(
        repair_order="RO-2611-0077", service_date=clock.today(), customer_name="王伟", phone="13812345678",
        plate="京A12345", timeliness="A", repair_quality="E", attitude="D", overall=3), admin)
    ops = Ops()
    view = TodayView(store, ops, admin, DraftBox(tmp_path / "drafts"))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.failure_forms.count() == 1)
    lst = view.failure_forms
    rect = lst.visualItemRect(lst.item(0))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(open_complaint_dialogs()) >= 1)
    qtbot.keyClick(lst, Qt.Key.Key_Return)  # and Enter on the same row while it is open
    qtbot.waitUntil(lambda: not ops.busy)  # every answer the gestures asked for has come back
    [dialog] = open_complaint_dialogs()
    assert dialog.repair_order.text() == "RO-2611-0077"
    assert dialog.links["form_id"] is not None and dialog.customer_name.text() == "王伟"
    dialog.reject()
