"""The desk's shell as the program runs it: real worker threads, the sign-in dialog shown and its
names listed, for tests of what happens around the PIN."""

from __future__ import annotations


def threaded_shell(qtbot, store, names: int = 1):
    """(ops, shell, dialog) once the dialog lists at least ``names`` people and takes a PIN."""
    from app.ui.common.ops import Ops
    from app.ui.common.qt_app import create_app
    from app.ui.shell.shell import Shell

    create_app()
    ops = Ops()  # real worker threads, as the program runs: the window is prepared only then
    shell = Shell(ops, store=store)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.submit.isEnabled() and dialog.user.count() >= names, timeout=20000)
    return ops, shell, dialog
