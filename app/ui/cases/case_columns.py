"""The case list's columns: chosen for the width until the person picks them (the header's right-click), widths remembered per person."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QMenu, QTableView
from shiboken6 import isValid

from app.ui.cases.case_table_model import COLUMNS
from app.ui.common.ops import Ops

# What the list keeps longest as it narrows: who and what first, then when and the rest.
PRIORITY = ("number", "status", "customer", "severity", "due", "opened_at", "plate", "assignee", "cause_group", "phone")
WIDTHS = {"number": 150, "opened_at": 120, "status": 125, "severity": 70, "customer": 80, "phone": 100, "plate": 85,
          "assignee": 80, "cause_group": 110, "due": 120}


def _layout(store, user_id) -> dict:
    """The person's columns (a worker runs this): app.services.preferences imports every service
    that declares a setting, which the list's first build need not wait for on the UI thread."""
    from app.services.preferences import case_list_layout

    return case_list_layout(store, user_id)


class CaseColumns(QObject):
    """Keeps a case table's columns: which are shown and how wide, per person at this counter."""

    def __init__(self, table: QTableView, store, ops: Ops, user) -> None:
        super().__init__(table)
        self.table, self.store, self.ops, self.user_id = table, store, ops, getattr(user, "user_id", None)
        self.hidden: set[str] | None = None  # the person's choice; None: chosen for the width
        self.widths = dict(WIDTHS)
        self._applying = False
        self.save_timer = QTimer(self, singleShot=True, interval=500)
        self.save_timer.timeout.connect(self.save)
        header = self.header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.on_header_menu_requested)
        header.sectionResized.connect(self.on_section_resized)
        # The header spans the rows' visible width and is resized with it (the table's width less its
        # frame and a vertical scroll bar when one shows). Asked instead of the table's viewport: the
        # first Python object of a viewport costs 10-15 ms in a fresh process (PySide initialises every
        # widget class to find which one it is), the whole first build of the list otherwise.
        header.installEventFilter(self)
        self.apply()
        store_, uid = store, self.user_id
        ops.run(lambda: _layout(store_, uid), on_success=self.on_layout_loaded)

    def on_layout_loaded(self, layout: dict) -> None:
        hidden = layout.get("hidden")
        if isinstance(hidden, list):
            self.hidden = {c for c in hidden if c in COLUMNS}
        widths = layout.get("widths")
        if isinstance(widths, dict):
            self.widths.update({c: int(w) for c, w in widths.items() if c in COLUMNS and isinstance(w, int) and w > 20})
        self.apply()

    def shown(self) -> list[str]:
        if self.hidden is not None:
            return [c for c in COLUMNS if c not in self.hidden]
        room, out = self.header.width(), []
        for c in PRIORITY:
            if len(out) < 3 or sum(self.widths[x] for x in out) + self.widths[c] <= room:
                out.append(c)
        return out

    def apply(self) -> None:
        self._applying = True
        try:
            shown = self.shown()
            for i, c in enumerate(COLUMNS):
                self.table.setColumnHidden(i, c not in shown)
                if c in shown:
                    self.table.setColumnWidth(i, self.widths[c])
        finally:
            self._applying = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and obj is self.header and self.hidden is None and isValid(self.table):
            self.apply()  # chosen for the width: follows the window
        return False

    def on_section_resized(self, index: int, _old: int, new: int) -> None:
        header = self.table.horizontalHeader()
        if self._applying or new <= 0 or index == header.logicalIndex(header.count() - 1):
            return  # ours, hidden, or the last one, which stretches to the border
        self.widths[COLUMNS[index]] = new
        self.save_timer.start()

    def on_header_menu_requested(self, pos) -> None:
        model = self.table.model()
        menu = QMenu(self.table)
        shown = set(self.shown())
        for i, c in enumerate(COLUMNS):
            action = menu.addAction(model.headerData(i, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(c in shown)
            action.setEnabled(c != "number")  # a row without its case number names nothing
            action.toggled.connect(lambda on, c=c: self.set_shown(c, on))
        menu.addSeparator()
        fit = menu.addAction(self.tr("Fit the columns to the width"))
        fit.triggered.connect(self.fit_to_width)
        self.menu = menu
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def set_shown(self, column: str, on: bool) -> None:
        shown = set(self.shown())
        shown = shown | {column} if on else shown - {column}
        self.hidden = {c for c in COLUMNS if c not in shown}
        self.apply()
        self.save()

    def fit_to_width(self) -> None:
        self.hidden = None
        self.apply()
        self.save()

    def save(self) -> None:
        layout = {"widths": {c: w for c, w in self.widths.items() if w != WIDTHS[c]}}
        if self.hidden is not None:
            layout["hidden"] = sorted(self.hidden)
        from app.services.preferences import remember_case_list_layout

        store, uid = self.store, self.user_id
        self.ops.run(lambda: remember_case_list_layout(store, uid, layout))
