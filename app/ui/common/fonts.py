"""Register the bundled CJK font so Chinese renders on machines without Chinese fonts."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.foundation.paths import resources_dir

BUNDLED_FONT = "fonts/wqy-microhei.ttc"


def install_fonts(app: QApplication) -> str | None:
    """The bundled font's family, installed into ``app`` once (called again, nothing more is read)."""
    done = app.property("bundledFont")  # the family, "" when the font could not be read
    if done is not None:
        return done or None
    # Here: PySide makes QFontDatabase's type (its enums, ~1 ms) when the name is first imported, and
    # an English start installs the font after the sign-in dialog's first paint.
    from PySide6.QtGui import QFontDatabase

    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / BUNDLED_FONT))
    family = QFontDatabase.applicationFontFamilies(font_id)[0] if font_id >= 0 else None
    app.setProperty("bundledFont", family or "")
    if family is None:
        return None
    base = app.font()
    # The system font first where it has the glyphs; the bundled one fills in Chinese.
    base.setFamilies([base.family(), family])
    app.setFont(base)
    return family
