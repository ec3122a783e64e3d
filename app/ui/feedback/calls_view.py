"""3-day calls: every delivered repair order's follow-up call (三日回访), the riskiest first with the reasons;
a call not reached is recorded, a call reached fills that order's feedback form (the form page itself, in a
dialog), and a failure opens a recovery case from there as it always does."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from app.foundation import clock
from app.services.changes import ALERTS, FORMS, SETTINGS
from app.services.orders.calls import DueCall, record_attempt
from app.ui.common.ops import Ops
from app.ui.common.refit import refit_model
from app.ui.common.ui_words import error_text, reason_words
from app.ui.common.widgets import Label, error_label, fit_columns, record_table


class CallFormDialog(QDialog):
    """The call reached: the order's feedback form, filled as the customer answers (the form page itself)."""

    reached = Signal(str)  # the form's id

    def __init__(self, store, ops: Ops, user, drafts, call: DueCall, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.ui.feedback.feedback_form_view import FeedbackFormView

        self.setObjectName("callForm")
        self.setWindowTitle(self.tr("Call for {ro}: {customer}").format(ro=call.repair_order, customer=call.customer))
        self.store, self.ops, self.user, self.call = store, ops, user, call
        self.form = FeedbackFormView(store, ops, user, drafts, self)
        self.form.set_values({"repair_order": call.repair_order, "customer_name": call.customer,
                              "phone": call.phone, "plate": call.plate})
        self.form.call_on = (call.repair_order_id, call.version)  # the call is recorded with the form
        self.form.form_saved.connect(self.on_form_saved)
        close = QPushButton(self.tr("Close"), objectName="closeCall")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addLayout(row)
        self.resize(900, 700)

    def on_form_saved(self, saved) -> None:
        self.form.call_on = None  # recorded: a second form typed here is not this call's
        self.reached.emit(saved.form_id)


class CallsView(QWidget):
    shows = FORMS | ALERTS | SETTINGS  # orders, their calls and forms; warnings (a drift is a reason); call days

    COLUMNS = ("risk", "repair_order", "customer", "phone", "delivered", "due", "attempts", "reasons")

    def __init__(self, store, ops: Ops, user, drafts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calls")
        self.store, self.ops, self.user, self.drafts = store, ops, user, drafts
        self.calls: list[DueCall] = []
        self.fitting = False
        self.fit_day = None  # the day a fit was last asked for here: once a day (Today's box refits as forms arrive)
        self.wanted: str | None = None  # an order asked for (from Today) before the list had it
        heading = Label(self.tr("3-day calls"), objectName="heading")
        self.summary = Label(objectName="callsSummary")
        self.import_button = QPushButton(self.tr("Import repair orders..."), objectName="importOrdersForCalls")
        self.import_button.clicked.connect(self.on_import_clicked)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.import_button)
        self.table = record_table("callList", [self.tr("Risk"), self.tr("Repair order"), self.tr("Customer"),
                                               self.tr("Phone"), self.tr("Delivered"), self.tr("Due"),
                                               self.tr("Attempts"), self.tr("Why")])
        self.table.itemSelectionChanged.connect(self.on_selection_changed)
        self.not_reached_button = QPushButton(self.tr("Not reached"), objectName="notReached")
        self.not_reached_button.clicked.connect(self.on_not_reached_clicked)
        self.reached_button = QPushButton(self.tr("Reached: fill the form..."), objectName="reached")
        self.reached_button.clicked.connect(self.on_reached_clicked)
        self.error = error_label("callsError")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.not_reached_button)
        buttons.addWidget(self.reached_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)  # a row of its own: a refusal's words wrap in full
        layout.addLayout(buttons)
        self.on_selection_changed()
        ops.follow(self, self.refresh)
        self.refresh()

    def refresh(self, _changes=None) -> None:
        from app.services.orders.riskiest import riskiest_calls

        store = self.store
        self.ops.run(lambda: riskiest_calls(store, limit=None), on_success=self.show_calls)  # by the model kept

    def refit(self) -> None:
        """The model fitted again on the dealer's history as it is now (refit_model); the ALERTS it
        announces refresh the list."""
        if refit_model(self, self.ops, self.store, self.error,
                       self.tr("The calls' risk could not be worked out: {error}")):
            self.fit_day = clock.today()

    def show_calls(self, result) -> None:
        calls = self.calls = list(result.calls)
        self.table.setRowCount(len(calls))
        for r, c in enumerate(calls):
            values = (f"{c.risk:.0%}" if result.fitted_on else "-", c.repair_order, c.customer, c.phone,
                      c.delivered_on.isoformat(), c.due_on.isoformat(), str(c.attempts), reason_words(c))
            for col, text in enumerate(values):
                self.table.setItem(r, col, QTableWidgetItem(text))
        fit_columns(self.table)
        self.select_wanted()
        self.wanted = None  # not due (any more): nothing to choose
        if result.fitted_on is None and result.due:  # never fitted here yet: by their due day, the risk to come
            self.summary.setText(self.tr("{n} calls to make. Working out each call's risk from this dealer's "
                                         "history...").format(n=result.due))
        else:
            self.summary.setText(self.tr("{n} calls to make, the riskiest first. A call not reached by day {day} "
                                         "after delivery counts as unreachable.").format(
                n=len(calls), day=(calls[0].expires_on - calls[0].delivered_on).days if calls else 15))
        self.on_selection_changed()
        today = clock.today()
        if result.fitted_on != today and self.fit_day != today:  # last, as an inline fit refreshes the list
            self.refit()

    def show_call(self, repair_order_id: str) -> None:
        """Choose this order's call (Today's riskiest calls open here); when the list is still loading,
        as soon as it arrives."""
        self.wanted = repair_order_id
        self.select_wanted()

    def select_wanted(self) -> None:
        for r, c in enumerate(self.calls):
            if c.repair_order_id == self.wanted:
                self.wanted = None
                self.table.selectRow(r)
                self.table.scrollToItem(self.table.item(r, 0))
                self.table.setFocus()
                return

    def chosen(self) -> DueCall | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.calls[rows[0].row()] if rows and rows[0].row() < len(self.calls) else None

    def on_selection_changed(self) -> None:
        chosen = self.chosen() is not None
        self.not_reached_button.setEnabled(chosen)
        self.reached_button.setEnabled(chosen)

    def on_not_reached_clicked(self) -> None:
        call, store, user_id = self.chosen(), self.store, self.user.user_id
        if call is None:
            return
        self.error.clear()
        self.ops.run(lambda: record_attempt(store, call.repair_order_id, user_id, reached=False,
                                            expected_version=call.version),
                     on_failure=self.on_attempt_failed)

    def on_attempt_failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.refresh()  # an order changed meanwhile: the list shows it as it is now

    def on_reached_clicked(self) -> None:
        call = self.chosen()
        if call is None:
            return
        self.call_dialog = CallFormDialog(self.store, self.ops, self.user, self.drafts, call, self)
        self.call_dialog.open()

    def on_import_clicked(self) -> None:
        from app.ui.feedback.orders_import import OrdersImportDialog

        self.orders_dialog = OrdersImportDialog(self.store, self.ops, self.user, self)
        self.orders_dialog.open()
