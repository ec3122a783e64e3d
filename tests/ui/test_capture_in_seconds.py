"""Capture in seconds: a returning customer's complaint from any page by keyboard alone, every key
counted; Enter says what is missing; the feedback form's date is one Tab stop."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.foundation import clock
from app.models import Customer, FailureCase, RepairOrder
from app.services.feedback import forms as feedback_forms
from app.services.cases.opening import NewCase
from app.services.cases.complaints import record_complaint
from app.ui.cases.complaint_dialog import ComplaintDialog
from tests.ui.conftest import commit_text


class Keyboard:
    """Presses keys where the focus is, as a person does, and counts them; typed words are not counted."""

    def __init__(self, qtbot) -> None:
        self.qtbot, self.keys = qtbot, 0

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier, widget=None) -> None:
        target = widget or QApplication.focusWidget()
        assert target is not None, "nothing has the focus"
        self.keys += 1
        self.qtbot.keyClick(target, key, modifier)

    def words(self, text: str) -> None:
        self.qtbot.keyClicks(QApplication.focusWidget(), text)


def returning_customer(store, advisor) -> str:
    """钱女士: an earlier visit with its form, a later visit with none, and an earlier case."""
    earlier = clock.today() - timedelta(days=5)  # earlier than today whatever day the run is on (not the 1st's own)
    feedback_forms.enter_form(store, feedback_forms.FormEntry(
        "RO2611-0007", earlier, "钱女士", "13600001111", "浙A55555", "B", "A", "A"), advisor)
    with store.session() as s:
        customer_id = s.scalar(select(Customer.id).where(Customer.name == "钱女士"))
    record_complaint(store, NewCase("钱女士", "13600001111", "浙A55555", "on_site", "outcome", "system", "minor",
                                    vin="LSVAB4BB5EN012345", model="Passat", customer_id=customer_id),
                     advisor.user_id, repair_order="RO2611-0042")  # the latest visit: a complaint, no form yet
    return customer_id


def complaint_dialog(qtbot=None, window=None) -> ComplaintDialog:
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, ComplaintDialog) and w.isVisible()
                and (window is None or w.parent() is window)]
    if qtbot is not None:  # the dialog becomes the active window, its search box the focus
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search)
    return dialog


def start_on(qtbot, window, page):
    window.show_page(page)
    window.activateWindow()
    qtbot.waitActive(window)
    page.setFocus()
    if QApplication.focusWidget() is None:  # a page that takes no focus itself (Today): the navigation has it
        window.nav.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def test_a_returning_customers_complaint_from_any_page_in_few_keys(qtbot, window, store, advisor):
    customer_id = returning_customer(store, advisor)
    start_on(qtbot, window, window.feedback)  # the advisor is typing forms when the customer walks up
    kb = Keyboard(qtbot)
    kb.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = complaint_dialog(qtbot, window)
    assert QApplication.focusWidget() is dlg.search
    kb.words("A5555")
    qtbot.waitUntil(lambda: dlg.matches.isVisible())
    kb.press(Qt.Key.Key_Return)
    # The customer and the vehicle are filled in, the history is shown, the last visit's order offered.
    assert (dlg.customer_name.text(), dlg.phone.text(), dlg.plate.text()) == ("钱女士", "13600001111", "浙A55555")
    assert (dlg.vin.text(), dlg.model.text()) == ("LSVAB4BB5EN012345", "Passat")
    qtbot.waitUntil(lambda: dlg.returning.isVisible())
    told = dlg.returning.text.text()
    assert "2 visits, 1 forms, 1 cases" in told and "RO2611-0007" in told and "BAA" in told
    assert dlg.repair_order.text() == "RO2611-0042"
    # The failure itself is never taken from the last case: the advisor classifies this one.
    assert (dlg.failure_type.currentIndex(), dlg.cause_group.currentIndex(), dlg.severity.currentIndex()) == (-1, -1, -1)
    assert QApplication.focusWidget() is dlg.customer_words
    commit_text(dlg.customer_words, "车洗完还是脏的")
    kb.press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dlg.failure_type
    kb.press(Qt.Key.Key_P)  # Process failure
    kb.press(Qt.Key.Key_Tab)
    kb.press(Qt.Key.Key_E)  # Employee error
    kb.press(Qt.Key.Key_Tab)
    kb.press(Qt.Key.Key_S)  # Serious
    with qtbot.waitSignal(dlg.case_saved) as saved:
        kb.press(Qt.Key.Key_Return)
    assert kb.keys <= 15, kb.keys
    print(f"\na returning customer's complaint from the Feedback page: {kb.keys} keys plus the words")
    with store.session() as s:
        case = s.get(FailureCase, saved.args[0].id)
        assert (case.customer_id, case.failure_type, case.cause_group, case.severity, case.channel) == (
            customer_id, "process", "employee", "serious", "on_site")
        assert s.get(RepairOrder, case.repair_order_id).number == "RO2611-0042"
        assert s.scalar(select(Customer.id).where(Customer.name == "钱女士")) == customer_id  # no second customer
    assert window.pages.currentWidget() is window.cases  # the new case is shown


def test_enter_on_an_incomplete_complaint_says_what_is_missing_and_saves_nothing(qtbot, window, store, advisor):
    returning_customer(store, advisor)
    start_on(qtbot, window, window.today)
    kb = Keyboard(qtbot)
    kb.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = complaint_dialog(qtbot, window)
    kb.words("A5555")
    qtbot.waitUntil(lambda: dlg.matches.isVisible())
    kb.press(Qt.Key.Key_Return)
    kb.press(Qt.Key.Key_Tab)
    kb.press(Qt.Key.Key_Tab)  # past the failure type, to the cause
    kb.press(Qt.Key.Key_Return)  # (in the customer's words Enter starts a new line, as in any text box)
    assert dlg.status.text() == "Still needed: Failure type, Cause, Severity"
    assert QApplication.focusWidget() is dlg.failure_type
    kb.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S says the same
    assert dlg.isVisible() and dlg.status.text().startswith("Still needed")
    # A second Ctrl+N brings the same dialog forward, it never opens another.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert complaint_dialog(window=window) is dlg
    with store.session() as s:
        assert len(s.scalars(select(FailureCase.id)).all()) == 1  # only the earlier case
    dlg.reject()


def test_the_feedback_forms_key_and_one_tab_stop_for_the_date(qtbot, window, store, advisor):
    start_on(qtbot, window, window.today)
    kb = Keyboard(qtbot)
    kb.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.feedback
    assert window.pages.currentWidget() is view and QApplication.focusWidget() is view.repair_order
    day = view.service_date.date()
    kb.words("RO2611-0100")
    kb.press(Qt.Key.Key_Tab)  # one stop per field: the date next (the Open button is Alt+O), then the name
    assert QApplication.focusWidget() is view.service_date
    kb.press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.customer_name
    kb.words("Wang")
    assert view.customer_name.text() == "Wang" and view.service_date.date() == day
    kb.press(Qt.Key.Key_Tab)
    kb.press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.plate  # one stop for the phone, none for "plate unknown"


def test_a_phone_typed_into_its_field_finds_the_returning_customer_too(qtbot, window, store, advisor):
    customer_id = returning_customer(store, advisor)
    start_on(qtbot, window, window.today)
    kb = Keyboard(qtbot)
    kb.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = complaint_dialog(qtbot, window)
    commit_text(dlg.customer_name, "钱女士")
    dlg.phone.setFocus()
    kb.words("136 0000 1111")
    kb.press(Qt.Key.Key_Tab)  # leaving the field looks the phone up
    qtbot.waitUntil(lambda: dlg.returning.isVisible())
    assert dlg.customer_id == customer_id
    assert (dlg.plate.text(), dlg.vin.text(), dlg.repair_order.text()) == ("浙A55555", "LSVAB4BB5EN012345", "RO2611-0042")
    assert dlg.phone.text() == "136 0000 1111"  # what was typed stays as typed
    dlg.reject()


def test_a_phone_of_nobody_known_finds_nothing(qtbot, window, store, advisor):
    returning_customer(store, advisor)
    start_on(qtbot, window, window.today)
    Keyboard(qtbot).press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = complaint_dialog(qtbot, window)
    dlg.phone.setFocus()
    qtbot.keyClicks(dlg.phone, "13600001112")
    qtbot.keyClick(dlg.phone, Qt.Key.Key_Tab)
    assert dlg.customer_id is None and not dlg.returning.isVisible() and dlg.plate.text() == ""
    dlg.reject()


def test_the_same_complaint_in_chinese_by_arrow_keys(qtbot, store, ops, advisor):
    """In Chinese the choices are not typed by their first letter: arrow keys choose them, still within 15 keys."""
    from app.ui.common.i18n import apply_language
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    returning_customer(store, advisor)
    create_app()
    apply_language("zh_CN")
    try:
        window = MainWindow(store, ops, advisor)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        start_on(qtbot, window, window.today)
        kb = Keyboard(qtbot)
        kb.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        dlg = complaint_dialog(qtbot, window)
        kb.words("13600001111")
        qtbot.waitUntil(lambda: dlg.matches.isVisible())
        kb.press(Qt.Key.Key_Return)
        commit_text(dlg.customer_words, "车洗完还是脏的")
        for downs in (2, 2, 3):  # 过程失败, 员工失误, 严重
            kb.press(Qt.Key.Key_Tab)
            for _ in range(downs):
                kb.press(Qt.Key.Key_Down)
        assert (dlg.failure_type.currentText(), dlg.severity.currentData()) == ("过程失败", "serious")
        with qtbot.waitSignal(dlg.case_saved):
            kb.press(Qt.Key.Key_Return)
        assert kb.keys <= 15, kb.keys
        print(f"\nthe same in Chinese: {kb.keys} keys plus the words")
    finally:
        apply_language("en")
