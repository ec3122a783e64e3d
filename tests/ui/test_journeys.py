"""User journeys at the counter, driving the real widgets with keyboard and mouse."""

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from sqlalchemy import select

from app.foundation import clock
from app.models import Customer
from app.services.cases import case_queries
from app.services.feedback import forms as feedback_forms
from tests.ui.conftest import commit_text


def test_first_start_creates_the_admin_then_wrong_pin_then_lock(qtbot, store, ops):
    from app.ui.shell.shell import Shell

    shell = Shell(ops, store=store)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    assert dialog.forms.currentWidget() is dialog.admin_form
    qtbot.keyClicks(dialog.admin_user, "boss")
    commit_text(dialog.admin_name, "王经理")
    qtbot.keyClicks(dialog.admin_pin, "2468")
    qtbot.keyClicks(dialog.admin_pin2, "2469")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert "differ" in dialog.admin_form.errors["pin2"].text()
    assert dialog.admin_user.text() == "boss" and dialog.admin_name.text() == "王经理"
    dialog.admin_pin2.clear()
    qtbot.keyClicks(dialog.admin_pin2, "2468")
    with qtbot.waitSignal(shell.window_shown):
        qtbot.keyClick(dialog.admin_pin2, Qt.Key.Key_Return)
    w = shell.window
    qtbot.addWidget(w)
    assert w.user_label.text() == "Signed in: 王经理"
    assert w.sync_label.text() == "Sync: not set up"

    # Idle: the counter locks itself and hides what was on screen; the right PIN unlocks it.
    shell.idle.set_msecs(30)
    qtbot.waitUntil(lambda: not w.centralWidget().isVisible())
    lock = shell.dialog
    assert lock.locked_user.username == "boss" and lock.user.currentData() == "boss"
    qtbot.keyClicks(lock.pin, "0000")
    qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    assert "Wrong user name or PIN" in lock.sign_in_form.errors["pin"].text()
    assert not w.centralWidget().isVisible()
    lock.pin.clear()
    qtbot.keyClicks(lock.pin, "2468")
    qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.centralWidget().isVisible())
    assert shell.window is w
    # Locking by hand (the lock button) also hides a complaint being typed, until the PIN is given.
    shell.idle.set_minutes(0)
    qtbot.mouseClick(w.cases.new_button, Qt.MouseButton.LeftButton)
    complaint = w.cases.complaint
    qtbot.keyClicks(complaint.phone, "139")
    qtbot.mouseClick(w.lock_button, Qt.MouseButton.LeftButton)
    assert not w.centralWidget().isVisible() and shell.dialog.locked_user.username == "boss"
    assert not complaint.isVisible()
    qtbot.keyClicks(shell.dialog.pin, "2468")
    qtbot.keyClick(shell.dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: complaint.isVisible())
    assert complaint.phone.text() == "139"


def test_closing_the_desk_stops_its_idle_lock(qtbot, store, ops, admin):
    """The desk closed and its window deleted: the idle lock's timer ends with it, and an idle signal
    arriving after all locks nothing (it once raised on the deleted window, in a later test's event loop)."""
    from shiboken6 import isValid

    from app.ui.shell.shell import Shell

    shell = Shell(ops, store=store)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.pin, "1234")
    with qtbot.waitSignal(shell.window_shown):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    w = shell.window  # not handed to qtbot: the test deletes it
    shell.idle.set_minutes(5)
    assert shell.idle.timer.isActive()
    w.close()
    assert not shell.idle.timer.isActive()
    w.deleteLater()
    qtbot.waitUntil(lambda: not isValid(w))
    shell.idle.idle.emit()
    assert shell.dialog is None or not shell.dialog.isVisible()


def test_sign_in_picks_the_name_and_checks_the_pin(qtbot, store, ops, advisor):
    from app.ui.shell.shell import Shell

    shell = Shell(ops, store=store)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    assert dialog.forms.currentWidget() is dialog.sign_in_form
    dialog.user.setCurrentIndex(dialog.user.findData("li"))
    qtbot.keyClicks(dialog.pin, "5678")
    with qtbot.waitSignal(shell.window_shown):
        qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.addWidget(shell.window)
    assert shell.window.user_label.text() == "Signed in: 李娜"


def choose(qtbot, combo, text):
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentIndex() >= 0, text


