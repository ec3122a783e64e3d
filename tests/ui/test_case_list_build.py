"""The case list as built for speed (the table made first to start its query, every part made in its
place) reads and behaves as the page always did: the search has the focus, no case is chosen until one
is clicked, Tab goes in reading order, and the columns follow the list's visible width."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.demo.sample_data import fill_demo
from app.ui.cases.case_table_model import COLUMNS
from app.ui.cases.cases_view import CasesView


def tab_stops(view) -> list[str]:
    """The widgets Tab stops at, from the search to the list (those disabled or hidden included)."""
    names, w = [], view.search
    while True:
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and view.left.isAncestorOf(w):
            names.append(w.objectName() or type(w).__name__)
        if w is view.table:
            return names
        w = w.nextInFocusChain()


def test_the_page_shows_with_the_search_focused_and_no_case_chosen(qtbot, store, ops, advisor, tmp_path):
    from app.services.drafts import DraftBox

    fill_demo(store, forms=40, cases=30, seed=3)
    view = CasesView(store, ops, advisor, DraftBox(tmp_path))
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: view.model.case_at(0) is not None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.search)
    ops.wait_idle()
    QApplication.processEvents()
    assert view.detail.case_id is None and view.table.currentIndex().row() == -1
    assert view.detail.heading.text() == "Choose a case in the list"
    assert tab_stops(view) == ["caseSearch", "recordComplaint", "exportCases", "statusFilter", "QComboBox",
                               "QComboBox", "QComboBox", "QCheckBox", "QDateEdit", "qt_spinbox_lineedit", "QDateEdit",
                               "qt_spinbox_lineedit", "QCheckBox", "caseTable"]
    assert view.use_dates.text() == "Opened from" and view.overdue.text() == "Overdue only"

    # The columns chosen for the width follow the list's visible width as the window narrows and widens.
    header = view.table.horizontalHeader()
    for width in (1366, 800, 1100):
        view.resize(width, 700)
        qtbot.waitUntil(lambda: view.table.horizontalScrollBar().maximum() == 0)
        assert header.width() == view.table.viewport().width()
        shown = [c for i, c in enumerate(COLUMNS) if not view.table.isColumnHidden(i)]
        assert set(shown) == set(view.columns.shown()) and {"number", "status", "customer"} <= set(shown)
    narrow = len(view.columns.shown())
    view.resize(1366, 700)
    qtbot.waitUntil(lambda: len(view.columns.shown()) > narrow)
    ops.wait_idle()


@pytest.mark.parametrize("shown", ["at once", "once counted"])
def test_the_status_counts_are_read_once_the_first_rows_are_painted(qtbot, store, advisor, tmp_path, shown):
    """With real worker threads, as at the counter: the rows are on screen before the counts are read
    (they would share the interpreter with their layout and paint), the first page's and a filter's.
    The desk shows the page as it is built or, building it when first opened, once its count has come
    (the bar's first show then read the counts before the rows were painted)."""
    from PySide6.QtCore import QEvent, QObject

    from app.services.drafts import DraftBox
    from app.ui.common.ops import Ops

    fill_demo(store, forms=40, cases=30, seed=3)
    ops = Ops()
    view = CasesView(store, ops, advisor, DraftBox(tmp_path))
    qtbot.addWidget(view)

    class Paints(QObject):  # the list's paints since it was last reset to new rows
        since_reset = 0

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
            self.since_reset += event.type() == QEvent.Type.Paint
            return False

    paints = Paints(view)
    view.table.viewport().installEventFilter(paints)
    view.model.modelReset.connect(lambda: setattr(paints, "since_reset", 0))
    reads, read = [], view.status_counts.refresh
    view.status_counts.refresh = lambda: (reads.append(view.model.case_at(0) is not None and paints.since_reset > 0),
                                          read())
    view.resize(1366, 700)
    if shown == "once counted":
        qtbot.waitUntil(lambda: view.model.counted)
    view.show()
    qtbot.waitUntil(lambda: view.status_counts.counts is not None)
    assert reads == [True] and sum(view.status_counts.counts.values()) == view.model.total == 30
    view.status.setCurrentIndex(1)  # a status chosen: the list and its counts read again, the split kept
    qtbot.waitUntil(lambda: len(reads) == 2 and not ops.busy)
    assert reads == [True, True]
    assert sum(view.status_counts.counts.values()) == 30 and view.model.total < 30
    ops.wait_idle()


def test_the_first_rows_come_without_moving_the_header_and_are_painted_once(qtbot, store, ops, advisor, tmp_path):
    """The list's jobs held until the empty page is on screen, then answered: the rows are laid out as
    they come and painted once, at the header's width (the scroll bar shows while the list counts: a
    bar appearing with the rows narrowed the header and the rows were painted again). The advisor
    filter's names are read only once the rows are on screen."""
    from PySide6.QtCore import QEvent, QObject

    from app.services.drafts import DraftBox

    fill_demo(store, forms=40, cases=60, seed=3)  # more rows than the screen holds: they need the bar
    held = []
    ops.run = lambda fn, on_success=None, **_how: held.append((fn, on_success))
    view = CasesView(store, ops, advisor, DraftBox(tmp_path))
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    header = view.table.horizontalHeader()
    width, painted = header.width(), []

    class Paints(QObject):
        def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and view.model.case_at(0) is not None:
                painted.append(header.width())
            return False

    view.table.viewport().installEventFilter(Paints(view))
    while held:  # the count and first page, the person's columns
        fn, then = held.pop(0)
        result = fn()
        if then:
            then(result)
    assert view.advisor.count() == 1  # "Any advisor" only: not read before the rows are on screen
    for _ in range(3):
        QApplication.processEvents()
    assert painted == [width] and view.table.verticalScrollBar().isVisible()
    while held:  # after the first paint: the status counts and the advisors
        fn, then = held.pop(0)
        result = fn()
        if then:
            then(result)
    assert view.advisor.count() > 1 and view.advisor.itemText(1)
