"""The program's life on a counter: sign in, the main window, idle lock, rebuilding on a language switch."""

from __future__ import annotations

import functools
import gc
import importlib
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal  # no Qt namespace before the first window (see ops)
from PySide6.QtWidgets import QApplication, QDialog
from shiboken6 import isValid

from app.foundation.translation import pick_language
from app.ui.common import i18n
from app.ui.common.fonts import install_fonts
from app.ui.common.qt_app import build_enum_types
from app.ui.common.ops import SEEN_FIRST, Ops
from app.ui.shell.sign_in_dialog import SignInDialog
from app.ui.today.early_reads import FRESH_S as TODAY_FRESH_S, EarlyReads

# What the main window needs, loaded while the PIN is typed (imports only; no widgets): after the
# PIN nothing but building the widgets is left on the UI thread.
WARM_MODULES = ("app.ui.shell.main_window", "app.ui.shell.recovery_pages", "app.ui.shell.idle_lock", "app.services.drafts",
                "app.services.today.worklist", "app.services.today.alerts",
                "app.ui.today.warnings_box", "app.ui.today.improvements_box", "app.services.predict.warnings",
                "app.services.predict.improvements", "app.ui.today.risky_calls_box", "app.services.orders.riskiest",
                "app.ui.today.month_trend", "app.ui.recovery.notices_panel", "app.services.notices.inbox",
                "app.services.notices.read_marks", "app.ui.shell.capture_keys", "app.ui.shell.glance",
                "app.services.glance.trend", "app.ui.common.file_dialogs", "app.services.preferences")
# What no box of Today needs (sync's client with httpx and the keyring, ~0.6 s of imports; the daily
# backup): loaded and started once Today is filled, off the path from the PIN to Today.
LATER_MODULES = ("app.ui.sync.sync_controller", "app.ui.sync.sync_menu", "app.ui.sync.update_notice",
                 "app.ui.settings.backups_panel",
                 # The case list's code: no longer loaded with the main window, but before Cases is opened.
                 "app.ui.cases.cases_view", "app.ui.recovery.recovery_stepper")
# Not the pages built when first opened (Reports' reportlab): loading them while the PIN is typed
# held the interpreter and the import locks the main window's own imports then waited for.
# PySide builds a class's enum types on their first use, ~5 ms each: these 21 were built on the UI
# thread while the main window was built after the PIN (QStyle's for the widgets' look, the notices'
# tray icon, sliders, windows). Built while the store opens instead, on the UI thread (never beside
# it: two threads building one enum type could leave two different types).
FIRST_USED_ENUMS = (
    ("QtWidgets", "QStyle", ("StateFlag", "PrimitiveElement", "ControlElement", "SubElement", "ComplexControl",
                             "SubControl", "PixelMetric", "ContentsType", "RequestSoftwareInputPanel", "StyleHint",
                             "StandardPixmap")),
    ("QtWidgets", "QSystemTrayIcon", ("ActivationReason", "MessageIcon")),
    ("QtWidgets", "QAbstractSlider", ("SliderAction", "SliderChange")),
    ("QtCore", "QMetaMethod", ("Access", "MethodType")),
    ("QtGui", "QSurface", ("SurfaceClass", "SurfaceType")),
    ("QtGui", "QWindow", ("Visibility", "AncestorMode")),
)


def _language(store) -> str:
    """The language setting, read without app.services.preferences (which imports every service
    that declares a setting: not needed before the names are listed)."""
    from app.services import settings

    with store.session() as s:
        return settings.get(s, "ui.language")


def _today_now(store):
    """Every box of Today with when it was read (a worker runs this): the figures and lists, the
    open alerts, and the Overdue box's rows and count, as OverdueBox reads them."""
    from concurrent.futures import ThreadPoolExecutor

    from app.services.today.alerts import open_alerts
    from app.services.recovery.overdue import overdue_now
    # No Qt module imported here: the main window's code loads on another worker meanwhile, and
    # PySide's import hooks running on two threads at once crashed the process.
    from app.services.today.worklist import OVERDUE_SHOWN, today_figures

    at = time.monotonic()
    # The Overdue box's statement (at 100k cases its longest, ~11 ms of SQLite's work, which runs without
    # Python's lock) on a thread of its own beside the figures' statements: Today's read, which every box
    # waits for, is no longer their sum. Every box after the PIN entered at once at 100k cases, twice 30
    # alternated starts: median 2.63x and 2.40x the PIN check read one after the other, 2.45x and 2.25x beside.
    with ThreadPoolExecutor(1) as beside:
        overdue = beside.submit(overdue_now, store, limit=OVERDUE_SHOWN)
        figures, alerts = today_figures(store), open_alerts(store)
        return at, figures, alerts, overdue.result()


