"""Fixtures for the desk's journeys: inline ops, a signed-in user, the main window, typing Chinese."""

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _settled_on_the_ui_thread(qapp):
    """Cycles collected on the UI thread only, as the desk does; after each test, every background
    job finished and its answer handed over, then what the test left collected, all on this thread,
    so nothing of one test is deleted on a worker or in the middle of the next test."""
    import gc

    from app.ui.common.ops import settle
    from app.ui.common.ui_gc import collect_on_ui_thread

    collect_on_ui_thread(qapp)
    yield
    settle()
    gc.collect()


@pytest.fixture
def ops():
    from app.ui.common.ops import Ops

    return Ops(inline=True)


@pytest.fixture(scope="session")
def staffed_templates(migrated_template, tmp_path_factory):
    """Stores whose people are already made, built once per run: a PIN is hashed slowly on purpose
    (~0.15 s a person), and most journeys need the same administrator and advisor.
    {"admin": (file, admin), "advisor": (file, admin, advisor)}; each test still gets a copy of its own."""
    import shutil

    from app.models.snapshot import copy_database
    from app.models.store import STORE_FILE, open_store
    from app.services.people import users

    import keyring

    from tests.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # built before any test's own keyring: never the real one
    made = {}
    for people in ("admin", "advisor"):
        folder = tmp_path_factory.mktemp(f"staffed-{people}")
        shutil.copyfile(migrated_template, folder / STORE_FILE)
        s = open_store(folder)
        signed = [users.create_first_admin(s, "admin", "管理员", "1234")]
        if people == "advisor":
            signed.append(users.create_user(s, "li", "李娜", "5678", "advisor", actor_id=signed[0].user_id))
        s.close()
        single = folder / "single-file.sqlite3"
        copy_database(folder / STORE_FILE, single)  # one file, the WAL folded in
        made[people] = (single, *signed)
    keyring.set_keyring(previous)
    return made


@pytest.fixture
def store(request, data_dir, migrated_template):
    """A fresh store of its own for the test; when the test asks for ``admin`` or ``advisor``, a copy
    of a store that already holds them (as the fixtures below would have made them)."""
    import shutil

    from app.models.store import STORE_FILE, open_store

    wanted = _staffing(request)
    source = request.getfixturevalue("staffed_templates")[wanted][0] if wanted else migrated_template
    shutil.copyfile(source, data_dir / STORE_FILE)
    s = open_store(data_dir)
    yield s
    from app.ui.common.ops import settle

    settle()  # no job of the test still reads the store it closes
    s.close()


def _staffing(request) -> str | None:
    """Which staffed store the test needs: the advisor's (with the administrator), the administrator's, or none."""
    names = request.fixturenames
    return "advisor" if "advisor" in names else "admin" if "admin" in names else None


@pytest.fixture
def admin(request, store, staffed_templates):
    """The first administrator ("admin", PIN 1234), already in ``store``."""
    return staffed_templates[_staffing(request)][1]


@pytest.fixture
def advisor(store, admin, staffed_templates):
    """An advisor ("li", PIN 5678) made by the administrator, already in ``store``."""
    return staffed_templates["advisor"][2]


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


def signed_in(qtbot, ops, store, pin: str = "1234"):
    """The desk started on ``store`` and signed in by typing ``pin`` in the sign-in dialog, as a person
    does: (the shell, its main window)."""
    from PySide6.QtCore import Qt

    from app.ui.shell.shell import Shell

    shell = Shell(ops, store=store)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.pin, pin)
    with qtbot.waitSignal(shell.window_shown):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.addWidget(shell.window)
    return shell, shell.window
