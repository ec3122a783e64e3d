"""Record a complaint on site: find the customer as you type, then the complaint, in under 30 seconds."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QDialog, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from app.rules import fields, identifiers
from app.services.drafts import DraftBox
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text, field_errors
from app.ui.common.draft_bar import DraftBar
from app.ui.cases.customer_finder import CustomerFinder
from app.ui.common.widgets import FieldForm, Label, combo_value, icon, set_combo_value, vocab_combo, vocab_title
from app.rules.vocab import Blame, CauseGroup, Channel, FailureType, Mood, Severity

DRAFT_KIND = "complaint"
TEXT_FIELDS = ("customer_name", "phone", "plate", "vin", "model", "repair_order", "severity_reason")
COMBO_FIELDS = ("channel", "mood", "failure_type", "cause_group", "severity", "blame")


def still_wrong(problem) -> str | None:
    """A rule's (text, params) in the user's words, or None when nothing is wrong."""
    from app.foundation.errors import InvalidInput

    return error_text(InvalidInput(field="", problem=problem[0], **problem[1])) if problem else None


def plate_row(form: FieldForm, label: str) -> tuple[QLineEdit, QCheckBox]:
    """The plate and its "plate unknown" box (an explicit choice: an empty plate is never taken for one)."""
    row = QWidget()
    h = QHBoxLayout(row)
    h.setContentsMargins(0, 0, 0, 0)
    plate = QLineEdit(objectName="plate")
    plate.setPlaceholderText(QCoreApplication.translate("ComplaintDialog", "e.g. {plate}").format(
        plate=identifiers.PLATE_EXAMPLES["regular"]))
    unknown = QCheckBox(QCoreApplication.translate("ComplaintDialog", "Plate &unknown"), objectName="plateUnknown")
    # One Tab stop per field: the box is ticked with its Alt key or the mouse, Tab goes on to the next field.
    unknown.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    unknown.toggled.connect(lambda on: plate.setEnabled(not on))
    h.addWidget(plate, 1)
    h.addWidget(unknown)
    form.add("plate", label, row, required=True)
    form.fields["plate"] = plate
    form.watch("plate", plate)
    form.watch("plate", unknown)
    return plate, unknown


class ComplaintDialog(CustomerFinder, QDialog):
    case_saved = Signal(object)  # cases.CaseRef

    # -- building the dialog: __init__ (after these) calls them in this order
    def build_customer_fields(self) -> None:
        """The left column: who complains and about which vehicle."""
        left = self.left = FieldForm(steady=True)
        self.customer_name = left.add("customer_name", self.tr("Customer"), QLineEdit(), required=True)
        self.phone = left.add("phone", self.tr("Phone"), QLineEdit(), required=True)
        self.phone.setPlaceholderText(self.tr("e.g. 13812345678 or 010-62345678"))
        self.plate, self.plate_unknown = plate_row(left, self.tr("Plate"))
        self.vin = left.add("vin", self.tr("VIN"), QLineEdit())
        self.vin.setMaxLength(17)
        self.model = left.add("model", self.tr("Model"), QLineEdit())
        self.repair_order = left.add("repair_order", self.tr("Repair order"), QLineEdit())
        self.score = left.add("score", self.tr("Score (1-10)"), QSpinBox())
        self.score.setRange(0, 10)
        self.score.setSpecialValueText(self.tr("none"))

    def build_complaint_fields(self) -> None:
        """The right column: the complaint itself, then every text field held to the catalogue's length."""
        right = self.right = FieldForm(steady=True)
        choose = self.tr("Choose…")
        self.channel = right.add("channel", self.tr("Found by"), vocab_combo(Channel), required=True)
        self.customer_words = right.add("customer_words", self.tr("Customer's words"), QPlainTextEdit())
        self.customer_words.setTabChangesFocus(True)
        self.customer_words.setFixedHeight(70)
        # The fields every complaint needs first, so Tab reaches them before the optional ones.
        self.failure_type = right.add("failure_type", self.tr("Failure type"),
                                      vocab_combo(FailureType, placeholder=choose), required=True)
        self.cause_group = right.add("cause_group", self.tr("Cause"), vocab_combo(CauseGroup, placeholder=choose),
                                     required=True)
        self.severity = right.add("severity", self.tr("Severity"), vocab_combo(Severity, placeholder=choose),
                                  required=True)
        self.mood = right.add("mood", self.tr("Mood"), vocab_combo(Mood, placeholder=choose))
        self.blame = right.add("blame", self.tr("Customer blames"), vocab_combo(Blame))
        set_combo_value(self.blame, Blame.UNKNOWN.value)
        self.severity_hint = Label()
        self.severity_hint.setProperty("role", "hint")
        self.severity_reason = right.add("severity_reason", self.tr("Reason for a higher severity"), QLineEdit())
        for name in ("customer_name", "phone", "plate", "vin", "model", "repair_order", "severity_reason"):
            getattr(self, name).setMaxLength(fields.length(name))  # the field catalogue's limits

    def build_buttons(self) -> None:
        """Save (Ctrl+S, or Enter outside the search once the complaint is complete) and Close, and what
        went wrong."""
        self.save_button = QPushButton(self.tr("Save complaint"), objectName="saveComplaint")
        self.save_button.setToolTip(self.tr("Ctrl+S, or Enter when every required field is filled"))
        QShortcut(QKeySequence.StandardKey.Save, self, self.on_save_requested)
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.setToolTip(self.tr("What you typed is kept as a draft"))
        self.close_button.clicked.connect(self.reject)
        self.status = Label()
        self.status.setProperty("role", "error")
        self.status.setWordWrap(True)

    def build_layout(self) -> None:
        """The draft bar on top, customer and complaint side by side, the buttons below."""
        cols = QHBoxLayout()
        lcol = QVBoxLayout()
        lcol.addWidget(Label(self.tr("Customer and vehicle")))
        lcol.addWidget(self.search)
        lcol.addWidget(self.matches)
        lcol.addWidget(self.returning)
        lcol.addWidget(self.left)
        lcol.addStretch(1)
        rcol = QVBoxLayout()
        rcol.addWidget(Label(self.tr("Complaint")))
        rcol.addWidget(self.right)
        rcol.addWidget(self.severity_hint)
        rcol.addStretch(1)
        cols.addLayout(lcol, 1)
        cols.addLayout(rcol, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.draft_bar)
        layout.addLayout(cols)
        layout.addLayout(buttons)

    def connect_fields(self) -> None:
        """The score suggests a severity; every edit is written to the draft."""
        self.score.valueChanged.connect(self.on_score_changed)
        for name in TEXT_FIELDS:
            getattr(self, name).textChanged.connect(self.on_field_changed)
        for name in COMBO_FIELDS:
            getattr(self, name).currentIndexChanged.connect(self.on_field_changed)
        self.customer_words.textChanged.connect(self.on_field_changed)
        self.score.valueChanged.connect(self.on_field_changed)
        self.plate_unknown.toggled.connect(self.on_field_changed)
        # A marked phone or plate stays marked, with what is still wrong, until it is right.
        # A phone or plate typed straight into its field finds a returning customer as well.
        self.phone.editingFinished.connect(self.on_identity_typed)
        self.plate.editingFinished.connect(self.on_identity_typed)
        self.left.checks["phone"] = lambda: still_wrong(identifiers.typed_phone_problem(self.phone.text()))
        self.left.checks["plate"] = lambda: still_wrong(identifiers.typed_plate_problem(self.plate_value()))

    def plate_value(self) -> str:
        return identifiers.PLATE_UNKNOWN if self.plate_unknown.isChecked() else self.plate.text()

    def __init__(self, store, ops: Ops, user, drafts: DraftBox, *, prefill=None, repair_order: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintDialog")
        self.store, self.ops, self.user, self.drafts = store, ops, user, drafts
        self.setWindowTitle(self.tr("Record a complaint"))
        self.setWindowIcon(icon("add"))
        self.customer_id: str | None = None
        self.links: dict = {"form_id": None, "repair_order_id": None}
        self.prefill = prefill
        self._filling = False

        self.draft_bar = DraftBar(drafts, DRAFT_KIND, user.user_id, self.set_values)
        self.build_search()
        self.build_customer_fields()
        self.build_complaint_fields()
        self.build_buttons()
        self.build_layout()
        self.resize(940, 600)
        self.connect_fields()

        if prefill is not None:
            self.fill_from_case(prefill)
            self.repair_order.setText(repair_order)
        else:
            self.offer_draft()
        self.search.setFocus()

    # Values and drafts.
    def values(self) -> dict:
        v = {name: getattr(self, name).text() for name in TEXT_FIELDS}
        v.update({name: combo_value(getattr(self, name)) for name in COMBO_FIELDS})
        v.update(customer_words=self.customer_words.toPlainText(), score=self.score.value() or None,
                 customer_id=self.customer_id, plate_unknown=self.plate_unknown.isChecked(), **self.links)
        return v

    def set_values(self, v: dict) -> None:
        self._filling = True
        try:
            for name in TEXT_FIELDS:
                getattr(self, name).setText(v.get(name) or "")
            for name in COMBO_FIELDS:
                set_combo_value(getattr(self, name), v.get(name))
            self.customer_words.setPlainText(v.get("customer_words") or "")
            self.score.setValue(v.get("score") or 0)
            unknown = bool(v.get("plate_unknown")) or v.get("plate") == identifiers.PLATE_UNKNOWN
            self.plate_unknown.setChecked(unknown)
            if unknown:
                self.plate.clear()
            self.customer_id = v.get("customer_id")
            # A case opened from a form stays linked to it, also when restored from a draft.
            self.links = {k: v.get(k) for k in ("form_id", "repair_order_id")}
        finally:
            self._filling = False

    def fill_from_case(self, new) -> None:
        v = asdict(new)
        self.set_values(v)

    def on_field_changed(self, *_) -> None:
        if self._filling:
            return
        self.drafts.save(DRAFT_KIND, self.user.user_id, self.values())

    def offer_draft(self) -> None:
        def describe(draft, when: str) -> str | None:
            if not any(draft.values.get(k) for k in ("customer_name", "phone", "plate", "customer_words")):
                return None  # nothing typed worth offering back
            return self.tr("A complaint you had not saved was kept ({when}, {name}). Restore it?").format(
                when=when, name=draft.values.get("customer_name") or "-")

        self.draft_bar.offer(describe)

    def missing(self) -> list[tuple[str, QWidget]]:
        """The required fields still empty, in the order Tab reaches them: (label, field)."""
        v = self.values()
        need = [("customer_name", self.tr("Customer"), self.customer_name), ("phone", self.tr("Phone"), self.phone),
                ("plate", self.tr("Plate"), self.plate), ("channel", self.tr("Found by"), self.channel),
                ("failure_type", self.tr("Failure type"), self.failure_type),
                ("cause_group", self.tr("Cause"), self.cause_group), ("severity", self.tr("Severity"), self.severity)]
        return [(label, w) for name, label, w in need
                if not (v[name] or (name == "plate" and self.plate_unknown.isChecked()))]

    def on_save_requested(self) -> None:
        """Ctrl+S or Enter: save a complete complaint; otherwise say what is still missing and go to it."""
        if not self.save_button.isEnabled():
            return  # a save is under way
        missing = self.missing()
        if missing:
            self.status.setText(self.tr("Still needed: {fields}").format(
                fields=", ".join(label for label, _ in missing)))
            missing[0][1].setFocus()
            return
        self.on_save_clicked()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter in the search box takes a match (its filter keeps it); anywhere else it saves the complaint.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_save_requested()
            return
        super().keyPressEvent(event)

    def on_score_changed(self, value: int) -> None:
        from app.rules.failure import severity_for_score

        suggested = severity_for_score(value or None)
        if suggested is None:
            self.severity_hint.clear()
            return
        self.severity_hint.setText(self.tr("Suggested from the score: {severity}").format(severity=vocab_title(suggested)))
        current = combo_value(self.severity)
        if current is None or Severity(current).rank < suggested.rank:
            set_combo_value(self.severity, suggested.value)

    # Saving.
    def on_save_clicked(self) -> None:
        from app.services.cases.opening import NewCase
        from app.services.cases.complaints import record_complaint

        self.left.clear_errors()
        self.right.clear_errors()
        self.status.clear()
        v = self.values()
        new = NewCase(customer_name=v["customer_name"], phone=v["phone"], plate=self.plate_value(),
                      channel=v["channel"] or "", failure_type=v["failure_type"] or "",
                      cause_group=v["cause_group"] or "", severity=v["severity"] or "",
                      customer_words=v["customer_words"], mood=v["mood"], blame=v["blame"] or Blame.UNKNOWN.value,
                      severity_reason=v["severity_reason"], score=v["score"], vin=v["vin"] or None,
                      model=v["model"] or None, customer_id=self.customer_id,
                      form_id=v.get("form_id"), repair_order_id=v.get("repair_order_id"))
        store, actor, ro = self.store, self.user.user_id, v["repair_order"]
        self.save_button.setEnabled(False)
        self.ops.run(lambda: record_complaint(store, new, actor, repair_order=ro), on_success=self.on_case_saved,
                     on_failure=self.on_save_failed)

    def on_save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        # Every wrong field marked at once, the first focused; what belongs to no field in the status line.
        problems = field_errors(exc)
        left_rest = self.left.show_errors(problems)
        rest = self.right.show_errors(left_rest, focus=len(left_rest) == len(problems))
        if rest or not problems:
            self.status.setText("; ".join(text for _, text in rest) if rest else error_text(exc))

    def on_case_saved(self, ref) -> None:
        self.save_button.setEnabled(True)
        self.drafts.discard(DRAFT_KIND, self.user.user_id)
        self.case_saved.emit(ref)
        self.accept()
