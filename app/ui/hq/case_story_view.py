"""One case as head office sees it: its facts, the timeline across the dealer's counters (where each
change was made), its remedies, callbacks and attachments; read-only but for head office's own
decision, taking over an escalated case."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QListView, QListWidget, QListWidgetItem, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from app.hq.network_cases import case_story
from app.hq.takeover import KIND as TAKEN_OVER, take_over
from app.rules.privacy import mask_name
from app.rules.vocab import CallbackState, CaseStatus, CauseGroup, Channel, FailureType, RemedyKind, RemedyStatus, Severity
from app.sync.conflicts import action_text
from app.ui.common.ops import Ops
from app.ui.hq.parts import fill, table, when
from app.ui.common.widgets import Label
from app.ui.hq.takeover_dialog import TakeOverDialog


def _title(vocab, value) -> str:
    try:
        return QCoreApplication.translate("Vocab", vocab(value).title)
    except ValueError:
        return str(value or "-")


class CaseStoryView(QWidget):
    story_shown = Signal(object)  # CaseStory
    taken_over = Signal(object)  # app.hq.takeover.TakenOver

    def __init__(self, db, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.case_id: str | None = None
        self.story = None
        self.facts = Label(self.tr("Choose a case to read its story."), objectName="case_facts")
        self.facts.setTextFormat(Qt.TextFormat.PlainText)  # customers' words are data, never markup
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.timeline = QListWidget(objectName="hq_timeline")
        self.timeline.setWordWrap(True)
        self.timeline.setResizeMode(QListView.ResizeMode.Adjust)
        self.timeline.setSpacing(3)
        self.remedies = table([self.tr("Remedy"), self.tr("Amount (yuan)"), self.tr("Status"), self.tr("Proposed"),
                               self.tr("Note")], "hq_remedies")
        self.callbacks = table([self.tr("Due"), self.tr("State"), self.tr("Not reached"), self.tr("Re-rating"),
                                self.tr("Customer's words")], "hq_callbacks")
        self.attachments = table([self.tr("File"), self.tr("Size (KB)"), self.tr("Added")], "hq_attachments")
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.remedies, self.tr("Remedies"))
        self.tabs.addTab(self.callbacks, self.tr("Callbacks"))
        self.tabs.addTab(self.attachments, self.tr("Attachments"))
        self.take = QPushButton(self.tr("Take over the escalation..."), objectName="take_over")
        self.take.setToolTip(self.tr("Head office handles this escalated case from now on; its counters are told"))
        self.take.setVisible(False)
        self.take.clicked.connect(self.on_take_clicked)
        self.dialog: TakeOverDialog | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.facts)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.take)
        lay.addLayout(actions)
        lay.addWidget(self.tabs, 1)

    def show_case(self, case_id: str) -> None:
        self.case_id = case_id
        self.ops.run(lambda: case_story(self.db, case_id), on_success=self.on_story_loaded)

    def on_story_loaded(self, story) -> None:
        if story.detail.id != self.case_id:
            return  # another case was chosen meanwhile
        self.story = story
        d = story.detail
        lines = [self.tr("{number} · dealer {dealer} · {status} · {severity}").format(
                     number=d.number, dealer=story.dealer, status=_title(CaseStatus, d.status),
                     severity=_title(Severity, d.severity)),
                 self.tr("Opened {opened} ({channel}) · customer {customer} · plate {plate}").format(
                     opened=when(d.opened_at), channel=_title(Channel, d.channel), customer=mask_name(d.customer),
                     plate=d.plate or "-"),
                 self.tr("Failure: {type} / {cause} · first response {first}").format(
                     type=_title(FailureType, d.failure_type), cause=_title(CauseGroup, d.cause_group),
                     first=when(d.first_response_at)),
                 self.tr("Customer's words: {words}").format(words=d.customer_words or "-")]
        if d.status == CaseStatus.CLOSED.value:
            lines.append(self.tr("Outcome: {recovered}. Root cause: {cause}. Improvement: {improvement}").format(
                recovered=self.tr("recovered") if story.recovered else self.tr("not recovered"),
                cause=story.root_cause or "-", improvement=story.improvement or "-"))
        self.facts.setText("\n".join(lines))
        self.take.setVisible(d.status == CaseStatus.ESCALATED.value
                             and all(e.kind != TAKEN_OVER for e in story.entries))
        self.timeline.clear()
        for e in story.entries:
            place = e.place and self.tr("counter {name}").format(name=e.place) or self.tr("head office")
            item = QListWidgetItem(f"{when(e.occurred_at)} · {e.actor or '-'} · {place}\n"
                                   f"{self.describe(e.kind, e.payload)}")
            item.setToolTip(e.kind)
            self.timeline.addItem(item)
        fill(self.remedies, [[_title(RemedyKind, r.kind), str(r.amount), _title(RemedyStatus, r.status),
                              when(r.proposed_at), r.decision_note or r.description] for r in story.remedies])
        fill(self.callbacks, [[when(c.due_at), _title(CallbackState, c.state), str(c.not_reached),
                               "-" if c.rating is None else f"{c.rating}/10", c.words] for c in story.callbacks])
        fill(self.attachments, [[a.filename, f"{a.size / 1024:.0f}", when(a.added_at)] for a in story.attachments])
        for i, n in enumerate((len(story.entries), len(story.remedies), len(story.callbacks), len(story.attachments))):
            base = [self.tr("Timeline"), self.tr("Remedies"), self.tr("Callbacks"), self.tr("Attachments")][i]
            self.tabs.setTabText(i, f"{base} ({n})")
        self.story_shown.emit(story)

    def describe(self, kind: str, payload: dict) -> str:
        """What a timeline entry says, in the counter's words where it has them."""
        from app.ui.cases.recovery_timeline import describe

        if kind == "case.opened":
            return self.tr("Case opened ({channel}): {words}").format(
                channel=_title(Channel, payload.get("channel")), words=payload.get("customer_words") or "-")
        if kind == TAKEN_OVER:
            return self.tr("Head office took over the escalation: {note}").format(note=payload.get("note") or "-")
        if kind == "case.conflict_resolved":
            return self.tr("Conflict resolved at head office ({keep}): {note}").format(
                keep=self.tr("kept head office's version") if payload.get("keep") == "applied"
                else self.tr("took the change kept aside"), note=payload.get("note") or "-")
        return describe(kind, payload) or action_text(kind, QCoreApplication.translate)

    def on_take_clicked(self) -> None:
        """Taking over is head office's decision: confirmed with a note, then the counters get it."""
        if self.story is None:
            return
        case_id = self.story.detail.id
        self.dialog = TakeOverDialog(self.story.detail.number, self.story.dealer, self)
        self.dialog.accepted.connect(lambda: self.take_over(case_id, self.dialog.note_text))
        self.dialog.open()

    def take_over(self, case_id: str, note: str) -> None:
        self.ops.run(lambda: take_over(self.db, case_id, note), on_success=self.on_taken_over)

    def on_taken_over(self, done) -> None:
        self.taken_over.emit(done)
        if done.case_id == self.case_id:
            self.show_case(done.case_id)
