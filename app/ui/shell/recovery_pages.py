"""Puts guided recovery into the main window: the stepper beside a case, Callbacks due, and for
supervisors Approvals and Verification calls; the overdue list on Today."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

from app.scripts.library import ScriptLibrary, library_for
from app.ui.recovery.approvals_view import ApprovalsView
from app.ui.recovery.callbacks_view import CallbacksView
from app.ui.today.overdue_box import OverdueBox
from app.ui.recovery.recovery_stepper import RecoveryStepper
from app.ui.common.ui_words import error_text
from app.ui.feedback.verification_view import VerificationView


def _t(text: str) -> str:
    return QCoreApplication.translate("RecoveryPages", text)


@dataclass
class RecoveryPages:
    library: ScriptLibrary
    stepper: RecoveryStepper
    callbacks: CallbacksView
    overdue: OverdueBox
    approvals: ApprovalsView | None = None
    verification: VerificationView | None = None


def install_recovery(window) -> RecoveryPages:
    store, ops, user = window.store, window.ops, window.user
    library = library_for(Path(store.path).parent)
    stepper = RecoveryStepper(store, ops, library, user)
    window.cases.detail.add_tab(_t(QT_TRANSLATE_NOOP("RecoveryPages", "Recovery")), stepper)
    callbacks = CallbacksView(store, ops, user)
    window.add_page(_t(QT_TRANSLATE_NOOP("RecoveryPages", "Callbacks due")), callbacks, "callback")
    pages = RecoveryPages(library, stepper, callbacks, OverdueBox(store, ops))
    window.today.layout().insertWidget(1, pages.overdue)
    pages.overdue.case_requested.connect(window.on_today_case_requested)
    if getattr(user, "is_supervisor", False):
        pages.approvals = ApprovalsView(store, ops, user)
        window.add_page(_t(QT_TRANSLATE_NOOP("RecoveryPages", "Approvals")), pages.approvals, "approve")
        pages.verification = VerificationView(store, ops, user)
        window.add_page(_t(QT_TRANSLATE_NOOP("RecoveryPages", "Verification calls")), pages.verification, "verify")
    if library.refused is not None:
        # The stored pack was refused at start: say so, and that the bundled pack is in use.
        window.statusBar().showMessage(error_text(library.refused) + " " + "; ".join(
            library.refused.details(QCoreApplication.translate)))
    return pages
