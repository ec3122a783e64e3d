"""The one QApplication every window of ours runs in (the counter's desk, head office's window)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.ui.common.fonts import install_fonts
from app.ui.common.ui_gc import collect_on_ui_thread


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Recovery Desk")
    app.setOrganizationName("RecoveryDesk")
    install_fonts(app)
    collect_on_ui_thread(app)  # before any worker starts
    from app.ui.common.style import STYLE

    app.setStyleSheet(STYLE)
    return app
