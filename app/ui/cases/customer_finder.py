"""Finding the customer in the complaint dialog: the search as you type, a phone or plate typed in full,
and what the desk knows of the customer found (a mixin of ComplaintDialog)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem

from app.rules import identifiers
from app.ui.cases.returning_customer import ReturningCustomer, last_repair_order, same_customer


class CustomerFinder:
    """Needs of its dialog: store, ops, the customer fields, customer_id, on_field_changed()."""

    def build_search(self) -> None:
        """Find the customer as you type: matches appear under the box, Enter or a click takes one."""
        self.search = QLineEdit(objectName="customerSearch")
        # The dialog's context: a mixin's own class name is not the object's, which Qt's tr() would use.
        self.search.setPlaceholderText(QCoreApplication.translate("ComplaintDialog", "Find a customer: phone, plate or name"))
        self.search.setClearButtonEnabled(True)
        self.matches = QListWidget(objectName="customerMatches")
        self.matches.setMaximumHeight(120)
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Up and Down in the search box move through it
        self.search.installEventFilter(self)
        self.returning = ReturningCustomer()
        self.matches.hide()
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(150)  # wait for a pause in typing, not every key
        self.search_timer.timeout.connect(self.on_search_timer_timeout)
        self.search.textEdited.connect(lambda _: self.search_timer.start())
        self.matches.itemActivated.connect(self.on_match_activated)
        self.matches.itemClicked.connect(self.on_match_activated)

    # Customer search as you type.
    def on_search_timer_timeout(self) -> None:
        from app.services.cases.case_queries import find_customers

        text, store = self.search.text(), self.store
        self.ops.run(lambda: (text, find_customers(store, text)), on_success=self.on_matches_found)

    def on_matches_found(self, result) -> None:
        text, found = result
        if text != self.search.text():
            return  # the advisor typed on; a newer search is coming
        self.matches.clear()
        for m in found:
            label = " · ".join(x for x in (m.name, m.phone, m.plate, m.model) if x)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, m)
            self.matches.addItem(item)
        self.matches.setVisible(bool(found))
        if found:
            self.matches.setCurrentRow(0)

    def on_search_return_pressed(self) -> None:
        if self.search_timer.isActive():
            self.search_timer.stop()
            self.on_search_timer_timeout()
        item = self.matches.currentItem()
        if item is not None and self.matches.isVisible():
            self.on_match_activated(item)

    def on_match_activated(self, item: QListWidgetItem) -> None:
        m = item.data(Qt.ItemDataRole.UserRole)
        self.customer_name.setText(m.name)
        self.phone.setText(m.phone)
        self.plate_unknown.setChecked(m.plate == identifiers.PLATE_UNKNOWN)
        self.plate.setText("" if m.plate == identifiers.PLATE_UNKNOWN else m.plate)
        self.model.setText(m.model)
        if m.vin and not self.vin.text():
            self.vin.setText(m.vin)
        self.customer_id = m.customer_id
        self.matches.hide()
        self.on_field_changed()
        self.load_history(m.customer_id, m.plate)
        # Found by already says On site, as most complaints at the counter are: the words come next.
        self.customer_words.setFocus()

    def on_identity_typed(self) -> None:
        if self.customer_id is not None:
            return  # already a known customer
        from app.services.cases.case_queries import find_customers

        phone, plate, store = self.phone.text(), self.plate.text(), self.store
        key = phone if phone.strip() else plate
        if len(key.strip()) >= 5:
            self.ops.run(lambda: find_customers(store, key),
                         on_success=lambda found: self.on_identity_found(same_customer(found, phone, plate)))

    def on_identity_found(self, m) -> None:
        """The customer the typed phone or plate names: blank fields filled, nothing typed overwritten."""
        if m is None or self.customer_id is not None:
            return
        self.customer_id = m.customer_id
        for field, value in ((self.customer_name, m.name), (self.phone, m.phone), (self.model, m.model),
                             (self.vin, m.vin)):
            if not field.text():
                field.setText(value)
        if not self.plate.text() and not self.plate_unknown.isChecked() and m.plate != identifiers.PLATE_UNKNOWN:
            self.plate.setText(m.plate)
        self.on_field_changed()
        self.load_history(m.customer_id, m.plate)

    def load_history(self, customer_id: str, plate: str) -> None:
        """The customer's visits, forms and cases, shown as soon as read; the last repair order offered."""
        from app.services.cases.case_queries import customer_history

        store, self._history_plate = self.store, plate
        self.ops.run(lambda: customer_history(store, customer_id), on_success=self.on_history_loaded)

    def on_history_loaded(self, history) -> None:
        if history.customer_id != self.customer_id:
            return  # another customer was taken since
        offered = ""
        if not self.repair_order.text():  # never over what the advisor typed
            offered = last_repair_order(history, self._history_plate)
            self.repair_order.setText(offered)
        self.returning.show_history(history, offered, self.locale())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Up and Down in the search box choose among the matches below it; Enter there takes one (and
        goes no further: the dialog's Enter saves)."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_search_return_pressed()
            return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress and self.matches.isVisible():
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
            if step:
                row = max(0, min(self.matches.count() - 1, self.matches.currentRow() + step))
                self.matches.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