def test_record_a_complaint_wrong_phone_keeps_what_was_typed(qtbot, window, store):
    cases = window.cases
    window.show_page(cases)
    qtbot.mouseClick(cases.new_button, Qt.MouseButton.LeftButton)
    dlg = cases.complaint
    qtbot.waitExposed(dlg)
    commit_text(dlg.customer_name, "赵先生")
    qtbot.keyClicks(dlg.phone, "1391234x678")
    commit_text(dlg.plate, "苏E")
    qtbot.keyClicks(dlg.plate, "88888")
    commit_text(dlg.customer_words, "等了三个小时没人通知")
    choose(qtbot, dlg.failure_type, "Process")
    choose(qtbot, dlg.cause_group, "Comm")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    # Severity is missing and the phone is wrong: both are marked at once, next to their fields,
    # and nothing below them moved (each error line kept its room).
    assert dlg.left.errors["phone"].text().startswith("not a phone number: an 11-digit mobile")
    assert dlg.left.errors["phone"].isVisible()
    assert dlg.right.errors["severity"].text() == "required" and dlg.right.errors["severity"].isVisible()
    assert (dlg.customer_name.text(), dlg.phone.text(), dlg.plate.text()) == ("赵先生", "1391234x678", "苏E88888")
    # Fixing the phone clears its mark as soon as it is right (not before: while typing it says what is wrong).
    dlg.phone.clear()
    qtbot.keyClicks(dlg.phone, "1391234")
    assert dlg.left.errors["phone"].isVisible()
    qtbot.keyClicks(dlg.phone, "5678")
    assert not dlg.left.errors["phone"].isVisible()
    assert dlg.right.errors["severity"].isVisible()
    choose(qtbot, dlg.severity, "Mod")
    with qtbot.waitSignal(dlg.case_saved) as saved:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    ref = saved.args[0]
    assert cases.detail.heading.text() == f"Case {ref.number}"
    assert cases.model.rowCount() == 1


def test_complaint_finds_a_known_customer_as_you_type(qtbot, window, store, advisor):
    feedback_forms.enter_form(store, feedback_forms.FormEntry(
        "RO7", clock.today(), "钱女士", "13600001111", "浙A55555", "A", "A", "A"), advisor)
    qtbot.mouseClick(window.cases.new_button, Qt.MouseButton.LeftButton)
    dlg = window.cases.complaint
    qtbot.keyClicks(dlg.search, "A5555")
    qtbot.waitUntil(lambda: dlg.matches.isVisible())
    assert "钱女士" in dlg.matches.item(0).text()
    qtbot.keyClick(dlg.search, Qt.Key.Key_Return)
    assert (dlg.customer_name.text(), dlg.phone.text(), dlg.plate.text()) == ("钱女士", "13600001111", "浙A55555")
    with store.session() as s:  # the very customer of the form, not a new one of the same name
        [known] = s.scalars(select(Customer.id).where(Customer.name == "钱女士")).all()
    assert dlg.customer_id == known


def type_form(qtbot, view, ro="RO2611-0001", grades="ADB"):
    qtbot.keyClicks(view.repair_order, ro)
    commit_text(view.customer_name, "孙女士")
    qtbot.keyClicks(view.phone, "13700002222")
    commit_text(view.plate, "京")
    qtbot.keyClicks(view.plate, "B12345")
    for item, key in zip(("timeliness", "repair_quality", "attitude"), grades):
        picker = view.pickers[item]
        picker.setFocus()
        if key != " ":
            qtbot.keyClick(picker, key)


def test_form_with_a_d_grade_opens_a_case_found_by_plate_with_its_timeline(qtbot, window, store):
    view = window.feedback
    window.show_page(view)
    assert all(p.grade() is None for p in view.pickers.values())  # nothing preselected
    type_form(qtbot, view)
    view.pickers["attitude"].setFocus()
    qtbot.keyClick(view.pickers["attitude"], "2")  # keys 1-5 work too: 2 is B
    assert view.values()["attitude"] == "B"
    with qtbot.waitSignal(view.form_saved):
        qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view.result_bar.isVisible() and view.open_case_button.isVisible()
    assert view.result_text.text() == "Form for RO2611-0001 saved. It is a service failure: supervisors have been alerted."
    assert view.repair_order.text() == ""  # ready for the next form

    qtbot.mouseClick(view.open_case_button, Qt.MouseButton.LeftButton)
    dlg = view.complaint
    assert (dlg.customer_name.text(), dlg.plate.text(), dlg.repair_order.text()) == ("孙女士", "京B12345", "RO2611-0001")
    assert dlg.failure_type.currentData() == "outcome"  # repair quality D: the core service failed
    choose(qtbot, dlg.cause_group, "Serv")
    with qtbot.waitSignal(dlg.case_saved) as saved:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert view.result_text.text() == f"Case {saved.args[0].number} opened from the form."

    cases = window.cases
    window.show_page(cases)
    qtbot.keyClicks(cases.search, "B12345")
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1 and cases.model.case_at(0) is not None)
    assert cases.model.case_at(0).plate == "京B12345"
    cases.table.setFocus()
    qtbot.mouseClick(cases.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=cases.table.visualRect(cases.model.index(0, 0)).center())
    qtbot.waitUntil(lambda: cases.detail.timeline.count() == 1)
    who, what = cases.detail.timeline.item(0).text().split("\n")
    assert who.endswith(" · 李娜") and what.startswith("Case opened (On site)")
    history = [cases.detail.history.topLevelItem(i).text(1) for i in range(cases.detail.history.topLevelItemCount())]
    assert "Visit RO2611-0001" in history


