"""Publishing from the window: pick a script pack or settings file, see it checked and compared with
what each dealer runs now, publish to all or chosen dealers, and see when it reached each counter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (QHBoxLayout, QMessageBox, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.hq.network_status import dealers_running, preview
from app.hq.publish import publish_to
from app.services.changes import SYNC
from app.ui.common.ops import Ops
from app.ui.hq.parts import error_words, fill, table, when
from app.ui.common.widgets import Label
from app.ui.common import file_dialogs


class PublishPage(QWidget):
    shows = SYNC  # the kinds of change this page refreshes on

    previewed = Signal(object)  # PublishPreview
    published = Signal(object)  # list[Published]

    def __init__(self, db, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.path: Path | None = None
        self.checked = None  # the PublishPreview of the chosen file
        self.choose = QPushButton(self.tr("Choose a script pack or settings file..."))
        self.file_label = Label(self.tr("No file chosen."), objectName="publish_file")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setWordWrap(True)
        self.verdict = Label(objectName="publish_verdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        self.dealers = table([self.tr("Publish to"), self.tr("Dealer"), self.tr("Latest for it"), self.tr("Published"),
                              self.tr("Arrived at its counters")], "publish_dealers")
        self.to_chosen = QPushButton(self.tr("Publish to the ticked dealers..."))
        self.to_all = QPushButton(self.tr("Publish to all dealers..."))
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.file_label, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.to_chosen)
        buttons.addWidget(self.to_all)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.verdict)
        lay.addWidget(self.dealers, 1)
        lay.addLayout(buttons)
        self.choose.clicked.connect(self.on_choose_clicked)
        self.to_chosen.clicked.connect(self.on_to_chosen_clicked)
        self.to_all.clicked.connect(self.on_to_all_clicked)
        self.ops.follow(self, self.refresh)
        self._enable()

    def _enable(self) -> None:
        ok = self.checked is not None
        self.to_all.setEnabled(ok)
        self.to_chosen.setEnabled(ok)

    @Slot()
    def on_choose_clicked(self) -> None:
        name = file_dialogs.open_file_name(self, self.tr("Script pack or settings"),
                                           self.tr("Packs and settings (*.yaml *.yml *.json);;All files (*)"))
        if name:
            self.check(Path(name))

    def check(self, path: Path) -> None:
        """Check the file as `hq publish` does and compare it with what the dealers run."""
        self.path, self.checked = path, None
        self._enable()
        self.file_label.setText(str(path))
        self.verdict.setText(self.tr("Checking..."))
        self.ops.run(lambda: preview(self.db, path), on_success=self.show_preview, on_failure=self.on_check_failed)

    def refresh(self) -> None:
        if self.checked is not None:
            kind, name = self.checked.kind, self.checked.name
            self.ops.run(lambda: dealers_running(self.db, kind, name), on_success=self.show_dealers)

    def on_check_failed(self, exc: BaseException) -> None:
        self.verdict.setText(self.tr("Not valid, nothing published: {reason}").format(reason=error_words(exc)))
        self.dealers.setRowCount(0)

    def show_preview(self, p) -> None:
        self.checked = p
        self._enable()
        if p.kind == "scripts":
            self.verdict.setText(self.tr("Valid script pack {name}, version {version} ({kb} KB). Counters refuse a "
                                         "version not newer than the one they run.").format(
                name=p.name, version=p.version, kb=max(1, p.size // 1024)))
        else:
            self.verdict.setText(self.tr("Valid settings ({kb} KB): published as the next settings version.").format(
                kb=max(1, p.size // 1024)))
        self.show_dealers(p.dealers)
        self.previewed.emit(p)

    def show_dealers(self, runs: list) -> None:
        ticked = {self.dealers.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.dealers.rowCount())
                  if self.dealers.item(r, 0).checkState() == Qt.CheckState.Checked}
        rows, not_yet = [], self.tr("not yet")
        for d in runs:
            arrived = "; ".join(f"{a.label}: {when(a.arrived_at) if a.arrived_at else not_yet}"
                                for a in d.arrivals) or self.tr("no counter")
            rows.append(["", d.code if d.name == d.code else f"{d.code} {d.name}",
                         "-" if d.version is None else self.tr("version {v}").format(v=d.version),
                         when(d.published_at), arrived if d.version is not None else "-"])
        fill(self.dealers, rows)
        for r, d in enumerate(runs):
            box = QTableWidgetItem()
            box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            box.setCheckState(Qt.CheckState.Checked if d.code in ticked else Qt.CheckState.Unchecked)
            box.setData(Qt.ItemDataRole.UserRole, d.code)
            self.dealers.setItem(r, 0, box)

    def ticked(self) -> list[str]:
        return [self.dealers.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.dealers.rowCount())
                if self.dealers.item(r, 0).checkState() == Qt.CheckState.Checked]

    @Slot()
    def on_to_chosen_clicked(self) -> None:
        codes = self.ticked()
        if not codes:
            self.verdict.setText(self.tr("Tick the dealers to publish to in the first column."))
            return
        self.confirm(codes)

    @Slot()
    def on_to_all_clicked(self) -> None:
        self.confirm(None)

    def confirm(self, codes: list[str] | None) -> None:
        p = self.checked
        what = self.tr("script pack {name} version {version}").format(name=p.name, version=p.version) \
            if p.kind == "scripts" else self.tr("these settings")
        to = self.tr("all dealers") if codes is None else ", ".join(codes)
        self.box = QMessageBox(QMessageBox.Icon.Question, self.tr("Publish"),
                               self.tr("Publish {what} to {to}? Their counters take it on their next sync.").format(
                                   what=what, to=to),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        self.box.setObjectName("publish_confirm")
        self.box.setTextFormat(Qt.TextFormat.PlainText)
        self.box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Publish"))
        self.box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        yes = self.box.button(QMessageBox.StandardButton.Yes)
        self.box.buttonClicked.connect(lambda b: self.publish(codes) if b is yes else None)
        self.box.open()

    def publish(self, codes: list[str] | None) -> None:
        path = self.path
        self.ops.run(lambda: publish_to(self.db, path, codes), on_success=self.on_published,
                     on_failure=self.on_check_failed)

    def on_published(self, done: list) -> None:
        self.verdict.setText(self.tr("Published to {to}; waiting for the counters to sync.").format(
            to=", ".join(p.dealer_code or self.tr("all dealers") for p in done)))
        self.published.emit(done)
