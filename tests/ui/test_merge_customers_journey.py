"""A supervisor merges two records of one customer from a case: finds the other record, sees both
histories, keeps one, confirms; the case's customer history then holds both. An advisor has no
such button."""

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.foundation import clock
from app.models import Customer
from app.services.cases import complaints
from app.services.feedback import forms as feedback_forms
from tests.synchelp import new_case


def _main_window(qtbot, store, ops, user):
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    create_app()
    w = MainWindow(store, ops, user)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def _tree(tree) -> list[str]:
    return [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]


def test_a_supervisor_merges_two_records_of_one_customer(qtbot, store, ops, admin, advisor):
    ref = complaints.record_complaint(store, new_case(customer_name="李明", phone="13812345678", plate="京A12345"),
                                      admin.user_id)
    feedback_forms.enter_form(store, feedback_forms.FormEntry(
        "RO7", clock.today() - timedelta(days=1), "李明", "13900000001", "京B22222", "A", "B", "C"), admin)

    plain = _main_window(qtbot, store, ops, advisor)
    plain.cases.show_case(ref.id)
    assert not plain.cases.detail.merge_button.isVisibleTo(plain)  # an advisor doesn't merge
    plain.close()

    w = _main_window(qtbot, store, ops, admin)
    detail = w.cases.detail
    w.show_page(w.cases)
    w.cases.show_case(ref.id)
    qtbot.waitUntil(lambda: detail.detail is not None)
    assert _tree(detail.history) == [f"Case {ref.number}"]
    detail.tabs.setCurrentIndex(2)
    qtbot.mouseClick(detail.merge_button, Qt.MouseButton.LeftButton)
    dlg = detail.merge_dialog
    qtbot.waitUntil(lambda: dlg.mine.topLevelItemCount() == 1)
    assert not dlg.merge_button.isEnabled()
    qtbot.keyClicks(dlg.search, "1390000")
    qtbot.waitUntil(lambda: dlg.matches.count() == 1, timeout=5000)
    assert "13900000001" in dlg.matches.item(0).text()
    dlg.matches.setCurrentRow(0)
    qtbot.waitUntil(lambda: _tree(dlg.theirs) == ["Visit RO7 京B22222"])  # both histories side by side
    assert "13812345678" in dlg.keep_this.text() and "13900000001" in dlg.keep_other.text()
    assert not dlg.merge_button.isEnabled()  # not before the supervisor confirms
    qtbot.mouseClick(dlg.confirm, Qt.MouseButton.LeftButton)
    assert dlg.merge_button.isEnabled()
    with qtbot.waitSignal(dlg.merged) as merged:
        qtbot.mouseClick(dlg.merge_button, Qt.MouseButton.LeftButton)
    assert (merged.args[0].cases, merged.args[0].forms) == (0, 1)
    qtbot.waitUntil(lambda: len(_tree(detail.history)) == 2)  # the case's page follows the change
    assert sorted(_tree(detail.history)) == sorted([f"Case {ref.number}", "Visit RO7"])
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 1
