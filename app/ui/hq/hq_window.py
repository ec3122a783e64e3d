"""Head office's own window (`recovery-desk hq --db URL`): import a folder of case files with a
progress bar, see what was imported, already present or rejected and why, the dealers' counters
and their last sync, and the conflicts waiting for a supervisor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMainWindow,
                               QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)

from app.hq.counters import counters, open_conflicts
from app.hq.importer import import_paths
from app.hq.resolve import resolve
from app.sync import conflicts as conflict_words
from app.services.changes import CASES, FORMS, SYNC
from app.ui.common import file_dialogs
from app.ui.common.ops import Ops
from app.ui.common.widgets import fit_columns


class _Progress(QObject):
    """Carries progress from the import's worker thread to the window (queued signal)."""

    advanced = Signal(int, int, object)  # done, total, FileOutcome


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    return t


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    fit_columns(table)


def _month_figures(db):
    """The network report's month, and each dealer's overdue cases now (the counters' own rule)."""
    from sqlalchemy import select

    from app.foundation import clock
    from app.models import Dealer
    from app.reports import network
    from app.services import figures

    report = network.gather(db, clock.today().strftime("%Y-%m"))
    now = clock.now()
    with db.session() as s:
        overdue = {code: figures.count_overdue(s, dealer_id, now)
                   for dealer_id, code in s.execute(select(Dealer.id, Dealer.code))}
    return report, overdue


