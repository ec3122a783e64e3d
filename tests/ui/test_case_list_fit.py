"""The case list at 1366x768: its columns chosen for the width (no sideways scrolling), a column chooser on
the header's right-click whose choice and widths come back for the same person, cause and due columns, a
right-click menu on a case, and the detail that follows the filter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.ui.cases.case_table_model import COLUMNS
from tests.recovery_helpers import case_for


def shown(view) -> list[str]:
    return [c for i, c in enumerate(COLUMNS) if not view.table.isColumnHidden(i)]


def test_columns_fit_the_width_and_the_persons_choice_comes_back(qtbot, window, store, advisor):
    case_id = case_for(store, advisor.user_id, at=None)
    window.show_page(window.cases)
    view = window.cases
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.case_at(0) is not None)
    qtbot.waitUntil(lambda: view.table.horizontalScrollBar().maximum() == 0)  # nothing behind sideways scrolling
    assert {"number", "status", "customer"} <= set(shown(view))
    headers = [view.model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))]
    assert "Cause" in headers and "Callback due" in headers
    assert view.model.data(view.model.index(0, COLUMNS.index("cause_group"))) == "Service system"

    # The header's right-click: the column chooser; Phone shown by the person's choice.
    header = view.table.horizontalHeader()
    header.customContextMenuRequested.emit(header.rect().center())
    menu = view.columns.menu
    qtbot.waitUntil(menu.isVisible)
    phone = next(a for a in menu.actions() if a.text() == "Phone")
    want = not phone.isChecked()
    phone.trigger()
    menu.close()
    assert ("phone" in shown(view)) == want
    header.resizeSection(COLUMNS.index("number"), 190)
    view.ops.wait_idle()
    qtbot.waitUntil(lambda: not view.columns.save_timer.isActive(), timeout=3000)
    view.ops.wait_idle()

    from app.ui.cases.cases_view import CasesView

    again = CasesView(store, view.ops, advisor, window.drafts)
    qtbot.addWidget(again)
    again.resize(900, 600)
    again.show()
    qtbot.waitUntil(lambda: ("phone" in shown(again)) == want and again.table.columnWidth(0) == 190)

    # A right-click on a case: its common actions.
    rect = view.table.visualRect(view.model.index(0, 0))
    view.table.customContextMenuRequested.emit(rect.center())
    texts = [a.text() for a in view.menu.actions() if a.text()]
    assert texts[:3] == ["Open the case", "Copy the case number", "Copy the phone number"]
    view.menu.actions()[1].trigger()
    assert QGuiApplication.clipboard().text() == view.model.case_at(0).number
    view.menu.close()
    view.ops.wait_idle()
    assert case_id


def test_the_detail_follows_the_filter(qtbot, window, store, advisor):
    case_id = case_for(store, advisor.user_id, at=None)
    window.show_page(window.cases)
    view = window.cases
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail.heading.text().startswith("Case "))
    assert view.detail.case_id == case_id
    view.status.setCurrentIndex(view.status.findData("closed"))  # the open case leaves the list
    qtbot.waitUntil(lambda: view.detail.case_id is None and view.detail.heading.text() == "Choose a case in the list")
    assert not view.detail.tabs.isVisible()
    view.status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail.case_id == case_id and view.detail.tabs.isVisible())
    view.ops.wait_idle()
