"""Recording a callback: reached with the customer's re-rating and words, or not reached."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QRadioButton, QSpinBox, QWidget)

from app.services.recovery.callbacks import CallbackView, record_not_reached, record_reached, success_threshold
from app.ui.cases.case_changed import tell_case_changed
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text, field_error
from app.ui.common.widgets import Label, column, dialog_buttons, error_label


class CallbackDialog(QDialog):
    callback_recorded = Signal(object)  # CallbackResult or CallbackView (not reached)

    # -- building the dialog: __init__ (after these) calls them in this order
    def build_fields(self) -> None:
        """Reached or not, the re-rating and what the customer said, and the hint on the success threshold."""
        self.reached = QRadioButton(self.tr("&Reached the customer"), objectName="reached")
        self.not_reached = QRadioButton(self.tr("&Not reached"), objectName="not_reached")
        group = QButtonGroup(self)
        group.addButton(self.reached)
        group.addButton(self.not_reached)
        self.reached.setChecked(True)
        self.rating = QSpinBox(objectName="rating")
        # Starts empty, like the grades: a preselected value would decide the outcome (8 closes the
        # case as recovered) without the customer having said it. 0 reads "choose" and is refused.
        self.rating.setRange(0, 10)
        self.rating.setSpecialValueText(self.tr("choose 1-10"))
        self.rating.setValue(0)
        self.words = QLineEdit(objectName="words")
        self.root_cause = QLineEdit(objectName="root_cause")
        self.improvement = QLineEdit(objectName="improvement")
        self.hint = Label()
        self.hint.setWordWrap(True)

    def build_form(self, who: QLabel) -> QFormLayout:
        """Who to call, reached or not, then each field with the line its error is shown in."""
        self.errors = {}
        form = QFormLayout()
        form.addRow(who)
        form.addRow(self.reached)
        form.addRow(self.not_reached)
        for label, widget, name in ((self.tr("Re-ra&ting (1-10):"), self.rating, "rating"),
                                    (self.tr("Customer's &words:"), self.words, "words"),
                                    (self.tr("Root &cause:"), self.root_cause, "root_cause"),
                                    (self.tr("&Improvement:"), self.improvement, "improvement")):
            form.addRow(label, widget)
            err = error_label(f"{name}_error")
            form.addRow("", err)
            self.errors[name] = err
        return form

    def build_buttons(self) -> None:
        """Save and Cancel, and the line for an error that belongs to no field."""
        self.error = error_label("error")
        self.buttons = dialog_buttons(self, self.tr("Save"), self.tr("Cancel"), QDialogButtonBox.StandardButton.Save)

    def __init__(self, store, ops: Ops, callback: CallbackView, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callback_dialog")
        self.setWindowTitle(self.tr("Callback for {number}").format(number=callback.case_number))
        self.store, self.ops, self.callback, self.user = store, ops, callback, user
        who = Label(self.tr("Call {customer} on {phone} ({plate})").format(
            customer=callback.customer, phone=callback.phone, plate=callback.plate))
        who.setObjectName("who")
        self.build_fields()
        form = self.build_form(who)
        self.build_buttons()
        column(self, [form, self.hint, self.error, self.buttons])
        self.not_reached.toggled.connect(self.on_not_reached_toggled)
        self.setMinimumWidth(480)
        ops.run(lambda: success_threshold(store), on_success=self.show_threshold)

    def show_threshold(self, threshold: int) -> None:
        self.hint.setText(self.tr("A re-rating of {n} or more closes the case as recovered: then write the root "
                                  "cause and what we should improve (head office reads these).").format(n=threshold))

    def on_not_reached_toggled(self, on: bool) -> None:
        for w in (self.rating, self.root_cause, self.improvement):
            w.setEnabled(not on)

    def on_buttons_accepted(self) -> None:
        for lbl in (*self.errors.values(), self.error):
            lbl.clear()
        store, cb_id, user_id = self.store, self.callback.id, self.user.user_id
        words, seen = self.words.text(), self.callback.case_version
        if self.not_reached.isChecked():
            fn = lambda: record_not_reached(store, cb_id, user_id, words, expected_version=seen)  # noqa: E731
        else:
            rating, cause, better = self.rating.value() or None, self.root_cause.text(), self.improvement.text()
            fn = lambda: record_reached(store, cb_id, rating, words, user_id,  # noqa: E731
                                        root_cause=cause, improvement=better, expected_version=seen)
        self.buttons.setEnabled(False)
        self.ops.run(fn, on_success=self.on_recorded, on_failure=self.on_failed)

    def on_recorded(self, result) -> None:
        self.callback_recorded.emit(result)
        self.accept()

    def on_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.get(field_error(exc), self.error).setText(error_text(exc))  # the fields stay as typed
        tell_case_changed(self, self.ops, exc)  # the list reloads and hands this dialog the fresh callback

    def update_callback(self, callback: CallbackView) -> None:
        """The list behind reloaded: what it now knows of this callback (its case's version)."""
        if callback.id == self.callback.id:
            self.callback = callback
