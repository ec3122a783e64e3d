"""Puts guided recovery into the main window: the stepper beside a case, Callbacks due, and for
supervisors Approvals and Verification calls; the overdue list on Today."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from shiboken6 import isValid

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

from app.scripts.library import ScriptLibrary, library_for
from app.ui.today.overdue_box import OverdueBox
from app.ui.common.ui_words import error_text
from app.ui.shell.page_stack import LazyPage

if TYPE_CHECKING:  # each page's code is loaded when the page is first built (main_window says why)
    from app.ui.feedback.verification_view import VerificationView
    from app.ui.recovery.approvals_view import ApprovalsView
    from app.ui.recovery.callbacks_view import CallbacksView
    from app.ui.recovery.recovery_stepper import RecoveryStepper


def _t(text: str) -> str:
    return QCoreApplication.translate("RecoveryPages", text)


class RecoveryPages:
    """The recovery pages of one window; each is built when first opened or asked for."""

    def __init__(self, window, callbacks: LazyPage, overdue: OverdueBox,
                 approvals: LazyPage | None, verification: LazyPage | None) -> None:
        self._window, self.overdue = window, overdue
        self._callbacks, self._approvals, self._verification = callbacks, approvals, verification
        self._stepper: RecoveryStepper | None = None

    @property
    def library(self) -> ScriptLibrary:
        """The script pack, parsed once per process (start-up parses it in a worker)."""
        return library_for(Path(self._window.store.path).parent)

    def add_stepper(self, cases) -> None:
        """Beside a case's details, once the Cases page is built: made with the case's tabs."""
        cases.detail.add_tab(_t(QT_TRANSLATE_NOOP("RecoveryPages", "Recovery")), self._make_stepper)

    def _make_stepper(self) -> RecoveryStepper:
        from app.ui.recovery.recovery_stepper import RecoveryStepper

        window = self._window
        self._stepper = RecoveryStepper(window.store, window.ops, self.library, window.user)
        return self._stepper

    @property
    def stepper(self) -> RecoveryStepper:
        self._window.cases.detail.build_tabs()  # building the Cases page adds the stepper, its tabs make it
        return self._stepper

    @property
    def callbacks(self) -> CallbacksView:
        return self._callbacks.page()

    @property
    def approvals(self) -> ApprovalsView | None:
        return self._approvals.page() if self._approvals else None

    @property
    def verification(self) -> VerificationView | None:
        return self._verification.page() if self._verification else None


def install_recovery(window) -> RecoveryPages:
    store, ops, user = window.store, window.ops, window.user

    def make_callbacks() -> CallbacksView:
        from app.ui.recovery.callbacks_view import CallbacksView

        return CallbacksView(store, ops, user)

    callbacks = window.add_lazy_page(_t(QT_TRANSLATE_NOOP("RecoveryPages", "Callbacks due")), make_callbacks,
                                     "callback", "callbacks_due")
    approvals = verification = None
    if getattr(user, "is_supervisor", False):
        def make_approvals() -> ApprovalsView:
            from app.ui.recovery.approvals_view import ApprovalsView

            view = ApprovalsView(store, ops, user)
            view.case_requested.connect(window.on_today_case_requested)
            return view

        approvals = window.add_lazy_page(_t(QT_TRANSLATE_NOOP("RecoveryPages", "Approvals")), make_approvals,
                                         "approve", "approvals")
        def make_verification() -> VerificationView:
            from app.ui.feedback.verification_view import VerificationView

            return VerificationView(store, ops, user)

        verification = window.add_lazy_page(_t(QT_TRANSLATE_NOOP("RecoveryPages", "Verification calls")),
                                            make_verification, "verify", "verification")
    overdue = OverdueBox(store, ops, first_read=not window.today_prefilled)
    pages = RecoveryPages(window, callbacks, overdue, approvals, verification)
    window._cases.built.connect(pages.add_stepper)
    window.today.layout().insertWidget(1, pages.overdue)
    pages.overdue.case_requested.connect(window.on_today_case_requested)

    def tell_refused(library: ScriptLibrary) -> None:
        if library.refused is not None and isValid(window):  # the window may be gone by then
            # The stored pack was refused at start: say so, and that the bundled pack is in use.
            window.statusBar().showMessage(error_text(library.refused) + " " + "; ".join(
                library.refused.details(QCoreApplication.translate)))

    # Parsing the pack is not the UI thread's work while Today fills (it was, when the PIN came
    # before start-up's own parse had finished).
    data_dir = Path(store.path).parent
    ops.run(lambda: library_for(data_dir), on_success=tell_refused, pool="io")
    return pages