def test_missing_grade_is_named_and_nothing_typed_is_lost(qtbot, window):
    view = window.feedback
    type_form(qtbot, view, grades="AB ")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.fields.errors["attitude"].text() == "choose a grade from A to E"
    assert view.values()["timeliness"] == "A" and view.customer_name.text() == "孙女士"
    assert view.pickers["attitude"].hasFocus()
    qtbot.keyClick(view.pickers["attitude"], "c")
    with qtbot.waitSignal(view.form_saved) as saved:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert not saved.args[0].failure and not view.open_case_button.isVisible()


def test_second_form_for_a_repair_order_is_refused_and_correction_keeps_history(qtbot, window, store, advisor):
    view = window.feedback
    type_form(qtbot, view, grades="AAA")
    with qtbot.waitSignal(view.form_saved):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    type_form(qtbot, view, grades="BBB")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert "already has a form" in view.fields.errors["repair_order"].text()
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert view.editing is not None and view.values()["timeliness"] == "A"
    view.pickers["timeliness"].setFocus()
    qtbot.keyClick(view.pickers["timeliness"], "e")
    with qtbot.waitSignal(view.form_saved):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.history.count() == 2
    assert "李娜 corrected: timeliness: A → E" in view.history.item(1).text()


def test_unsaved_form_is_offered_back_when_the_view_opens_again(qtbot, window, store, ops, advisor):
    from app.ui.feedback.feedback_form_view import FeedbackFormView

    type_form(qtbot, window.feedback, grades="AD ")
    again = FeedbackFormView(store, ops, advisor, window.drafts)
    qtbot.addWidget(again)
    assert again.draft_bar.isVisibleTo(again)
    qtbot.mouseClick(again.draft_bar.restore_button, Qt.MouseButton.LeftButton)
    v = again.values()
    assert (v["repair_order"], v["customer_name"], v["timeliness"], v["repair_quality"], v["attitude"]) == \
        ("RO2611-0001", "孙女士", "A", "D", None)


def test_files_dropped_on_a_case_become_thumbnails(qtbot, window, store, advisor, tmp_path):
    from app.services.cases.opening import NewCase
    from app.services.cases.complaints import record_complaint

    ref = record_complaint(store, NewCase("周先生", "13500000000", "川A00001", "hotline", "process", "system",
                                          "minor"), advisor.user_id)
    window.cases.show_case(ref.id)
    panel = window.cases.detail.attachments
    img = QImage(64, 48, QImage.Format.Format_RGB32)
    img.fill(Qt.GlobalColor.red)
    photo = tmp_path / "damage.png"
    img.save(str(photo))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    # Qt only delivers a Drop during a real drag (a window system's), so hand it to the panel's handlers.
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    panel.dragEnterEvent(enter)
    assert enter.isAccepted()
    panel.dropEvent(drop)
    assert panel.message.text() == ""
    qtbot.waitUntil(lambda: panel.items.count() == 1)
    assert panel.items.item(0).text() == "damage.png" and not panel.items.item(0).icon().isNull()
    kinds = [t.kind for t in case_queries.case_detail(store, ref.id).timeline]
    assert kinds == ["case.opened", "case.attachment_added"]


def test_case_list_filters_and_sorts_in_the_database(qtbot, window, store):
    from app.services.demo.sample_data import fill_demo

    fill_demo(store, forms=50, cases=230)
    cases = window.cases
    cases.model.refresh()
    qtbot.waitUntil(lambda: cases.model.rowCount() == 230)
    choose(qtbot, cases.severity, "Ser")
    qtbot.waitUntil(lambda: cases.model.rowCount() < 230)
    n = cases.model.rowCount()
    assert n == case_queries.count_cases(store, case_queries.CaseFilter(severity="serious"))
    cases.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: cases.model.case_at(0) is not None)
    numbers = [cases.model.case_at(i).number for i in range(min(n, 100))]
    assert numbers == sorted(numbers)
    cases.table.scrollToBottom()
    qtbot.waitUntil(lambda: cases.model.case_at(n - 1) is not None)


