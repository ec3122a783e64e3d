"""One of Today's lists in full (failure forms with no case, open alerts): filter as you type, open a row."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.services.changes import ALERTS, CASES, FORMS
from app.services.today.worklist import COUNT_CAP
from app.ui.common.dates import short_date
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label

FORMS_KIND, ALERTS_KIND = "forms", "alerts"


def _t(text: str) -> str:
    return QCoreApplication.translate("TodayView", text)


def form_text(f, loc: QLocale) -> str:
    """A failure form with no case, as Today lists it."""
    overall = f" · {f.overall}/10" if f.overall else ""
    return f"{f.repair_order} · {f.customer} · {f.grades}{overall} · {short_date(f.service_date, loc)}"


def alert_text(a) -> str:
    """An open alert, as Today lists it."""
    state = _t("case opened") if a.case_id else _t("no case yet")
    if not a.still_failure:  # kept, so a supervisor still sees it, but marked
        state += " · " + _t("form corrected, no longer a failure")
    return _t("Failure form {ro} · {customer} · {grades} · {state}").format(
        ro=a.repair_order, customer=a.customer, grades=a.grades, state=state)


class FullList(QDialog):
    """Every row of one of Today's lists (up to the count cap), kept current by change notices."""

    shows = FORMS | CASES | ALERTS
    case_requested = Signal(str)
    form_requested = Signal(str, str)  # form id, repair order: start a case from it

    def __init__(self, store, ops: Ops, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"fullList_{kind}")
        self.store, self.ops, self.kind = store, ops, kind
        self.setWindowTitle(_t("Failure forms with no case yet") if kind == FORMS_KIND
                            else _t("Alerts for supervisors"))
        self.filter = QLineEdit(objectName="fullListFilter")
        self.filter.setPlaceholderText(self.tr("Filter: repair order, customer or grades"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.on_filter_text_changed)
        self.list = QListWidget(objectName="fullListRows")
        self.list.itemActivated.connect(self.on_list_item_activated)  # a double-click and Enter emit it
        self.count = Label(objectName="fullListCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.resize(720, 520)
        ops.follow(self, self.refresh)
        QTimer.singleShot(0, self.refresh)  # the dialog shows first, its rows follow

    def refresh(self) -> None:
        store, kind = self.store, self.kind
        if kind == FORMS_KIND:
            from app.services.today.worklist import today_figures

            self.ops.run(lambda: today_figures(store, limit=COUNT_CAP).forms_without_case, on_success=self.show_rows)
        else:
            from app.services.today.alerts import open_alerts

            self.ops.run(lambda: open_alerts(store, limit=COUNT_CAP), on_success=self.show_rows)

    def show_rows(self, rows) -> None:
        loc = self.locale()
        self.list.clear()
        for r in rows:
            item = QListWidgetItem(form_text(r, loc) if self.kind == FORMS_KIND else alert_text(r))
            item.setData(Qt.ItemDataRole.UserRole, r)
            self.list.addItem(item)
        self.on_filter_text_changed(self.filter.text())

    def on_filter_text_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        shown = 0
        for i in range(self.list.count()):
            item = self.list.item(i)
            hide = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hide)
            shown += not hide
        self.count.setText(self.tr("{shown} of {n} shown").format(
            shown=self.locale().toString(shown), n=self.locale().toString(self.list.count())))

    def on_list_item_activated(self, item: QListWidgetItem) -> None:
        r = item.data(Qt.ItemDataRole.UserRole)
        self.accept()  # the row opens in its own page or dialog; the list is one click away again
        if self.kind == ALERTS_KIND and r.case_id:
            self.case_requested.emit(r.case_id)
        elif r.form_id:
            self.form_requested.emit(r.form_id, r.repair_order)
