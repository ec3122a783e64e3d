"""The notices bell in the status bar, its list (Enter opens the case) and the tray message when the window is hidden."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QPushButton, QSystemTrayIcon, QTableWidgetItem, QToolButton,
                               QVBoxLayout, QWidget)

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.services.changes import ALERTS, CASES, REMEDIES, SCRIPTS
from app.services.notices import inbox
from app.ui.common.dates import short_when
from app.ui.common.ops import LatestRead, Ops
from app.ui.common.widgets import Label, chosen_row, fit_columns, icon, record_table


class NoticesButton(QToolButton):
    """The bell: how many notices wait unread for the person signed in; a click lists them."""

    shows = CASES | REMEDIES | ALERTS | SCRIPTS  # what notices are derived from (a sync pull announces them too)
    case_requested = Signal(str)
    notices_shown = Signal()  # each time a fresh reading of the notices is on screen (tests wait for it)

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None, *, first_read: bool = True) -> None:
        """``first_read`` False: the first ``refresh()`` is the owner's to call (the main window: once
        Today is filled); change notices refresh it either way."""
        super().__init__(parent)
        self.setObjectName("notices")
        self.store, self.ops, self.user = store, ops, user
        self.notices: list[inbox.Notice] = []
        self._told: set[str] | None = None  # unread ids already told (None: not read yet, tell nothing)
        self._read = LatestRead(ops, self.show_notices)
        self.dialog: NoticesDialog | None = None
        self.tray: QSystemTrayIcon | None = None
        self.setIcon(icon("bell"))
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clicked.connect(self.on_clicked)
        self._show_count()
        ops.follow(self, self.refresh)
        if first_read:
            self.refresh()

    @property
    def unread(self) -> list[inbox.Notice]:
        return [n for n in self.notices if not n.read]

    def refresh(self) -> None:
        store, uid = self.store, self.user.user_id
        # Beside the database worker: at 100,000 cases this read holds a worker 0.2-0.7 s (mostly
        # SQLite's), and on the database worker the page a person opens right after Today waited for it.
        self._read.ask(lambda: inbox.notices_for(store, uid))

    def show_notices(self, notices: list) -> None:
        self.notices = notices
        self._show_count()
        fresh = [n for n in self.unread if self._told is not None and n.id not in self._told]
        self._told = {n.id for n in self.unread} | (self._told or set())
        if fresh:
            self._tell_tray(fresh)
        if self.dialog is not None:
            self.dialog.show_notices(notices)
        self.notices_shown.emit()

    def _show_count(self) -> None:
        n = len(self.unread)
        self.setText(self.tr("Notices ({n})").format(n=n) if n else self.tr("Notices"))
        self.setToolTip(self.tr("{n} unread notice(s): decisions, escalations, alerts and news for you").format(n=n))

    def _tell_tray(self, fresh: list) -> None:
        """Only when the window is out of sight: a person at the desk sees the bell."""
        window = self.window()
        if (window.isVisible() and not window.isMinimized()) or getattr(window, "sealed", False):
            return  # seen at the desk; or prepared before sign-in, for nobody's eyes yet
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(icon("app"), self)
            self.tray.messageClicked.connect(self.on_tray_message_clicked)
            self.tray.show()
        text = notice_text(fresh[0]) if len(fresh) == 1 else self.tr("{n} new notices").format(n=len(fresh))
        self.tray.showMessage(self.tr("Recovery Desk"), text, QSystemTrayIcon.MessageIcon.Information)

    def on_tray_message_clicked(self) -> None:
        window = self.window()
        window.showNormal()
        window.activateWindow()
        self.on_clicked()

    def on_clicked(self) -> None:
        if self.dialog is None:
            self.dialog = NoticesDialog(self)
            self.dialog.case_requested.connect(self.case_requested)
            self.dialog.read_marked.connect(self.mark_read)
        self.dialog.show_notices(self.notices)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def mark_read(self, ids: list) -> None:
        store, uid = self.store, self.user.user_id
        self.ops.run(lambda: inbox.mark_read(store, uid, ids), on_success=lambda _r: self.refresh())


class NoticesDialog(QDialog):
    """The person's notices, newest first, unread in bold; Enter (or a double-click) opens the case."""

    case_requested = Signal(str)
    read_marked = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticesDialog")
        self.setWindowTitle(self.tr("Notices"))
        self.rows: list[inbox.Notice] = []
        self.table = record_table("noticeList", [self.tr("When"), self.tr("Notice"), self.tr("Case"),
                                                 self.tr("Customer"), self.tr("Summary")])
        self.table.activated.connect(lambda _index: self.on_open_clicked())
        self.empty = Label(self.tr("No notices in the last {days} days.").format(days=inbox.KEEP_DAYS))
        self.open_button = QPushButton(self.tr("&Open"), objectName="openNotice")
        self.all_read_button = QPushButton(self.tr("Mark all &read"), objectName="allRead")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.all_read_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.on_open_clicked)
        self.all_read_button.clicked.connect(lambda: self.read_marked.emit([n.id for n in self.rows if not n.read]))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def show_notices(self, notices: list) -> None:
        was = chosen_row(self.table, self.rows)
        self.rows = list(notices)
        self.table.setRowCount(len(self.rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, n in enumerate(self.rows):
            for c, text in enumerate([short_when(n.at, self.locale()), notice_text(n), n.case_number, n.customer,
                                      n.summary]):
                item = QTableWidgetItem(text)
                if not n.read:
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        fit_columns(self.table)
        self.empty.setVisible(not self.rows)
        self.open_button.setEnabled(bool(self.rows))
        self.all_read_button.setEnabled(any(not n.read for n in self.rows))
        if self.rows:
            ids = [n.id for n in self.rows]
            self.table.selectRow(ids.index(was.id) if was is not None and was.id in ids else 0)

    def on_open_clicked(self) -> None:
        n = chosen_row(self.table, self.rows)
        if n is None:
            return
        if not n.read:
            self.read_marked.emit([n.id])
        if n.case_id:
            self.case_requested.emit(n.case_id)
            self.accept()


def notice_text(n: inbox.Notice) -> str:
    """What happened, in the reader's language."""
    def t(text: str) -> str:
        return QCoreApplication.translate("Notices", text)

    p = n.payload
    if n.kind == inbox.APPROVED:
        return t(QT_TRANSLATE_NOOP("Notices", "{by} approved your remedy of {amount} yuan {note}")).format(
            by=n.by, amount=p.get("amount", ""), note=p.get("note", "")).strip()
    if n.kind == inbox.REFUSED:
        return t(QT_TRANSLATE_NOOP("Notices", "{by} refused your remedy of {amount} yuan: {note}")).format(
            by=n.by, amount=p.get("amount", ""), note=p.get("note", ""))
    if n.kind == inbox.APPROVAL_WANTED:
        return t(QT_TRANSLATE_NOOP("Notices", "{by} asks your approval for a remedy of {amount} yuan")).format(by=n.by, amount=p.get("amount", ""))
    if n.kind == inbox.ESCALATED:
        return t(QT_TRANSLATE_NOOP("Notices", "{by} escalated the case: {reason}")).format(by=n.by, reason=p.get("reason", ""))
    if n.kind == inbox.ASSIGNED:
        return t(QT_TRANSLATE_NOOP("Notices", "{by} opened a case for you")).format(by=n.by)
    if n.kind == inbox.ALERT:
        return t(QT_TRANSLATE_NOOP("Notices", "A failure form came in: repair order {number}")).format(number=n.case_number)
    if n.kind == inbox.PACK:
        return t(QT_TRANSLATE_NOOP("Notices", "Head office published a new script pack: {label}")).format(label=n.summary)
    return n.kind
