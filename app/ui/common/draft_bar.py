"""The banner that offers back what a form kept as a draft: Restore fills the form, Discard forgets it."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton

from app.ui.common.widgets import Label


class DraftBar(QFrame):
    def __init__(self, drafts, kind: str, user_id: str, restore) -> None:
        super().__init__()
        self.drafts, self.kind, self.user_id, self._restore = drafts, kind, user_id, restore
        self._draft = None
        self.setObjectName("draftBar")
        self.setProperty("role", "banner")
        self.text = Label()
        self.restore_button = QPushButton(self.tr("Restore"))
        self.discard_button = QPushButton(self.tr("Discard"))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        self.restore_button.clicked.connect(self.on_restore_clicked)
        self.discard_button.clicked.connect(self.on_discard_clicked)
        self.hide()

    def offer(self, describe) -> None:
        """Show the kept draft, if there is one and ``describe(draft, when)`` words it (None: not worth
        offering); ``when`` is the time it was kept, as the reader's locale writes it."""
        draft = self.drafts.load(self.kind, self.user_id)
        if draft is None:
            return
        when = self.locale().toString(draft.saved_at.astimezone().replace(tzinfo=None), "yyyy-MM-dd HH:mm")
        text = describe(draft, when)
        if text:
            self._draft = draft
            self.text.setText(text)
            self.show()

    def on_restore_clicked(self) -> None:
        self._restore(self._draft.values)
        self.hide()

    def on_discard_clicked(self) -> None:
        self.drafts.discard(self.kind, self.user_id)
        self.hide()
