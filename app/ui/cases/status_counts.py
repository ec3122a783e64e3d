"""The case list's status counts as one bar above the list: how the cases the filter finds split by status."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.rules.vocab import CaseStatus
from app.ui.common.ops import LatestRead, Ops
from app.ui.common.widgets import plain_tip, vocab_title


class StatusCounts(QWidget):
    """Read when the list is (re)loaded, after it is first shown; a click on a part filters the list by it."""

    status_clicked = Signal(str)

    def __init__(self, store, ops: Ops, current_filter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusCounts")
        self.store, self.ops, self.current_filter = store, ops, current_filter
        self.counts: dict[str, int] | None = None
        self.view: QWidget | None = None
        self._shown = False
        self._asked = False  # a read asked for before the bar was first shown: made when it is
        self._read = LatestRead(ops, self.show_counts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The names under the bar, wrapping as the width needs (a chart's own legend cuts them off).
        self.legend = QLabel(objectName="statusLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)  # only the desk's own words and numbers
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            # Only a read asked for: read at its first show whenever the list had counted, the counts
            # shared the interpreter with the rows' layout and paint when the page showed as its first
            # page came, before they were painted (the desk's first opening: 3-4 ms of its CPU).
            if self._asked:
                QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        """Read the counts again (the list asks once its rows are painted); asked before the bar is
        first shown, they are read when it is."""
        if not self._shown:
            self._asked = True
            return
        from app.services.cases.case_queries import count_by_status

        store, f = self.store, self.current_filter()
        # Beside the database worker (as Today's early read): the count of every case's status (~30 ms
        # at 100k cases) no longer holds the list's next page or refresh behind it.
        self._read.ask(lambda: count_by_status(store, f))

    def show_counts(self, counts: dict[str, int]) -> None:
        import html  # not on the list's first build (a cold import costs ~10 ms)

        from app.ui.common.charts import part_colour, parts_bar

        if counts == self.counts and self.view is not None:
            return  # nothing moved: no redraw
        self.counts = counts
        shown = [st for st in CaseStatus if counts.get(st.value)]
        loc = self.locale()
        parts = [(f"{vocab_title(st)} {loc.toString(counts[st.value])}", counts[st.value]) for st in shown]
        if self.view is not None:
            self.layout().removeWidget(self.view)
            self.view.deleteLater()
        self.view = parts_bar(parts, on_clicked=lambda i: self.status_clicked.emit(shown[i].value))
        self.view.setObjectName("statusBar")
        self.view.setFixedHeight(30)
        self.view.setToolTip(plain_tip(self.tr("Cases by status; click a part to list only those")))
        self.layout().insertWidget(0, self.view)
        self.legend.setText(" &nbsp; ".join(
            f'<span style="color:{part_colour(i)}">&#9632;</span>&nbsp;{html.escape(name)}'
            for i, (name, _n) in enumerate(parts)))
