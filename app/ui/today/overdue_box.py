"""Today's list of cases whose first response or callback is late, or whose callback is flagged."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.services.recovery.overdue import overdue_now
from app.services.changes import CASES, SETTINGS
from app.services.today.worklist import OVERDUE_SHOWN
from app.ui.common.ops import IN_TURN, SEEN_FIRST, Ops
from app.ui.common.style import set_role

SHOWN = OVERDUE_SHOWN  # the oldest; the case list's "Overdue only" filter shows them all


class OverdueBox(QGroupBox):
    shows = CASES | SETTINGS  # the kinds of change this view refreshes on

    case_requested = Signal(str)
    more_requested = Signal()  # the case list's "Overdue only": every overdue case

    def __init__(self, store, ops: Ops, parent: QWidget | None = None, *, first_read: bool = True) -> None:
        """``first_read`` False: the rows read before sign-in fill it (``show_rows``), not a read of its own."""
        super().__init__(parent)
        self.setObjectName("overdue")
        self.store, self.ops = store, ops
        self.list = QListWidget(objectName="overdueCases")
        self.list.setMaximumHeight(120)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        self.more = QPushButton(objectName="overdueMore")
        self.more.setFlat(True)
        self.more.hide()
        self.more.clicked.connect(self.more_requested)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        set_role(self, "error")
        self.list.itemActivated.connect(self.on_list_item_activated)  # a double-click emits it too
        ops.follow(self, self.refresh)
        if first_read:
            self.refresh(SEEN_FIRST)

    def refresh(self, order: int = IN_TURN) -> None:
        store = self.store
        self.ops.run(lambda: overdue_now(store, limit=SHOWN), on_success=self.show_rows, order=order)

    def show_rows(self, result) -> None:
        rows, total = result
        self.setTitle(self.tr("Overdue ({n})").format(n=total))
        self.setVisible(bool(rows))
        left_out = total - len(rows)
        self.more.setVisible(left_out > 0)
        self.more.setText(self.tr("{n} more: show all").format(n=self.locale().toString(left_out)))
        self.list.clear()
        for o in rows:
            why = []
            if o.first_response:
                why.append(self.tr("no first response yet"))
            if o.callback:
                why.append(self.tr("callback overdue"))
            if o.callback_flagged:
                why.append(self.tr("callback not reached 3 times"))
            item = QListWidgetItem(f"{o.number} \u00b7 " + ", ".join(why))
            item.setData(Qt.ItemDataRole.UserRole, o.case_id)
            self.list.addItem(item)

    def on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.case_requested.emit(item.data(Qt.ItemDataRole.UserRole))
