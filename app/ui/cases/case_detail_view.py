"""One case: its facts, the timeline of everything that happened, the customer's history, attachments.

Extension point: ``add_tab(title, widget)`` adds a tab (e.g. the guided-recovery stepper), or
``add_tab(title, make)`` one made when the case's tabs are (the first case chosen). A tab widget with a
``show_case(case_id)`` method is told whenever another case is shown; ``case_shown`` is emitted too.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QLabel, QListView, QListWidget, QListWidgetItem, QPushButton, QTabWidget,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from app.ui.cases.attachments_panel import AttachmentsPanel
from app.services.changes import ATTACHMENTS, CALLBACKS, CASES, REMEDIES
from app.ui.common.ops import Ops
from app.rules.vocab import Blame, CaseStatus, CauseGroup, Channel, FailureType, Mood, RemedyKind, Severity
from app.ui.common.widgets import Label


def _title(vocab, value) -> str:
    if not value:
        return "-"
    try:
        return QCoreApplication.translate("Vocab", vocab(value).title)
    except ValueError:
        return str(value)


def _when(dt) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M") if dt else "-"


class CaseDetailView(QWidget):
    shows = CASES | REMEDIES | CALLBACKS | ATTACHMENTS  # the kinds of change this view refreshes on

    case_shown = Signal(str)

    # -- building the page: __init__ (after these) calls them in this order. Each tab is added before
    # it is filled, so its parts are made in place: a widget moved into another is styled over again
    # with all its children (the application's style sheet).
    def build_overview(self) -> None:
        """The case's facts, one labelled line each."""
        overview = QWidget()
        self.tabs.addTab(overview, self.tr("Overview"))
        self.facts = QFormLayout(overview)
        self.fact_labels: dict[str, QLabel] = {}
        for key, label in (("status", self.tr("Status")), ("severity", self.tr("Severity")),
                           ("channel", self.tr("Found by")), ("failure_type", self.tr("Failure type")),
                           ("cause_group", self.tr("Cause")), ("blame", self.tr("Customer blames")),
                           ("mood", self.tr("Mood")), ("opened_at", self.tr("Opened")),
                           ("first_response_at", self.tr("First response")), ("repair_order", self.tr("Repair order")),
                           ("assignee", self.tr("Advisor")), ("customer_words", self.tr("Customer's words"))):
            lab = Label("-", overview)
            lab.setWordWrap(True)
            lab.setObjectName(f"fact_{key}")
            self.facts.addRow(label + ":", lab)
            self.fact_labels[key] = lab
        # A closed case's outcome, shown only once it is closed (it is also in the timeline).
        self.outcome_keys = ("closed_at", "recovered", "rerating", "remedy", "root_cause", "improvement")
        for key, label in zip(self.outcome_keys, (self.tr("Closed"), self.tr("Recovered"), self.tr("Re-rating"),
                                                  self.tr("Remedy"), self.tr("Root cause"), self.tr("Improvement"))):
            lab = Label("-", overview)
            lab.setWordWrap(True)
            lab.setObjectName(f"fact_{key}")
            self.facts.addRow(label + ":", lab)
            self.fact_labels[key] = lab
            self.facts.setRowVisible(lab, False)

    def build_timeline(self) -> None:
        # A list, not a table: what happened wraps onto as many lines as it needs.
        self.timeline = QListWidget(objectName="timeline")
        self.timeline.setWordWrap(True)
        self.timeline.setResizeMode(QListView.ResizeMode.Adjust)
        self.timeline.setSpacing(3)
        self.tabs.addTab(self.timeline, self.tr("Timeline"))

    def build_history(self) -> None:
        """The customer's visits (with their forms) and cases, newest first."""
        page = QWidget()
        self.tabs.addTab(page, self.tr("Customer history"))
        self.history = QTreeWidget(page, objectName="customerHistory")
        self.history.setHeaderLabels([self.tr("Date"), self.tr("What"), self.tr("Details")])
        self.history.setRootIsDecorated(False)
        self.history.setColumnWidth(0, 95)
        self.history.setColumnWidth(1, 190)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.history, 1)
        # The same person recorded twice: a supervisor merges the records (ui/cases/merge_dialog).
        self.merge_button = QPushButton(self.tr("Merge with another record of this customer..."), page,
                                        objectName="merge_customer")
        self.merge_button.setVisible(bool(getattr(self.user, "is_supervisor", False)))
        self.merge_button.clicked.connect(self.on_merge_button_clicked)
        lay.addWidget(self.merge_button, 0, Qt.AlignmentFlag.AlignLeft)

    def on_merge_button_clicked(self) -> None:
        from app.ui.cases.merge_dialog import MergeCustomersDialog

        if self.detail is None:
            return
        self.merge_dialog = MergeCustomersDialog(self.store, self.ops, self.user, self.detail.customer_id, self)
        self.merge_dialog.open()

    # What build_tabs makes: asked for before a case is chosen, they are made then (see __getattr__).
    BUILT = frozenset(("tabs", "facts", "fact_labels", "outcome_keys", "timeline", "history", "merge_button",
                       "attachments"))

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.store, self.ops, self.user = store, ops, user
        self.case_id: str | None = None
        self.detail = None
        self.heading = Label(self.tr("Choose a case in the list"), self, objectName="heading")
        self.subheading = Label(parent=self)
        self.subheading.setWordWrap(True)
        self.extensions: list[QWidget] = []
        # Other features' tabs (or what makes them), added when the tabs are made.
        self._later_tabs: list[tuple[str, QWidget | Callable[[], QWidget]]] = []
        self._built = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addStretch(1)  # the tabs take its place
        ops.follow(self, lambda: self.case_id and self.reload())

    def build_tabs(self) -> None:
        """The case's tabs, made when the first case is chosen (or one of them is asked for): an empty
        detail beside the list cost the list's first build 5-10 ms and its first paint more."""
        if self._built:
            return
        self._built = True
        self.tabs = QTabWidget(self)
        self.tabs.setEnabled(False)
        self.build_overview()
        self.build_timeline()
        self.build_history()
        self.attachments = AttachmentsPanel(self.store, self.ops, self.user)
        self.tabs.addTab(self.attachments, self.tr("Attachments"))
        self.extensions.insert(0, self.attachments)
        for title, widget in self._later_tabs:
            self.tabs.addTab(self._made(widget), title)
        self._later_tabs.clear()
        layout = self.layout()
        layout.takeAt(layout.count() - 1)  # the stretch
        layout.addWidget(self.tabs, 1)

    def __getattr__(self, name: str):
        # Only for names not yet set: the tabs' parts exist once they are made.
        if name in CaseDetailView.BUILT and not self.__dict__.get("_built", True):
            self.build_tabs()
            return getattr(self, name)
        raise AttributeError(name)

    def add_tab(self, title: str, widget: QWidget | Callable[[], QWidget]) -> int:
        """Add a tab beside the case's own (the extension point for other features); its index. Given
        what makes the tab's widget, it is made with the case's tabs: nobody sees a tab before a case
        is chosen, and the list beside it is on screen sooner (the stepper took 6-10 ms of it)."""
        if not self._built:
            self._later_tabs.append((title, widget))
            return 3 + len(self._later_tabs)  # after the four tabs of the case's own
        return self.tabs.addTab(self._made(widget), title)

    def _made(self, widget: QWidget | Callable[[], QWidget]) -> QWidget:
        """The tab's widget (made now if given as what makes it), told the case shown."""
        if not isinstance(widget, QWidget):
            widget = widget()
        self.extensions.append(widget)
        if self.case_id and hasattr(widget, "show_case"):
            widget.show_case(self.case_id)
        return widget

    def show_case(self, case_id: str) -> None:
        self.build_tabs()
        self.case_id = case_id
        self.reload()
        for w in self.extensions:
            if hasattr(w, "show_case"):
                w.show_case(case_id)
        self.case_shown.emit(case_id)

    def clear(self) -> None:
        """No case shown (the one shown left the list's filter)."""
        self.case_id, self.detail = None, None
        self.heading.setText(self.tr("Choose a case in the list"))
        self.subheading.clear()
        self.tabs.setEnabled(False)
        self.tabs.hide()  # the case's tabs (the stepper's too) are not left showing it

    def reload(self) -> None:
        from app.services.cases.case_queries import case_detail, customer_history

        store, case_id = self.store, self.case_id

        def load():
            d = case_detail(store, case_id)
            return d, customer_history(store, d.customer_id)

        self.ops.run(load, on_success=self.on_loaded)

    def on_loaded(self, result) -> None:
        d, history = result
        if d.id != self.case_id:
            return
        self.detail = d
        self.tabs.setEnabled(True)
        self.tabs.show()
        self.heading.setText(self.tr("Case {number}").format(number=d.number))
        self.subheading.setText(" · ".join(x for x in (d.customer, d.phone, d.plate, d.model) if x))
        facts = {"status": _title(CaseStatus, d.status), "severity": _title(Severity, d.severity),
                 "channel": _title(Channel, d.channel), "failure_type": _title(FailureType, d.failure_type),
                 "cause_group": _title(CauseGroup, d.cause_group), "blame": _title(Blame, d.blame),
                 "mood": _title(Mood, d.mood), "opened_at": _when(d.opened_at),
                 "first_response_at": _when(d.first_response_at), "repair_order": d.repair_order or "-",
                 "assignee": d.assignee or "-", "customer_words": d.customer_words or "-"}
        if d.severity_reason:
            facts["severity"] += f" ({d.severity_reason})"
        closed = d.status == CaseStatus.CLOSED.value
        if closed:
            facts.update(self.outcome_facts(d))
        for key in self.outcome_keys:
            self.facts.setRowVisible(self.fact_labels[key], closed)
        for key, text in facts.items():
            self.fact_labels[key].setText(text)
        self.timeline.clear()
        for t in d.timeline:
            item = QListWidgetItem(f"{_when(t.occurred_at)} · {t.actor or '-'}\n{self.describe(t.kind, t.payload)}")
            item.setData(Qt.ItemDataRole.UserRole, t.kind)
            self.timeline.addItem(item)
        self.history.clear()
        for v in history.visits:
            what = self.tr("Visit {ro}").format(ro=v.repair_order)
            details = self.tr("form {grades}, score {score}").format(grades=v.grades, score=v.score) if v.form_id \
                else self.tr("no form")
            QTreeWidgetItem(self.history, [v.opened_on.isoformat(), what, f"{v.plate} {details}"])
        for c in history.cases:
            QTreeWidgetItem(self.history, [_when(c.opened_at)[:10], self.tr("Case {number}").format(number=c.number),
                                           f"{_title(CaseStatus, c.status)} · {_title(Severity, c.severity)}"])
        self.history.sortItems(0, Qt.SortOrder.DescendingOrder)

    def outcome_facts(self, d) -> dict[str, str]:
        recovered = {True: self.tr("Yes"),
                     False: self.tr("No")}.get(d.recovered, "-")
        remedy = "-"
        if d.remedy:
            remedy = self.tr("{kind}, {amount} yuan").format(kind=_title(RemedyKind, d.remedy[0]),
                                                           amount=self.locale().toString(d.remedy[1]))
        return {"closed_at": _when(d.closed_at), "recovered": recovered,
                "rerating": str(d.rerating) if d.rerating is not None else "-", "remedy": remedy,
                "root_cause": d.root_cause or "-", "improvement": d.improvement or "-"}

    def describe(self, kind: str, payload: dict) -> str:
        """What a timeline entry says; kinds this view doesn't know are shown by name."""
        if kind == "case.opened":
            return self.tr("Case opened ({channel}): {words}").format(
                channel=_title(Channel, payload.get("channel")), words=payload.get("customer_words") or "-")
        if kind == "case.attachment_added":
            return self.tr("Attachment added: {name}").format(name=payload.get("filename", ""))
        from app.ui.cases.recovery_timeline import describe

        return describe(kind, payload) or kind