class HqWindow(QMainWindow):
    shows = CASES | FORMS | SYNC  # the kinds of change this view refreshes on

    import_finished = Signal(object)  # ImportSummary
    conflict_resolved = Signal(object)  # app.hq.resolve.Resolved

    # -- building the window: __init__ (after these) adds the tabs in this order
    def build_import_tab(self) -> None:
        """Choose a folder of case files; the progress and each file's outcome."""
        page = QWidget()
        self.choose = QPushButton(self.tr("Import a folder of case files..."))
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m files"))
        self.progress.setValue(0)
        self.summary = QLabel(self.tr("Choose the folder from a USB stick or the shared drive."))
        self.summary.setWordWrap(True)
        self.results = _table([self.tr("File"), self.tr("Outcome"), self.tr("Changes"), self.tr("Reason")])
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.progress, 1)
        lay = QVBoxLayout(page)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.results, 1)
        self.tabs.addTab(page, self.tr("Import"))

    def build_dealers_tab(self) -> None:
        self.dealers = _table([self.tr("Dealer"), self.tr("Counter"), self.tr("Name"), self.tr("Files"),
                               self.tr("Last sync"), self.tr("Clock")])
        self.tabs.addTab(self.dealers, self.tr("Dealers"))

    def build_conflicts_tab(self) -> None:
        self.conflicts = _table([self.tr("Dealer"), self.tr("Case"), self.tr("Customer"), self.tr("Found"),
                                 self.tr("Fields changed in both places")])
        self.conflicts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The chosen conflict's two changes side by side: what, who, where, when and each field's values.
        self.conflict_title = QLabel(self.tr("Choose a conflict to compare its two changes."))
        self.conflict_title.setWordWrap(True)
        self.comparison = _table(["", self.tr("Applied (head office's version)"), self.tr("Kept aside")])
        head = self.comparison.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.comparison.setWordWrap(True)
        self.keep_applied = QPushButton(self.tr("Keep head office's version"))
        self.take_other = QPushButton(self.tr("Take the change kept aside"))
        conflict_page = QWidget()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_applied)
        buttons.addWidget(self.take_other)
        clay = QVBoxLayout(conflict_page)
        clay.addWidget(self.conflicts, 1)
        clay.addWidget(self.conflict_title)
        clay.addWidget(self.comparison, 1)
        clay.addLayout(buttons)
        self.tabs.addTab(conflict_page, self.tr("Conflicts"))

    def build_figures_tab(self) -> None:
        # The month's figures per dealer, from the network report (the one definition of each figure).
        self.figures = _table([self.tr("Dealer"), self.tr("Forms"), self.tr("Average"), self.tr("Failures"),
                               self.tr("Failure share"), self.tr("Cases opened"),
                               self.tr("First response, median (hours)"), self.tr("Recovery success rate"),
                               self.tr("Overdue now")])
        self.figures_month = QLabel()
        figures_page = QWidget()
        flay = QVBoxLayout(figures_page)
        flay.addWidget(self.figures_month)
        flay.addWidget(self.figures, 1)
        self.tabs.addTab(figures_page, self.tr("Figures"))

    def __init__(self, db, ops: Ops, parent=None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.setWindowTitle(self.tr("Recovery Desk - head office"))
        self.resize(1200, 720)
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)
        self.build_import_tab()
        self.build_dealers_tab()
        self.build_conflicts_tab()
        self.build_figures_tab()
        self.conflict_rows = []
        self.conflicts.itemSelectionChanged.connect(self.on_conflicts_selection_changed)
        self.keep_applied.clicked.connect(self.on_keep_applied_clicked)
        self.take_other.clicked.connect(self.on_take_other_clicked)
        self.on_conflicts_selection_changed()

        self._progress = _Progress(self)
        self._progress.advanced.connect(self.on_import_advanced)
        self.choose.clicked.connect(self.on_choose_clicked)
        self.ops.follow(self, self.refresh)
        self.statusBar().showMessage(str(db.path))
        self.refresh()

    def refresh(self) -> None:
        self.ops.run(lambda: (counters(self.db), open_conflicts(self.db)), on_success=self._show_lists)
        self.ops.run(lambda: _month_figures(self.db), on_success=self._show_figures)

    def _show_figures(self, result) -> None:
        from app.reports.pdf import fmt_hours, fmt_num, fmt_share
        from app.rules.figures import recovery_rate

        report, overdue = result
        self.figures_month.setText(self.tr("Month: {month}").format(month=report.month))
        _fill(self.figures, [[d.code, str(d.forms), fmt_num(d.average), str(d.failures), fmt_share(d.failure_share),
                              str(d.cases), fmt_hours(d.first_response_median),
                              fmt_share(recovery_rate(d.recovered, d.closed)), str(overdue.get(d.code, 0))]
                             for d in report.dealers])

    def _show_lists(self, lists) -> None:
        rows, conflicts = lists
        _fill(self.dealers, [[r.dealer_code, r.counter_id[:13], r.label, str(r.files),
                              r.last_seen_at.astimezone().strftime("%Y-%m-%d %H:%M") if r.last_seen_at else "-",
                              "-" if r.clock_skew_s is None else f"{r.clock_skew_s:+.0f} s"] for r in rows])
        self.conflict_rows = conflicts
        words = QCoreApplication.translate
        what = {"case": "{ref}", "form": self.tr("Feedback form {ref}")}
        _fill(self.conflicts, [[c.dealer_code, what.get(c.entity_type, "{ref}").format(ref=c.reference), c.customer,
                                c.detected_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                                conflict_words.field_names(c, words)] for c in conflicts])
        for r, c in enumerate(conflicts):  # the whole story on hover
            self.conflicts.item(r, 4).setToolTip("\n".join(conflict_words.lines(c, words)))
        self.tabs.setTabText(2, self.tr("Conflicts ({n})").format(n=len(conflicts)))
        self.on_conflicts_selection_changed()

    @Slot()
    def on_conflicts_selection_changed(self) -> None:
        rows = self.conflicts.selectionModel().selectedRows()
        chosen = bool(rows) and rows[0].row() < len(self.conflict_rows)
        self.keep_applied.setEnabled(chosen)
        self.take_other.setEnabled(chosen)
        if not chosen:
            self.conflict_title.setText(self.tr("Choose a conflict to compare its two changes."))
            self.comparison.setRowCount(0)
            return
        c = self.conflict_rows[rows[0].row()]
        words = QCoreApplication.translate
        self.conflict_title.setText(conflict_words.subject(c, words))
        _fill(self.comparison, [list(row) for row in conflict_words.comparison(c, words)])
        self.comparison.resizeRowsToContents()

    @Slot()
    def on_keep_applied_clicked(self) -> None:
        self.resolve_selected("applied")

    @Slot()
    def on_take_other_clicked(self) -> None:
        self.resolve_selected("other")

    def resolve_selected(self, keep: str) -> None:
        """The resolution is a change like any other: the dealer's counters get it on their next sync."""
        rows = self.conflicts.selectionModel().selectedRows()
        if not rows:
            return
        conflict_id = self.conflict_rows[rows[0].row()].id
        self.ops.run(lambda: resolve(self.db, conflict_id, keep),
                     on_success=self.conflict_resolved.emit, on_failure=self.on_resolve_failed)

    def on_resolve_failed(self, exc: BaseException) -> None:
        from app.foundation.errors import RecoveryDeskError

        self.statusBar().showMessage(exc.render(QCoreApplication.translate) if isinstance(exc, RecoveryDeskError)
                                     else str(exc))

    @Slot()
    def on_choose_clicked(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Folder of case files"))
        if folder:
            self.import_folder(Path(folder))

    def import_folder(self, folder: Path) -> None:
        self.choose.setEnabled(False)
        self.results.setRowCount(0)
        self.progress.setRange(0, 0)  # busy until the first file is done
        self.summary.setText(self.tr("Importing {folder}...").format(folder=folder))
        signal = self._progress.advanced
        # Reasons in the reader's language (the refused file's .reason.txt too).
        self.ops.run(lambda: import_paths(self.db, [folder], translate=QCoreApplication.translate,
                                          progress=lambda i, n, o: signal.emit(i, n, o)),
                     on_success=self.on_import_done, on_failure=self.on_import_failed)

    @Slot(int, int, object)
    def on_import_advanced(self, done: int, total: int, outcome) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        names = {"imported": self.tr("Imported"), "present": self.tr("Already present"), "rejected": self.tr("Rejected")}
        row = self.results.rowCount()
        self.results.insertRow(row)
        changes = str(outcome.events)
        if outcome.conflicts:
            changes += " " + self.tr("(+{n} in conflict)").format(n=outcome.conflicts)
        for col, text in enumerate([Path(outcome.path).name, names[outcome.status], changes, outcome.reason]):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.results.setItem(row, col, item)

    def on_import_done(self, summary) -> None:
        self.choose.setEnabled(True)
        self.progress.setRange(0, max(1, len(summary.outcomes)))
        self.progress.setValue(len(summary.outcomes))
        fit_columns(self.results)
        self.summary.setText(self.tr("{files} file(s): {imported} imported, {present} already present, {rejected} rejected "
                                     "(moved to the folder's \"rejected\" subfolder with the reason).").format(
            files=len(summary.outcomes), imported=summary.count("imported"), present=summary.count("present"),
            rejected=summary.count("rejected")))
        self.import_finished.emit(summary)

    def on_import_failed(self, exc: BaseException) -> None:
        self.choose.setEnabled(True)
        self.progress.setRange(0, 1)
        self.summary.setText(self.tr("The import stopped: {reason}").format(reason=str(exc)))


def run_hq_gui(db_url: str) -> int:
    from PySide6.QtWidgets import QMessageBox

    from app.foundation.errors import RecoveryDeskError
    from app.models.store import open_database
    from app.foundation.translation import pick_language
    from app.ui.common import i18n
    from app.ui.common.qt_app import create_app

    app = create_app()
    i18n.apply_language(pick_language())
    try:
        db = open_database(db_url)
    except (RecoveryDeskError, Exception) as exc:  # noqa: BLE001 - a bad URL or an unreachable server
        text = exc.render(app.translate) if isinstance(exc, RecoveryDeskError) else str(exc)
        QMessageBox.critical(None, app.translate("Application", "Recovery Desk"), text)
        return 1
    ops = Ops()
    window = HqWindow(db, ops)
    window.show()
    code = app.exec()
    ops.wait_idle()
    db.close()
    return code
