"""Merging two records of one customer (a supervisor): find the other record, see both histories,
choose the one kept, confirm."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QGridLayout, QLineEdit, QListWidget,
                               QListWidgetItem, QRadioButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text
from app.ui.common.widgets import Label


class MergeCustomersDialog(QDialog):
    merged = Signal(object)  # the Merged result

    def __init__(self, store, ops: Ops, user, customer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeCustomers")
        self.setWindowTitle(self.tr("Merge two records of a customer"))
        self.store, self.ops, self.user, self.customer_id = store, ops, user, customer_id
        self.other_id: str | None = None
        self.search = QLineEdit(objectName="merge_search")
        self.search.setPlaceholderText(self.tr("the other record: phone, plate or name"))
        self.matches = QListWidget(objectName="merge_matches")
        self.matches.setMaximumHeight(110)
        self.mine, self.theirs = QTreeWidget(objectName="merge_this"), QTreeWidget(objectName="merge_other")
        for tree in (self.mine, self.theirs):
            tree.setRootIsDecorated(False)
            tree.setHeaderLabels([self.tr("Date"), self.tr("What")])
            tree.setColumnWidth(0, 95)
        self.keep_this = QRadioButton(objectName="merge_keep_this")
        self.keep_other = QRadioButton(objectName="merge_keep_other")
        self.keep_this.setChecked(True)
        self.keep_other.setEnabled(False)
        self.confirm = QCheckBox(self.tr("These are the same person: move every case and form to the record kept"),
                                 objectName="merge_confirm")
        self.status = Label(objectName="merge_status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("merge_button")
        self.merge_button.setEnabled(False)

        grid = QGridLayout()
        grid.addWidget(self.keep_this, 0, 0)
        grid.addWidget(self.keep_other, 0, 1)
        grid.addWidget(self.mine, 1, 0)
        grid.addWidget(self.theirs, 1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(Label(self.tr("Find the other record of this customer:")))
        lay.addWidget(self.search)
        lay.addWidget(self.matches)
        lay.addLayout(grid, 1)
        lay.addWidget(self.confirm)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        self.resize(760, 560)

        self.typing = QTimer(self, singleShot=True, interval=250)  # search once typing pauses
        self.typing.timeout.connect(self.on_typing_timeout)
        self.search.textChanged.connect(lambda _t: self.typing.start())
        self.matches.currentItemChanged.connect(self.on_matches_current_item_changed)
        self.confirm.toggled.connect(self.on_confirm_toggled)
        self.buttons.accepted.connect(self.on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.load(customer_id, self.mine, self.keep_this)

    def load(self, customer_id: str, tree: QTreeWidget, radio: QRadioButton) -> None:
        from app.services.cases.case_queries import customer_history

        store = self.store
        self.ops.run(lambda: customer_history(store, customer_id),
                     on_success=lambda h: self.show_history(h, tree, radio), on_failure=self.on_failed)

    def show_history(self, h, tree: QTreeWidget, radio: QRadioButton) -> None:
        radio.setText(self.tr("Keep {name} · {phone}").format(name=h.name, phone=h.phone))
        tree.clear()
        for v in h.visits:
            QTreeWidgetItem(tree, [v.opened_on.isoformat(), self.tr("Visit {ro} {plate}").format(
                ro=v.repair_order, plate=v.plate)])
        for c in h.cases:
            QTreeWidgetItem(tree, [c.opened_at.astimezone().strftime("%Y-%m-%d"),
                                   self.tr("Case {number}").format(number=c.number)])
        tree.sortItems(0, Qt.SortOrder.DescendingOrder)

    @Slot()
    def on_typing_timeout(self) -> None:
        from app.services.cases.case_queries import find_customers

        store, text, mine = self.store, self.search.text(), self.customer_id
        self.ops.run(lambda: [m for m in find_customers(store, text, limit=20) if m.customer_id != mine],
                     on_success=self.show_matches, on_failure=self.on_failed)

    def show_matches(self, found) -> None:
        self.matches.clear()
        seen = set()
        for m in found:
            if m.customer_id in seen:
                continue
            seen.add(m.customer_id)
            item = QListWidgetItem(" · ".join(x for x in (m.name, m.phone, m.plate) if x))
            item.setData(Qt.ItemDataRole.UserRole, m.customer_id)
            self.matches.addItem(item)
        if not found:
            self.status.setText(self.tr("No other record matches."))

    @Slot(QListWidgetItem, QListWidgetItem)
    def on_matches_current_item_changed(self, item, _previous) -> None:
        self.other_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.keep_other.setEnabled(self.other_id is not None)
        if self.other_id:
            self.load(self.other_id, self.theirs, self.keep_other)
        self.on_confirm_toggled(self.confirm.isChecked())

    @Slot(bool)
    def on_confirm_toggled(self, on: bool) -> None:
        self.merge_button.setEnabled(on and self.other_id is not None)

    @Slot()
    def on_buttons_accepted(self) -> None:
        from app.services.customers.merging import merge_customers

        if self.other_id is None or not self.confirm.isChecked():
            return
        keep, gone = ((self.customer_id, self.other_id) if self.keep_this.isChecked()
                      else (self.other_id, self.customer_id))
        store, actor = self.store, self.user.user_id
        self.merge_button.setEnabled(False)
        self.ops.run(lambda: merge_customers(store, keep, gone, actor), on_success=self.on_merged,
                     on_failure=self.on_failed)

    def on_merged(self, done) -> None:
        self.merged.emit(done)
        self.accept()

    def on_failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))
        self.on_confirm_toggled(self.confirm.isChecked())
