"""The whole recovery in the desk, mostly by keyboard: a D-graded form opens a case, the advisor
follows every script step in the Recovery tab, offers a remedy within the limit, records the
callback with a 9 on Callbacks due, and the case is closed as recovered."""

import re

from PySide6.QtCore import Qt

from app.models import FailureCase
from app.services.cases.opening import timeline
from tests.ui.conftest import commit_text
from tests.ui.test_journeys import choose, type_form


def press(qtbot, widget, key, mod=Qt.KeyboardModifier.NoModifier):
    widget.setFocus()
    qtbot.keyClick(widget, key, mod)


def test_d_graded_form_to_recovered_case(qtbot, window, store, advisor):
    window.activateWindow()
    view = window.feedback
    window.show_page(view)
    type_form(qtbot, view, ro="RO2611-0042", grades="ADB")
    with qtbot.waitSignal(view.form_saved):
        qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, view.open_case_button, Qt.Key.Key_Space)
    dlg = view.complaint
    choose(qtbot, dlg.cause_group, "Emp")
    choose(qtbot, dlg.blame, "The d")
    with qtbot.waitSignal(dlg.case_saved) as saved:
        press(qtbot, dlg.save_button, Qt.Key.Key_Space)
    case_id = saved.args[0].id

    cases = window.cases
    window.show_page(cases)
    cases.show_case(case_id)
    detail = cases.detail
    stepper = window.recovery.stepper
    tab = detail.tabs.indexOf(stepper)
    qtbot.mouseClick(detail.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=detail.tabs.tabBar().tabRect(tab).center())
    assert detail.tabs.currentWidget() is stepper
    qtbot.waitUntil(lambda: stepper.guide is not None and stepper.guide.case_id == case_id)
    assert stepper.guide.script.id == "outcome-employee"
    window.activateWindow()

    kinds = []
    for n in range(len(stepper.guide.steps)):
        step = stepper.guide.steps[stepper.guide.current].step
        kinds.append(step.kind)
        assert stepper.say.text() == step.say["en"]
        if step.kind == "offer_remedy":
            press(qtbot, stepper.note, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
            rd = stepper.remedy_dialog
            qtbot.waitUntil(lambda: rd.isVisible() and "Within your authority of 300" in rd.authority.text())
            press(qtbot, rd.kind, Qt.Key.Key_Down)
            press(qtbot, rd.kind, Qt.Key.Key_Down)  # Free rework -> Discount -> Voucher
            assert rd.kind.currentData() == "voucher"
            rd.amount.setFocus()
            rd.amount.selectAll()
            qtbot.keyClicks(rd.amount, "200")
            commit_text(rd.description, "保养代金券")
            with qtbot.waitSignal(rd.remedy_proposed):
                qtbot.keyClick(rd.amount, Qt.Key.Key_Return)
        commit_text(stepper.note, f"第{n + 1}步已完成")
        with qtbot.waitSignal(stepper.step_recorded):
            qtbot.keyClick(stepper.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: stepper.guide.current == n + 1)
    assert "offer_remedy" in kinds and kinds[-1] == "agree_follow_up"
    assert re.fullmatch(r"Status: Awaiting callback · first response after (\d+ d )?\d+ (h|min)", stepper.clock.text()), \
        stepper.clock.text()

    page = window.recovery.callbacks
    nav_row = window.pages.indexOf(page)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.nav.visualItemRect(window.nav.item(nav_row)).center())
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 2).text() == "孙女士"
    window.activateWindow()
    press(qtbot, page.table, Qt.Key.Key_Return)
    cd = page.dialog
    qtbot.waitUntil(cd.isVisible)
    cd.rating.setFocus()
    cd.rating.selectAll()
    qtbot.keyClicks(cd.rating, "9")
    commit_text(cd.words, "这次修得很好，谢谢")
    commit_text(cd.root_cause, "技师漏装卡扣")
    commit_text(cd.improvement, "交车前按清单复检")
    with qtbot.waitSignal(cd.callback_recorded):
        qtbot.keyClick(cd.improvement, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    assert page.message.text() == "Recovered: the case is closed."

    with store.session() as s:
        case = s.get(FailureCase, case_id)
        assert (case.status, case.recovered, case.improvement) == ("closed", True, "交车前按清单复检")
    tl = timeline(store, case_id)
    assert all(e.actor_id == advisor.user_id for e in tl)
    assert [e.payload["kind"] for e in tl if e.kind == "recovery.step"] == kinds
    qtbot.waitUntil(lambda: detail.timeline.count() == len(tl))
    entries = [detail.timeline.item(i).text().split("\n") for i in range(len(tl))]
    assert any(what.startswith("Closed, recovered. Root cause: 技师漏装卡扣") for _, what in entries)
    assert all(who.endswith(" · 李娜") for who, _ in entries)
