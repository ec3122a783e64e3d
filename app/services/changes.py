"""What a unit of work changed (after Anki's OpChanges): services declare it, the desk's views refresh on it."""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Callable, Iterable, Iterator, TypeVar


@dataclass(frozen=True)
class Changes:
    """One flag per kind of thing the views show; combine with ``|``, test with ``&`` or a field."""

    cases: bool = False  # a case itself: its status, owner, timeline, version
    forms: bool = False  # feedback forms and their verification calls
    remedies: bool = False
    callbacks: bool = False
    attachments: bool = False
    alerts: bool = False
    settings: bool = False
    users: bool = False
    scripts: bool = False  # the recovery script pack in use
    sync: bool = False  # outbox, sync problems, conflicts, head office's counters

    @classmethod
    def of(cls, *kinds: str) -> Changes:
        """``Changes.of("cases", "forms")``; an unknown kind is a mistake, not nothing."""
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown kind(s) of change: {sorted(unknown)}")
        return cls(**{k: True for k in kinds})

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(f.name for f in fields(self) if getattr(self, f.name))

    def __or__(self, other: Changes) -> Changes:
        return replace(self, **{k: True for k in other.kinds})

    def __and__(self, other: Changes) -> Changes:
        return Changes.of(*(self.kinds & other.kinds))

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __repr__(self) -> str:
        return f"Changes({', '.join(sorted(self.kinds)) or 'nothing'})"


KINDS: tuple[str, ...] = tuple(f.name for f in fields(Changes))
NOTHING = Changes()
CASES, FORMS, REMEDIES, CALLBACKS = (Changes.of(k) for k in ("cases", "forms", "remedies", "callbacks"))
ATTACHMENTS, ALERTS, SETTINGS, USERS = (Changes.of(k) for k in ("attachments", "alerts", "settings", "users"))
SCRIPTS, SYNC = Changes.of("scripts"), Changes.of("sync")
EVERYTHING = Changes.of(*KINDS)

# What a row written to each table of the store means to the views (by the table's name in the
# database). A sync round or an import says what it applied through this map, so e.g. a pulled
# verification call reaches the verification view. A test checks that it places every table.
BY_TABLE: dict[str, Changes] = {
    "app_user": USERS,
    "customer": CASES | FORMS,  # names and phones shown on both
    "vehicle": CASES | FORMS,
    "repair_order": CASES | FORMS,
    "feedback_form": FORMS,
    "failure_case": CASES,
    "remedy": REMEDIES,
    "callback": CALLBACKS,
    "attachment": ATTACHMENTS,
    "verification_call": FORMS,
    "alert": ALERTS,
    "early_warning": ALERTS,
    "improvement_action": CASES,  # shown with the case it came from  # warnings are shown with the alerts, to the same people
    "network_improvement": CASES,  # head office's action, listed with the dealer's own (Today's box follows CASES)
    "setting": SETTINGS,
    "event_tally": NOTHING,  # kept by SQLite triggers as events are written: whatever wrote the event announces
    "form_month": NOTHING,  # kept as forms are written (triggers, and the writers of new forms), which announce FORMS
    "dealer": NOTHING,  # written once at enrolment
    "store_meta": NOTHING,  # identity and cursors: no view shows them
    "event": NOTHING,  # an event always comes with the aggregate row it changed
}
SYNC_TABLE_PREFIXES = ("sync_", "hq_")  # bookkeeping of sync and head office: all of it is SYNC


def of_tables(names: Iterable[str]) -> Changes:
    """What writing rows of these tables changed; a table this map does not know counts as everything."""
    out = NOTHING
    for name in names:
        if name.startswith(SYNC_TABLE_PREFIXES):
            out |= SYNC
        else:
            out |= BY_TABLE.get(name, EVERYTHING)
    return out


# --- declarations --------------------------------------------------------------------------------
# A function that writes declares what it changes, once, next to its definition (``@announces``).
# Calling it notes that on the running unit of work; the UI's Ops collects the notes of the job it
# ran and tells every view. DECLARED is what tests read to check that each kind is heard by a view.

DECLARED: dict[str, Changes] = {}  # "module.qualname" -> what it may change

F = TypeVar("F", bound=Callable)
_local = threading.local()


def register_change(name: str, what: Changes) -> Changes:
    """Record that ``name`` may change ``what`` (for work that says what it applied in its result)."""
    DECLARED[name] = DECLARED.get(name, NOTHING) | what
    return what


def announces(what: Changes) -> Callable[[F], F]:
    """Mark a service function as changing ``what``: each successful call notes it."""

    def mark(fn: F) -> F:
        register_change(f"{fn.__module__}.{fn.__qualname__}", what)

        @functools.wraps(fn)
        def noting(*args, **kwargs):
            result = fn(*args, **kwargs)
            note(what)
            return result

        noting.changes = what  # type: ignore[attr-defined]
        return noting  # type: ignore[return-value]

    return mark


def note(what: Changes) -> None:
    """Add ``what`` to every unit of work being collected on this thread."""
    for box in getattr(_local, "boxes", ()):
        box.value |= what


class Collected:
    value: Changes = NOTHING


@contextmanager
def collecting() -> Iterator[Collected]:
    """Collect what the calls made inside the block changed (on this thread), even when it fails
    half way: what was committed before the failure is still a change the views must show."""
    boxes = getattr(_local, "boxes", None)
    if boxes is None:
        boxes = _local.boxes = []
    box = Collected()
    boxes.append(box)
    try:
        yield box
    finally:
        boxes.remove(box)
