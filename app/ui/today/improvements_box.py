"""Today's improvement actions for supervisors and owners: open ones, overdue ones standing out, done
with a note; a double-click opens the case the action came from."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QInputDialog, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.rules.vocab import Role
from app.services.changes import CASES, SETTINGS
from app.ui.common.ops import IN_TURN, SEEN_NEXT, Ops
from app.ui.common.style import ERROR_COLOUR


def _mine(user, action) -> bool:
    """A supervisor's, the owner's, and for head office's actions owned by a role, that role's people."""
    return bool(user.is_supervisor or action.owner == user.display_name
                or (action.owner_role and action.owner_role == user.role))


class ImprovementsBox(QGroupBox):
    shows = CASES | SETTINGS

    case_requested = Signal(str)

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None, *, early=None) -> None:
        """``early``: the EarlyReads made before sign-in, which has this box's first read."""
        super().__init__(parent)
        self.setObjectName("improvements")
        self.store, self.ops, self.user = store, ops, user
        self.list = QListWidget(objectName="improvementList")
        self.list.setMaximumHeight(90)
        self.done_button = QPushButton(self.tr("Done..."), objectName="improvementDone")
        self.done_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        self.list.currentItemChanged.connect(lambda cur, _prev: self.done_button.setEnabled(cur is not None))
        self.list.itemActivated.connect(self.on_item_activated)
        self.done_button.clicked.connect(self.on_done_clicked)
        self.setVisible(False)
        if user is None:
            return
        ops.follow(self, self.refresh)
        if early is not None:
            early.take("improvements", self.show_open, lambda: self.refresh(SEEN_NEXT))
        else:
            self.refresh(SEEN_NEXT)

    def refresh(self, order: int = IN_TURN) -> None:
        from app.services.predict.improvements import open_actions

        store = self.store
        # no figures: the box shows no before/after, and this runs on every change of a case
        self.ops.run(lambda: open_actions(store), on_success=self.show_open, order=order)

    def show_open(self, actions) -> None:
        """Every open action of the dealer (its own read, or the one made before sign-in): this person's shown."""
        self.show_rows([a for a in actions if _mine(self.user, a)])

    def show_rows(self, rows) -> None:
        loc = self.locale()
        overdue = sum(a.overdue for a in rows)
        self.setTitle(self.tr("Improvement actions ({n}, {late} overdue)").format(n=len(rows), late=overdue))
        self.setVisible(bool(rows))
        self.list.clear()
        for a in rows:
            if a.from_head_office:  # raised by head office for several dealers: no case of ours behind it
                owner = a.owner or (QCoreApplication.translate("Vocab", Role(a.owner_role).title) if a.owner_role
                                    else "")
                text = self.tr("{title} · {owner} · due {due} · from head office").format(
                    title=a.title, owner=owner or self.tr("nobody yet"), due=loc.toString(a.due_on, "MM-dd"))
            else:
                text = self.tr("{title} · {owner} · due {due} · case {case}").format(
                    title=a.title, owner=a.owner or self.tr("nobody yet"), due=loc.toString(a.due_on, "MM-dd"),
                    case=a.case_number)
            item = QListWidgetItem(text + (" · " + self.tr("overdue") if a.overdue else ""))
            if a.overdue:
                item.setForeground(QColor(ERROR_COLOUR))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, a.case_id)
            self.list.addItem(item)

    def on_item_activated(self, item: QListWidgetItem) -> None:
        case_id = item.data(Qt.ItemDataRole.UserRole + 1)
        if case_id:  # head office's actions have no case to open
            self.case_requested.emit(case_id)

    def on_done_clicked(self) -> None:
        from app.services.predict.improvements import complete_action

        item = self.list.currentItem()
        if item is None:
            return
        note, ok = QInputDialog.getMultiLineText(self, self.tr("Improvement action done"), self.tr("What was done:"))
        if not ok:
            return
        store, user, aid = self.store, self.user, item.data(Qt.ItemDataRole.UserRole)
        self.ops.run(lambda: complete_action(store, aid, user, note))  # the CASES notice refreshes
