"""Pages are built when first opened: start-up builds Today only, and a page built late shows the
same data as one built at once, and refreshes on the same change notices."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.cases.complaints import record_complaint
from app.services.demo.sample_data import fill_demo
from app.ui.common.ops import Ops
from app.ui.shell.main_window import MainWindow
from tests.synchelp import new_case


def case_numbers(window) -> list[str]:
    model = window.cases.model
    rows = [model.case_at(i) for i in range(min(model.total, 100))]
    return [r.number for r in rows if r is not None]


def advisors(window) -> list[str]:
    combo = window.reports.advisor
    return [combo.itemText(i) for i in range(combo.count())]


def open_page(qtbot, window, title: str) -> None:
    """Click the page's entry in the navigation, as a user opens it."""
    row = next(i for i in range(window.nav.count()) if window.nav.item(i).text() == title)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.nav.visualItemRect(window.nav.item(row)).center())
    assert window.nav.currentRow() == row


def test_start_up_builds_today_only(qtbot, store):
    ops = Ops()
    w = MainWindow(store, ops)
    qtbot.addWidget(w)
    assert w.pages.currentWidget() is w.today
    assert not any(h.is_built for h in (w._cases, w._feedback, w._settings, w._reports, w.recovery._callbacks))
    ops.wait_idle()


def test_a_page_built_late_shows_and_refreshes_as_one_built_early(qtbot, store):
    fill_demo(store, forms=80, cases=30, seed=3)
    ops = Ops()
    early, late = MainWindow(store, ops), MainWindow(store, ops)
    for w in (early, late):
        qtbot.addWidget(w)
        w.show()
    early.cases, early.reports  # noqa: B018 - built at once, as before pages were lazy
    qtbot.waitUntil(lambda: early.cases.model.total == 30 and len(case_numbers(early)) == 30)
    qtbot.waitUntil(lambda: len(advisors(early)) > 1)
    assert not late._cases.is_built and not late._reports.is_built

    ops.run(lambda: record_complaint(store, new_case(901), None))  # a change while the late page is unbuilt
    qtbot.waitUntil(lambda: early.cases.model.total == 31 and len(case_numbers(early)) == 31)

    open_page(qtbot, late, late.tr("Cases"))
    assert late._cases.is_built and late.pages.currentWidget() is late.cases
    qtbot.waitUntil(lambda: late.cases.model.total == 31 and len(case_numbers(late)) == 31)
    assert case_numbers(late) == case_numbers(early)
    open_page(qtbot, late, late.tr("Reports"))
    qtbot.waitUntil(lambda: advisors(late) == advisors(early))

    ops.run(lambda: record_complaint(store, new_case(902), None))  # the same notice reaches both
    qtbot.waitUntil(lambda: early.cases.model.total == 32 and late.cases.model.total == 32)
    qtbot.waitUntil(lambda: len(case_numbers(late)) == 32 and len(case_numbers(early)) == 32)
    assert case_numbers(late) == case_numbers(early)
    ops.wait_idle()


def test_the_stepper_joins_the_case_when_cases_is_built(qtbot, store):
    ops = Ops()
    w = MainWindow(store, ops)
    qtbot.addWidget(w)
    stepper = w.recovery.stepper
    assert w._cases.is_built and w.cases.detail.tabs.indexOf(stepper) >= 0
    ops.wait_idle()


def test_the_stepper_is_made_with_the_case_tabs_and_shows_the_first_case_chosen(qtbot, store):
    """Building the case list makes no Recovery tab (nobody sees it before a case is chosen); the
    first case clicked makes it, beside the case's own tabs, showing that case."""
    from app.ui.recovery.recovery_stepper import RecoveryStepper

    fill_demo(store, forms=40, cases=30, seed=3)
    ops = Ops()
    w = MainWindow(store, ops)
    qtbot.addWidget(w)
    w.show()
    open_page(qtbot, w, w.tr("Cases"))
    qtbot.waitUntil(lambda: w.cases.model.case_at(0) is not None)
    assert not w.cases.findChildren(RecoveryStepper) and w.recovery._stepper is None
    table = w.cases.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(w.cases.model.index(0, 0)).center())
    case_id = w.cases.model.case_at(0).id
    assert w.cases.detail.case_id == case_id
    stepper = w.cases.findChild(RecoveryStepper)
    assert stepper is w.recovery.stepper and w.cases.detail.tabs.tabText(w.cases.detail.tabs.indexOf(stepper)) == "Recovery"
    qtbot.waitUntil(lambda: stepper.guide is not None and stepper.guide.case_id == case_id)
    ops.wait_idle()


def test_the_case_list_built_while_the_desk_is_idle_shows_as_one_built_when_opened(qtbot, store):
    """Once Today is filled the shell builds the case list while the desk waits: hidden (Today stays
    on screen), and then the same rows and the same refresh as a list built when first opened."""
    fill_demo(store, forms=40, cases=30, seed=3)
    ops = Ops()
    idle, opened = MainWindow(store, ops), MainWindow(store, ops)
    for w in (idle, opened):
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(lambda w=w: w.today.is_filled)
    idle.build_cases_when_idle(0)
    qtbot.waitUntil(lambda: idle._cases.is_built)
    assert idle.pages.currentWidget() is idle.today and idle.today.isVisible() and not idle.cases.isVisible()
    ops.run(lambda: record_complaint(store, new_case(903), None))  # a change while only one list is built
    open_page(qtbot, opened, opened.tr("Cases"))
    open_page(qtbot, idle, idle.tr("Cases"))
    assert idle.cases.isVisible()
    qtbot.waitUntil(lambda: idle.cases.model.total == 31 and opened.cases.model.total == 31)
    qtbot.waitUntil(lambda: len(case_numbers(idle)) == 31 and len(case_numbers(opened)) == 31)
    assert case_numbers(idle) == case_numbers(opened)
    ops.wait_idle()
