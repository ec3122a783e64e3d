"""Choosing the language and loading Qt translations, for the GUI and the command line alike."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.foundation.paths import resources_dir

LANGUAGES = ("zh_CN", "en")
_loaded: QTranslator | None = None
_current = "en"


def current() -> str:
    """The language last installed into the application."""
    return _current


def pick_language(setting_value: str = "") -> str:
    """The configured language, else the system's: Chinese where the locale is Chinese."""
    if setting_value in LANGUAGES:
        return setting_value
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def translator_for(language: str) -> QTranslator | None:
    if language == "en":
        return None  # the source strings are English
    tr = QTranslator()
    if tr.load(f"recovery_desk_{language}", str(resources_dir() / "i18n")):
        return tr
    return None


def install(language: str) -> None:
    """Install the translator for ``language`` into the running application (replacing the last)."""
    global _loaded, _current
    _current = language
    app = QCoreApplication.instance()
    if _loaded is not None and app is not None:
        QCoreApplication.removeTranslator(_loaded)
        _loaded = None
    tr = translator_for(language)
    if tr is not None and app is not None:
        QCoreApplication.installTranslator(tr)
        _loaded = tr


class Words:
    """Translation without a QApplication, for the command line."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._tr = translator_for(language)

    def __call__(self, context: str, text: str) -> str:
        if self._tr is None:
            return text
        out = self._tr.translate(context, text)
        return out or text
