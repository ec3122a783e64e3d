"""When a counter's warnings were last worked out: the day and how far its history reached then.

Working them out reads the dealer's whole history and runs every series' CUSUMs (seconds at 200,000
forms, a child process the desk starts after every sign-in). With the same history on the same day
the method finds the same warnings, all stored already: nothing to do. The history's reach is the
highest row of the event log (every change of a form, case, person or setting is an event there,
also one pulled from another counter) and of the tables the warnings read, each the end of its
primary key's index, so reading it costs no scan. Kept beside the warning limits, in the counter's
data directory; head office (a database, no directory) always works them out.
"""

from __future__ import annotations

import json
import logging

from sqlalchemy import text

from app import __version__
from app.foundation import clock
from app.foundation.paths import write_atomic

log = logging.getLogger(__name__)

# The tables the warnings read (history.py) and the log every change of them is recorded in.
_TABLES = ("event", "feedback_form", "failure_case", "repair_order", "app_user", "setting")


def _path(store):
    return store.path.parent / "cache" / "warnings-worked-out.json" if store.path.is_file() else None


def mark(store, dealer_id: str) -> dict:
    """The day, the program and the history's reach the warnings would be worked out from now."""
    with store.session() as s:
        reach = {t: s.execute(text(f"SELECT max(rowid) FROM {t}")).scalar() or 0 for t in _TABLES}
    return {"day": clock.today().isoformat(), "version": __version__, "dealer": dealer_id, "reach": reach}


def up_to_date(store, dealer_id: str) -> bool:
    """Whether the warnings were worked out already today from the history as it is now."""
    path = _path(store)
    if path is None:
        return False
    try:
        return json.loads(path.read_text("utf-8")) == mark(store, dealer_id)
    except (OSError, ValueError):
        return False


def remember(store, seen: dict) -> None:
    """After the warnings were worked out from the history ``seen`` (``mark`` taken before reading it,
    so a change made meanwhile makes the next run work them out again)."""
    path = _path(store)
    if path is None:
        return
    try:
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, json.dumps(seen).encode("utf-8"))
    except OSError:
        log.warning("could not note when the warnings were worked out in %s", path, exc_info=True)
