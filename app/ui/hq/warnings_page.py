"""Head office's early warnings: every dealer's drifting figures worked out from the forms its counters
sent, which are acknowledged at the dealer, the causes and items rising at several dealers, and every
dealer's improvement actions with whether their figure moved."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from app.foundation import clock
from app.rules.vocab import Role
from app.services.changes import ALERTS, CASES, FORMS
from app.ui.common.ops import Ops
from app.ui.common.ui_words import warning_crossed, warning_subject
from app.ui.common.widgets import Label
from app.ui.hq.parts import error_words, fill, share, table, when

SHOWN_DAYS = 90  # a quarter of warnings: what a head office review looks back on


class WarningsPage(QWidget):
    shows = FORMS | ALERTS | CASES  # forms may raise warnings; acknowledgements arrive with them; actions

    def __init__(self, db, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.work = QPushButton(self.tr("Work out now"), objectName="work_out")
        self.work.clicked.connect(self.on_work_clicked)
        self.state = Label(objectName="warnings_state")
        self.state.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.work)
        top.addWidget(self.state, 1)
        self.table = table([self.tr("Dealer"), self.tr("Figure"), self.tr("Since"), self.tr("Crossed on"),
                            self.tr("Failed"), self.tr("Share"), self.tr("Usual share"), self.tr("Acknowledged"),
                            self.tr("Note"), self.tr("What crossed its limit")], "network_warnings")
        self.several = table([self.tr("Rising at several dealers"), self.tr("Dealers")], "rising_at_several")
        self.several.setMaximumHeight(140)
        self.several_rows = []
        self.raise_button = QPushButton(self.tr("Raise an action for these dealers..."), objectName="raise_action")
        self.raise_button.setEnabled(False)
        self.several.itemSelectionChanged.connect(
            lambda: self.raise_button.setEnabled(bool(self.several.selectionModel().selectedRows())))
        self.raise_button.clicked.connect(self.on_raise_clicked)
        self.raise_dialog = None
        self.actions = table([self.tr("Dealer"), self.tr("Improvement action"), self.tr("Case"), self.tr("Owner"),
                              self.tr("Due"), self.tr("Figure"), self.tr("Before"), self.tr("After"),
                              self.tr("State")], "network_improvements")
        self.actions.setMaximumHeight(180)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(Label(self.tr("Causes and items drifting at two dealers or more: one improvement for all of them.")))
        lay.addWidget(self.several)
        lay.addWidget(self.raise_button, 0, Qt.AlignmentFlag.AlignRight)
        lay.addWidget(self.actions)
        self.ops.follow(self, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        from app.services.predict.warnings import warnings_since

        db, since = self.db, clock.today() - timedelta(days=SHOWN_DAYS)
        self.ops.run(lambda: warnings_since(db, since, "*"), on_success=self.show_rows)
        from app.services.predict.improvements import actions

        self.ops.run(lambda: actions(db, "*"), on_success=self.show_actions)

    def show_actions(self, rows) -> None:
        if not isValid(self):
            return
        states = {"open": self.tr("open"), "overdue": self.tr("overdue"), "not_due": self.tr("done, not due yet"),
                  "too_few": self.tr("done, too few forms yet"), "better": self.tr("done: the figure fell"),
                  "worse": self.tr("done: the figure rose"), "unchanged": self.tr("done: no clear change")}

        def fig(f) -> str:
            return "-" if f is None or f.share is None else f"{share(f.share)} ({f.failures}/{f.forms})"

        def owner(a) -> str:
            return a.owner or (QCoreApplication.translate("Vocab", Role(a.owner_role).title) if a.owner_role else "-")

        from app.ui.hq.raise_action_dialog import figure_words

        fill(self.actions, [[a.dealer, a.title, a.case_number or self.tr("head office"), owner(a),
                             a.due_on.isoformat(), figure_words(a.figure_kind, a.figure_subject), fig(a.before),
                             fig(a.after), states[a.verdict]]
                            for a in rows], [a.id for a in rows],
             marked={i for i, a in enumerate(rows) if a.verdict in ("overdue", "worse")})

    def show_rows(self, rows) -> None:
        if not isValid(self):  # the window closed while the rows were read
            return
        from app.services.predict.warnings import rising_at_several

        loc = self.locale()
        fill(self.table, [[w.dealer, warning_subject(w), w.since.isoformat(), w.fired_on.isoformat(),
                           self.tr("{failures} of {forms}").format(failures=w.failures, forms=w.forms),
                           share(w.share), share(w.baseline),
                           (f"{when(w.acknowledged_at)} {w.acknowledged_by}".strip() if w.acknowledged_at
                            else self.tr("not yet")), w.note, warning_crossed(w, loc)] for w in rows],
             [w.id for w in rows], marked={i for i, w in enumerate(rows) if w.acknowledged_at is None})
        several = self.several_rows = rising_at_several(rows)
        fill(self.several, [[warning_subject(r), ", ".join(r.dealers)] for r in several])
        dealers = {w.dealer for w in rows if w.acknowledged_at is None}
        # Each count in its own plural form (%n: "1 dealer", "2 dealers"), put in the sentence's places.
        self.state.setText(self.tr("{warnings} in the last {days} days; {open} not acknowledged, at {dealers}")
                           .format(warnings=self.tr("%n warnings", "", len(rows)), days=SHOWN_DAYS,
                                   open=sum(w.acknowledged_at is None for w in rows),
                                   dealers=self.tr("%n dealers", "", len(dealers))))

    @Slot()
    def on_work_clicked(self) -> None:
        from app.services.predict.warnings import refresh_network

        db = self.db
        self.work.setEnabled(False)
        self.state.setText(self.tr("Working out every dealer's warnings from its history…"))

        def done(n) -> None:
            if not isValid(self):  # working every dealer out is long: the window may have closed meanwhile
                return
            self.work.setEnabled(True)
            self.state.setText(self.tr("{n} new warnings").format(n=n))
            self.refresh()

        def failed(exc) -> None:
            if not isValid(self):
                return
            self.work.setEnabled(True)
            self.state.setText(self.tr("Warnings could not be worked out: {error}").format(error=error_words(exc)))

        self.ops.run(lambda: refresh_network(db), on_success=done, on_failure=failed, pool="io")

    @Slot()
    def on_raise_clicked(self) -> None:
        """Head office's one action for the dealers where the chosen cause or item drifts."""
        from app.hq.improve import people_by_dealer
        from app.hq.network_cases import dealers
        from app.ui.hq.raise_action_dialog import RaiseActionDialog

        rows = self.several.selectionModel().selectedRows()
        if not rows:
            return
        r = self.several_rows[rows[0].row()]
        figure = (r.kind, r.subject) if r.kind in ("cause", "item") else None

        def ask(answer) -> None:
            if not isValid(self):
                return
            known, people = answer
            self.raise_dialog = RaiseActionDialog(self.db, self.ops, known, set(r.dealers), figure=figure,
                                                  people=people, parent=self)
            self.raise_dialog.open()

        db = self.db
        self.ops.run(lambda: (dealers(db), people_by_dealer(db)), on_success=ask)
