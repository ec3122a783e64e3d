"""Starting the GUI: application, fonts, language, store, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.ui.common import i18n
from app.ui.shell.fonts import install_fonts


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Recovery Desk")
    app.setOrganizationName("RecoveryDesk")
    install_fonts(app)
    from app.ui.common.style import STYLE

    app.setStyleSheet(STYLE)
    return app


def start_gui(data_dir: Path):
    """The application with its sign-in dialog shown and the store opening behind it: (app, ops, shell)."""
    from app.ui.common.ops import Ops
    from app.ui.shell.shell import Shell

    app = create_app()
    i18n.apply_language(i18n.pick_language())
    ops = Ops()
    shell = Shell(ops, data_dir=data_dir)
    shell.start()
    return app, ops, shell


def run_gui(data_dir: Path) -> int:
    app, ops, shell = start_gui(data_dir)
    code = app.exec()
    ops.wait_idle()
    if shell.store is not None:
        shell.store.close()
    return code
