"""Register the bundled CJK font so Chinese renders on machines without Chinese fonts."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from app.foundation.paths import resources_dir

BUNDLED_FONT = "fonts/wqy-microhei.ttc"


def install_fonts(app: QApplication) -> str | None:
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / BUNDLED_FONT))
    if font_id < 0:
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    base = app.font()
    # The system font first where it has the glyphs; the bundled one fills in Chinese.
    base.setFamilies([base.family(), family])
    app.setFont(base)
    return family
