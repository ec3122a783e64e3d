"""The program's one clock: every time rule, record stamp, demo and report reads the time here.

Reading it in one place is what lets a test (or a demonstration) set the time for the whole
program, its child processes included: ``RECOVERY_DESK_CLOCK`` holds an instant, optionally with
``@EPOCH``, the wall-clock second (``time.time()``) at which it was that instant. The clock then
keeps running from there, at the wall clock's pace, in every process that inherits the variable,
so processes started one after another agree on the time and it never runs backwards between them.
Without ``@EPOCH`` the instant is the moment the process first reads the clock.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone

ENV = "RECOVERY_DESK_CLOCK"

_offset: float | None = None  # seconds to add to the wall clock; 0.0 when nothing is set
_source: str | None = None


class ClockSettingError(ValueError):
    pass


def parse_setting(text: str, *, wall: float | None = None) -> float:
    """The offset from the wall clock that ``text`` (``INSTANT[@EPOCH]``) means."""
    instant, _, anchor = text.strip().partition("@")
    try:
        at = datetime.fromisoformat(instant.strip())
    except ValueError:
        raise ClockSettingError(f"{ENV}={text!r}: the instant should be ISO 8601, e.g. 2026-11-30T20:00:00+08:00")
    if at.tzinfo is None:
        at = at.astimezone()  # a local time, as a person would write it
    try:
        epoch = float(anchor) if anchor.strip() else (time.time() if wall is None else wall)
    except ValueError:
        raise ClockSettingError(f"{ENV}={text!r}: after @ comes the wall-clock second (time.time())")
    return at.timestamp() - epoch


def setting_for(instant: datetime, *, wall: float | None = None) -> str:
    """The value of ``RECOVERY_DESK_CLOCK`` that makes it ``instant`` now (at ``wall``), in every process."""
    return f"{instant.isoformat()}@{time.time() if wall is None else wall:.6f}"


def _current_offset() -> float:
    global _offset, _source
    text = os.environ.get(ENV) or None
    if _offset is None or text != _source:
        _offset = parse_setting(text) if text else 0.0
        _source = text
    return _offset


def now() -> datetime:
    """The current instant, zone-aware UTC."""
    return datetime.fromtimestamp(time.time() + _current_offset(), timezone.utc)


def local_now() -> datetime:
    """The current instant in the machine's zone (what the person at the counter reads)."""
    return now().astimezone()


def today() -> date:
    """Today's date where the counter stands."""
    return local_now().date()


def local_midnight(d: date) -> datetime:
    """The start of local day ``d`` as an aware time (stored times are UTC)."""
    return datetime.combine(d, datetime.min.time()).astimezone()


def shifted() -> timedelta:
    """How far the program's clock is from the wall clock (zero unless it was set)."""
    return timedelta(seconds=_current_offset())
