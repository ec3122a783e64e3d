"""The feedback forms behind a dealer's month (its average or its failure share), read-only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.hq.network_forms import forms_behind
from app.rules.privacy import mask_name
from app.rules.vocab import Verification
from app.ui.common.ops import Ops
from app.ui.hq.parts import fill, table
from app.ui.common.widgets import Label


def _verification(value: str) -> str:
    try:
        return QCoreApplication.translate("Vocab", Verification(value).title)
    except ValueError:
        return value


class FormsBehind(QWidget):
    forms_shown = Signal(int)  # how many forms the figure counts

    def __init__(self, db, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.scope = Label(self.tr("Double-click a dealer's average or failure share on the Network page to "
                                    "see its forms here."), objectName="forms_scope")
        self.scope.setTextFormat(Qt.TextFormat.PlainText)
        self.scope.setWordWrap(True)
        self.table = table([self.tr("Dealer"), self.tr("Service date"), self.tr("Repair order"), self.tr("Advisor"),
                            self.tr("Customer"), self.tr("Timeliness"), self.tr("Repair quality"),
                            self.tr("Attitude"), self.tr("Score"), self.tr("Overall"), self.tr("Verification"),
                            self.tr("Comment")], "forms_behind")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.scope)
        lay.addWidget(self.table, 1)

    def show_forms(self, f, what: str) -> None:
        self.scope.setText(what)
        self.ops.run(lambda: forms_behind(self.db, f), on_success=lambda got: self.on_loaded(what, *got))

    def on_loaded(self, what: str, n: int, rows: list) -> None:
        fill(self.table, [[r.dealer, r.service_date.isoformat(), r.repair_order, r.advisor, mask_name(r.customer),
                           r.timeliness, r.repair_quality, r.attitude, str(r.score),
                           "-" if r.overall is None else str(r.overall), _verification(r.verification), r.comment]
                          for r in rows])
        more = self.tr(" (the first {shown} shown)").format(shown=len(rows)) if n > len(rows) else ""
        self.scope.setText(self.tr("{what}: {forms}").format(what=what, forms=self.tr("%n forms", "", n)) + more)
        self.forms_shown.emit(n)
