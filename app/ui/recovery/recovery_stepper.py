"""The guided recovery stepper: the case's script one step at a time, done / skipped / noted."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from app.rules.recovery import callback_due_at
from app.rules.vocab import DayPart, RemedyKind, RemedyStatus, StepKind, StepOutcome, CaseStatus
from app.services.recovery.guide import Guide, guide, record_step
from app.services.recovery.remedies import remedies_for
from app.foundation.errors import CaseChanged
from app.ui.cases.case_actions import CaseActions
from app.ui.cases.case_changed import tell_case_changed
from app.services.changes import CASES, REMEDIES, SCRIPTS, SETTINGS
from app.ui.common.ops import Ops
from app.ui.recovery.remedy_dialog import RemedyDialog
from app.ui.common.ui_words import duration_text, error_text, title, wording_language
from app.ui.common.dates import qdate_today
from app.ui.common.widgets import Label, error_label
from app.ui.common.style import set_role

MARKS = {StepOutcome.DONE.value: "\u2714", StepOutcome.SKIPPED.value: "\u21b7", None: "\u25cb"}


class RecoveryStepper(QWidget):
    """Shows one step at a time; always opens at the first step not yet done or skipped."""

    shows = CASES | REMEDIES | SETTINGS | SCRIPTS  # the kinds of change this view refreshes on

    step_recorded = Signal(object)  # the new Guide

    # -- building the page: __init__ (after these) calls them in this order
    def build_heading(self) -> None:
        self.heading = Label(objectName="heading")
        self.heading.setWordWrap(True)  # a long script title must not widen the window past the screen
        self.clock = Label(objectName="clock")
        self.actions = CaseActions(self.store, self.ops, self.user)

    def build_steps(self) -> None:
        """The list of the script's steps, beside the step shown."""
        self.steps = QListWidget(objectName="steps")
        self.steps.setFixedWidth(210)
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the note; click to browse

    def build_step(self) -> None:
        """The step shown: where it is in the script, what to say, the note and what went wrong."""
        self.position = Label(objectName="position")
        self.position.setWordWrap(True)  # a long step title (or a longer language) wraps, never cut
        self.say = Label(objectName="say")
        self.say.setWordWrap(True)
        self.say.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.say.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.say.setFont(font)
        self.say.setMinimumHeight(90)
        self.say.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.record_hint = Label(objectName="record_hint")
        self.record_hint.setWordWrap(True)
        self.note = QPlainTextEdit(objectName="note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("What the customer said, what you agreed; a reason when you skip"))
        self.note.setMaximumHeight(110)
        self.error = error_label("error")
        self.remedy_line = Label(objectName="remedy_line")
        self.remedy_line.setWordWrap(True)
        self.build_follow_up()

    def build_follow_up(self) -> None:
        """On "agree the follow-up": the day and part of the day the customer wants the call."""
        self.follow_up = QWidget(objectName="follow_up")
        self.follow_up_day = QDateEdit(qdate_today(), objectName="follow_up_day")
        self.follow_up_day.setCalendarPopup(True)
        self.follow_up_day.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_day.setMinimumDate(qdate_today())
        self.follow_up_part = QComboBox(objectName="follow_up_part")
        for part in DayPart:
            self.follow_up_part.addItem(title(part), part.value)
        label = Label(self.tr("Call the customer back on"))
        label.setBuddy(self.follow_up_day)
        row = QHBoxLayout(self.follow_up)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.follow_up_day)
        row.addWidget(self.follow_up_part)
        row.addStretch(1)
        self.follow_up.setVisible(False)

    def build_buttons(self) -> QGridLayout:
        """Done, skip, note and remedy, each with its key in its tooltip, and the keys spelled out."""
        self.done_button = QPushButton(self.tr("Done"), objectName="done")
        self.skip_button = QPushButton(self.tr("Skip with reason"), objectName="skip")
        self.note_button = QPushButton(self.tr("Save note"), objectName="save_note")
        self.remedy_button = QPushButton(self.tr("Offer a remedy..."), objectName="offer_remedy")
        self.finished_label = Label(objectName="finished")
        self.finished_label.setWordWrap(True)

        self.done_button.setDefault(True)
        for b, keys in ((self.done_button, "Ctrl+Enter"), (self.skip_button, "Ctrl+K"),
                        (self.note_button, "Ctrl+Shift+Enter"), (self.remedy_button, "Ctrl+R")):
            b.setToolTip(keys)
        buttons = QGridLayout()
        buttons.addWidget(self.done_button, 0, 0)
        buttons.addWidget(self.skip_button, 0, 1)
        buttons.addWidget(self.note_button, 1, 0)
        buttons.addWidget(self.remedy_button, 1, 1)
        self.keys_hint = Label(self.tr("Keys: Ctrl+Enter done · Ctrl+K skip · Ctrl+Shift+Enter note · "
                                        "Ctrl+R remedy · Alt+Up/Down other steps"))
        self.keys_hint.setWordWrap(True)
        set_role(self.keys_hint, "hint")
        return buttons

    def build_layout(self, buttons: QGridLayout) -> None:
        """The heading and the case's actions above; the steps on the left, the step shown on the right."""
        right = QVBoxLayout()
        right.addWidget(self.position)
        right.addWidget(self.say, 1)
        right.addWidget(self.record_hint)
        right.addWidget(self.follow_up)
        right.addWidget(self.note)
        right.addWidget(self.error)
        right.addWidget(self.remedy_line)
        right.addLayout(buttons)
        right.addWidget(self.keys_hint)
        right.addWidget(self.finished_label)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        top = QHBoxLayout()
        top.addWidget(self.clock, 1)
        top.addWidget(self.actions)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    def connect_buttons(self) -> None:
        self.done_button.clicked.connect(self.on_done_clicked)
        self.skip_button.clicked.connect(self.on_skip_clicked)
        self.note_button.clicked.connect(self.on_note_clicked)
        self.remedy_button.clicked.connect(self.on_remedy_clicked)
        self.steps.currentRowChanged.connect(self.on_steps_current_row_changed)

    def __init__(self, store, ops: Ops, library, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_stepper")
        self.store, self.ops, self.library, self.user = store, ops, library, user
        self.case_id: str | None = None
        self.guide: Guide | None = None
        self.shown: int = 0
        self.keep_step: int | None = None  # after a CaseChanged reload: stay on the step being worked on
        self.remedy_dialog: RemedyDialog | None = None

        self.build_heading()
        self.build_steps()
        self.build_step()
        self.build_layout(self.build_buttons())
        self.connect_buttons()
        # Shortcuts scoped to the stepper, so they don't clash with other pages' keys.
        for keys, slot in (("Ctrl+Return", self.on_done_clicked), ("Ctrl+Enter", self.on_done_clicked),
                           ("Ctrl+K", self.on_skip_clicked), ("Ctrl+Shift+Return", self.on_note_clicked),
                           ("Ctrl+Shift+Enter", self.on_note_clicked), ("Ctrl+R", self.on_remedy_clicked),
                           ("Alt+Up", lambda: self.browse(-1)), ("Alt+Down", lambda: self.browse(1))):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ops.follow(self, lambda: self.case_id and self.refresh())
        self._set_enabled(False)

    # -- loading
    def set_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        self.note.clear()
        self.error.clear()
        self.refresh()

    def show_case(self, case_id: str) -> None:
        """CaseDetailView's extension hook: a different case is shown."""
        if case_id != self.case_id:
            self.set_case(case_id)

    def refresh(self) -> None:
        if not self.case_id:
            self.guide = None
            self.actions.show_state(None, None)
            self._set_enabled(False)
            return
        case_id, pack = self.case_id, self.library.pack

        def load():
            return guide(self.store, case_id, pack), remedies_for(self.store, case_id)

        self.ops.run(load, on_success=self.show_guide, on_failure=self.show_error)

    def show_guide(self, loaded) -> None:
        g, remedies = loaded
        if g.case_id != self.case_id:
            return  # an answer for a case no longer shown
        self.guide = g
        lang = wording_language()
        self.heading.setText(self.tr("{number}: {script}").format(number=g.number, script=g.script.title[lang]))
        flags = []
        if g.clocks.first_response_overdue:
            flags.append(self.tr("First response overdue"))
        if g.clocks.callback_overdue:
            flags.append(self.tr("Callback overdue"))
        if g.clocks.callback_flagged:
            flags.append(self.tr("Callback flagged: not reached"))
        status = title(CaseStatus(g.status))
        spans = []
        if g.clocks.time_to_first_response is not None:
            spans.append(self.tr("first response after {t}").format(t=duration_text(g.clocks.time_to_first_response)))
        if g.clocks.time_to_resolution is not None:
            spans.append(self.tr("resolved after {t}").format(t=duration_text(g.clocks.time_to_resolution)))
        self.clock.setText(" \u00b7 ".join([self.tr("Status: {status}").format(status=status)] + spans + flags))
        set_role(self.clock, "error" if flags else "")
        self.steps.blockSignals(True)
        self.steps.clear()
        for st in g.steps:
            item = QListWidgetItem(f"{MARKS[st.outcome]}  {st.step.index + 1}. {title(StepKind(st.step.kind))}")
            self.steps.addItem(item)
        self.steps.blockSignals(False)
        self.remedy_line.setText("; ".join(
            self.tr("Remedy: {kind}, {amount} yuan ({status})").format(
                kind=title(RemedyKind(r.kind)), amount=r.amount, status=title(RemedyStatus(r.status)))
            for r in remedies if r.status != "withdrawn"))
        closed = g.status == CaseStatus.CLOSED.value
        self.actions.show_state(g.case_id, g.status, g.version)
        if closed:
            self.finished_label.setText(self.tr("This case is closed."))
        elif g.finished and g.status == CaseStatus.AWAITING_CALLBACK.value:
            self.finished_label.setText(self.tr("Every step is recorded. The case now waits for its callback "
                                                "(see Callbacks due)."))
        elif g.finished and g.status == CaseStatus.ESCALATED.value:
            self.finished_label.setText(self.tr("Every step is recorded. The case is escalated: a supervisor "
                                                "decides what happens next."))
        elif g.finished:  # back in recovery after a re-rating below the threshold
            self.finished_label.setText(self.tr("Every step is recorded, but the customer is not yet satisfied: "
                                                "offer another remedy (Ctrl+R) or escalate the case."))
        else:
            self.finished_label.clear()
        self._set_enabled(not closed)
        keep, self.keep_step = self.keep_step, None
        self.show_step(min(g.current if keep is None else keep, len(g.steps) - 1))

    def show_step(self, index: int) -> None:
        g = self.guide
        if g is None or not g.steps:
            return
        self.shown = index
        st = g.steps[index]
        lang = wording_language()
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(index)
        self.steps.blockSignals(False)
        self.position.setText(self.tr("Step {n} of {total}: {title}").format(
            n=index + 1, total=len(g.steps), title=title(StepKind(st.step.kind))))
        self.say.setText(st.step.say[lang])
        notes = "".join(f"\n\u2022 {n}" for n in st.notes)
        self.record_hint.setText(self.tr("Write down: {what}").format(what=st.step.record[lang]) + notes)
        self.skip_button.setEnabled(st.step.skippable and g.status != CaseStatus.CLOSED.value)
        self.remedy_button.setVisible(st.step.kind == StepKind.OFFER_REMEDY)
        self.show_follow_up(st.step.kind == StepKind.AGREE_FOLLOW_UP and st.outcome is None)
        self.note.setFocus()

    def show_follow_up(self, on: bool) -> None:
        """The call's day: the one already agreed, else recovery.callback_due_days from today."""
        g = self.guide
        if on and not self.follow_up.isVisible():
            if g.callback_due is not None:
                due = g.callback_due.astimezone()
                self.follow_up_day.setDate(QDate(due.year, due.month, due.day))
            else:
                self.follow_up_day.setDate(qdate_today().addDays(g.follow_up_days))
            self.follow_up_part.setCurrentIndex(0)
        self.follow_up_day.setMinimumDate(qdate_today())
        self.follow_up.setVisible(on)

    def picked_follow_up(self):
        """When the customer wants the call, as picked (None unless this is the follow-up step)."""
        if not self.follow_up.isVisible():
            return None
        return callback_due_at(self.follow_up_day.date().toPython(), self.follow_up_part.currentData())

    def browse(self, delta: int) -> None:
        """Look at the step before or after without recording anything."""
        if self.guide is not None and self.guide.steps:
            self.error.clear()
            self.show_step(max(0, min(len(self.guide.steps) - 1, self.shown + delta)))

    def on_steps_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self.error.clear()
            self.show_step(row)

    # -- recording
    def _record(self, outcome: StepOutcome) -> None:
        if self.guide is None:
            return
        case_id, pack, index = self.case_id, self.library.pack, self.shown
        text = self.note.toPlainText()
        user_id, seen = self.user.user_id, self.guide.version
        due = self.picked_follow_up() if outcome == StepOutcome.DONE else None
        self.error.clear()
        self._set_enabled(False)
        self.ops.run(lambda: record_step(self.store, case_id, pack, index, outcome.value, text, user_id,
                                         expected_version=seen, callback_due=due),
                     on_success=self.on_step_saved, on_failure=self.show_error)

    def on_done_clicked(self) -> None:
        if self.done_button.isEnabled():
            self._record(StepOutcome.DONE)

    def on_skip_clicked(self) -> None:
        if self.skip_button.isEnabled():
            self._record_with_note(StepOutcome.SKIPPED,
                                   self.tr("Write the reason for skipping in the note box, then press Skip again."))

    def on_note_clicked(self) -> None:
        if self.note_button.isEnabled():
            self._record_with_note(StepOutcome.NOTED, self.tr("Write the note first."))

    def _record_with_note(self, outcome: StepOutcome, asked: str) -> None:
        """Skipping and noting say why: without a note nothing is recorded and the note box asks for it."""
        if not self.note.toPlainText().strip():
            self.error.setText(asked)
            self.note.setFocus()
            return
        self._record(outcome)

    def on_remedy_clicked(self) -> None:
        if self.case_id and self.remedy_button.isVisible() and self.remedy_button.isEnabled():
            self.remedy_dialog = RemedyDialog(self.store, self.ops, self.case_id, self.user, self,
                                              version_of=self.seen_version)
            self.remedy_dialog.finished.connect(self.on_remedy_dialog_finished)
            self.remedy_dialog.open()

    def on_remedy_dialog_finished(self, _result: int) -> None:
        # Back to typing in the step's note without reaching for the mouse.
        self.window().activateWindow()
        self.note.setFocus()

    def seen_version(self) -> int | None:
        """The case version this view shows, for commands to pass as expected_version."""
        return self.guide.version if self.guide is not None and self.guide.case_id == self.case_id else None

    def on_step_saved(self, g: Guide) -> None:
        self.note.clear()
        self.step_recorded.emit(g)  # ops.changed refreshes the view with the remedies

    def show_error(self, exc: BaseException) -> None:
        self._set_enabled(self.guide is not None and self.guide.status != CaseStatus.CLOSED.value)
        self.error.setText(error_text(exc))  # the note stays as typed
        if isinstance(exc, CaseChanged):
            self.keep_step = self.shown  # the reload shows the same step, now with the other change
            tell_case_changed(self, self.ops, exc)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.done_button, self.skip_button, self.note_button, self.remedy_button, self.note,
                  self.follow_up):
            w.setEnabled(on)

