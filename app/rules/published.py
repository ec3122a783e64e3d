"""What head office may publish as settings, checked the same way where it publishes and where a
counter takes them."""

from __future__ import annotations

from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules.settings_catalogue import REGISTRY


def check_settings(values) -> dict:
    """Only settings declared as published, each with a value its declaration accepts."""
    if not isinstance(values, dict) or not values:
        raise InvalidInput(field="settings", problem=QT_TRANSLATE_NOOP("Errors",
            "give an object of setting keys and values, e.g. {\"settings\": {\"assessment.reward_amount\": 1200}}"))
    out = {}
    for key, value in values.items():
        decl = REGISTRY.get(key)
        if decl is None or not decl.published:
            raise InvalidInput(field=key, problem=QT_TRANSLATE_NOOP("Errors",
                "not a setting head office can publish"))
        out[key] = decl.coerce(value)  # SettingRefused: an InvalidInput naming the setting
    return out
