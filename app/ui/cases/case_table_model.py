"""The case list's model: pages fetched from the database on demand, a bounded cache of them.

Only the rows on screen are asked for. Pages come from the database in the background (keyset
continuation when the page before is known, OFFSET otherwise); at most MAX_PAGES stay in memory, so
scrolling 100,000 cases to the end costs no more memory than the first screen.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.services.cases.case_queries import KEYSET_SORTS, CaseFilter, case_page, count_cases, counted_first_page
from app.ui.common.ops import Ops
from app.rules.vocab import CaseStatus, CauseGroup, Severity
from app.ui.common.style import ERROR_COLOUR

PAGE = 100
MAX_PAGES = 12
COLUMNS = ("number", "opened_at", "status", "severity", "customer", "phone", "plate", "assignee", "cause_group", "due")
SORT_FOR_COLUMN = {0: "number", 1: "opened_at", 2: "status", 3: "severity", 4: "customer", 6: "plate", 7: "assignee"}
# The roles the list answers, as the ints the view passes. A paint asks each cell on screen for seven
# roles (font, alignment, colours, check state, icon, text) and the list sets two: the others are
# answered at once, without the Qt namespace's enum lookups (~1.5 ms of the list's first paint).
_DISPLAY, _USER = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.UserRole)
_FOREGROUND, _TOOLTIP = int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.ToolTipRole)
_ANSWERED = frozenset((_DISPLAY, _USER, _FOREGROUND, _TOOLTIP))
_OVERDUE_COLOUR = QColor(ERROR_COLOUR)


def counter_page(store, f: CaseFilter, **how) -> list:
    """The counter's page of the list: its rows in the order asked for."""
    return case_page(store, f, **how).rows


