"""A case's photos and documents as thumbnails; add from a file or by dropping files on it."""

from __future__ import annotations

from PySide6.QtCore import QSize, QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QListView, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from app.ui.cases.case_changed import tell_case_changed
from app.services.changes import ATTACHMENTS, CASES
from app.ui.common import file_dialogs
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text
from app.ui.common.widgets import Label, icon, plain_tip
from app.ui.cases.thumbnails import THUMB, Drawn, draw

TIP_ROLE = Qt.ItemDataRole.UserRole + 1  # the tooltip's own text, before it is made plain


class AttachmentsPanel(QWidget):
    shows = ATTACHMENTS | CASES  # the kinds of change this view refreshes on

    attachment_added = Signal(object)

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachments")
        self.store, self.ops, self.user = store, ops, user
        self.case_id: str | None = None
        self.version: int | None = None  # the case version shown, passed when adding a file
        self.shown = 0  # counts the lists shown: a thumbnail drawn for an older list is dropped
        self.setAcceptDrops(True)
        self.items = QListWidget()
        self.items.setViewMode(QListView.ViewMode.IconMode)
        self.items.setIconSize(QSize(THUMB, THUMB))
        self.items.setGridSize(QSize(THUMB + 40, THUMB + 40))
        self.items.setResizeMode(QListView.ResizeMode.Adjust)
        self.items.setMovement(QListView.Movement.Static)
        self.items.setWordWrap(True)
        self.items.itemActivated.connect(self.on_item_activated)
        self.add_button = QPushButton(icon("attach"), self.tr("Add file…"))
        self.add_button.clicked.connect(self.on_add_clicked)
        self.hint = Label(self.tr("Drop photos or documents here"))
        self.hint.setProperty("role", "hint")
        self.message = Label()
        self.message.setProperty("role", "error")
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.message)
        ops.follow(self, lambda: self.case_id and self.reload())

    def show_case(self, case_id: str) -> None:
        self.case_id = case_id
        self.reload()

    def reload(self) -> None:
        from app.services.cases.attachments import list_attachments
        from app.services.cases.case_queries import case_version

        store, case_id = self.store, self.case_id
        if case_id is None:
            return
        self.ops.run(lambda: (case_id, case_version(store, case_id), list_attachments(store, case_id)),
                     on_success=self.on_loaded)

    def on_loaded(self, result) -> None:
        case_id, version, found = result
        if case_id != self.case_id:
            return
        self.version = version
        self.items.clear()
        self.shown += 1
        for row, a in enumerate(found):
            # Name and the file icon at once; the thumbnail, when the file is one that may be drawn,
            # is drawn on a worker (Ops' io pool) and put in when it comes: never on the UI thread.
            item = QListWidgetItem(icon("file"), a.filename)
            item.setData(Qt.ItemDataRole.UserRole, str(a.path))
            tip = f"{a.filename}\n{a.size:,} B\nSHA-256 {a.sha256[:16]}…"
            item.setToolTip(plain_tip(tip))
            item.setData(TIP_ROLE, tip)
            self.items.addItem(item)
            shown, path = self.shown, str(a.path)
            self.ops.run(lambda path=path: draw(path), pool="io",
                         on_success=lambda drawn, shown=shown, row=row: self.on_drawn(shown, row, drawn),
                         on_failure=lambda _exc: None)  # the name and file icon stay

    def on_drawn(self, shown: int, row: int, drawn: Drawn) -> None:
        item = self.items.item(row) if shown == self.shown else None
        if item is None:
            return
        if drawn.image is not None:
            item.setIcon(QIcon(QPixmap.fromImage(drawn.image)))
        else:  # a file that is not drawn says what it is under its name (and in full on hover)
            item.setText(f"{item.text()}\n{drawn.words}")
            item.setToolTip(plain_tip(f"{item.data(TIP_ROLE)}\n{drawn.words}"))
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, drawn.words)

    def add_files(self, paths: list[str]) -> None:
        from app.services.cases.attachments import add_attachment

        if self.case_id is None:
            return
        store, case_id, actor = self.store, self.case_id, self.user.user_id
        self.message.clear()
        if not paths:
            return

        def add_all(seen=self.version):
            added = []
            for p in paths:  # each file moves the case on by one: the next expects that version
                added.append(add_attachment(store, case_id, p, actor, expected_version=seen))
                seen = None if seen is None else seen + 1
            return added

        self.ops.run(add_all, on_success=self.on_added, on_failure=self.on_failed)

    def on_failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))
        tell_case_changed(self, self.ops, exc)

    def on_added(self, infos) -> None:
        for info in infos:
            self.attachment_added.emit(info)  # ops.changed("cases") reloads the panel

    def on_add_clicked(self) -> None:
        paths = file_dialogs.open_file_names(self, self.tr("Attach files"))
        self.add_files(paths)

    def on_item_activated(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.data(Qt.ItemDataRole.UserRole)))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_files(paths)
        event.acceptProposedAction()
