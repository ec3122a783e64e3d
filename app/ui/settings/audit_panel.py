"""Settings > Audit trail: every change recorded (people, settings, sign-in, script packs, imports, and
every other kind the event log holds), filtered by person, kind and dates, newest first, a page at a
time; read only."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import (QComboBox, QDateEdit, QGroupBox, QHBoxLayout, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.foundation import clock
from app.ui.common.dates import short_when
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text
from app.ui.common.widgets import Label, combo_value, error_label, fit_columns, plain_tip, record_table

DAYS_SHOWN = 30  # the dates first offered: the last month


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class AuditPanel(QGroupBox):
    def __init__(self, store, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Audit trail"), parent)
        self.setObjectName("audit")
        self.store, self.ops = store, ops
        self.offset, self.total, self.entries = 0, 0, ()
        self.person = QComboBox(objectName="auditPerson")
        self.kind = QComboBox(objectName="auditKind")
        today = clock.today()
        self.since = QDateEdit(_qdate(today - timedelta(days=DAYS_SHOWN)), objectName="auditSince")
        self.until = QDateEdit(_qdate(today), objectName="auditUntil")
        for d in (self.since, self.until):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.dateChanged.connect(lambda *_: self.first_page())
        self.person.currentIndexChanged.connect(lambda *_: self.first_page())
        self.kind.currentIndexChanged.connect(lambda *_: self.first_page())
        filters = QHBoxLayout()
        for text, w in ((self.tr("Person"), self.person), (self.tr("Kind"), self.kind),
                        (self.tr("From"), self.since), (self.tr("To"), self.until)):
            filters.addWidget(Label(text))
            filters.addWidget(w)
        filters.addStretch(1)
        self.table = record_table("auditList", [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("About"),
                                                self.tr("Details"), self.tr("Where")])
        self.table.setMinimumHeight(220)
        self.newer_button = QPushButton(self.tr("Newer"), objectName="auditNewer")
        self.older_button = QPushButton(self.tr("Older"), objectName="auditOlder")
        self.newer_button.clicked.connect(lambda: self.show_page(self.offset - self.page_size))
        self.older_button.clicked.connect(lambda: self.show_page(self.offset + self.page_size))
        self.position = Label(objectName="auditPosition")
        self.error = error_label("auditError")
        pages = QHBoxLayout()
        pages.addWidget(self.position, 1)
        pages.addWidget(self.newer_button)
        pages.addWidget(self.older_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(pages)
        layout.addWidget(self.error)
        from app.services.audit.view import PAGE

        self.page_size = PAGE
        self._choices_loaded = False

    # -- reading -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The filter's choices and the page shown, read again (a change was recorded)."""
        from app.services.audit import view

        store = self.store
        self.ops.run(lambda: (view.people(store), view.kinds(store)), on_success=self.on_choices_loaded,
                     on_failure=self.on_failed)

    def on_choices_loaded(self, result) -> None:
        from app.services.audit.view import KIND_TITLES

        people, kinds = result
        for combo, items, everyone in ((self.person, people, self.tr("Everyone")),
                                       (self.kind, [(k, QCoreApplication.translate("Audit", KIND_TITLES[k])
                                                     if k in KIND_TITLES else k) for k in kinds],
                                        self.tr("Every kind"))):
            was = combo_value(combo)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, "")
            for value, text in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(was)) if was else 0)
            combo.blockSignals(False)
        self._choices_loaded = True
        self.show_page(self.offset)

    def first_page(self) -> None:
        self.show_page(0)

    def show_page(self, offset: int) -> None:
        from app.services.audit import view

        if not self._choices_loaded:
            return
        store, size = self.store, self.page_size
        person, kind = combo_value(self.person) or None, combo_value(self.kind) or None
        since, until = _date(self.since.date()), _date(self.until.date())
        offset = max(0, offset)
        self.ops.run(lambda: view.page(store, person=person, kind=kind, since=since, until=until, offset=offset,
                                       limit=size), on_success=self.on_page_loaded, on_failure=self.on_failed)

    def on_page_loaded(self, page) -> None:
        from app.services.audit.view import KIND_TITLES

        self.error.setText("")
        self.offset, self.total, self.entries = page.offset, page.total, page.entries
        here = self.store.identity.store_id
        locale = QLocale()
        self.table.setRowCount(len(page.entries))
        for row, e in enumerate(page.entries):
            what = QCoreApplication.translate("Audit", KIND_TITLES[e.kind]) if e.kind in KIND_TITLES else e.kind
            where = self.tr("this counter") if e.origin == here else self.tr("counter {id}").format(id=e.origin[:8])
            cells = (short_when(e.occurred_at, locale), e.actor_name or self.tr("(the program)"), what, e.subject,
                     e.details, where)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tip(text))
                self.table.setItem(row, col, item)
        fit_columns(self.table)
        last = page.offset + len(page.entries)
        self.position.setText(self.tr("{first}-{last} of {total} changes").format(
            first=page.offset + 1 if page.entries else 0, last=last, total=page.total))
        self.newer_button.setEnabled(page.offset > 0)
        self.older_button.setEnabled(last < page.total)

    def on_failed(self, exc) -> None:
        self.error.setText(error_text(exc))
