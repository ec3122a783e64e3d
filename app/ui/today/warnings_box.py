"""Today's early warnings for supervisors: worked out in the background, opened, acknowledged with a note."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QFormLayout, QGroupBox, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from shiboken6 import isValid

from app.services.changes import ALERTS, FORMS, SETTINGS
from app.ui.common.dates import short_date
from app.ui.common.ops import IN_TURN, SEEN_NEXT, Ops
from app.ui.common.ui_words import error_text, warning_crossed, warning_subject
from app.ui.common.widgets import Label, dialog_buttons

# After Today's own figures are on screen: working the warnings out reads the dealer's whole history.
FIRST_WORK_MS = 1500
# New forms arrive all day; the history is worked through again at most this often.
REWORK_MS = 10 * 60 * 1000


def summary_words(w, loc: QLocale) -> str:
    if w.figure == "grades":  # its grades crossed: the counts say more than the D-or-E share
        return QCoreApplication.translate("EarlyWarnings", "{subject} since {since}: {crossed}").format(
            subject=warning_subject(w), since=short_date(w.since, loc), crossed=warning_crossed(w, loc))
    return QCoreApplication.translate("EarlyWarnings", "{subject}: {failures} of {forms} failed since {since} (usually {base})").format(
        subject=warning_subject(w), failures=w.failures, forms=w.forms, since=short_date(w.since, loc),
        base=loc.toString(w.baseline * 100, "f", 0) + "%")


class WarningsBox(QGroupBox):
    shows = ALERTS | SETTINGS  # the stored warnings and their acknowledgement

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None, *, early=None) -> None:
        """``early``: the EarlyReads made before sign-in, which has this box's first read."""
        super().__init__(parent)
        self.setObjectName("warnings")
        self.store, self.ops, self.user = store, ops, user
        self.list = QListWidget(objectName="warningList")
        self.list.setMaximumHeight(110)
        self.note = Label(objectName="warningsNote")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        self.list.itemActivated.connect(self.on_item_activated)  # a double-click emits it too
        self.rows: dict[str, object] = {}
        self.working = self.stale = False
        self.dialog = None
        self.setVisible(False)
        if not (user and user.is_supervisor):
            return
        self.rework = QTimer(self, singleShot=True, interval=REWORK_MS, timeout=self.work_out)
        ops.follow(self, self.refresh)
        ops.changed.connect(self.on_changed)
        if early is not None:
            early.take("warnings", self.show_rows, lambda: self.refresh(SEEN_NEXT))
        else:
            self.refresh(SEEN_NEXT)
        QTimer.singleShot(FIRST_WORK_MS, self.work_out)

    def refresh(self, order: int = IN_TURN) -> None:
        from app.services.predict.warnings import open_warnings

        store = self.store
        self.ops.run(lambda: open_warnings(store), on_success=self.show_rows, order=order)

    def on_changed(self, changed) -> None:
        if changed & FORMS and not self.rework.isActive():
            self.rework.start()  # new forms: look again later, not on every form typed

    def work_out(self) -> None:
        """The dealer's history through the warning method in a process of its own (its CPU would
        make the window stutter on one of ours); new warnings are stored and announced as ALERTS."""
        from app.services.predict.elsewhere import refresh_elsewhere

        if self.working:
            return
        self.working = True
        store = self.store

        # Working it out takes long enough for the page to close meanwhile (sign out, a new window).
        def done(_result=None) -> None:
            if isValid(self):
                self.working = False  # the ALERTS notice refreshes the list

        def failed(error) -> None:
            if not isValid(self):
                return
            self.working = False
            self.note.setText(self.tr("Early warnings could not be worked out: {error}").format(error=error_text(error)))

        self.ops.run(lambda: refresh_elsewhere(store), on_success=done, on_failure=failed, pool="io")

    def show_rows(self, rows) -> None:
        loc = self.locale()
        self.rows = {w.id: w for w in rows}
        self.setTitle(self.tr("Early warnings ({n})").format(n=len(rows)))
        self.setVisible(bool(rows))
        self.list.clear()
        for w in rows:
            item = QListWidgetItem(summary_words(w, loc))
            item.setData(Qt.ItemDataRole.UserRole, w.id)
            self.list.addItem(item)
        self.note.setText(self.tr("Double-click a warning to see the forms behind it and acknowledge it."))

    def on_item_activated(self, item: QListWidgetItem) -> None:
        w = self.rows.get(item.data(Qt.ItemDataRole.UserRole))
        if w is None:
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = WarningDialog(w, self.store, self.ops, self.user, self)
        self.dialog.open()


class WarningDialog(QDialog):
    """One warning: which figure crossed which limit since when, the forms behind it, acknowledge."""

    acknowledged = Signal(str)

    def __init__(self, w, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningDialog")
        self.w, self.store, self.ops, self.user = w, store, ops, user
        loc = self.locale()
        self.setWindowTitle(self.tr("Early warning"))
        form = QFormLayout()
        pct = lambda x: loc.toString(x * 100, "f", 1) + "%"  # noqa: E731
        form.addRow(self.tr("Figure:"), Label(warning_subject(w)))
        crossed = Label(warning_crossed(w, loc), objectName="warningCrossed")
        crossed.setWordWrap(True)
        form.addRow(self.tr("What crossed its limit:"), crossed)
        form.addRow(self.tr("Failure share since {since}:").format(since=short_date(w.since, loc)),
                    Label(self.tr("{share} ({failures} of {forms})").format(
                        share=pct(w.share), failures=w.failures, forms=w.forms)))
        form.addRow(self.tr("Usual share:"), Label(pct(w.baseline)))
        form.addRow(self.tr("Crossed its limit on:"), Label(short_date(w.fired_on, loc)))
        behind = Label(", ".join(w.repair_orders) or "-", objectName="warningForms")
        behind.setWordWrap(True)
        form.addRow(self.tr("Failures behind it:"), behind)
        self.note = QPlainTextEdit(objectName="warningNote")
        self.note.setPlaceholderText(self.tr("What will be done about it (optional)"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        form.addRow(self.tr("Note:"), self.note)
        self.buttons = dialog_buttons(self, self.tr("Acknowledge"), self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def on_buttons_accepted(self) -> None:
        from app.services.predict.warnings import acknowledge

        store, user, wid, note = self.store, self.user, self.w.id, self.note.toPlainText()

        def done(_result) -> None:
            self.acknowledged.emit(wid)
            self.accept()

        self.ops.run(lambda: acknowledge(store, wid, user, note), on_success=done)  # the ALERTS notice refreshes