def test_language_switch_in_settings_rebuilds_the_window_in_chinese(qtbot, store, ops, admin):
    from app.ui.common.i18n import apply_language
    from tests.ui.conftest import signed_in

    shell, first = signed_in(qtbot, ops, store)
    assert first.nav.item(0).text() == "Today"
    try:
        with qtbot.waitSignal(shell.window_shown):
            first.settings.language.setCurrentIndex(first.settings.language.findData("zh_CN"))
        w = shell.window
        qtbot.addWidget(w)
        assert w is not first
        assert [w.nav.item(i).text() for i in range(w.nav.count())] == ["今日", "案例", "意见反馈表", "三日回访", "待回访", "补偿审批",
                                                                      "核实回访", "报告", "设置"]
        assert w.sync_label.text() == "同步：未设置"
        assert w.user_label.text() == "当前用户：管理员"
    finally:
        apply_language("en")


def test_closed_complaint_is_offered_back_with_its_form_link(qtbot, window, store, advisor):
    saved = feedback_forms.enter_form(store, feedback_forms.FormEntry(
        "RO8", clock.today(), "郑女士", "13600003333", "粤A66666", "A", "E", "A"), advisor)
    view = window.feedback
    view.last_saved = saved
    qtbot.mouseClick(view.open_case_button, Qt.MouseButton.LeftButton)
    dlg = view.complaint
    commit_text(dlg.customer_words, "第二次来修还是没修好")
    qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()

    qtbot.mouseClick(window.cases.new_button, Qt.MouseButton.LeftButton)
    again = window.cases.complaint
    assert again.draft_bar.isVisibleTo(again) and "郑女士" in again.draft_bar.text.text()
    qtbot.mouseClick(again.draft_bar.restore_button, Qt.MouseButton.LeftButton)
    assert again.customer_words.toPlainText() == "第二次来修还是没修好"
    choose(qtbot, again.cause_group, "Serv")
    with qtbot.waitSignal(again.case_saved) as case:
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    from app.services.today.alerts import open_alerts

    assert [a.case_id for a in open_alerts(store)] == [case.args[0].id]
    assert again.drafts.load("complaint", advisor.user_id) is None


def test_an_advisor_deactivated_while_signed_in_is_locked_out_at_their_next_step(qtbot, store, ops, admin, advisor):
    """The administrator deactivates 李娜 in Settings while her desk is open; her next step is refused
    with the reason, the desk locks, and her PIN no longer opens it."""
    from app.ui.settings.settings_view import SettingsView
    from app.ui.shell.shell import Shell
    from tests.recovery_helpers import case_for

    shell = Shell(ops, store=store)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    dialog.user.setCurrentIndex(dialog.user.findData("li"))
    qtbot.keyClicks(dialog.pin, "5678")
    with qtbot.waitSignal(shell.window_shown):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    w = shell.window
    qtbot.addWidget(w)
    case_id = case_for(store, advisor.user_id)
    w.on_today_case_requested(case_id)
    stepper = w.recovery.stepper
    qtbot.waitUntil(lambda: stepper.guide is not None and stepper.guide.case_id == case_id)

    settings = SettingsView(store, ops, admin)
    qtbot.addWidget(settings)
    settings.show()
    qtbot.waitUntil(lambda: settings.user_list.count() == 2)
    row = next(i for i in range(2) if "(li)" in settings.user_list.item(i).text())
    settings.user_list.setCurrentRow(row)
    assert settings.active_button.text() == "Deactivate"
    qtbot.mouseClick(settings.active_button, Qt.MouseButton.LeftButton)
    assert settings.user_message.text() == "李娜 is deactivated: they can no longer sign in; their work keeps their name."
    qtbot.waitUntil(lambda: "(deactivated)" in settings.user_list.currentItem().text())
    assert settings.active_button.text() == "Reactivate" and not settings.reset_pin_button.isEnabled()

    stepper.note.setPlainText("客户说下午再来")
    qtbot.mouseClick(stepper.done_button, Qt.MouseButton.LeftButton)
    assert stepper.error.text() == ("Not allowed: your account is no longer active on this counter; ask an administrator, "
                                    "then sign in again")
    qtbot.waitUntil(lambda: not w.centralWidget().isVisible())
    lock = shell.dialog
    qtbot.keyClicks(lock.pin, "5678")
    qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    assert "Wrong user name or PIN" in lock.sign_in_form.errors["pin"].text()
    assert not w.centralWidget().isVisible()
    assert stepper.note.toPlainText() == "客户说下午再来"  # kept for whoever takes the case over
