"""Choosing the language and translating without Qt, from the shipped source catalogue (.ts)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from app.foundation.paths import resources_dir

LANGUAGES = ("zh_CN", "en")
SOURCE_LANGUAGE = "en"  # the strings in the code are English


def _is_chinese(name: str | None) -> bool:
    # POSIX names say "zh_CN.UTF-8"; Windows' say "Chinese (Simplified)_China".
    return bool(name) and name.lower().startswith(("zh", "chinese"))


def pick_language(setting_value: str = "") -> str:
    """The configured language, else the system's: Chinese where the locale is Chinese."""
    if setting_value in LANGUAGES:
        return setting_value
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if _is_chinese(value) else "en"
    import locale  # only here: its C part costs ~2 ms before the first window, where a variable decides

    try:
        name = locale.getlocale()[0]
    except ValueError:
        name = None
    return "zh_CN" if _is_chinese(name) else "en"


def catalogue_path(language: str) -> Path:
    return resources_dir() / "i18n" / f"recovery_desk_{language}.ts"


def read_catalogue(path: Path) -> dict[tuple[str, str], str]:
    """{(context, source): translation} of a .ts file; entries not translated yet (empty,
    "unfinished", "vanished", "obsolete") are left out, so they show in English."""
    import xml.etree.ElementTree as ET  # here: not on the first window's path (~2 ms)

    out: dict[tuple[str, str], str] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            # A count's message ("%n dealers") holds its plural forms: the first, as Qt reads it without a count.
            numerus = tr is not None and msg.get("numerus") == "yes"
            text = tr.findtext("numerusform") if numerus else getattr(tr, "text", None)
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not text:
                continue
            out[(name, msg.findtext("source", ""))] = text
    return out


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[tuple[str, str], str]:
    """``language``'s shipped catalogue, read once; English (the source) and unknown ones are empty."""
    path = catalogue_path(language)
    if language == SOURCE_LANGUAGE or not path.is_file():
        return {}
    return read_catalogue(path)


def translate(language: str, context: str, text: str) -> str:
    return catalogue(language).get((context, text), text)


class Words:
    """Translation for the core and the command line: ``words(context, text)``."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._table = catalogue(language)

    def __call__(self, context: str, text: str) -> str:
        return self._table.get((context, text), text)
