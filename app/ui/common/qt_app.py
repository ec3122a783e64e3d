"""The one QApplication every window of ours runs in (the counter's desk, head office's window)."""

from __future__ import annotations

import importlib
import sys

from PySide6.QtWidgets import QApplication


def _uses_pyside(module) -> bool:
    """Whether a module uses PySide, by its name: ours that do are app.ui's."""
    return getattr(module, "__name__", "").startswith(("app.ui.", "PySide6"))


def _no_source_scan() -> None:
    """PySide's import hook reads the source of every module imported after it (inspect.getsource)
    to see whether it names PySide6, for the ``__feature__`` switches (snake_case, true_property),
    which this program never imports: ~325 modules and ~63 ms of CPU by the time the main window's
    code is loaded, some of it on the UI thread after the PIN. Its check is answered by the module's
    name instead. A PySide without that check is left as it is."""
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if callable(check) and getattr(check, "__name__", "") == "_mod_uses_pyside":
        feature._mod_uses_pyside = _uses_pyside


_no_source_scan()  # before this module's own imports below: each import statement after PySide's was checked

from app.ui.common.fonts import install_fonts  # noqa: E402
from app.ui.common.ui_gc import collect_on_ui_thread  # noqa: E402


def build_enum_types(table) -> None:
    """PySide builds a class's enum types on their first use, some ~5 ms each: build those of ``table``
    ((Qt module, class, enum names), ...) now, ahead of the widgets that use them. On the UI thread, never
    beside another thread importing Qt code (two threads building one enum type could leave two types)."""
    for module, owner, names in table:
        cls = getattr(importlib.import_module(f"PySide6.{module}"), owner)
        for name in names:
            getattr(cls, name)


def create_app(argv: list[str] | None = None, *, fonts: bool = True) -> QApplication:
    """The application; ``fonts=False`` leaves the bundled font to the caller (install_fonts), for a
    first window whose words need none of its glyphs."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Recovery Desk")
    app.setOrganizationName("RecoveryDesk")
    if fonts:
        install_fonts(app)
    collect_on_ui_thread(app)  # before any worker starts
    from app.ui.common.style import STYLE

    app.setStyleSheet(STYLE)
    return app
