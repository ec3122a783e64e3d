"""The main window: navigation on the left, the chosen view on the right, status at the bottom.

Extension points for other features:
- ``add_page(title, widget, icon_name=None)`` adds a page to the navigation (before Settings);
  ``add_lazy_page(title, make, icon_name)`` adds one built when it is first opened (every page but
  Today is: start-up reads only what Today shows).
- ``set_sync_state(online, waiting, last_sync)`` shows the sync state in the status bar; until it
  is first called the bar says sync is not set up.
- ``cases.detail.add_tab(title, widget)`` adds a tab beside a case's details, ``add_tab(title, make)`` one
  made when the case's tabs are (see CaseDetailView).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Slot, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QToolButton, QWidget
from shiboken6 import isValid

from app.services.drafts import DraftBox
from app.ui.common.after_paint import after_pending_paints
from app.ui.common.ops import Ops
from app.ui.today.today_view import TodayView
from app.ui.common.widgets import Label, icon, plain_tip
from app.ui.shell.page_stack import LazyPage, PageStack


def _nobody(store):
    """Who acts when no one signed in (tests and tools that build the window directly)."""
    from app.services.people.users import SignedIn

    return SignedIn(None, "", "-", "advisor", store.identity.home_dealer_id)


class MainWindow(QMainWindow):
    lock_requested = Signal()
    rebuild_requested = Signal()  # the language changed: the shell builds the window again
    closed = Signal(object)  # this window, closed: by the person (the desk ends) or replaced by the shell
    sync_wanted = None  # the shell's way to attach sync at once (it is attached once Today is filled)

    # -- building the window: __init__ (after these) calls them in this order
    def build_navigation(self) -> None:
        """The navigation list on the left, the stack of pages it switches on the right."""
        self.nav = QListWidget(objectName="navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(190)
        self.pages = PageStack()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def build_pages(self) -> None:
        """Today, Cases, Feedback forms, the recovery pages and Reports, with Settings last; Today shown
        first. Only Today is built now; every other page is built, and reads its data, when first
        opened (or asked for: ``window.cases``)."""
        store, ops = self.store, self.ops
        self.today = TodayView(store, ops, self.user, self.drafts, first_read=not self.today_prefilled,
                               early=self.early_reads)
        self._settings_item = None
        self.add_page(self.tr("Today"), self.today, "today")
        self._cases = self.add_lazy_page(self.tr("Cases"), self._make_cases, "cases", "cases")
        self._feedback = self.add_lazy_page(self.tr("Feedback forms"), self._make_feedback, "form", "feedbackForms")
        self._calls = self.add_lazy_page(self.tr("3-day calls"), self._make_calls, "calls", "calls")
        self._settings = LazyPage(self._make_settings, "settings")
        self._settings_item = self._append(self.tr("Settings"), self._settings, "settings")
        from app.ui.shell.recovery_pages import install_recovery

        self.recovery = install_recovery(self)
        self._reports = self.add_lazy_page(self.tr("Reports"), self._make_reports, "reports", "reports")
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)

    # Each page's code is loaded when the page is first built, not with the window: the window's own
    # code loads while the PIN is typed, and a PIN entered at once waits for it (the case list's,
    # the forms', the reports' and settings' modules were ~70 ms of it).
    def _make_cases(self) -> QWidget:
        from app.ui.cases.cases_view import CasesView

        return CasesView(self.store, self.ops, self.user, self.drafts)

    def _make_feedback(self) -> QWidget:
        from app.ui.feedback.feedback_form_view import FeedbackFormView

        return FeedbackFormView(self.store, self.ops, self.user, self.drafts)

    def _make_reports(self) -> QWidget:
        from app.ui.reports.reports_view import ReportsView

        return ReportsView(self.store, self.ops, printed_by=self.user.display_name)

    def _make_calls(self) -> QWidget:
        from app.ui.feedback.calls_view import CallsView

        return CallsView(self.store, self.ops, self.user, self.drafts)

    def _make_settings(self) -> QWidget:
        from app.ui.settings.settings_view import SettingsView

        view = SettingsView(self.store, self.ops, self.user)
        view.language_chosen.connect(lambda _lang: self.rebuild_requested.emit())
        # A restored store may be another counter's (a new PC): its dealer and tag in the status bar.
        view.backups.store_restored.connect(lambda _done: self.rebuild_requested.emit())
        view.join_requested.connect(self.on_settings_join_requested)
        return view

    def on_settings_join_requested(self) -> None:
        if getattr(self, "sync_button", None) is None and self.sync_wanted is not None:
            self.sync_wanted()  # sync is attached once Today is filled: joining sooner doesn't wait for it
        if getattr(self, "sync_button", None) is not None:  # joining goes through sync's connect dialog
            self.sync_button.on_connect_triggered()

    # The pages by name, each built on first use.
    cases = property(lambda self: self._cases.page())
    feedback = property(lambda self: self._feedback.page())
    calls = property(lambda self: self._calls.page())
    settings = property(lambda self: self._settings.page())
    reports = property(lambda self: self._reports.page())

    def build_status_bar(self) -> None:
        """Who is signed in, the dealer, the store, the sync state and the lock button (also Ctrl+L)."""
        self.user_label = Label(self.tr("Signed in: {name}").format(name=self.user.display_name))
        self.user_label.setObjectName("userLabel")
        # Where the data is, in words an advisor reads (the two characters are those of this
        # counter's case numbers); the file's full path is in the tooltip for whoever supports it.
        store = self.store
        ident = store.identity
        self.store_label = Label(self.tr("This counter's store ({tag})").format(tag=ident.tag))
        self.store_label.setObjectName("storeLabel")
        self.store_label.setToolTip(plain_tip(self.tr("Store file: {path}").format(path=store.path)))
        self.sync_label = Label(self.tr("Sync: not set up"), objectName="syncLabel")
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        self.dealer_label = Label(objectName="dealerLabel")
        self.show_dealer()
        bar.addWidget(self.dealer_label)
        bar.addWidget(self.store_label, 1)
        from app.ui.recovery.notices_panel import NoticesButton

        # Decisions and news for this person, first read once every box of Today is: that read (0.3-0.8 s at
        # 10k cases on a busy machine) held the interpreter while Today's boxes were read.
        self.notices = NoticesButton(self.store, self.ops, self.user, self, first_read=False)
        self.when_today_complete(self.notices.refresh)
        self.notices.case_requested.connect(self.on_today_case_requested)
        bar.addPermanentWidget(self.notices)
        # Qt numbers the permanent widgets after the others: the index after the bell, for inserting later.
        self._first_permanent = 4
        bar.addPermanentWidget(self.sync_label)
        self.lock_button = QToolButton()
        self.lock_button.setIcon(icon("lock"))
        self.lock_button.setToolTip(self.tr("Lock the counter now (Ctrl+L)"))
        self.lock_button.setAutoRaise(True)
        self.lock_button.clicked.connect(self.lock_requested)
        bar.addPermanentWidget(self.lock_button)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock_requested.emit)

    def __init__(self, store, ops: Ops, user=None, drafts: DraftBox | None = None,
                 parent: QWidget | None = None, *, sealed: bool = False, today_prefilled: bool = False,
                 early_reads=None) -> None:
        super().__init__(parent)
        # The shell fills Today's figures and Overdue box from its read made before sign-in (one
        # read, not two): they do not read them themselves at first; change notices refresh them.
        self.today_prefilled = today_prefilled
        self.early_reads = early_reads  # Today's other boxes read before sign-in (the first window's)
        # Prepared while the PIN is typed (the shell's prepare_window): refuses to be shown, by any
        # path (show, a tray message's showNormal), until the shell unseals it after the PIN check.
        self.sealed = sealed
        self._painted_on_screen = False  # not the off-screen paint of a window prepared (prepare_paint)
        self._after_paint: list = []  # called at that first paint (when_today_complete)
        self.store, self.ops = store, ops
        self.user = user or _nobody(store)
        self.drafts = drafts or DraftBox(store.path.parent)
        self.setWindowTitle(self.tr("Recovery Desk"))
        self.setWindowIcon(icon("app"))
        self.resize(1280, 740)

        from app.ui.common import file_dialogs

        file_dialogs.use_store(store, ops)  # file dialogs open in the folder this counter last used
        self.build_navigation()
        self.build_pages()
        self.today.case_requested.connect(self.on_today_case_requested)
        self.today.call_requested.connect(self.on_today_call_requested)
        self.build_status_bar()
        from app.ui.shell.capture_keys import CaptureKeys

        self.capture_keys = CaptureKeys(self)  # Ctrl+N a complaint, Ctrl+Shift+N a form, from any page
        from app.ui.shell.glance import Glance

        self.glance = Glance(self)  # counts beside the pages, and where Today's "N more" leads

    def when_today_complete(self, then) -> None:
        """Call ``then()`` once, when every box of Today has its first read (or after 5 s at most):
        Today's figures filled, no read asked for first (SEEN_FIRST, SEEN_NEXT: Overdue, the riskiest
        calls, warnings, improvements, the trend) still to come, the window painted on screen, and the
        paint their data asked for done (after_pending_paints). What no box of Today needs (the
        notices' and the navigation's counts, sync's ~0.6 s of imports, the case list) began when the
        figures filled, and held the interpreter the other boxes' reads and paints waited for (a window
        prepared before the PIN: its first paint after the PIN)."""
        started = []
        ops = self.ops

        def start() -> None:
            if not started:
                started.append(True)
                then()

        def after_reads() -> None:
            if not isValid(self):  # replaced and deleted (a language switch) meanwhile: Ops outlives it
                return
            if ops.inline:  # tests running inline: every read is in already
                start()
            elif ops.first_reads:
                ops.first_reads_done.connect(after_reads, Qt.ConnectionType.SingleShotConnection)
            elif not self._painted_on_screen:
                self._after_paint.append(after_reads)
            else:  # their paint first: a zero timer here ran before it, the work it starts beside it
                after_pending_paints(self, start)

        if self.today.is_filled:
            after_reads()
        else:
            self.today.filled.connect(after_reads, Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(5000, self, start)  # dropped with the window

    def build_cases_when_idle(self, delay_ms: int = 1500) -> None:
        """Once Today is filled: build the case list a moment later, while the desk waits for the
        person, and lay it out and paint it off screen, so its first opening is a page switch (building
        it costs 130 ms and more at 100k cases, most of it Qt's first widgets and layout). Opened
        sooner, it is built then, as every page is."""
        QTimer.singleShot(delay_ms, self, self._build_cases_now)

    def _build_cases_now(self) -> None:
        if self._cases.is_built:
            return
        self._cases.page()
        self._cases.resize(self.pages.size())  # laid out at the size it will be shown at
        self._cases.grab()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name; show() and showNormal() come here
        if visible and self.sealed:
            return  # nobody has signed in for this window yet
        super().setVisible(visible)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted_on_screen and self.isVisible():
            self._painted_on_screen = True
            waiting, self._after_paint = self._after_paint, []
            for then in waiting:
                QTimer.singleShot(0, self, then)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit(self)

    def unseal(self) -> None:
        """The PIN check signed in this window's person: it may be shown."""
        self.sealed = False

    def prepare_paint(self) -> None:
        """Polish, lay out and paint the hidden window once, off screen (its first show then paints
        from laid-out, polished widgets: measured 175 -> 56 ms to the first paint at 100k cases). Today's
        trend is drawn, hidden, once its points are in."""
        self.grab()
        self.today.trend.prepare()

    def show_dealer(self) -> None:
        """The counter's dealer as the store knows it now (joining head office names it)."""
        ident = self.store.identity
        if getattr(self, "store_label", None) is not None:  # joining gives the counter its tag
            self.store_label.setText(self.tr("This counter's store ({tag})").format(tag=ident.tag))
        self.dealer_label.setText(
            self.tr("Dealer: {name} ({code})").format(name=ident.home_dealer_name, code=ident.home_dealer_code)
            if ident.home_dealer_name else self.tr("Dealer: {code}").format(code=ident.home_dealer_code))

    def _append(self, title: str, widget: QWidget, icon_name: str | None, row: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem(icon(icon_name) if icon_name else icon("file"), title)
        item.setData(Qt.ItemDataRole.UserRole, widget.objectName())
        item.setSizeHint(QSize(160, 40))
        if row is None:
            self.nav.addItem(item)
            self.pages.addWidget(widget)
        else:
            self.nav.insertItem(row, item)
            self.pages.insertWidget(row, widget)
        return item

    def add_page(self, title: str, widget: QWidget, icon_name: str | None = None) -> None:
        """Add a page to the navigation, before Settings (which stays last)."""
        row = self.nav.row(self._settings_item) if self._settings_item is not None else None
        self._append(title, widget, icon_name, row)

    def add_lazy_page(self, title: str, make, icon_name: str | None = None, name: str = "") -> LazyPage:
        """Add a page built by ``make()`` when it is first opened or asked for (``.page()``)."""
        holder = LazyPage(make, name)
        self.add_page(title, holder, icon_name)
        return holder

    def show_page(self, widget: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(widget))

    def set_sync_state(self, online: bool | None, waiting: int = 0, last_sync: datetime | None = None) -> None:
        """online None: sync not set up. Otherwise show online/offline, items waiting and the last sync."""
        if online is None:
            self.sync_label.setText(self.tr("Sync: not set up"))
            return
        state = self.tr("online") if online else self.tr("offline")
        last = last_sync.astimezone().strftime("%Y-%m-%d %H:%M") if last_sync else self.tr("never")
        self.sync_label.setText(self.tr("Sync: {state}, {waiting} waiting, last {last}").format(
            state=state, waiting=waiting, last=last))

    def attach_sync(self, controller) -> None:
        """Show a SyncController's state in the status bar, with a button to sync, see problems, connect."""
        from app.ui.sync.sync_menu import SyncButton

        self.sync_button = SyncButton(controller, self.store, self.ops, self)
        self.statusBar().insertPermanentWidget(self._first_permanent + 1, self.sync_button)  # before the lock
        controller.state_changed.connect(self.on_sync_state_changed)
        controller.round_failed.connect(self.on_sync_round_failed)
        from app.ui.sync.update_notice import UpdateNotice

        self.update_notice = UpdateNotice(self.store.path.parent, self.ops, self)  # a program update waiting
        self.statusBar().insertPermanentWidget(self._first_permanent, self.update_notice)  # first on the right
        self.on_sync_state_changed(controller.state)

    @Slot(object)
    def on_sync_state_changed(self, state) -> None:
        from app.ui.sync.sync_controller import describe

        self.sync_label.setText(describe(state))
        self.show_dealer()  # e.g. just joined head office: its dealer at once
        self._sync_connected = state.connected

    @Slot(str)
    def on_sync_round_failed(self, text: str) -> None:
        if getattr(self, "_sync_connected", False):  # "not connected yet" is already the label
            self.statusBar().showMessage(text, 15000)

    def on_today_call_requested(self, repair_order_id: str) -> None:
        self.show_page(self.calls)
        self.calls.show_call(repair_order_id)

    def on_today_case_requested(self, case_id: str) -> None:
        self.show_page(self.cases)
        self.cases.show_case(case_id)
