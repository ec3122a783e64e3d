"""Every dealer's cases: a list across dealers, filtered and paged from the database as it scrolls
(the counter's bounded model), beside the chosen case's whole story (read-only)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit,
                               QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from app.hq.network_cases import NetworkCaseFilter, case_page, count_cases, dealers
from app.rules.privacy import mask_name
from app.rules.vocab import CaseStatus, CauseGroup, Severity
from app.services.changes import CASES, SYNC
from app.ui.common.dates import qdate_today
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, combo_value, set_combo_value, vocab_combo
from app.ui.cases.case_table_model import PAGE, CaseTableModel
from app.ui.hq.case_story_view import CaseStoryView
from app.ui.hq.forms_behind import FormsBehind


def _network_page(db, f: NetworkCaseFilter, *, offset: int, limit: int, after: tuple | None, **_how) -> list:
    """Head office's page: newest first only (see ``NetworkCaseModel.sort``), so the sort asked for and
    the count, which the counter's query uses to read the far end backwards, don't apply."""
    return case_page(db, f, offset=offset, limit=limit, after=after)


class NetworkCaseModel(CaseTableModel):
    """Cases across dealers, newest first: the counter's paged model (pages asked for as rows come
    on screen, keyset continuation, at most MAX_PAGES held), over head office's queries."""

    def __init__(self, db, ops: Ops, parent=None) -> None:
        super().__init__(db, ops, parent, count=count_cases, page=_network_page, first=None)
        self.filter = NetworkCaseFilter()
        self.headers = [QCoreApplication.translate("NetworkCaseModel", "Dealer"),
                        QCoreApplication.translate("NetworkCaseModel", "Case"),
                        QCoreApplication.translate("NetworkCaseModel", "Opened"),
                        QCoreApplication.translate("NetworkCaseModel", "Status"),
                        QCoreApplication.translate("NetworkCaseModel", "Severity"),
                        QCoreApplication.translate("NetworkCaseModel", "Cause"),
                        QCoreApplication.translate("NetworkCaseModel", "Customer"),
                        QCoreApplication.translate("NetworkCaseModel", "Plate")]
        v = lambda s: QCoreApplication.translate("Vocab", s)  # noqa: E731
        self.titles = {m.value: v(m.title) for vocab in (CaseStatus, Severity, CauseGroup) for m in vocab}

    def set_filter(self, f: NetworkCaseFilter) -> None:
        self.set_query(f)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            return super().data(index, role)  # an overdue case stands out, as at the counter
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        r = self.case_at(index.row())
        if r is None:
            self._request(index.row() // PAGE)
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        self.pages.move_to_end(index.row() // PAGE)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        values = [r.dealer, r.number, r.opened_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                  self.titles.get(r.status, r.status), self.titles.get(r.severity, r.severity),
                  self.titles.get(r.cause_group, r.cause_group), mask_name(r.customer), r.plate]
        return values[index.column()]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Newest first only: the one order the opened_at index serves across every dealer."""


class CasesPage(QWidget):
    shows = CASES | SYNC  # the kinds of change this page refreshes on

    def __init__(self, db, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.base = NetworkCaseFilter()  # what a drill-down asked for beyond the filters on screen
        self.scope_what = ""  # the drill-down's words
        self.wanted_dealer: str | None = None  # a drill-down's dealer, until the dealer list has it
        self.dealer = QComboBox(objectName="dealer_filter")
        self.dealer.addItem(self.tr("All dealers"), None)
        self.status = vocab_combo(CaseStatus, placeholder=self.tr("Any status"))
        self.cause = vocab_combo(CauseGroup, placeholder=self.tr("Any cause"))
        self.severity = vocab_combo(Severity, placeholder=self.tr("Any severity"))
        self.dated = QCheckBox(self.tr("Opened from"))
        self.date_from, self.date_to = QDateEdit(qdate_today().addMonths(-1)), QDateEdit(qdate_today())
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.search = QLineEdit(objectName="case_search")
        self.search.setPlaceholderText(self.tr("Case number, phone, plate or name"))
        self.clear = QPushButton(self.tr("Clear filters"))
        self.scope = Label(objectName="scope")
        self.scope.setTextFormat(Qt.TextFormat.PlainText)
        row1 = QHBoxLayout()
        for w in (self.dealer, self.status, self.cause, self.severity):
            row1.addWidget(w)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.dated)
        row2.addWidget(self.date_from)
        row2.addWidget(Label(self.tr("to")))
        row2.addWidget(self.date_to)
        row2.addWidget(self.search, 1)
        row2.addWidget(self.clear)
        self.model = NetworkCaseModel(db, ops, self)
        self.table = QTableView(objectName="network_cases")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.story = CaseStoryView(db, ops)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(self.scope)
        self.forms = FormsBehind(db, ops)
        self.lists = QTabWidget()
        self.lists.addTab(self.table, self.tr("Cases"))
        self.lists.addTab(self.forms, self.tr("Forms"))
        lay.addWidget(self.lists, 1)
        split.addWidget(left)
        split.addWidget(self.story)
        split.setSizes([880, 460])
        outer = QVBoxLayout(self)
        outer.addWidget(split)

        self.dealer.activated.connect(self.on_dealer_activated)
        for combo in (self.dealer, self.status, self.cause, self.severity):
            combo.currentIndexChanged.connect(self.on_filter_changed)
        self.dated.toggled.connect(self.on_filter_changed)
        self.date_from.dateChanged.connect(self.on_filter_changed)
        self.date_to.dateChanged.connect(self.on_filter_changed)
        self.search.returnPressed.connect(self.on_filter_changed)
        self.clear.clicked.connect(self.on_clear_clicked)
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self.on_table_current_row_changed)
        self.model.count_changed.connect(self.on_model_count_changed)
        self.model.page_loaded.connect(self.on_model_page_loaded)
        self.ops.follow(self, self.refresh)
        self.ops.run(lambda: dealers(db), on_success=self.show_dealers)
        self.refresh()

    def show_dealers(self, dealers) -> None:
        chosen = self.dealer.currentData()
        self.dealer.blockSignals(True)
        self.dealer.clear()
        self.dealer.addItem(self.tr("All dealers"), None)
        for dealer_id, code, name in dealers:
            self.dealer.addItem(code if name == code else f"{code} {name}", dealer_id)
        self.dealer.setCurrentIndex(max(0, self.dealer.findData(self.wanted_dealer or chosen)))
        self.dealer.blockSignals(False)

    def current_filter(self) -> NetworkCaseFilter:
        dated = self.dated.isChecked()
        dealer = self.dealer.currentData()
        if self.wanted_dealer and self.dealer.findData(self.wanted_dealer) < 0:
            dealer = self.wanted_dealer  # the list of dealers is still loading
        return replace(self.base, dealer_id=dealer, status=combo_value(self.status),
                       cause_group=combo_value(self.cause), severity=combo_value(self.severity),
                       opened_from=self.date_from.date().toPython() if dated else None,
                       opened_to=self.date_to.date().toPython() if dated else None, search=self.search.text())

    def refresh(self) -> None:
        self.model.set_filter(self.current_filter())

    @Slot()
    def on_filter_changed(self, *_args) -> None:
        self.refresh()

    @Slot(int)
    def on_dealer_activated(self, _i: int) -> None:
        self.wanted_dealer = None  # the person chose a dealer: a drill-down's no longer applies

    @Slot()
    def on_clear_clicked(self) -> None:
        self.show_filter(NetworkCaseFilter(), "")

    def show_filter(self, f: NetworkCaseFilter, what: str) -> None:
        """Show the cases behind a figure (a drill-down): the filters on screen set to match."""
        widgets = (self.dealer, self.status, self.cause, self.severity, self.dated, self.date_from, self.date_to,
                   self.search)
        for w in widgets:
            w.blockSignals(True)
        self.wanted_dealer = f.dealer_id
        self.dealer.setCurrentIndex(max(0, self.dealer.findData(f.dealer_id)))
        set_combo_value(self.status, f.status)
        set_combo_value(self.cause, f.cause_group)
        set_combo_value(self.severity, f.severity)
        self.dated.setChecked(f.opened_from is not None)
        if f.opened_from:
            self.date_from.setDate(QDate(f.opened_from))
            self.date_to.setDate(QDate(f.opened_to or f.opened_from))
        self.search.setText(f.search)
        for w in widgets:
            w.blockSignals(False)
        self.base = NetworkCaseFilter(failure_type=f.failure_type, closed_from=f.closed_from, closed_to=f.closed_to,
                                      judged_only=f.judged_only, overdue=f.overdue, callbacks_from=f.callbacks_from,
                                      callbacks_to=f.callbacks_to, root_causes=f.root_causes)
        self.lists.setCurrentIndex(0)
        self.scope_what = what
        self.refresh()

    @Slot(int)
    def on_model_count_changed(self, n: int) -> None:
        text = self.tr("%n cases", "", n)
        self.scope.setText(f"{self.scope_what}  ·  {text}" if self.scope_what else text)

    @Slot(int)
    def on_model_page_loaded(self, page: int) -> None:
        if page == 0:  # a new list: columns to its first page's contents
            self.table.resizeColumnsToContents()

    def on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        r = self.model.case_at(current.row())
        if r is not None:
            self.story.show_case(r.id)

    def on_table_double_clicked(self, index: QModelIndex) -> None:
        r = self.model.case_at(index.row())
        if r is not None:
            self.story.show_case(r.id)
            self.story.setFocus()

    def show_forms(self, f, what: str) -> None:
        """Show the forms behind a figure of a dealer's month (its average, its failure share)."""
        self.forms.show_forms(f, what)
        self.lists.setCurrentIndex(1)
