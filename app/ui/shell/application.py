"""Starting the counter's desk: the application, its language, the sign-in dialog with the store opening behind it."""

from __future__ import annotations

from pathlib import Path

from app.foundation.translation import pick_language
from app.ui.common import i18n
from app.ui.common.qt_app import create_app


def start_gui(data_dir: Path):
    """The application with its sign-in dialog shown and the store opening behind it: (app, ops, shell)."""
    from app.ui.common.ops import Ops
    from app.ui.shell.shell import Shell

    app = create_app()
    i18n.apply_language(pick_language())
    ops = Ops()
    shell = Shell(ops, data_dir=data_dir)
    shell.start()
    return app, ops, shell


def run_gui(data_dir: Path) -> int:
    app, ops, shell = start_gui(data_dir)
    code = app.exec()
    ops.close()  # normally closed with the main window already; also when only the sign-in was open
    if shell.store is not None:
        shell.store.close()
    return code
