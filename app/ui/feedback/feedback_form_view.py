"""Feedback forms (意见反馈表): type one in for a repair order, or open a stored one to correct it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLineEdit, QListWidget, QPlainTextEdit,
                               QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from app.foundation.errors import OrderChanged
from app.ui.common.dates import DateField, qdate_today
from app.rules import fields, identifiers
from app.services.drafts import DraftBox
from app.ui.common.grade_picker import GradePicker
from app.ui.common.ops import Ops
from app.ui.cases.complaint_dialog import plate_row, still_wrong
from app.ui.common.ui_words import error_text, field_errors
from app.ui.common.draft_bar import DraftBar
from app.ui.common.widgets import (FieldForm, Label, combo_value, scrolling_page, set_combo_value, vocab_combo,
                                     vocab_title)
from app.rules.vocab import Grade, Verification

DRAFT_KIND = "feedback_form"
ITEMS = ("timeliness", "repair_quality", "attitude")


class FeedbackFormView(QWidget):
    form_saved = Signal(object)  # feedback_forms.FormSaved

    # -- building the page: __init__ (after these) calls them in this order
    def build_repair_order(self) -> None:
        """The repair order the form is for, with the button that opens the form already stored for it."""
        f = self.fields
        ro_row = QWidget()
        h = QHBoxLayout(ro_row)
        h.setContentsMargins(0, 0, 0, 0)
        self.repair_order = QLineEdit()
        self.repair_order.setPlaceholderText(self.tr("e.g. RO2611-0042"))
        self.open_button = QPushButton(self.tr("&Open stored form"))
        self.open_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Alt+O or a click: Tab goes field to field
        self.open_button.setToolTip(self.tr("Open the form already stored for this repair order, to correct it"))
        self.open_button.clicked.connect(self.on_open_clicked)
        h.addWidget(self.repair_order, 1)
        h.addWidget(self.open_button)
        f.add("repair_order", self.tr("Repair order"), ro_row, required=True)
        f.fields["repair_order"] = self.repair_order
        f.watch("repair_order", self.repair_order)

    def build_fields(self) -> None:
        """The form's own fields: service, customer, the three graded items, score, comment, verification."""
        f, user = self.fields, self.user
        self.service_date = f.add("service_date", self.tr("Service date"), DateField(qdate_today()))
        self.service_date.setCalendarPopup(True)
        self.service_date.setDisplayFormat("yyyy-MM-dd")  # as dates read everywhere else on the desk
        self.customer_name = f.add("customer_name", self.tr("Customer"), QLineEdit(), required=True)
        self.phone = f.add("phone", self.tr("Phone"), QLineEdit(), required=True)
        self.phone.setPlaceholderText(self.tr("e.g. 13812345678 or 010-62345678"))
        self.plate, self.plate_unknown = plate_row(f, self.tr("Plate"))
        # A marked phone or plate stays marked, with what is still wrong, until it is right.
        f.checks["phone"] = lambda: still_wrong(identifiers.typed_phone_problem(self.phone.text()))
        f.checks["plate"] = lambda: still_wrong(identifiers.typed_plate_problem(self.plate_value()))
        for name in ("repair_order", "customer_name", "phone", "plate"):  # the field catalogue's limits
            f.fields[name].setMaxLength(fields.length(name))
        titles = {g.value: vocab_title(g) for g in Grade}
        self.pickers: dict[str, GradePicker] = {}
        for item, label in zip(ITEMS, (self.tr("Timeliness"), self.tr("Repair quality"), self.tr("Attitude"))):
            p = GradePicker()
            p.setObjectName(f"picker_{item}")
            p.set_tooltips(titles)
            p.grade_changed.connect(self.on_field_changed)
            self.pickers[item] = f.add(item, label, p, required=True)
        self.overall = f.add("overall", self.tr("Overall score (1-10)"), QSpinBox())
        self.overall.setRange(0, 10)
        self.overall.setSpecialValueText(self.tr("not asked"))
        self.comment = f.add("comment", self.tr("Comment"), QPlainTextEdit())
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(60)
        self.verification = f.add("verification", self.tr("Verification"), vocab_combo(Verification))
        self.verification.setEnabled(user.is_supervisor)
        if not user.is_supervisor:
            self.verification.setToolTip(self.tr("Only a supervisor can change verification"))

    def build_buttons(self) -> QHBoxLayout:
        """Save (also Ctrl+S) and New form."""
        self.save_button = QPushButton(self.tr("Save form"), objectName="saveForm")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.clear_button = QPushButton(self.tr("New form"))
        self.clear_button.clicked.connect(self.on_clear_clicked)
        QShortcut(QKeySequence.StandardKey.Save, self, self.on_save_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        return buttons

    def build_result(self) -> None:
        """What the last save did (with the way to open a case from it), and the form's history."""
        self.result_bar = self._banner("resultBar")
        self.result_text = Label()
        self.result_text.setWordWrap(True)
        self.open_case_button = QPushButton(self.tr("Open a recovery case from this form"))
        self.open_case_button.setObjectName("openCaseFromForm")
        self.open_case_button.clicked.connect(self.on_open_case_clicked)
        self.result_bar.layout().addWidget(self.result_text, 1)
        self.result_bar.layout().addWidget(self.open_case_button)
        self.history = QListWidget(objectName="formHistory")
        self.history.hide()

    def connect_fields(self) -> None:
        """Every edit is written to the draft (the grade pickers are connected as they are built)."""
        for w in (self.repair_order, self.customer_name, self.phone, self.plate):
            w.textChanged.connect(self.on_field_changed)
        self.service_date.dateChanged.connect(self.on_field_changed)
        self.overall.valueChanged.connect(self.on_field_changed)
        self.comment.textChanged.connect(self.on_field_changed)
        self.verification.currentIndexChanged.connect(self.on_field_changed)

    def __init__(self, store, ops: Ops, user, drafts: DraftBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackForms")
        self.store, self.ops, self.user, self.drafts = store, ops, user, drafts
        self.editing = None  # the FormDetail being corrected, or None for a new form
        self._loaded_values: dict = {}
        self._filling = False
        self.last_saved = None
        # Typed on a 3-day call: (the repair order's id, its version as the call list showed it); the
        # call is recorded as reached with the form, and refused with it when the order moved on.
        self.call_on: tuple[str, int] | None = None

        heading = Label(self.tr("Feedback form"), objectName="heading")
        self.draft_bar = DraftBar(drafts, DRAFT_KIND, user.user_id, self.set_values)

        self.fields = FieldForm(steady=True)
        self.build_repair_order()
        self.build_fields()
        buttons = self.build_buttons()
        self.build_result()

        scrolling_page(self, [self.heading_row(heading), self.draft_bar, self.result_bar, self.fields, buttons, self.history], 820)
        self.connect_fields()
        self.offer_draft()

    def heading_row(self, heading: QWidget) -> QWidget:
        """The page's heading, with importing orders and last year's forms from a file and exporting forms under it."""
        self.import_button = QPushButton(self.tr("Import from Excel or CSV..."), objectName="importFeedback")
        self.import_button.clicked.connect(self.on_import_clicked)
        self.export_button = QPushButton(self.tr("Export to Excel..."), objectName="exportFeedback")
        self.export_button.clicked.connect(self.on_export_clicked)
        # Repair orders from the dealer's management system: the forms link to them by number.
        self.import_orders_button = QPushButton(self.tr("Import repair orders..."), objectName="importOrders")
        self.import_orders_button.clicked.connect(self.on_import_orders_clicked)
        self.add_order_button = QPushButton(self.tr("Add a repair order..."), objectName="addOrder")
        self.add_order_button.clicked.connect(self.on_add_order_clicked)
        # The buttons under the heading: four beside it cut the heading in a longer language.
        row = QWidget()
        v = QVBoxLayout(row)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(heading)
        h = QHBoxLayout()
        v.addLayout(h)
        h.addStretch(1)
        h.addWidget(self.import_orders_button)
        h.addWidget(self.add_order_button)
        h.addWidget(self.import_button)
        h.addWidget(self.export_button)
        return row

    def on_import_orders_clicked(self) -> None:
        from app.ui.feedback.orders_import import OrdersImportDialog

        self.orders_dialog = OrdersImportDialog(self.store, self.ops, self.user, self)
        self.orders_dialog.open()

    def on_add_order_clicked(self) -> None:
        from app.ui.feedback.order_entry import OrderEntryDialog

        self.order_dialog = OrderEntryDialog(self.store, self.ops, self.user, self)
        self.order_dialog.open()

    def on_import_clicked(self) -> None:
        from app.ui.feedback.import_dialog import FeedbackImportDialog

        self.import_dialog = FeedbackImportDialog(self.store, self.ops, self.user, self)
        self.import_dialog.open()

    def on_export_clicked(self) -> None:
        from app.ui.feedback.forms_export import FormsExportDialog

        self.export_dialog = FormsExportDialog(self.store, self.ops, self.user, self)
        self.export_dialog.open()

    @staticmethod
    def _banner(name: str) -> QFrame:
        bar = QFrame()
        bar.setObjectName(name)
        bar.setProperty("role", "banner")
        QHBoxLayout(bar).setContentsMargins(10, 6, 10, 6)
        bar.hide()
        return bar

    # Drafts: written on every edit, offered back when the view opens.
    def values(self) -> dict:
        return {"repair_order": self.repair_order.text(), "service_date": self.service_date.date().toString(Qt.DateFormat.ISODate),
                "customer_name": self.customer_name.text(), "phone": self.phone.text(), "plate": self.plate.text(),
                "plate_unknown": self.plate_unknown.isChecked(),
                **{item: self.pickers[item].grade() for item in ITEMS},
                "overall": self.overall.value() or None, "comment": self.comment.toPlainText(),
                "verification": combo_value(self.verification)}

    def set_values(self, v: dict) -> None:
        self._filling = True
        try:
            self.repair_order.setText(v.get("repair_order", ""))
            d = QDate.fromString(v.get("service_date") or "", Qt.DateFormat.ISODate)
            self.service_date.setDate(d if d.isValid() else qdate_today())
            self.customer_name.setText(v.get("customer_name", ""))
            self.phone.setText(v.get("phone", ""))
            unknown = bool(v.get("plate_unknown")) or v.get("plate") == identifiers.PLATE_UNKNOWN
            self.plate_unknown.setChecked(unknown)
            self.plate.setText("" if unknown else v.get("plate", ""))
            for item in ITEMS:
                self.pickers[item].set_grade(v.get(item))
            self.overall.setValue(v.get("overall") or 0)
            self.comment.setPlainText(v.get("comment", ""))
            set_combo_value(self.verification, v.get("verification") or Verification.UNVERIFIED.value)
        finally:
            self._filling = False

    def is_blank(self) -> bool:
        v = self.values()
        return not any(v[k] for k in ("repair_order", "customer_name", "phone", "plate", "plate_unknown", "comment",
                                      "overall", *ITEMS))

    def on_field_changed(self, *_):
        if self._filling or self.editing is not None:
            return
        if self.is_blank():
            self.drafts.discard(DRAFT_KIND, self.user.user_id)
        else:
            self.drafts.save(DRAFT_KIND, self.user.user_id, self.values())

    def offer_draft(self) -> None:
        self.draft_bar.offer(lambda draft, when: self.tr(
            "A form you had not saved was kept ({when}, repair order {ro}). Restore it?").format(
            when=when, ro=draft.values.get("repair_order") or "-"))

    # Saving and correcting.
    def unsaved(self) -> bool:
        """Something typed that no save holds yet: a new form not blank, or a correction not saved."""
        if self.editing is not None:
            return self.values() != self._loaded_values
        return not self.is_blank()

    def on_clear_clicked(self) -> None:
        """New form: at once when nothing would be lost, else the advisor chooses to keep or discard it
        (the draft file stays until they discard)."""
        if not self.unsaved():
            self.start_new_form()
            return
        from PySide6.QtWidgets import QMessageBox

        from app.ui.common.widgets import plain_message

        box = self.discard_question = QMessageBox(self, objectName="discardFormQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("New form"))
        plain_message(box)  # it names a repair order as typed
        ro = self.repair_order.text() or "-"
        box.setText(self.tr("The form for repair order {ro} is not saved. Discard what was typed and start a new form?")
                    .format(ro=ro) if self.editing is None else
                    self.tr("The changes to the form for repair order {ro} are not saved. Discard them and start "
                            "a new form?").format(ro=ro))
        self.keep_button = box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        self.discard_button = box.addButton(self.tr("Discard it"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(self.keep_button)  # Enter keeps: losing a form takes a deliberate choice
        box.setEscapeButton(self.keep_button)
        box.finished.connect(lambda _r: self.on_discard_answered(box.clickedButton() is self.discard_button))
        box.open()

    def on_discard_answered(self, discard: bool) -> None:
        if discard:
            self.start_new_form()
        else:
            self.repair_order.setFocus()

    def start_new_form(self) -> None:
        self.editing = None
        self.set_values({})
        self.fields.clear_errors()
        self.history.hide()
        self.result_bar.hide()
        for w in (self.repair_order, self.customer_name, self.phone, self.plate, self.plate_unknown, self.service_date):
            w.setEnabled(True)
        self.drafts.discard(DRAFT_KIND, self.user.user_id)
        self.repair_order.setFocus()

    def on_save_clicked(self) -> None:
        from app.services.feedback import forms as feedback_forms

        self.fields.clear_errors()
        v = self.values()
        store, user = self.store, self.user
        if self.editing is not None:
            changes = {k: v[k] for k in (*ITEMS, "overall", "comment", "verification")}
            form_id, version = self.editing.form_id, self.editing.version
            job = lambda: feedback_forms.correct_form(store, form_id, changes, user, expected_version=version)  # noqa: E731
        else:
            entry = feedback_forms.FormEntry(
                repair_order=v["repair_order"], service_date=date.fromisoformat(v["service_date"]),
                customer_name=v["customer_name"], phone=v["phone"], plate=self.plate_value(),
                timeliness=v["timeliness"], repair_quality=v["repair_quality"], attitude=v["attitude"],
                overall=v["overall"], comment=v["comment"], verification=v["verification"] or "unverified")
            call_on = self.call_on
            job = lambda: feedback_forms.enter_form(store, entry, user, call_on=call_on)  # noqa: E731
        self.save_button.setEnabled(False)
        self.ops.run(job, on_success=self.on_form_saved, on_failure=self.on_save_failed)

    def plate_value(self) -> str:
        return identifiers.PLATE_UNKNOWN if self.plate_unknown.isChecked() else self.plate.text()

    def on_save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, OrderChanged) and self.call_on is not None:
            # Shown the change (below), saving again records the call on top of it.
            self.call_on = (self.call_on[0], exc.params["version"])
        problems = field_errors(exc)  # every wrong field marked at once, the first focused
        rest = self.fields.show_errors(problems)
        if rest or not problems:
            self.result_text.setText("; ".join(text for _, text in rest) if rest else error_text(exc))
            self.open_case_button.hide()
            self.result_bar.show()
            # Saved from the bottom of a long page: the words saying why nothing was saved come into view.
            QTimer.singleShot(0, lambda: self.findChild(QScrollArea).ensureWidgetVisible(self.result_bar))

    def on_form_saved(self, saved) -> None:
        self.save_button.setEnabled(True)
        self.last_saved = saved
        corrected = self.editing is not None
        ro = self.editing.repair_order if corrected else saved.repair_order
        if saved.failure:
            text = self.tr("Form for {ro} saved. It is a service failure: supervisors have been alerted.")
        else:
            text = self.tr("Form for {ro} saved.")
        self.result_text.setText(text.format(ro=ro))
        self.open_case_button.setVisible(saved.failure)
        self.result_bar.show()
        self.drafts.discard(DRAFT_KIND, self.user.user_id)
        if corrected:
            self.load_form(saved.form_id)
        else:
            self.set_values({})  # saved: nothing to lose
        self.form_saved.emit(saved)
        if saved.failure:
            self.open_case_button.setFocus()
        else:
            self.repair_order.setFocus()

    def on_open_clicked(self) -> None:
        from app.services.feedback import forms as feedback_forms

        number, store = self.repair_order.text(), self.store
        self.fields.clear_errors()
        self.ops.run(lambda: feedback_forms.form_detail(store, repair_order=number),
                     on_success=self.on_form_loaded, on_failure=self.on_save_failed)

    def load_form(self, form_id: str) -> None:
        from app.services.feedback import forms as feedback_forms

        store = self.store
        self.ops.run(lambda: feedback_forms.form_detail(store, form_id), on_success=self.on_form_loaded)

    def on_form_loaded(self, detail) -> None:
        if detail is None:
            self.fields.show_error("repair_order", self.tr("no form is stored for this repair order yet"))
            return
        self.editing = detail
        self.set_values({"repair_order": detail.repair_order, "service_date": detail.service_date.isoformat(),
                         "customer_name": detail.customer_name, "phone": detail.phone, "plate": detail.plate,
                         "timeliness": detail.timeliness, "repair_quality": detail.repair_quality,
                         "attitude": detail.attitude, "overall": detail.overall, "comment": detail.comment,
                         "verification": detail.verification})
        self._loaded_values = self.values()  # what a correction is compared with (New form asks when it differs)
        for w in (self.repair_order, self.customer_name, self.phone, self.plate, self.plate_unknown, self.service_date):
            w.setEnabled(False)
        self.history.clear()
        loc = self.locale()
        for h in detail.history:
            when = loc.toString(h["at"].astimezone().replace(tzinfo=None), "yyyy-MM-dd HH:mm")
            if h["kind"] == "form.corrected":
                change = ", ".join(f"{k}: {h['payload']['before'].get(k)} → {v}"
                                   for k, v in h["payload"]["after"].items())
                self.history.addItem(self.tr("{when} {who} corrected: {change}").format(
                    when=when, who=h["actor"] or "-", change=change))
            else:
                self.history.addItem(self.tr("{when} {who} entered the form").format(when=when, who=h["actor"] or "-"))
        self.history.show()
        self.history.setFixedHeight(min(160, 24 + 20 * self.history.count()))

    def on_open_case_clicked(self) -> None:
        from app.services.feedback import forms as feedback_forms
        from app.ui.cases.complaint_dialog import ComplaintDialog

        if self.last_saved is None:
            return
        store, form_id = self.store, self.last_saved.form_id
        ro = self.last_saved.repair_order or (self.editing.repair_order if self.editing else "")

        def show(new_case) -> None:
            self.complaint = ComplaintDialog(self.store, self.ops, self.user, self.drafts, prefill=new_case,
                                             repair_order=ro, parent=self)
            self.complaint.case_saved.connect(self.on_case_saved)
            self.complaint.open()

        self.ops.run(lambda: feedback_forms.case_from_form(store, form_id), on_success=show,
                     on_failure=self.on_save_failed)

    def on_case_saved(self, ref) -> None:
        self.result_text.setText(self.tr("Case {number} opened from the form.").format(number=ref.number))
        self.open_case_button.hide()