class CaseTableModel(QAbstractTableModel):
    """The paged list over two query functions: ``count(store, filter) -> int`` and ``page(store,
    filter, *, sort, descending, offset, limit, after, total) -> rows`` (the counter's by default; head
    office's list supplies its own), and ``first(store, filter, *, sort, descending, limit) -> (count,
    rows)``, the two at once as the list opens and refreshes (None: count, then page)."""

    page_loaded = Signal(int)
    count_changed = Signal(int)

    def __init__(self, store, ops: Ops, parent=None, *, count=count_cases, page=counter_page,
                 first=counted_first_page) -> None:
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.count_query, self.page_query, self.first_query = count, page, first
        self.filter = CaseFilter()
        self.sort_key, self.descending = "opened_at", True
        self.total = 0
        self.counted = False  # a count has come back
        self.pages: OrderedDict[int, list] = OrderedDict()
        self.keys: dict[int, tuple] = {}  # page -> its last row's sort key, for keyset continuation
        self.pending: set[int] = set()
        self.generation = 0
        self.headers = [QCoreApplication.translate("CaseTableModel", "Case"),
                        QCoreApplication.translate("CaseTableModel", "Opened"),
                        QCoreApplication.translate("CaseTableModel", "Status"),
                        QCoreApplication.translate("CaseTableModel", "Severity"),
                        QCoreApplication.translate("CaseTableModel", "Customer"),
                        QCoreApplication.translate("CaseTableModel", "Phone"),
                        QCoreApplication.translate("CaseTableModel", "Plate"),
                        QCoreApplication.translate("CaseTableModel", "Advisor"),
                        QCoreApplication.translate("CaseTableModel", "Cause"),
                        QCoreApplication.translate("CaseTableModel", "Callback due")]
        self.titles = {**{s.value: QCoreApplication.translate("Vocab", s.title) for s in CaseStatus},
                       **{s.value: QCoreApplication.translate("Vocab", s.title) for s in Severity}}
        self.causes = {c.value: QCoreApplication.translate("Vocab", c.title) for c in CauseGroup}

    # Query.
    def set_query(self, f: CaseFilter | None = None, sort: str | None = None, descending: bool | None = None) -> None:
        self.filter = f if f is not None else self.filter
        self.sort_key = sort or self.sort_key
        self.descending = self.descending if descending is None else descending
        self.refresh()

    def refresh(self) -> None:
        """The count and the first page in one background job: the list is reset once, straight to
        its first rows (a second round trip cost a worker hand-off and a paint of placeholders)."""
        self.generation += 1
        gen, store, f, sort, desc = self.generation, self.store, self.filter, self.sort_key, self.descending
        count, page, first = self.count_query, self.page_query, self.first_query

        def count_and_first_page():
            if first is not None:
                return first(store, f, sort=sort, descending=desc, limit=PAGE)
            n = count(store, f)
            return n, (page(store, f, sort=sort, descending=desc, offset=0, limit=PAGE, after=None, total=n)
                       if n else [])

        self.ops.run(count_and_first_page, on_success=lambda found: self._on_count(gen, *found))

    def _on_count(self, gen: int, n: int, first: list) -> None:
        if gen != self.generation:
            return
        self.beginResetModel()
        self.total, self.counted = n, True
        self.pages.clear()
        self.keys.clear()
        self.pending.clear()
        if first:
            self.pages[0] = first
            self.keys[0] = first[-1].key(self.sort_key)
        self.endResetModel()
        self.count_changed.emit(n)
        if first:
            self.page_loaded.emit(0)

    def _request(self, page: int) -> None:
        if page in self.pending or page in self.pages:
            return
        self.pending.add(page)
        gen, store, f, sort, desc, total = (self.generation, self.store, self.filter, self.sort_key,
                                            self.descending, self.total)
        after = self.keys.get(page - 1) if sort in KEYSET_SORTS and page > 0 else None
        query = self.page_query
        self.ops.run(lambda: query(store, f, sort=sort, descending=desc, offset=page * PAGE, limit=PAGE,
                                   after=after, total=total),
                     on_success=lambda rows: self._on_page(gen, page, rows))

    def _on_page(self, gen: int, page: int, rows: list) -> None:
        if gen != self.generation:
            return
        self.pending.discard(page)
        self.pages[page] = rows
        self.pages.move_to_end(page)
        if rows:
            self.keys[page] = rows[-1].key(self.sort_key)
        while len(self.pages) > MAX_PAGES:
            self.pages.popitem(last=False)
        first, last = page * PAGE, min(self.total, page * PAGE + len(rows)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page)

    def case_at(self, row: int):
        rows = self.pages.get(row // PAGE)
        if rows is None or row % PAGE >= len(rows):
            return None
        return rows[row % PAGE]

    # Qt model interface.
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role=_DISPLAY):
        if role not in _ANSWERED:
            return None  # most of the roles a paint asks each cell for: answered first, by an int
        if role == _FOREGROUND or role == _TOOLTIP:
            r = self.case_at(index.row()) if index.isValid() else None
            if r is None or not r.overdue:
                return None
            if role == _FOREGROUND:
                return _OVERDUE_COLOUR  # overdue cases stand out in the list
            return QCoreApplication.translate("CaseTableModel", "Overdue: first response or callback is late")
        if not index.isValid():
            return None
        row = index.row()
        page = row // PAGE
        rows = self.pages.get(page)
        if rows is None:
            self._request(page)
            return "…" if role == _DISPLAY else None
        self.pages.move_to_end(page)
        if row % PAGE >= len(rows):
            return None
        r = rows[row % PAGE]
        if role == _USER:
            return r.id
        col = COLUMNS[index.column()]
        if col == "opened_at":
            return r.opened_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if col == "due":
            return r.due.astimezone().strftime("%Y-%m-%d %H:%M") if r.due else ""
        if col == "cause_group":
            return self.causes.get(r.cause_group, r.cause_group)
        value = getattr(r, col)
        return self.titles.get(value, value) if col in ("status", "severity") else value

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_FOR_COLUMN.get(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (self.generation and (key, descending) == (self.sort_key, self.descending)):
            return  # the order the list has (or is loading) already: the view's first sort, by its indicator
        self.set_query(sort=key, descending=descending)
