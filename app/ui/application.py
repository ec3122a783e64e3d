"""Starting the GUI: application, fonts, language, store, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import RecoveryDeskError
from app.ui import i18n
from app.ui.fonts import install_fonts


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Recovery Desk")
    app.setOrganizationName("RecoveryDesk")
    install_fonts(app)
    return app


def apply_language(language: str) -> None:
    i18n.install(language)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def run_gui(data_dir: Path) -> int:
    from app.models.store import open_store
    from app.services import settings
    from app.ui.main_window import MainWindow
    from app.ui.ops import Ops

    app = create_app()
    apply_language(i18n.pick_language())
    try:
        store = open_store(data_dir)
    except RecoveryDeskError as exc:
        QMessageBox.critical(None, app.translate("Application", "Recovery Desk"),
                             exc.render(app.translate))
        return 1
    with store.session() as s:
        language = settings.get(s, "ui.language")
    apply_language(i18n.pick_language(language))
    ops = Ops()
    window = MainWindow(store, ops)
    window.show()
    code = app.exec()
    ops.wait_idle()
    store.close()
    return code
