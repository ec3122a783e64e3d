"""Reading and saving settings from the desk's Settings view, with who may change what."""

from __future__ import annotations

from typing import Any

from app.rules.settings_catalogue import REGISTRY
from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import authority
from app.services import settings
from app.services.audit import trail
from app.services.uow import UnitOfWork
from app.services.changes import SETTINGS, announces


ONLY_SUPERVISOR = QT_TRANSLATE_NOOP("Errors", "only a supervisor can change this setting")
ONLY_ADMIN = QT_TRANSLATE_NOOP("Errors", "only an administrator can change this setting")
ONLY_HQ = QT_TRANSLATE_NOOP("Errors", "head office sets this; no counter changes it")


def read_settings(store) -> dict[str, Any]:
    with store.session() as s:
        return settings.get_all(s)


@announces(SETTINGS)
def save_settings(store, changes: dict[str, Any], actor) -> dict[str, Any]:
    """Store changed values, each only by the roles the catalogue names (``Setting.may_change``):
    published (dealer-wide) ones by a supervisor or admin, the counter's guards (auto-lock, head
    office's address) and the authority limits by an administrator, head office's ceiling by nobody
    here; the limits within the ceiling and each other (``rules.authority``). Each change is an audit
    event with its old and new value. One refused value stores none of them."""
    with UnitOfWork(store, actor.user_id, write=True) as uow:
        s = uow.session
        current = settings.get_all(s)
        stored: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in REGISTRY or current.get(key) == value:
                continue
            decl = REGISTRY[key]
            if not decl.may_change(actor.role):
                raise InvalidInput(field=key, problem=ONLY_HQ if decl.hq_only else ONLY_ADMIN if decl.admin_only
                                   else ONLY_SUPERVISOR)
            new = settings.put(s, key, value, actor_id=actor.user_id)
            if new != current.get(key):
                stored[key] = new
        after = {**current, **stored}
        for key, (problem, params) in authority.limit_problems(after, set(stored)).items():
            raise InvalidInput(field=key, problem=problem, **params)
        for key, new in stored.items():
            trail.record(s, store.identity, "setting.changed", {"key": key, "old": current.get(key), "new": new},
                         actor_id=actor.user_id)
        uow.commit()
        return after


def last_folder(store) -> str:
    """The folder the desk's file dialogs last used on this counter ("" before the first)."""
    with store.session() as s:
        return settings.get(s, "ui.last_folder")


def remember_folder(store, folder: str) -> None:
    """Keep the folder a file dialog was last used in (no view shows it: nothing to announce)."""
    with store.session() as s, s.begin():
        settings.put(s, "ui.last_folder", folder)


_CASE_LIST = "ui.case_list."  # store_meta: + a person's id; their case list's columns (JSON)


def case_list_layout(store, user_id: str | None) -> dict:
    """The columns a person chose for the case list: {"hidden": [...], "widths": {column: px}}; {} before any."""
    import json

    from app.models import StoreMeta

    if not user_id:
        return {}
    with store.session() as s:
        row = s.get(StoreMeta, _CASE_LIST + user_id)
    try:
        layout = json.loads(row.value) if row else {}
    except ValueError:
        return {}  # a damaged layout: the list chooses its columns for the width again
    return layout if isinstance(layout, dict) else {}


def remember_case_list_layout(store, user_id: str | None, layout: dict) -> None:
    """Kept per person at this counter (no other view shows it: nothing to announce)."""
    import json

    from app.models import StoreMeta

    if not user_id:
        return
    with store.session() as s, s.begin():
        row = s.get(StoreMeta, _CASE_LIST + user_id)
        if row is None:
            s.add(StoreMeta(key=_CASE_LIST + user_id, value=json.dumps(layout)))
        else:
            row.value = json.dumps(layout)
