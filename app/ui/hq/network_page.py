"""The network at a glance: every dealer's month against the month before, a 12-month trend of the
network and a chosen dealer, and the causes rising across dealers; double-click drills down."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.hq.network_cases import NetworkCaseFilter
from app.hq.network_forms import FormFilter
from app.hq.network_queries import glance, recent_months, trends
from app.rules.vocab import CauseGroup, FailureType
from app.services.assessment import month_bounds, parse_month
from app.services.changes import CASES, FORMS, SYNC
from app.services.network.root_causes import rising_root_causes
from app.ui.common.ops import Ops
from app.ui.hq.parts import change, fill, key_at, num, share, table
from app.ui.common.widgets import Label

# Columns of the dealer table and what a double-click on each shows.
RANK, DEALER, FORMS_COL, AVERAGE, AVG_CHANGE, FAILURE, FAIL_CHANGE, RECOVERY, REC_CHANGE, CALLBACKS, CB_CHANGE, \
    OVERDUE = range(12)
ROOT_LAST_MONTH = 1  # the root causes' "Last month" column: a double-click there shows last month's cases


class NetworkPage(QWidget):
    shows = CASES | FORMS | SYNC  # the kinds of change this page refreshes on

    glance_shown = Signal(object)  # NetworkGlance
    trend_shown = Signal(str)  # the dealer code of the trend shown ("" for the network alone)
    drill_down = Signal(object, str)  # NetworkCaseFilter, what it shows in words
    forms_drill_down = Signal(object, str)  # FormFilter, what it shows in words
    root_causes_shown = Signal(object)  # list[RootCauseRise]

    def __init__(self, db, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.glance = None
        self.month = QComboBox(objectName="month")
        self.month.setMinimumContentsLength(8)
        self.headline = Label(objectName="headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(Label(self.tr("Month:")))
        top.addWidget(self.month)
        top.addWidget(self.headline, 1)
        self.print_button = QPushButton(self.tr("Print the charts..."))
        top.addWidget(self.print_button)
        self.dealers = table([self.tr("Rank"), self.tr("Dealer"), self.tr("Forms"), self.tr("Average"),
                              self.tr("Change"), self.tr("Failure share"), self.tr("Change"),
                              self.tr("Recovery success"), self.tr("Change"), self.tr("Callbacks made"),
                              self.tr("Change"), self.tr("Overdue now")], "network_dealers")
        self.dealers.setToolTip(self.tr("Double-click a dealer to see the cases behind its figures; ▲ better "
                                        "than last month, ▼ worse."))
        self.causes = table([self.tr("Cause"), self.tr("Failure type"), self.tr("Last month"), self.tr("This month"),
                             self.tr("Change"), self.tr("Dealers")], "rising_causes")
        # Root causes as typed at closing, grouped across dealers (cases closed in the two months).
        self.root_causes = table([self.tr("Root cause"), self.tr("Last month"), self.tr("This month"),
                                  self.tr("Change"), self.tr("By dealer")], "rising_root_causes")
        # "By dealer" lists each dealer's cases this month, a column that can be wider than the pane:
        # its header starts at the left so its name stays in sight (a longer one was cut at 1366 px).
        self.root_causes.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.root_causes.setToolTip(self.tr("Root causes recorded when cases were closed, written alike grouped "
                                            "together; By dealer: each dealer's cases closed this month. Double-click "
                                            "to see the cases closed this month behind one (on Last month: last "
                                            "month's)."))
        self.root_rows = []
        self.cause_tabs = QTabWidget(objectName="cause_tabs")
        self.cause_tabs.addTab(self.causes, self.tr("Cause groups"))
        self.raise_button = QPushButton(self.tr("Raise an action for its dealers..."), objectName="raise_action")
        self.raise_button.setToolTip(self.tr("One improvement action for the dealers sharing the chosen root cause; "
                                             "their counters get it on their next sync."))
        self.raise_button.setEnabled(False)
        roots = QWidget()
        roots_box = QVBoxLayout(roots)
        roots_box.setContentsMargins(0, 0, 0, 0)
        roots_box.addWidget(self.root_causes, 1)
        roots_box.addWidget(self.raise_button, 0, Qt.AlignmentFlag.AlignRight)
        self.cause_tabs.addTab(roots, self.tr("Root causes"))
        self.raise_dialog = None
        self.trend_box = QVBoxLayout()
        self.causes_box = QVBoxLayout()
        self.trend_holder, self.causes_holder = QWidget(), QWidget()
        self.trend_holder.setLayout(self.trend_box)
        self.causes_holder.setLayout(self.causes_box)
        self.trend_chart = self.causes_chart = None
        # The ranking across the top (every figure visible at 1366 px); below it the trend, the rising
        # causes and their chart side by side.
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.trend_holder)
        bottom.addWidget(self.cause_tabs)
        bottom.addWidget(self.causes_holder)
        bottom.setSizes([450, 470, 420])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(self.dealers)
        body.addWidget(bottom)
        body.setSizes([330, 370])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(body, 1)

        self.month.addItems(recent_months())
        self.month.currentIndexChanged.connect(self.on_month_current_index_changed)
        self.dealers.itemSelectionChanged.connect(self.on_dealers_selection_changed)
        self.dealers.cellDoubleClicked.connect(self.on_dealers_cell_double_clicked)
        self.causes.cellDoubleClicked.connect(self.on_causes_cell_double_clicked)
        self.root_causes.cellDoubleClicked.connect(self.on_root_causes_cell_double_clicked)
        self.root_causes.itemSelectionChanged.connect(
            lambda: self.raise_button.setEnabled(bool(self.root_causes.selectionModel().selectedRows())))
        self.raise_button.clicked.connect(self.on_raise_clicked)
        self.print_button.clicked.connect(self.on_print_clicked)
        self.ops.follow(self, self.refresh)
        self.refresh()

    @property
    def chosen_month(self) -> str:
        return self.month.currentText()

    def choose_month(self, month: str) -> None:
        if self.month.findText(month) < 0:
            self.month.addItem(month)
        self.month.setCurrentIndex(self.month.findText(month))

    def refresh(self) -> None:
        month = self.chosen_month
        self.ops.run(lambda: glance(self.db, month), on_success=self.show_glance)
        self.ops.run(lambda: (month, rising_root_causes(self.db, month)), on_success=self.show_root_causes)

    def show_root_causes(self, answer) -> None:
        month, rows = answer
        if month != self.chosen_month:
            return  # an answer for a month no longer chosen
        self.root_rows = rows
        fill(self.root_causes, [[r.label, str(r.last_month), str(r.this_month), f"{r.change:+d}",
                                 ", ".join(f"{d.code} {d.this_month}" for d in r.dealers if d.this_month) or "-"]
                                for r in rows], [r.texts for r in rows],
             marked={i for i, r in enumerate(rows) if r.change > 0 and r.dealers_now >= 2})
        self.root_causes_shown.emit(rows)

    @Slot(int)
    def on_month_current_index_changed(self, _i: int) -> None:
        self.refresh()

    def show_glance(self, g) -> None:
        if g.month != self.chosen_month:
            return  # an answer for a month no longer chosen
        chosen = self.chosen_dealer()
        self.glance = g
        rows, marked = [], set()
        for i, d in enumerate(g.dealers):
            rows.append(["-" if d.rank is None else str(d.rank), d.code if d.name == d.code else f"{d.code} {d.name}",
                         str(d.forms), num(d.average.now), change(d.average.change),
                         share(d.failure_share.now), change(d.failure_share.change, as_share=True, worse_if_up=True),
                         share(d.recovery.now), change(d.recovery.change, as_share=True),
                         share(d.callbacks.now), change(d.callbacks.change, as_share=True), str(d.overdue_now)])
            if d.worsened >= 2:
                marked.add(i)
        fill(self.dealers, rows, [d.dealer_id for d in g.dealers], marked=marked)
        worse = [d.code for d in g.dealers if d.worsened >= 2]
        self.headline.setText(self.tr("{dealers} in {month}, against {previous}. Worse on two or more figures: "
                                      "{worse}").format(dealers=self.tr("%n dealers", "", len(g.dealers)),
                                                        month=g.month, previous=g.previous_month,
                                                        worse=", ".join(worse) or self.tr("none")))
        v = lambda ctx_text: QCoreApplication.translate("Vocab", ctx_text)  # noqa: E731
        fill(self.causes, [[v(CauseGroup(r.cause_group).title), v(FailureType(r.failure_type).title),
                            str(r.last_month), str(r.this_month), f"{r.change:+d}", str(r.dealers)] for r in g.rising],
             [(r.cause_group, r.failure_type) for r in g.rising])
        self.show_causes_chart(g)
        for r in range(self.dealers.rowCount()):
            if key_at(self.dealers, r) == chosen:
                self.dealers.selectRow(r)
                break
        else:
            self.load_trend(None)
        self.glance_shown.emit(g)

    def chosen_dealer(self) -> str | None:
        rows = self.dealers.selectionModel().selectedRows()
        return key_at(self.dealers, rows[0].row()) if rows else None

    @Slot()
    def on_dealers_selection_changed(self) -> None:
        self.load_trend(self.chosen_dealer())

    def load_trend(self, dealer_id: str | None) -> None:
        month = self.chosen_month
        code = next((d.code for d in (self.glance.dealers if self.glance else []) if d.dealer_id == dealer_id), "")
        self.ops.run(lambda: trends(self.db, month, dealer_id), on_success=lambda t: self.show_trend(code, *t))

    def show_trend(self, code: str, network_points, dealer_points) -> None:
        from app.ui.common.charts import Line, trend_chart

        lines = [Line(self.tr("Network"), [p.average for p in network_points])]
        if code:
            lines.append(Line(code, [p.average for p in dealer_points]))
        # Month numbers on the axis (a full date is too wide for twelve); the range in the title.
        chart = trend_chart([p.month[5:] for p in network_points], lines,
                            title=self.tr("Average score, {first} to {last}").format(
                                first=network_points[0].month, last=network_points[-1].month))
        chart.setObjectName("trend_chart")
        self._replace(self.trend_box, "trend_chart", chart)
        self.trend_shown.emit(code)

    def show_causes_chart(self, g) -> None:
        from app.ui.common.charts import Line, bar_chart

        top = g.rising[:6][::-1]  # the most risen at the top
        v = lambda text: QCoreApplication.translate("Vocab", text)  # noqa: E731
        chart = bar_chart([v(CauseGroup(r.cause_group).title) + "\n" + v(FailureType(r.failure_type).title)
                           for r in top],
                          [Line(self.tr("Last month"), [r.last_month for r in top]),
                           Line(self.tr("This month"), [r.this_month for r in top])],
                          title=self.tr("Causes rising across dealers"))
        self._replace(self.causes_box, "causes_chart", chart)

    def _replace(self, box: QVBoxLayout, name: str, chart: QWidget) -> None:
        old = getattr(self, name)
        if old is not None:
            box.removeWidget(old)
            old.deleteLater()
        setattr(self, name, chart)
        box.addWidget(chart)

    @Slot()
    def on_print_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from app.ui.common.charts import print_charts

        charts = [c for c in (self.trend_chart, self.causes_chart) if c is not None]
        if not charts:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QPrintDialog.DialogCode.Accepted:
            print_charts(charts, printer)

    # -- drilling down to the rows behind a figure
    def _month_dates(self) -> tuple[date, date]:
        start, end = month_bounds(*parse_month(self.chosen_month))
        return start, date.fromordinal(end.toordinal() - 1)

    @Slot(int, int)
    def on_dealers_cell_double_clicked(self, row: int, col: int) -> None:
        dealer_id = key_at(self.dealers, row)
        code = self.glance.dealers[row].code if self.glance else ""
        first, last = self._month_dates()
        if col in (FORMS_COL, AVERAGE, AVG_CHANGE, FAILURE, FAIL_CHANGE):  # figures of the month's forms
            failures = col in (FAILURE, FAIL_CHANGE)
            what = (self.tr("{dealer}: failure forms in {month}") if failures
                    else self.tr("{dealer}: forms counted in {month}"))
            self.forms_drill_down.emit(FormFilter(dealer_id, self.chosen_month, failures),
                                       what.format(dealer=code, month=self.chosen_month))
            return
        if col == OVERDUE:
            f, what = NetworkCaseFilter(dealer_id=dealer_id, overdue=True), self.tr("{dealer}: overdue cases now")
        elif col in (RECOVERY, REC_CHANGE):
            f = NetworkCaseFilter(dealer_id=dealer_id, closed_from=first, closed_to=last, judged_only=True)
            what = self.tr("{dealer}: cases closed in {month} with a verdict")
        elif col in (CALLBACKS, CB_CHANGE):
            f = NetworkCaseFilter(dealer_id=dealer_id, callbacks_from=first, callbacks_to=last)
            what = self.tr("{dealer}: cases with a callback due in {month}")
        else:
            f = NetworkCaseFilter(dealer_id=dealer_id, opened_from=first, opened_to=last)
            what = self.tr("{dealer}: cases opened in {month}")
        self.drill_down.emit(f, what.format(dealer=code, month=self.chosen_month))

    @Slot(int, int)
    def on_causes_cell_double_clicked(self, row: int, _col: int) -> None:
        cause_group, failure_type = key_at(self.causes, row)
        first, last = self._month_dates()
        v = lambda text: QCoreApplication.translate("Vocab", text)  # noqa: E731
        self.drill_down.emit(NetworkCaseFilter(cause_group=cause_group, failure_type=failure_type, opened_from=first,
                                               opened_to=last),
                             self.tr("Cases opened in {month}: {cause} / {type}").format(
                                 month=self.chosen_month, cause=v(CauseGroup(cause_group).title),
                                 type=v(FailureType(failure_type).title)))

    @Slot(int, int)
    def on_root_causes_cell_double_clicked(self, row: int, col: int) -> None:
        """The cases behind the group: closed this month, or last month from the "Last month" column."""
        r = self.root_rows[row]
        first, last = self._month_dates()
        month = self.chosen_month
        if col == ROOT_LAST_MONTH:
            last = date.fromordinal(first.toordinal() - 1)
            first, month = last.replace(day=1), f"{last.year:04d}-{last.month:02d}"
        self.drill_down.emit(NetworkCaseFilter(closed_from=first, closed_to=last, root_causes=r.texts),
                             self.tr("Cases closed in {month} with the root cause \"{cause}\"").format(
                                 month=month, cause=r.label))

    @Slot()
    def on_raise_clicked(self) -> None:
        """Head office's one action for the dealers sharing the chosen root cause (ticked: those with
        such a case this month, else last month's), its figure the cause group its cases were filed under."""
        from app.hq.improve import people_by_dealer
        from app.hq.network_cases import dealers
        from app.ui.hq.raise_action_dialog import RaiseActionDialog

        rows = self.root_causes.selectionModel().selectedRows()
        if not rows:
            return
        r = self.root_rows[rows[0].row()]
        chosen = {d.code for d in r.dealers if d.this_month} or {d.code for d in r.dealers}

        def ask(answer) -> None:
            known, people = answer
            self.raise_dialog = RaiseActionDialog(self.db, self.ops, known, chosen, title=r.label,
                                                  figure=("cause", r.cause_group), people=people,
                                                  parent=self)
            self.raise_dialog.open()

        db = self.db
        self.ops.run(lambda: (dealers(db), people_by_dealer(db)), on_success=ask)
