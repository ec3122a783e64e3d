"""Today: what needs the advisor now (new cases, callbacks, failure forms with no case, alerts) and the month."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from app.services.today.worklist import COUNT_CAP

ALERTS_SHOWN = 50  # open_alerts' default: the newest, the rest counted and a click away
from app.ui.common.dates import qdate_today, short_when
from app.ui.today.full_list import alert_text, form_text
from app.services.changes import ALERTS, CASES, FORMS, SETTINGS
from app.ui.common.ops import IN_TURN, SEEN_FIRST, Ops
from app.ui.common.widgets import Label, vocab_title
from app.rules.vocab import Severity
from app.ui.common.style import ERROR_COLOUR



class TodayView(QWidget):
    shows = FORMS | CASES | ALERTS | SETTINGS  # the kinds of change this view refreshes on

    case_requested = Signal(str)  # the advisor wants to see this case
    call_requested = Signal(str)  # the advisor makes this repair order's 3-day call, on the call list
    more_requested = Signal(str)  # "waiting" or "callbacks": the whole list, on its page
    filled = Signal()  # real figures are on screen

    # -- building the page: __init__ (after these) calls them in this order
    def build_month(self) -> QGroupBox:
        """The month's figures so far."""
        self.forms = Label("-")
        self.average = Label("-")
        self.failure_share = Label("-")
        self.outcome = Label("-")
        # The month's 3-day calls so far, as the monthly summary counts them.
        self.call_completion = Label("-", objectName="callCompletion")
        self.call_reach = Label("-", objectName="callReach")
        self.call_failures = Label("-", objectName="callFailures")
        month = QGroupBox(self.tr("This month"))
        figures = QGridLayout()  # two pairs a row, so the trend below has the room
        for i, (label, value) in enumerate(((self.tr("Feedback forms this month:"), self.forms),
                                            (self.tr("Average score:"), self.average),
                                            (self.tr("Failure share:"), self.failure_share),
                                            (self.tr("Change against last month:"), self.outcome),
                                            (self.tr("3-day calls completed:"), self.call_completion),
                                            (self.tr("Calls reached:"), self.call_reach),
                                            (self.tr("Failures found by the calls:"), self.call_failures))):
            figures.addWidget(Label(label), i // 2, (i % 2) * 2)
            figures.addWidget(value, i // 2, (i % 2) * 2 + 1)
        figures.setColumnStretch(1, 1)
        figures.setColumnStretch(3, 1)
        from app.ui.today.month_trend import MonthTrend

        self.trend = MonthTrend(self.store, self.ops)
        v = QVBoxLayout(month)
        v.addLayout(figures)
        v.addWidget(self.trend, 1)
        return month

    def build_lists(self) -> None:
        """What waits for the advisor (a case opens it, a form starts a case from it); alerts for supervisors only."""
        def box(title: str, name: str):
            g = QGroupBox(title)
            lst = QListWidget()
            lst.setObjectName(name)
            v = QVBoxLayout(g)
            v.addWidget(lst)
            # "N more": the list shows the first few, this opens all of them (hidden when none are left out).
            more = QPushButton(objectName=f"{name}More")
            more.setFlat(True)
            more.setCursor(Qt.CursorShape.PointingHandCursor)
            more.hide()
            more.clicked.connect(lambda: self.on_more_clicked(name))
            v.addWidget(more, 0, Qt.AlignmentFlag.AlignLeft)
            self.more[name] = more
            return g, lst

        self.more: dict[str, QPushButton] = {}

        user = self.user
        self.waiting_box, self.waiting = box(self.tr("Waiting for a first response"), "waiting")
        self.callbacks_box, self.callbacks = box(self.tr("Callbacks due"), "callbacks")
        self.forms_box, self.failure_forms = box(self.tr("Failure forms with no case yet"), "failureForms")
        self.alerts_box, self.alerts = box(self.tr("Alerts for supervisors"), "alerts")
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.ack_button.clicked.connect(self.on_ack_clicked)
        self.alerts_box.layout().addWidget(self.ack_button, 0, Qt.AlignmentFlag.AlignRight)
        self.full_list = None
        self.ack_button.setEnabled(False)  # until an alert is chosen
        self.alerts.currentItemChanged.connect(lambda cur, _prev: self.ack_button.setEnabled(cur is not None))
        self.alerts_box.setVisible(bool(user and user.is_supervisor))
        # itemActivated alone: a double-click (and Enter) already emits it; doubleClicked as well
        # opened every dialog twice.
        for lst in (self.waiting, self.callbacks):
            lst.itemActivated.connect(self.on_case_item_activated)
        self.failure_forms.itemActivated.connect(self.on_form_item_activated)
        self.alerts.itemActivated.connect(self.on_alert_item_activated)
        self.complaint = None

    def build_layout(self, month: QGroupBox) -> None:
        """The heading above a grid: the two case lists, the forms and the month, the alerts across the bottom."""
        grid = QGridLayout()
        grid.addWidget(self.waiting_box, 0, 0)
        grid.addWidget(self.callbacks_box, 0, 1)
        grid.addWidget(self.forms_box, 1, 0)
        grid.addWidget(month, 1, 1)
        grid.addWidget(self.risky_calls, 2, 0, 1, 2)
        grid.addWidget(self.alerts_box, 3, 0, 1, 2)
        grid.addWidget(self.warnings_box, 4, 0, 1, 2)
        grid.addWidget(self.improvements_box, 5, 0, 1, 2)
        self.alerts.setMaximumHeight(110)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 1)  # the lists keep half the width beside the month's charts
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid, 1)

    def __init__(self, store, ops: Ops, user=None, drafts=None, parent: QWidget | None = None, *,
                 first_read: bool = True, early=None) -> None:
        """``first_read`` False: the figures read before sign-in fill it (the shell's ``show_figures``),
        not a read of its own; change notices refresh it either way. ``early``: the EarlyReads made
        before sign-in, which has the first read of the other boxes (the riskiest calls, warnings,
        improvement actions, the trend)."""
        super().__init__(parent)
        self.setObjectName("today")
        self.store, self.ops, self.user, self.drafts = store, ops, user, drafts
        self.is_filled = False
        self.heading = Label(objectName="heading")
        month = self.build_month()
        self.build_lists()
        from app.ui.today.warnings_box import WarningsBox

        from app.ui.today.improvements_box import ImprovementsBox
        from app.ui.today.risky_calls_box import RiskyCallsBox

        self.risky_calls = RiskyCallsBox(store, ops, user)  # the riskiest 3-day calls, to make first
        self.risky_calls.call_requested.connect(self.call_requested)

        self.warnings_box = WarningsBox(store, ops, user, early=early)
        self.improvements_box = ImprovementsBox(store, ops, user, early=early)
        self.improvements_box.case_requested.connect(self.case_requested)
        self.build_layout(month)
        ops.follow(self, self.refresh)
        if first_read:
            self.refresh(SEEN_FIRST)
        self.risky_calls.start(early)  # after Today's figures on the database worker
        self.trend.start(early)

    def refresh(self, order: int = IN_TURN) -> None:
        """``order``: the first read goes before every other box's and page's on the database worker."""
        from app.services.today.alerts import open_alerts
        from app.services.today.worklist import today_figures

        store, supervisor = self.store, bool(self.user and self.user.is_supervisor)
        self.ops.run(lambda: (today_figures(store), open_alerts(store) if supervisor else []),
                     on_success=self.show_figures, order=order)

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
        self.show_call_figures(t.calls, loc)
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
            item = QListWidgetItem(form_text(f, loc))
            item.setData(Qt.ItemDataRole.UserRole, f.form_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, f.repair_order)
            self.failure_forms.addItem(item)
        self.alerts.clear()
        self.show_alert_count(len(alerts))
        for a in alerts:
            item = QListWidgetItem(alert_text(a))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, a)
            self.alerts.addItem(item)
        for name, shown, n in (("waiting", len(t.waiting), t.waiting_count),
                               ("callbacks", len(t.callbacks), t.callbacks_count),
                               ("failureForms", len(t.forms_without_case), t.forms_without_case_count)):
            self.show_more(name, n - shown, capped=n >= COUNT_CAP)
        if alerts and len(alerts) >= ALERTS_SHOWN:  # the list is the newest few: how many are there?
            from app.services.today.alerts import count_open_alerts

            store = self.store
            self.ops.run(lambda: count_open_alerts(store), on_success=self.show_alert_count)
        self.is_filled = True
        self.filled.emit()

    def show_call_figures(self, c, loc: QLocale) -> None:
        """Completion and reach as shares of the calls due so far (with the counts), the failures they found."""
        if c is None or not c.due:
            for label in (self.call_completion, self.call_reach, self.call_failures):
                label.setText("-")
            return
        pct = lambda x: loc.toString(x * 100, "f", 0) + "%"  # noqa: E731
        self.call_completion.setText(self.tr("{share} ({n} of {due})").format(
            share=pct(c.completion_rate), n=loc.toString(c.reached + c.unreachable), due=loc.toString(c.due)))
        self.call_reach.setText(self.tr("{share} ({n} of {due})").format(
            share=pct(c.reach_rate), n=loc.toString(c.reached), due=loc.toString(c.due)))
        self.call_failures.setText(loc.toString(c.failures_found))

    def show_alert_count(self, n: int) -> None:
        self.alerts_box.setTitle(self.tr("Alerts for supervisors ({n})").format(n=self.locale().toString(n)))
        self.show_more("alerts", n - self.alerts.count())

    def show_more(self, name: str, left_out: int, capped: bool = False) -> None:
        """The "N more" link under a list: what the list leaves out, and the way to all of it."""
        more = self.more[name]
        more.setVisible(left_out > 0)
        n = self.locale().toString(left_out) + ("+" if capped else "")
        more.setText(self.tr("{n} more: show all").format(n=n))

    def on_more_clicked(self, name: str) -> None:
        """Cases open in their own pages (the shell shows them); forms and alerts in a full list here."""
        if name in ("waiting", "callbacks"):
            self.more_requested.emit(name)
            return
        from app.ui.today.full_list import ALERTS_KIND, FORMS_KIND, FullList

        if self.full_list is not None and self.full_list.isVisible():
            self.full_list.close()
        self.full_list = FullList(self.store, self.ops, FORMS_KIND if name == "failureForms" else ALERTS_KIND, self)
        self.full_list.case_requested.connect(self.case_requested)
        self.full_list.form_requested.connect(self.start_case_from_form)
        self.full_list.open()

    def on_case_item_activated(self, item: QListWidgetItem) -> None:
        self.case_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def on_form_item_activated(self, item: QListWidgetItem) -> None:
        self.start_case_from_form(item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1) or "")

    def on_alert_item_activated(self, item: QListWidgetItem) -> None:
        """An alert opens its case, or starts one from its form when none is open yet."""
        a = item.data(Qt.ItemDataRole.UserRole + 1)
        if a.case_id:
            self.case_requested.emit(a.case_id)
        elif a.form_id:
            self.start_case_from_form(a.form_id, a.repair_order)

    def start_case_from_form(self, form_id: str, ro: str) -> None:
        from app.services.feedback.forms import case_from_form
        from app.ui.cases.complaint_dialog import ComplaintDialog

        if self.user is None:
            return
        if self.complaint is not None and self.complaint.isVisible():
            self.complaint.raise_()  # one case per form: the dialog already open stays the only one
            self.complaint.activateWindow()
            return
        store = self.store

        def show(new_case) -> None:
            if self.complaint is not None and self.complaint.isVisible():
                return
            self.complaint = ComplaintDialog(self.store, self.ops, self.user, self.drafts, prefill=new_case,
                                             repair_order=ro, parent=self)
            self.complaint.case_saved.connect(lambda ref: self.case_requested.emit(ref.id))
            self.complaint.open()

        self.ops.run(lambda: case_from_form(store, form_id), on_success=show)

    def on_ack_clicked(self) -> None:
        from app.services.today.alerts import acknowledge

        item = self.alerts.currentItem()
        if item is None:
            return
        store, user, aid = self.store, self.user, item.data(Qt.ItemDataRole.UserRole)
        self.ops.run(lambda: acknowledge(store, aid, user))  # the ALERTS notice refreshes