def _import_all(names) -> None:
    for name in names:
        importlib.import_module(name)


def _warm(data_dir: Path) -> None:
    _import_all(WARM_MODULES)
    from app.scripts.library import library_for

    library_for(data_dir)  # the script pack, once per process (from its cache of validated packs)


@functools.cache  # once for each moment
def _freeze_start_up(moment: str) -> None:
    """Everything start-up made so far (modules, classes, the sign-in dialog) moves out of reach of
    Python's cycle collection, at each of start-up's moments, once: the database layer's code loaded
    after the sign-in dialog's first paint ("database code": SQLAlchemy and the models, ~0.3 s of
    imports on the UI thread), and the main window's code loaded or its first window built ("window
    code"). Otherwise the UI thread's collections walked all of it: before the PIN (up to 140 ms at
    once, beside the names being listed) and while the window was built (two full ones took 54 ms at
    100k cases). What start-up keeps lives as long as the process anyway; once per moment, so a later
    window's objects stay collectable. (Cached without the moment, the first call left the later
    moments nothing to freeze.)"""
    gc.freeze()


def _show_read(window, read) -> None:
    """Today's figures and the Overdue box from a read made before sign-in, each unless the window's
    own refresh filled it already (that one is newer)."""
    _at, figures, alerts, overdue = read
    if not getattr(window, "_today_filled", False):
        window.today.show_figures((figures, alerts if window.user.is_supervisor else []))
    if not window.recovery.overdue.title():
        window.recovery.overdue.show_rows(overdue)


