"""Today: what needs the advisor now (new cases, callbacks, failure forms with no case, alerts) and the month."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QFormLayout, QGridLayout, QGroupBox, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from app.services.today import COUNT_CAP
from app.ui.common.dates import qdate_today, short_date, short_when
from app.services.changes import ALERTS, CASES, FORMS, SETTINGS
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, vocab_title
from app.rules.vocab import Severity
from app.ui.common.style import ERROR_COLOUR



class TodayView(QWidget):
    shows = FORMS | CASES | ALERTS | SETTINGS  # the kinds of change this view refreshes on

    case_requested = Signal(str)  # the advisor wants to see this case
    filled = Signal()  # real figures are on screen

    # -- building the page: __init__ (after these) calls them in this order
    def build_month(self) -> QGroupBox:
        """The month's figures so far."""
        self.forms = Label("-")
        self.average = Label("-")
        self.failure_share = Label("-")
        self.outcome = Label("-")
        month = QGroupBox(self.tr("This month"))
        form = QFormLayout(month)
        form.addRow(self.tr("Feedback forms this month:"), self.forms)
        form.addRow(self.tr("Average score:"), self.average)
        form.addRow(self.tr("Failure share:"), self.failure_share)
        form.addRow(self.tr("Change against last month:"), self.outcome)
        return month

    def build_lists(self) -> None:
        """What waits for the advisor (a case opens it, a form starts a case from it); alerts for supervisors only."""
        def box(title: str, name: str):
            g = QGroupBox(title)
            lst = QListWidget()
            lst.setObjectName(name)
            QVBoxLayout(g).addWidget(lst)
            return g, lst

        user = self.user
        self.waiting_box, self.waiting = box(self.tr("Waiting for a first response"), "waiting")
        self.callbacks_box, self.callbacks = box(self.tr("Callbacks due"), "callbacks")
        self.forms_box, self.failure_forms = box(self.tr("Failure forms with no case yet"), "failureForms")
        self.alerts_box, self.alerts = box(self.tr("Alerts for supervisors"), "alerts")
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.ack_button.clicked.connect(self.on_ack_clicked)
        self.alerts_box.layout().addWidget(self.ack_button, 0, Qt.AlignmentFlag.AlignRight)
        self.ack_button.setEnabled(False)  # until an alert is chosen
        self.alerts.currentItemChanged.connect(lambda cur, _prev: self.ack_button.setEnabled(cur is not None))
        self.alerts_box.setVisible(bool(user and user.is_supervisor))
        # itemActivated alone: a double-click (and Enter) already emits it; doubleClicked as well
        # opened every dialog twice.
        for lst in (self.waiting, self.callbacks):
            lst.itemActivated.connect(self.on_case_item_activated)
        self.failure_forms.itemActivated.connect(self.on_form_item_activated)
        self.complaint = None

    def build_layout(self, month: QGroupBox) -> None:
        """The heading above a grid: the two case lists, the forms and the month, the alerts across the bottom."""
        grid = QGridLayout()
        grid.addWidget(self.waiting_box, 0, 0)
        grid.addWidget(self.callbacks_box, 0, 1)
        grid.addWidget(self.forms_box, 1, 0)
        grid.addWidget(month, 1, 1)
        grid.addWidget(self.alerts_box, 2, 0, 1, 2)
        grid.addWidget(self.warnings_box, 3, 0, 1, 2)
        grid.addWidget(self.improvements_box, 4, 0, 1, 2)
        self.alerts.setMaximumHeight(110)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid, 1)

    def __init__(self, store, ops: Ops, user=None, drafts=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today")
        self.store, self.ops, self.user, self.drafts = store, ops, user, drafts
        self.heading = Label(objectName="heading")
        month = self.build_month()
        self.build_lists()
        from app.ui.today.warnings_box import WarningsBox

        from app.ui.today.improvements_box import ImprovementsBox

        self.warnings_box = WarningsBox(store, ops, user)
        self.improvements_box = ImprovementsBox(store, ops, user)
        self.improvements_box.case_requested.connect(self.case_requested)
        self.build_layout(month)
        ops.follow(self, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        from app.services.alerts import open_alerts
        from app.services.today import today_figures

        store, supervisor = self.store, bool(self.user and self.user.is_supervisor)
        self.ops.run(lambda: (today_figures(store), open_alerts(store) if supervisor else []),
                     on_success=self.show_figures)

    def show_figures(self, result) -> None:
        t, alerts = result
        s = t.month
        loc = self.locale()
        self.heading.setText(self.tr("Today, {day}").format(
            day=loc.toString(qdate_today(), QLocale.FormatType.LongFormat)))
        self.forms.setText(loc.toString(s.forms))
        self.average.setText("-" if s.average is None else loc.toString(s.average, "f", 2))
        self.failure_share.setText("-" if s.failure_share is None else loc.toString(s.failure_share * 100, "f", 1) + "%")
        self.outcome.setText("-" if s.change is None else loc.toString(s.change, "f", 2))
        count = lambda n: f"{COUNT_CAP - 1}+" if n >= COUNT_CAP else loc.toString(n)  # noqa: E731
        self.waiting_box.setTitle(self.tr("Waiting for a first response ({n})").format(n=count(t.waiting_count)))
        self.callbacks_box.setTitle(self.tr("Callbacks due ({n})").format(n=count(t.callbacks_count)))
        self.forms_box.setTitle(self.tr("Failure forms with no case yet ({n})").format(
            n=count(t.forms_without_case_count)))
        for lst, items in ((self.waiting, t.waiting), (self.callbacks, t.callbacks)):
            lst.clear()
            for c in items:
                if c.due_at is None:
                    when = self.tr("opened {when}").format(when=short_when(c.opened_at, loc))
                else:
                    when = self.tr("due {when}").format(when=short_when(c.due_at, loc))
                text = f"{c.number} · {c.customer} · {vocab_title(Severity(c.severity))} · {when}"
                if c.overdue:
                    text += " · " + self.tr("overdue")
                item = QListWidgetItem(text)
                if c.overdue:
                    item.setForeground(QColor(ERROR_COLOUR))  # the case list marks overdue cases in the same red
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                lst.addItem(item)
        self.failure_forms.clear()
        for f in t.forms_without_case:
            overall = f" · {f.overall}/10" if f.overall else ""
            item = QListWidgetItem(f"{f.repair_order} · {f.customer} · {f.grades}{overall} · "
                                   f"{short_date(f.service_date, loc)}")
            item.setData(Qt.ItemDataRole.UserRole, f.form_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, f.repair_order)
            self.failure_forms.addItem(item)
        self.alerts.clear()
        self.alerts_box.setTitle(self.tr("Alerts for supervisors ({n})").format(n=len(alerts)))
        for a in alerts:
            state = self.tr("case opened") if a.case_id else self.tr("no case yet")
            if not a.still_failure:  # kept, so a supervisor still sees it, but marked
                state += " · " + self.tr("form corrected, no longer a failure")
            item = QListWidgetItem(self.tr("Failure form {ro} · {customer} · {grades} · {state}").format(
                ro=a.repair_order, customer=a.customer, grades=a.grades, state=state))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.alerts.addItem(item)
        self.filled.emit()

    def on_case_item_activated(self, item: QListWidgetItem) -> None:
        self.case_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def on_form_item_activated(self, item: QListWidgetItem) -> None:
        from app.services.feedback_forms import case_from_form
        from app.ui.cases.complaint_dialog import ComplaintDialog

        if self.user is None:
            return
        if self.complaint is not None and self.complaint.isVisible():
            self.complaint.raise_()  # one case per form: the dialog already open stays the only one
            self.complaint.activateWindow()
            return
        store, form_id = self.store, item.data(Qt.ItemDataRole.UserRole)
        ro = item.data(Qt.ItemDataRole.UserRole + 1) or ""

        def show(new_case) -> None:
            if self.complaint is not None and self.complaint.isVisible():
                return
            self.complaint = ComplaintDialog(self.store, self.ops, self.user, self.drafts, prefill=new_case,
                                             repair_order=ro, parent=self)
            self.complaint.case_saved.connect(lambda ref: self.case_requested.emit(ref.id))
            self.complaint.open()

        self.ops.run(lambda: case_from_form(store, form_id), on_success=show)

    def on_ack_clicked(self) -> None:
        from app.services.alerts import acknowledge

        item = self.alerts.currentItem()
        if item is None:
            return
        store, user, aid = self.store, self.user, item.data(Qt.ItemDataRole.UserRole)
        self.ops.run(lambda: acknowledge(store, aid, user))  # the ALERTS notice refreshes
