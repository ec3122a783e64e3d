"""Reading and saving settings from the desk's Settings view, with who may change what."""

from __future__ import annotations

from typing import Any

from app.rules.settings_catalogue import REGISTRY
from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.services import settings
from app.services.changes import SETTINGS, announces


def read_settings(store) -> dict[str, Any]:
    with store.session() as s:
        return settings.get_all(s)


@announces(SETTINGS)
def save_settings(store, changes: dict[str, Any], actor) -> dict[str, Any]:
    """Store changed values; published (dealer-wide) settings only by a supervisor or admin."""
    with store.session() as s, s.begin():
        current = settings.get_all(s)
        for key, value in changes.items():
            if key not in REGISTRY or current.get(key) == value:
                continue
            if REGISTRY[key].published and not actor.is_supervisor:
                raise InvalidInput(field=key, problem=QT_TRANSLATE_NOOP("Errors", "only a supervisor can change this setting"))
            settings.put(s, key, value, actor_id=actor.user_id)
        return settings.get_all(s)


def last_folder(store) -> str:
    """The folder the desk's file dialogs last used on this counter ("" before the first)."""
    with store.session() as s:
        return settings.get(s, "ui.last_folder")


def remember_folder(store, folder: str) -> None:
    """Keep the folder a file dialog was last used in (no view shows it: nothing to announce)."""
    with store.session() as s, s.begin():
        settings.put(s, "ui.last_folder", folder)