class Shell(QObject):
    window_shown = Signal(object)  # the MainWindow
    locked = Signal()

    def __init__(self, ops: Ops, *, data_dir: Path | None = None, store=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops, self.data_dir, self.store = ops, data_dir, store
        self.user = None
        self.window = None
        self.idle = None
        self.dialog: SignInDialog | None = None
        self.permissions_box = None  # the warning shown when the store had to be made private
        self._hidden: list = []
        self.sync = None  # one SyncController for the session, shown by every window built
        self.daily = None  # the daily backup, while the desk runs
        self._today_read = None  # (monotonic time, TodayFigures, alerts, overdue rows and count) read before sign-in
        self._today_for_first = True  # that read may still fill the first window signed in (not a later one)
        # Deactivated while signed in: after the refusal's message, lock; only an active person gets in.
        ops.account_inactive.connect(self.lock)
        self._today_reading = False
        self._early = None  # Today's other boxes read before sign-in (EarlyReads), for the first window
        self._awaiting: list = []  # windows built to be filled by that read (they don't read Today themselves)
        self._prebuilt = None  # (the SignedIn expected, its hidden MainWindow, monotonic time built) before the PIN check
        self._discarded: list = []
        self._warm_started = False
        self._warm_done = False  # the main window's code is loaded: a window can be prepared without stalls
        # One pass of the event loop after a burst of changes (the names listed, keys, another name);
        # the shell's own timer, so it goes with the shell.
        self._prepare_timer = QTimer(self, singleShot=True, interval=0)
        self._prepare_timer.timeout.connect(self.prepare_window)
        self._prepare_wanted = False  # a key of the PIN typed (or a name chosen) since the last refusal
        ops.busy_changed.connect(self._on_ops_busy)

    def start(self) -> SignInDialog:
        """Show the sign-in dialog at once; open the store behind it when not given."""
        self.dialog = self._sign_in_dialog(None)
        if self.store is None:
            # Open the store only once the dialog has painted: the database layer's imports run in
            # the background but share the interpreter, and would otherwise delay the first window.
            self.dialog.first_painted.connect(self._after_first_paint)
        else:
            self.on_store_opened(self.store)
        self.dialog.show()
        return self.dialog

    def _after_first_paint(self) -> None:
        """Open the store, and load the main window's code beside it: both before the PIN can be
        typed, so a PIN typed at once finds the code loaded (it waited for these imports when
        they began only once the names were listed)."""
        self.open_store()  # freezes what start-up made, the database layer's code with it
        # The bundled Chinese font, if the dialog's words didn't need it before its paint: in while the
        # store opens, before the names (data, often Chinese) are listed.
        install_fonts(QApplication.instance())
        # Today's trend charts' code and enum types (~15 ms), on this thread before the main window's
        # code loads beside it: after the PIN only the charts' drawing is left.
        from app.ui.common import charts
        from app.ui.shell.first_use import warm_widgets

        charts.prepare()
        warm_widgets()  # the first window's first-use costs: ~10-15 ms of its build and paint after a PIN
        self._start_warm()
        QTimer.singleShot(0, lambda: build_enum_types(FIRST_USED_ENUMS))

    def _start_warm(self) -> None:
        if self.ops.inline or self._warm_started:
            return
        self._warm_started = True
        data_dir = Path(self.data_dir) if self.store is None else Path(self.store.path).parent
        self.ops.run(lambda: _warm(data_dir), on_success=self._on_warm, on_failure=self._on_warm, pool="io")

    def _on_warm(self, _result=None) -> None:
        self._warm_done = True
        _freeze_start_up("window code")
        if self._prepare_wanted:
            self._prepare_timer.start()

    def open_store(self) -> None:
        from app.models.store import open_store

        _freeze_start_up("database code")
        data_dir = self.data_dir
        self.ops.run(lambda: open_store(data_dir), on_success=self.on_store_opened,
                     on_failure=self.on_store_failed, pool="io")

    def _sign_in_dialog(self, locked_user) -> SignInDialog:
        dialog = SignInDialog(None, self.ops, locked_user=locked_user, parent=self.window if locked_user else None)
        dialog.signed_in.connect(self.on_signed_in)
        if locked_user is None:
            dialog.submit.clicked.connect(self.on_pin_entered)
            dialog.pin.returnPressed.connect(self.on_pin_entered)
            dialog.sign_in_failed.connect(self.on_sign_in_failed)
            dialog.ready.connect(self.on_dialog_ready)
            # The PIN's first key prepares the chosen person's window; another name chosen prepares
            # its own (the one prepared before is dropped); typing again after a wrong PIN, again.
            dialog.destroyed.connect(self.drop_prebuilt)
            dialog.user.currentIndexChanged.connect(self._prepare_soon)
            dialog.pin.textEdited.connect(self._prepare_soon)
        return dialog

    def on_store_opened(self, store) -> None:
        self.store = store
        self.ops.ready("now")  # the PIN check's thread, started before the window's code loads beside it
        self.ops.run(lambda: _language(store), on_success=self.on_language_read)
        self._read_today()  # beside the names being listed: a PIN entered at once finds it read, or nearly
        self._read_boxes()  # beside it: mostly SQLite's work, which runs on the other core
        if store.repaired:
            self._tell_permissions_repaired(store)

    def _tell_permissions_repaired(self, store) -> None:
        """Customers' data was readable by other users of this PC: it is private now; say so once,
        without blocking the sign-in (the message stays beside it until dismissed)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from app.models.store import PERMISSIONS_REPAIRED

        text = QApplication.translate("Errors", PERMISSIONS_REPAIRED).format(
            count=len(store.repaired), path=store.path.parent)
        box = QMessageBox(QMessageBox.Icon.Warning, QApplication.translate("Application", "Recovery Desk"), text,
                          QMessageBox.StandardButton.Ok, self.dialog)
        box.setTextFormat(Qt.TextFormat.PlainText)  # it names a folder
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
        self.permissions_box = box

    def _read_today(self) -> None:
        """Read every box of Today for the window to come (a reader beside the database worker, so the
        PIN check never waits for it): once the names are listed, and again when what was read is stale."""
        if self.ops.inline or self._today_reading or self.store is None or self.window is not None:
            return
        if self._today_read is not None and time.monotonic() - self._today_read[0] <= TODAY_FRESH_S:
            return
        store = self.store
        self._today_reading = True
        self.ops.run(lambda: _today_now(store), on_success=self.on_today_read, on_failure=self.on_today_failed,
                     pool="io")

    def on_dialog_ready(self) -> None:
        """The names are listed: Today's read starts now; the main window's code began loading when
        the store opened. The window itself waits for the PIN's first key: the name offered first is
        seldom the person's (the demo store lists 10), and a window prepared for it, then dropped, left its reads (~0.7 s at 100k cases) queued on the
        database worker ahead of the real person's, which made Today later, not sooner."""
        if self.ops.inline or self.store is None or self.window is not None:
            return
        self._read_today()
        self._start_warm()
        if self._prepare_wanted:  # the PIN was typed before the names were listed
            self._prepare_timer.start()

    def on_pin_entered(self) -> None:
        """While the PIN is checked on a worker (scrypt, deliberately slow, off the GIL): build the
        chosen person's main window, hidden, and read Today's figures again if those read earlier
        are stale. The window is shown only if the check signs in that very person."""
        if self.ops.inline or self.store is None or self.window is not None or self.dialog is None:
            return  # inline (tests): signed in already; a window: unlocking, or a language switch
        self._read_today()
        self.prepare_window(need=True)

    def _prepare_soon(self, *_args) -> None:
        """Prepare the chosen person's window at the next pass of the event loop (once per burst of
        changes: the names being listed, a keystroke, another name chosen)."""
        if not self.ops.inline and self.window is None:
            self._read_today()  # the dialog may have waited long for its PIN: what was read is stale
            self._prepare_wanted = True
            self._prepare_timer.start()

    def on_sign_in_failed(self) -> None:
        """A wrong PIN: the window prepared is dropped; the next key typed prepares one again."""
        self._prepare_wanted = False
        self.drop_prebuilt()

    def prepare_window(self, need: bool = False) -> None:
        """While the PIN is typed (or, at the latest, checked): the chosen person's main window, built
        hidden and sealed (it refuses to be shown), laid out and painted once off screen, its boxes
        read, so showing it after the check is a paint. Only the shell unseals it, and only for the
        person the check signs in; another name chosen or a wrong PIN drops it (``drop_prebuilt``).
        Before the PIN is in, it waits for the first key of the PIN and for the main window's code to
        be loaded (``need``: the PIN is in, build it now). One prepared longer ago than TODAY_FRESH_S
        is built again (its boxes would show what they read then)."""
        if (self.ops.inline or self.store is None or self.window is not None or self.dialog is None
                or self.dialog.locked_user is not None
                or not (need or (self._warm_done and self._prepare_wanted and self.dialog.pin.text()))):
            return
        person = self.dialog.chosen_person()
        if person is None:
            self.drop_prebuilt()
            return
        from app.services.people.users import SignedIn

        expected = SignedIn(person.user_id, person.username, person.display_name, person.role,
                            self.store.identity.home_dealer_id)
        if (self._prebuilt is not None and self._prebuilt[0] == expected
                and time.monotonic() - self._prebuilt[2] <= TODAY_FRESH_S):
            return
        self.drop_prebuilt()
        window = self._new_window(expected, sealed=True)
        self._prebuilt = (expected, window, time.monotonic())
        self._show_today_read(window)  # what was read while the names were listed, if fresh
        if not need:
            window.prepare_paint()  # the PIN is not in yet: the first layout and paint now, not after it
        else:
            # The PIN is in and checked on a worker meanwhile: the trend's charts are made now, while
            # the UI thread waits for the check, not in a second layout and paint after the first show.
            window.today.trend.prepare()

    def drop_prebuilt(self) -> None:
        if self._prebuilt is not None:
            window = self._prebuilt[1]
            self._prebuilt = None
            self._discard(window)

    def _discard(self, window) -> None:
        """Hide a window never shown; delete it once no background work can still answer its views."""
        window.hide()
        self._discarded.append(window)
        self._on_ops_busy(self.ops.busy)

    def _on_ops_busy(self, busy: bool) -> None:
        if not busy:
            for window in self._discarded:
                window.deleteLater()
            self._discarded = []

    def _read_coming(self) -> bool:
        """Today's read made before sign-in is on its way, or in and fresh, for the first window."""
        if self.ops.inline or not self._today_for_first:
            return False
        read = self._today_read
        return self._today_reading or (read is not None and time.monotonic() - read[0] <= TODAY_FRESH_S)

    def _fill_from_read(self, window, read) -> None:
        """A window built to use the read made before sign-in: Today's figures and the Overdue box
        from it, unless a refresh after a change notice filled them already (that one is newer)."""
        window._today_read_at = read[0]
        _show_read(window, read)

    def _early_reads(self):
        """Today's other boxes read once before sign-in, for the first window (made when first asked for;
        read from when the store opens, beside Today's figures)."""
        if self._early is None:
            self._early = EarlyReads(self.store, self.ops, self)
        return self._early

    def _read_boxes(self) -> None:
        """The other boxes' read, once, for the first window."""
        if not self.ops.inline and self._today_for_first and self.window is None:
            self._early_reads().start()

    def on_today_read(self, read) -> None:
        self._today_reading = False
        awaiting, self._awaiting = self._awaiting, []
        for window in awaiting:  # built while it was read: it is theirs, whoever signed in since
            if isValid(window):
                self._fill_from_read(window, read)
        if not self._today_for_first:  # signed out since it was asked for: no later window gets it
            return
        self._today_read = read
        self._show_today_read(self.window or (self._prebuilt[1] if self._prebuilt is not None else None))
        if self.window is not None:
            self._today_used()

    def _today_used(self) -> None:
        """The first window signed in has had the read made before sign-in: let it go, so no later
        window (another person after a sign-out, a language switch) is filled with it."""
        self._today_read = None
        self._today_for_first = False
        if self._early is not None:
            self._early.start()  # a window built to take it may still wait for it (started once)
            self._early = None  # it stays the shell's child until its answer is handed over

    def on_today_failed(self, _exc: BaseException) -> None:
        self._today_reading = False
        awaiting, self._awaiting = self._awaiting, []
        for window in awaiting:  # they waited for it: they read their own now; nothing is lost
            if isValid(window):
                window.today.refresh(SEEN_FIRST)
                window.recovery.overdue.refresh(SEEN_FIRST)

    def _show_today_read(self, window) -> None:
        """Fill the first window's Today (and its Overdue box) with the figures read while the PIN was
        typed, if fresh and the window hasn't filled them itself yet; its own refresh follows in any
        case. The window may be the one prepared for the chosen person, still sealed."""
        read = self._today_read
        if read is None or window is None:
            return
        if time.monotonic() - read[0] <= TODAY_FRESH_S:
            _show_read(window, read)

    def on_language_read(self, language: str) -> None:
        chosen = pick_language(language)
        if chosen != i18n.current():
            i18n.apply_language(chosen)
            old, self.dialog = self.dialog, self._sign_in_dialog(None)
            old.hide()
            old.deleteLater()
            self.dialog.show()
        self.dialog.set_store(self.store)

    def on_store_failed(self, exc: BaseException) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from app.ui.common.ui_words import error_text

        box = QMessageBox(QMessageBox.Icon.Critical, QApplication.translate("Application", "Recovery Desk"),
                          error_text(exc), QMessageBox.StandardButton.Ok, self.dialog)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the reason names the store's path
        box.exec()
        QApplication.instance().exit(1)

    def on_signed_in(self, user) -> None:
        same = self.user is not None and user.user_id == self.user.user_id
        self.user = user
        if self.window is not None and same:
            self.window.centralWidget().show()  # unlock
            for w in self._hidden:
                w.show()
            self._hidden = []
            self.idle.resume()
            return
        self.build_window()

    def _new_window(self, user, sealed: bool = False):
        from app.services.drafts import DraftBox
        from app.ui.shell.main_window import MainWindow

        _freeze_start_up("window code")  # before the window: its objects stay collectable

        # One read of Today for the first window: the one made before sign-in, when on its way or fresh.
        prefilled = self._read_coming()
        window = MainWindow(self.store, self.ops, user, DraftBox(Path(self.store.path).parent), sealed=sealed,
                            today_prefilled=prefilled, early_reads=self._early_reads() if prefilled else None)
        window.rebuild_requested.connect(self.on_rebuild_requested)
        window.lock_requested.connect(self.lock)
        window.closed.connect(self.on_window_closed)
        window.today.filled.connect(lambda: setattr(window, "_today_filled", True))
        window.sync_wanted = self._start_later
        if prefilled:
            if self._today_reading:
                self._awaiting.append(window)  # filled when the read arrives
            else:
                self._fill_from_read(window, self._today_read)
        return window

    def on_window_closed(self, window) -> None:
        """The person closed the desk: its background work ends with it, queued jobs dropped and no
        answer delivered to the closing window's views. A window the shell replaced (a language
        switch) is closed after its successor took its place: the work goes on."""
        if window is self.window:
            self.ops.close()
            if self.idle is not None:  # nothing left on screen to lock (left running, it fired on a deleted window)
                self.idle.pause()

    def build_window(self) -> None:
        from app.ui.shell.idle_lock import IdleWatcher

        old = self.window
        prebuilt, self._prebuilt = self._prebuilt, None
        if prebuilt is not None and old is None and prebuilt[0] == self.user:
            self.window = prebuilt[1]
            self.window.unseal()  # the check signed in the very person it was prepared for
        else:
            if prebuilt is not None:
                self._discard(prebuilt[1])
            self.window = self._new_window(self.user)
        if old is not None:
            self.window.setGeometry(old.geometry())
            old.close()
            old.deleteLater()
        if self.sync is not None:
            self.window.attach_sync(self.sync)
        else:
            self.window.when_today_complete(self._load_later)
        if not self.ops.inline:  # tests running inline open the list when their journey does
            self.window.when_today_complete(self.window.build_cases_when_idle)
        self.window.show()
        if self.idle is None:
            self.idle = IdleWatcher(0, self)
            self.idle.idle.connect(self.lock)
            self.follow_lock_setting()
        self.load_lock_minutes()
        self.window_shown.emit(self.window)
        read_at = getattr(self.window, "_today_read_at", None)
        if read_at is not None and time.monotonic() - read_at > TODAY_FRESH_S:  # prepared long ago
            self.window.today.refresh(SEEN_FIRST)
            self.window.recovery.overdue.refresh(SEEN_FIRST)
        self._show_today_read(self.window)
        if self._today_read is not None or not self._today_reading:  # else it fills this window on arrival
            self._today_used()

    def _load_later(self) -> None:
        """Sync (its state, the status bar's button, rounds on the timer) and the daily backup, their
        code loaded off the UI thread first."""
        if self.ops.inline:
            self._start_later()
            return
        self.ops.run(lambda: _import_all(LATER_MODULES),
                     on_success=lambda _none: self._start_later(), on_failure=lambda _exc: self._start_later(),
                     pool="io")

    def _start_later(self) -> None:
        if self.daily is None:
            from app.ui.settings.backups_panel import DailyBackups

            self.daily = DailyBackups(self.store, self.ops, self)
            self.daily.start()
        if self.sync is None and self.window is not None:
            from app.ui.sync.sync_controller import SyncController

            self.sync = SyncController(self.store, self.ops, self)
            self.window.attach_sync(self.sync)
            self.sync.start()

    def load_lock_minutes(self) -> None:
        from app.services.preferences import read_settings

        store = self.store
        self.ops.run(lambda: read_settings(store)["ui.lock_minutes"], on_success=self.idle.set_minutes)

    def follow_lock_setting(self) -> None:
        """Lock minutes saved in Settings (or pulled) take effect at once, without a restart."""
        from app.services.preferences import read_settings

        store = self.store
        self.idle.follow(self.ops, lambda: read_settings(store)["ui.lock_minutes"])

    def on_rebuild_requested(self) -> None:
        from app.services.preferences import read_settings
        store = self.store

        def rebuild(language: str) -> None:
            i18n.apply_language(pick_language(language))
            self.build_window()

        self.ops.run(lambda: read_settings(store)["ui.language"], on_success=rebuild)

    def lock(self) -> None:
        """Hide what is on screen and ask for a PIN; another user signing in gets their own window."""
        if self.window is None or not isValid(self.window) or not self.window.centralWidget().isVisible():
            return
        self.idle.pause()
        self._today_used()  # signed out: whoever signs in next reads Today afresh
        self.window.centralWidget().hide()
        # Open dialogs (a complaint half typed) are hidden too; their drafts are already on disk.
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w is not self.window and isinstance(w, QDialog)]
        for w in self._hidden:
            w.hide()
        self.dialog = self._sign_in_dialog(self.user)
        self.dialog.set_store(self.store)
        self.dialog.open()
        self.locked.emit()
