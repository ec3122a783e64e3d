"""Fixtures for the desk's journeys: inline ops, a signed-in user, the main window, typing Chinese."""

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture
def ops():
    from app.ui.common.ops import Ops

    return Ops(inline=True)


@pytest.fixture
def admin(store):
    from app.services import users

    return users.create_first_admin(store, "admin", "管理员", "1234")


@pytest.fixture
def advisor(store, admin):
    from app.services import users

    return users.create_user(store, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)


@pytest.fixture
def window(qtbot, store, ops, advisor):
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    create_app()
    w = MainWindow(store, ops, advisor)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def commit_text(widget, text: str) -> None:
    """Type Chinese as an input method does (QTest's keyClicks handles Latin-1 only)."""
    widget.setFocus()
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)
