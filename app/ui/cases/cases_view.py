"""Cases: a list that stays fast over 100,000 cases (filters, search, sort) beside the chosen case."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QHeaderView,
                               QLineEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from app.ui.common.dates import qdate_today
from app.services.cases.case_queries import CaseFilter
from app.services.drafts import DraftBox
from app.ui.cases.case_columns import CaseColumns
from app.ui.cases.case_detail_view import CaseDetailView
from app.ui.cases.case_table_model import CaseTableModel
from app.ui.cases.status_counts import StatusCounts
from app.services.changes import CASES
from app.ui.common.ops import Ops
from app.ui.common.ui_gc import defer_collection, resume_collection
from app.ui.common.widgets import Label, combo_value, icon, set_combo_value, vocab_title
from app.rules.vocab import CaseStatus, CauseGroup, Severity


class _Table(QTableView):
    """The list's table, telling when its rows were painted (its viewport's paints come here; a filter
    on the viewport would wrap it in Python, ~13 ms the first time at start)."""

    painted = None  # called after each paint with rows while set (the view unsets it when told)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.painted is not None and self.model() is not None and self.model().counted:
            QTimer.singleShot(0, self, self.painted)  # after this paint


class CasesView(QWidget):
    shows = CASES  # the kinds of change this view refreshes on

    case_selected = Signal(str)

    # -- building the page: __init__ (after these) calls build_frame and starts the list's query first,
    # then the others in this order. Each part is made in its place (its parent given): a widget moved into
    # another with its children is styled over again, all of them, once for each level it moves (the
    # application's style sheet), which cost a third of the page's first build.
    def build_frame(self) -> None:
        """The splitter: the list with its search and filters on the left (made next), the case on the right."""
        self.splitter = QSplitter(self)
        QVBoxLayout(self).addWidget(self.splitter)
        self.left = QWidget(self.splitter)

    def build_search(self) -> None:
        """The search box, which filters a moment after the typing stops (or at once on Enter)."""
        self.search = QLineEdit(self.left, objectName="caseSearch")
        self.search.setPlaceholderText(self.tr("Search: case number, phone, plate or name"))
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self.search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)

    def build_filters(self) -> None:
        left = self.left

        def choices(vocab, all_text):
            c = QComboBox(left)
            c.addItem(all_text, None)
            for m in vocab:
                c.addItem(vocab_title(m), m.value)
            c.currentIndexChanged.connect(self.apply_filter)
            return c

        self.status = choices(CaseStatus, self.tr("Any status"))
        self.status.setObjectName("statusFilter")
        self.severity = choices(Severity, self.tr("Any severity"))
        self.cause = choices(CauseGroup, self.tr("Any cause"))
        self.advisor = QComboBox(left)
        self.advisor.addItem(self.tr("Any advisor"), None)
        self.advisor.currentIndexChanged.connect(self.apply_filter)
        self.use_dates = QCheckBox(self.tr("Opened from"), left)
        self.date_from = QDateEdit(qdate_today().addMonths(-1), left)
        self.date_to = QDateEdit(qdate_today(), left)
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")  # as dates read everywhere else on the desk
            d.setEnabled(False)
            d.dateChanged.connect(self.apply_filter)
        self.use_dates.toggled.connect(self.on_use_dates_toggled)
        self.overdue = QCheckBox(self.tr("Overdue only"), left)
        self.overdue.toggled.connect(self.apply_filter)
        self.new_button = QPushButton(icon("add"), self.tr("Record complaint"), left, objectName="recordComplaint")
        self.new_button.setToolTip(self.tr("Record a complaint (Ctrl+N, from any page)"))
        self.new_button.clicked.connect(self.on_new_clicked)
        self.export_button = QPushButton(self.tr("Export to Excel..."), left, objectName="exportCases")
        self.export_button.setToolTip(self.tr("Save the cases as listed (filters and order) as an Excel workbook"))
        self.export_button.clicked.connect(self.on_export_clicked)
        self.count = Label(parent=left)

    def build_table(self) -> None:
        """The list over the model, made after the filters so that Tab reaches it last by itself."""
        self.table = _Table(self.left, objectName="caseTable")
        self.table.painted = self._rows_now_painted
        self.table.setModel(self.model)
        # The rows laid out as they come, before they are painted (the view lays them out a moment after
        # a reset, and painted them twice), and the scroll bar shown until the first count: the rows of
        # most lists need it, and one appearing with them narrowed the header, painting them again.
        self.model.modelReset.connect(self.table.doItemsLayout)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # Indicator first: enabling sorting sorts once, by it, the order the list is already loading in.
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.columns = CaseColumns(self.table, self.store, self.ops, self.user)  # for the width; header's right-click
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.on_table_menu_requested)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row_changed)

    def build_status_counts(self) -> None:
        """The status counts as a bar, read again whenever the list is (a filter, a change notice)."""
        self.status_counts = StatusCounts(self.store, self.ops, self.current_filter, self.left)
        self.model.count_changed.connect(lambda _n: self.after_rows_painted(self.status_counts.refresh))
        if self.model.counted:  # run inline (tests): counted while the page was built
            self.after_rows_painted(self.status_counts.refresh)
        # A part clicked narrows the list to that status, the other filters kept.
        self.status_counts.status_clicked.connect(lambda status: set_combo_value(self.status, status))

    def after_rows_painted(self, then) -> None:
        """``then()`` once the rows the list was last reset to are painted (250 ms at most: a hidden
        page paints nothing): the rows on screen go before the status counts' read, which would share
        the interpreter with their layout and paint (~15 ms of CPU in the first build at 100k cases;
        a refresh's read, asked as it counted, ran beside its paint and took the other core)."""
        if not self._after_paint:
            QTimer.singleShot(250, self, self._rows_now_painted)
        self._after_paint = [then]  # the latest read asked for
        self.table.painted = self._rows_now_painted

    def _rows_now_painted(self) -> None:
        """Told by the paint or by the 250 ms, whichever comes first (the other finds nothing to do)."""
        self.table.painted = None
        then, self._after_paint = self._after_paint, []
        if then:
            then[0]()
        if not self._first_painted:
            self._first_painted = True
            resume_collection()
            # The advisor filter's names: nobody picks one before the rows are on screen, and read during
            # the build they shared the interpreter with it (~1.5 ms of CPU in a fresh process).
            self.load_advisors()

    def build_splitter(self) -> None:
        """Search and filters above the list on the left, the chosen case on the right (laid out in place)."""
        row1 = QHBoxLayout()
        row1.addWidget(self.search, 1)
        row1.addWidget(self.new_button)
        row1.addWidget(self.export_button)
        row2 = QHBoxLayout()
        for w in (self.status, self.severity, self.cause, self.advisor):
            row2.addWidget(w)
        row2.addStretch(1)
        row3 = QHBoxLayout()
        for w in (self.use_dates, self.date_from, Label(self.tr("to"), self.left), self.date_to, self.overdue):
            row3.addWidget(w)
        row3.addStretch(1)
        lv = QVBoxLayout(self.left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(row1)
        lv.addLayout(row2)
        lv.addLayout(row3)
        lv.addWidget(self.status_counts)  # above the list; the list's columns are its own
        lv.addWidget(self.table, 1)
        lv.addWidget(self.count)  # under the list: the filter row has no room left for it in longer languages
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        # At 1366x768 the detail's five tabs fit without scroll arrows (English labels are the longest).
        self.splitter.setSizes([600, 580])
        # Tab goes in reading order, the search first (it has the focus when the page shows).
        chain = (self.search, self.new_button, self.export_button, self.status, self.severity, self.cause,
                 self.advisor, self.use_dates, self.date_from, self.date_to, self.overdue, self.table)
        for first, then in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, then)

    def __init__(self, store, ops: Ops, user, drafts: DraftBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cases")
        self.store, self.ops, self.user, self.drafts = store, ops, user, drafts
        self._after_paint: list = []  # see after_rows_painted
        self._first_painted = False
        defer_collection()  # until the first rows are painted (a second at most)
        # The model first: it starts the count and first page (filters at their defaults) in the
        # background, and the database works while the rest of the page is built.
        self.build_frame()
        self.model = CaseTableModel(self.store, self.ops, self)
        self.model.refresh()
        self.build_search()
        self.build_filters()
        self.build_table()
        self.build_status_counts()
        self.model.count_changed.connect(self.on_model_count_changed)  # self.count exists now
        if self.model.counted:  # run inline (tests): counted while the page was built
            self.on_model_count_changed(self.model.total)
        self.detail = CaseDetailView(store, ops, user, self.splitter)
        self.build_splitter()

        ops.follow(self, self.model.refresh)

    def load_advisors(self) -> None:
        from app.services.cases.case_queries import assignees

        store = self.store
        self.ops.run(lambda: assignees(store), on_success=self.on_advisors_loaded)

    def on_advisors_loaded(self, people) -> None:
        for uid, name in people:
            self.advisor.addItem(name, uid)

    def current_filter(self) -> CaseFilter:
        dates = self.use_dates.isChecked()
        return CaseFilter(status=combo_value(self.status), severity=combo_value(self.severity),
                          cause_group=combo_value(self.cause), assignee_id=combo_value(self.advisor),
                          opened_from=self.date_from.date().toPython() if dates else None,
                          opened_to=self.date_to.date().toPython() if dates else None,
                          overdue=self.overdue.isChecked(), search=self.search.text())

    def apply_filter(self, *_) -> None:
        self.search_timer.stop()
        f = self.current_filter()
        self.model.set_query(f)
        case_id = self.detail.case_id
        if case_id:  # the detail follows the filter: a case the list no longer shows leaves it
            from app.services.cases.case_queries import in_list

            store = self.store
            self.ops.run(lambda: in_list(store, f, case_id),
                         on_success=lambda listed: listed or self.detail.case_id != case_id or self.detail.clear())

    def on_table_menu_requested(self, pos) -> None:
        """The common actions on the case under the pointer."""
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QMenu

        index = self.table.indexAt(pos)
        row = self.model.case_at(index.row()) if index.isValid() else None
        menu = QMenu(self.table)
        if row is not None:
            self.table.selectRow(index.row())
            menu.addAction(self.tr("Open the case"), lambda: self.show_case(row.id))
            menu.addAction(self.tr("Copy the case number"), lambda: QGuiApplication.clipboard().setText(row.number))
            if row.phone:
                menu.addAction(self.tr("Copy the phone number"), lambda: QGuiApplication.clipboard().setText(row.phone))
            menu.addSeparator()
        menu.addAction(self.tr("Record complaint..."), self.on_new_clicked)
        menu.addAction(self.tr("Export to Excel..."), self.on_export_clicked)
        self.menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def on_use_dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def on_model_count_changed(self, n: int) -> None:
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # counted: as the rows need
        self.count.setText(self.tr("Cases found: {n}").format(n=self.locale().toString(n)))

    def on_current_row_changed(self, current, _previous) -> None:
        case_id = self.model.data(current, Qt.ItemDataRole.UserRole) if current.isValid() else None
        if case_id:
            self.show_case(case_id)

    def show_case(self, case_id: str) -> None:
        self.detail.show_case(case_id)
        self.case_selected.emit(case_id)

    def on_export_clicked(self) -> None:
        from app.ui.common.export_run import ask_path

        path = ask_path(self, self.tr("cases.xlsx"))
        if path is not None:
            self.export_to(path)

    def export_to(self, path) -> None:
        """The list as it stands (filters, search, order) to a workbook, off the UI thread."""
        from PySide6.QtCore import QCoreApplication

        from app.services.exports.lists import export_cases
        from app.ui.common.export_run import run_export

        store, f, role = self.store, self.current_filter(), self.user.role
        sort, descending = self.model.sort_key, self.model.descending
        run_export(self, self.ops, path, lambda p, progress, cancelled: export_cases(
            store, p, f, sort=sort, descending=descending, role=role, translate=QCoreApplication.translate,
            progress=progress, cancelled=cancelled), self.model.total, self.on_export_done)

    def on_export_done(self, text: str) -> None:
        from app.ui.common.export_run import tell

        self.export_result = text
        tell(self, text)

    def show_only_status(self, status: str | None) -> None:
        """Every case of one status (None: of any), whatever the other filters and the search said before."""
        for combo in (self.severity, self.cause, self.advisor):
            combo.setCurrentIndex(0)
        self.use_dates.setChecked(False)
        self.overdue.setChecked(False)
        self.search.clear()
        if status is None:
            self.status.setCurrentIndex(0)  # "Any status"
        else:
            set_combo_value(self.status, status)
        self.apply_filter()

    def on_new_clicked(self) -> None:
        from app.ui.cases.complaint_dialog import ComplaintDialog

        self.complaint = ComplaintDialog(self.store, self.ops, self.user, self.drafts, parent=self)
        self.complaint.case_saved.connect(lambda ref: self.show_case(ref.id))
        self.complaint.open()
