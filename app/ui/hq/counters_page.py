"""Counters' health: each counter's label, last contact, files, clock offset and the problems head
office found in its files; a counter silent for more than N days stands out."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from app.hq.network_status import counter_health
from app.services.changes import SYNC
from app.ui.common.ops import Ops
from app.ui.hq.parts import fill, table, when
from app.ui.common.widgets import Label

SILENT_DAYS = 3  # a counter syncs several times a day; three quiet days is worth a call


class CountersPage(QWidget):
    shows = SYNC  # the kinds of change this page refreshes on

    health_shown = Signal(object)  # list[CounterHealth]

    def __init__(self, db, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.rows: list = []
        self.days = QSpinBox(objectName="silent_days")
        self.days.setRange(1, 90)
        self.days.setValue(SILENT_DAYS)
        self.days.setSuffix(self.tr(" days"))
        self.summary = Label(objectName="health_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(Label(self.tr("Stands out when silent for more than")))
        top.addWidget(self.days)
        top.addWidget(self.summary, 1)
        self.table = table([self.tr("Dealer"), self.tr("Counter"), self.tr("Tag"), self.tr("Last sync"),
                            self.tr("Silent (days)"), self.tr("Changes waiting"), self.tr("Sync problems"),
                            self.tr("Clock offset"), self.tr("Version"), self.tr("Refused here"),
                            self.tr("Files received"), self.tr("Enrolled")], "counter_health")
        note = Label(self.tr("Changes waiting, Sync problems and version: as the counter said at its last sync. "
                              "Refused here: changes or files head office refused of it."))
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(note)
        self.days.valueChanged.connect(self.on_days_value_changed)
        self.ops.follow(self, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.ops.run(lambda: counter_health(self.db), on_success=self.show_health)

    @Slot(int)
    def on_days_value_changed(self, _n: int) -> None:
        self.show_health(self.rows)

    def show_health(self, rows: list) -> None:
        self.rows = rows
        days = self.days.value()
        silent = {i for i, r in enumerate(rows) if r.silent(days)}
        def count(n: int | None) -> str:
            return "-" if n is None else str(n)

        fill(self.table, [[r.dealer_code, r.label or r.counter_id[:13], r.tag or "-", when(r.last_seen_at),
                           "-" if r.silent_days is None else f"{r.silent_days:.1f}", count(r.waiting),
                           count(r.problems),
                           "-" if r.clock_skew_s is None else self.tr("{s:+.0f} s").format(s=r.clock_skew_s),
                           r.version or "-", str(r.refusals) + (f" ({r.last_refusal})" if r.last_refusal else ""),
                           str(r.files), when(r.enrolled_at)] for r in rows], [r.counter_id for r in rows],
             marked=silent)
        self.summary.setText(self.tr("{counters}; silent for more than {days}: {silent}").format(
            counters=self.tr("%n counters", "", len(rows)), days=self.tr("%n days", "", days), silent=", ".join(f"{rows[i].dealer_code}/{rows[i].label or rows[i].counter_id[:8]}"
                                                      for i in sorted(silent)) or self.tr("none")))
        self.health_shown.emit(rows)
