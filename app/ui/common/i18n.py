"""Loading Qt translations into the GUI (Qt's own dialogs need a QTranslator); the language is
chosen as the command line chooses it (app.foundation.translation)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.foundation.paths import resources_dir

_loaded: list[QTranslator] = []
_current = "en"


def current() -> str:
    """The language last installed into the application."""
    return _current


def translator_for(language: str) -> QTranslator | None:
    """Our catalogue for ``language``; for English (the source strings) only the plural forms of counts
    ("%n dealers": "1 dealer"), which Qt takes from a catalogue in every language."""
    tr = QTranslator()
    if tr.load(f"recovery_desk_{language}", str(resources_dir() / "i18n")):
        return tr
    return None


def qt_translators_for(language: str) -> list[QTranslator]:
    """Qt's own words (message box and file dialog buttons, context menus) as PySide6 ships them,
    then the few its catalogue lacks (``resources/i18n/qt_gaps_*``: the file dialog's "Look in")."""
    if language == "en":
        return []
    from PySide6.QtCore import QLibraryInfo  # not in English: its enums are not built before the first window

    found = []
    for name, folder in ((f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         (f"qt_gaps_{language}", str(resources_dir() / "i18n"))):
        tr = QTranslator()
        if tr.load(name, folder):
            found.append(tr)
    return found


def install(language: str) -> None:
    """Install the translator for ``language`` into the running application (replacing the last)."""
    global _loaded, _current
    _current = language
    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _loaded:
        QCoreApplication.removeTranslator(old)
    _loaded = qt_translators_for(language) + [tr for tr in (translator_for(language),) if tr is not None]
    for tr in _loaded:
        QCoreApplication.installTranslator(tr)


def apply_language(language: str) -> None:
    """The GUI in ``language``: its translator, and the default locale dates and numbers follow."""
    install(language)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
