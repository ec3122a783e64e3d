"""Keys that work on every page of the main window: record a complaint (Ctrl+N), type a feedback form (Ctrl+Shift+N)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut

COMPLAINT_KEY = "Ctrl+N"
FORM_KEY = "Ctrl+Shift+N"


class CaptureKeys:
    """The two capture shortcuts of one main window; one complaint dialog at a time (a second press
    brings the open one forward instead of opening another)."""

    def __init__(self, window) -> None:
        self.window = window
        self.complaint = None
        QShortcut(QKeySequence(COMPLAINT_KEY), window, self.on_complaint_key)
        QShortcut(QKeySequence(FORM_KEY), window, self.on_form_key)

    def on_complaint_key(self) -> None:
        from app.ui.cases.complaint_dialog import ComplaintDialog

        w = self.window
        if self.complaint is not None and self.complaint.isVisible():
            self.complaint.raise_()
            self.complaint.activateWindow()
            return
        self.complaint = ComplaintDialog(w.store, w.ops, w.user, w.drafts, parent=w)
        self.complaint.case_saved.connect(self.on_case_saved)
        self.complaint.open()
        self.complaint.activateWindow()  # typing goes to it at once, whichever page had the focus

    def on_case_saved(self, ref) -> None:
        self.window.show_page(self.window.cases)
        self.window.cases.show_case(ref.id)

    def on_form_key(self) -> None:
        view = self.window.feedback
        self.window.show_page(view)
        view.repair_order.setFocus()  # whatever is half typed stays: this key never clears the form
