"""Head office's own window (`recovery-desk hq --db URL`): a page per module, the network at a glance
first; it follows what arrives from the intake (case files, conflicts, counters taking a
publication) by polling a cheap summary of the database off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QTabWidget

from app.hq.network_status import watch_signature
from app.services.changes import CASES, FORMS, SYNC
from app.ui.common.ops import Ops
from app.ui.hq.cases_page import CasesPage
from app.ui.hq.conflicts_page import ConflictsPage
from app.ui.hq.counters_page import CountersPage
from app.ui.hq.import_page import ImportPage
from app.ui.hq.network_page import NetworkPage
from app.ui.hq.publish_page import PublishPage
from app.ui.hq.reports_page import ReportsPage
from app.ui.hq.warnings_page import WarningsPage

POLL_MS = 5000  # how often the window asks whether anything arrived from the intake

NETWORK_TAB, CASES_TAB, CONFLICTS_TAB, COUNTERS_TAB, PUBLISH_TAB, REPORTS_TAB, IMPORT_TAB, WARNINGS_TAB = range(8)


class HqWindow(QMainWindow):
    arrived = Signal()  # something came in from outside the window; the pages were told

    def __init__(self, db, ops: Ops, parent=None, *, poll_ms: int = POLL_MS, analyst: str = "") -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.setWindowTitle(self.tr("Recovery Desk - head office"))
        self.resize(1366, 768)
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)
        self.network = NetworkPage(db, ops)
        self.cases = CasesPage(db, ops)
        self.conflicts = ConflictsPage(db, ops)
        self.counters = CountersPage(db, ops)
        self.publishing = PublishPage(db, ops)
        self.reports = ReportsPage(db, ops, analyst=analyst)
        self.importing = ImportPage(db, ops)
        self.warnings = WarningsPage(db, ops)
        for page, title in ((self.network, self.tr("Network")), (self.cases, self.tr("Cases")),
                            (self.conflicts, self.tr("Conflicts")), (self.counters, self.tr("Counters")),
                            (self.publishing, self.tr("Publish")), (self.reports, self.tr("Reports")),
                            (self.importing, self.tr("Import")), (self.warnings, self.tr("Early warnings"))):
            self.tabs.addTab(page, title)
        self.network.drill_down.connect(self.on_network_drill_down)
        self.network.forms_drill_down.connect(self.on_network_forms_drill_down)
        self.conflicts.conflicts_shown.connect(self.on_conflicts_shown)
        self.statusBar().showMessage(str(db.path))

        self.signature = None
        self.polling = False
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.on_timer_timeout)
        self.timer.start()

    @Slot(object, str)
    def on_network_drill_down(self, f, what: str) -> None:
        self.cases.show_filter(f, what)
        self.tabs.setCurrentIndex(CASES_TAB)

    @Slot(object, str)
    def on_network_forms_drill_down(self, f, what: str) -> None:
        self.cases.show_forms(f, what)
        self.tabs.setCurrentIndex(CASES_TAB)

    @Slot(int)
    def on_conflicts_shown(self, n: int) -> None:
        self.tabs.setTabText(CONFLICTS_TAB, self.tr("Conflicts ({n})").format(n=n))

    @Slot()
    def on_timer_timeout(self) -> None:
        if self.polling:
            return  # the last question is still out (a slow database)
        self.polling = True
        self.ops.run(lambda: watch_signature(self.db), on_success=self.on_signature,
                     on_failure=lambda _exc: setattr(self, "polling", False))

    def on_signature(self, signature: tuple) -> None:
        self.polling = False
        first = self.signature is None
        changed = signature != self.signature
        self.signature = signature
        if changed and not first:
            # Written by another process (the intake): no change notice reached this one.
            self.ops.announce(CASES | FORMS | SYNC)
            self.arrived.emit()


def run_hq_gui(db_url: str, analyst: str = "") -> int:
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
    window = HqWindow(db, ops, analyst=analyst)
    window.show()
    code = app.exec()
    window.timer.stop()
    ops.close()  # a query still running after a moment neither holds the exit nor answers
    db.close()
    return code
