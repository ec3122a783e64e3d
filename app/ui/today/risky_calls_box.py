"""Today's riskiest 3-day calls, to make first: each with its risk and the reasons in words; a double-click
(or Enter) opens the call on the call list. The risk model is fitted in a process of its own, never here."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.foundation import clock
from app.services.changes import ALERTS, FORMS, SETTINGS
from app.ui.common.ops import IN_TURN, SEEN_NEXT, Ops
from app.ui.common.refit import refit_model
from app.ui.common.ui_words import reason_words, risk_words
from app.ui.common.widgets import Label

# After Today's own figures are on screen: fitting reads the dealer's whole history.
FIRST_FIT_MS = 2000
# Forms arrive all day; the model is fitted again at most this often (the call list refits when opened).
REFIT_MS = 10 * 60 * 1000


class RiskyCallsBox(QGroupBox):
    # orders and calls (announced as forms), forms, the call days (settings), drift warnings acknowledged
    shows = FORMS | SETTINGS | ALERTS

    call_requested = Signal(str)  # the repair order whose call to make, on the call list

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskyCalls")
        self.store, self.ops, self.user = store, ops, user
        self.list = QListWidget(objectName="riskyCallList")
        self.list.setMaximumHeight(110)
        self.note = Label(objectName="riskyCallsNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        self.list.itemActivated.connect(self.on_item_activated)  # a double-click and Enter emit it
        self.fitting = self.fit_asked = False
        self.setVisible(False)
        if user is None:  # advisors and supervisors (every role that signs in) make the calls
            return
        self.refit_timer = QTimer(self, singleShot=True, interval=REFIT_MS, timeout=self.refit)
        ops.follow(self, self.refresh)
        ops.changed.connect(self.on_changed)

    def start(self, early=None) -> None:
        """The first read, asked for by Today after its own figures; a reader beside the database worker
        (its query is about 30 ms of SQLite's CPU at 100k cases, which runs beside Python's work there,
        not after Today's other boxes). ``early``: the EarlyReads made before sign-in, which has it."""
        if self.user is None:
            return
        if early is not None:
            early.take("riskiest calls", self.show_rows, lambda: self.refresh(SEEN_NEXT, pool="io"))
        else:
            self.refresh(SEEN_NEXT, pool="io")

    def refresh(self, order: int = IN_TURN, pool: str = "db") -> None:
        from app.services.orders.riskiest import riskiest_calls

        store = self.store
        self.ops.run(lambda: riskiest_calls(store), on_success=self.show_rows, order=order, pool=pool)

    def on_changed(self, changed) -> None:
        if changed & FORMS and not self.refit_timer.isActive():
            self.refit_timer.start()  # new forms: a better model later, not on every form typed

    def refit(self) -> None:
        """The model fitted again and kept, in a process of its own (refit_model), as the warnings are;
        the ALERTS it announces refresh the box and the call list."""
        refit_model(self, self.ops, self.store, self.note, self.tr("The calls' risk could not be worked out: {error}"))

    def show_rows(self, result) -> None:
        if result.fitted_on != clock.today() and not self.fit_asked:
            self.fit_asked = True  # once (a model from an earlier day, or none yet); then on new forms
            QTimer.singleShot(FIRST_FIT_MS, self, self.refit)
        loc = self.locale()
        self.setTitle(self.tr("Call these first: the riskiest 3-day calls ({n} due)").format(n=loc.toString(result.due)))
        self.setVisible(result.due > 0)
        self.list.clear()
        for c in result.calls:
            parts = [c.repair_order, c.customer, risk_words(c.risk, loc)]
            reasons = reason_words(c)
            if reasons:
                parts.append(reasons)
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, c.repair_order_id)
            self.list.addItem(item)
        if result.fitted_on is None:
            self.note.setText(self.tr("Working out each call's risk from this dealer's history..."))
        else:
            self.note.setText(self.tr("Double-click a call to make it on the call list."))

    def on_item_activated(self, item: QListWidgetItem) -> None:
        self.call_requested.emit(item.data(Qt.ItemDataRole.UserRole))
