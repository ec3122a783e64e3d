"""The desk's heavy predictions worked out in a process of their own, through the command line: the
early warnings (`warn refresh`) and the risk model of the 3-day calls (`orders refit`).

A first refresh of the warnings runs their Markov chain for a second or more of CPU, a fit of the risk
model reads and fits the dealer's whole history for seconds; on a thread of the desk's own process
either holds the interpreter's lock in stretches long enough to make the window stutter. A child
process shares no lock with the window; it writes to the same store (SQLite lets one writer in at a
time and the other waits), and the desk hears of what it stored as ALERTS."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from app.foundation.errors import RecoveryDeskError, RiskNotFitted, WarningsNotWorkedOut
from app.services.changes import ALERTS, announces

# Far beyond a first refresh at 6,000 forms or a fit at 20,000 on a loaded machine (~5 s): only a
# process that hangs meets it.
TIMEOUT_S = 15 * 60


def program(data_dir: Path) -> list[str]:
    """The program itself over ``data_dir`` (the frozen build is its own interpreter)."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "app"]
    return [*program, "--data-dir", str(data_dir)]


def command(data_dir: Path) -> list[str]:
    """`warn refresh` at a lower priority: on a busy PC the window keeps the CPU."""
    return [*program(data_dir), "warn", "refresh", "--background"]


def fit_command(data_dir: Path) -> list[str]:
    """`orders refit` at a lower priority, as `command`."""
    return [*program(data_dir), "orders", "refit", "--background"]


def lower_priority() -> None:
    """The child's own part of `--background` (on Windows the desk starts it below normal priority)."""
    if hasattr(os, "nice"):
        os.nice(10)


@contextmanager
def one_child_at_a_time(store, job: str):
    """Held by a child over the counter's store while it works: a desk signed out and in again, or a
    second desk on the same PC, starts another child while the first still works at 100,000 cases
    (minutes, hundreds of MB); the second waits for the first instead of doing the same work beside it."""
    if not store.path.is_file():  # head office's database: no directory, no desk starting children
        yield
        return
    from app.foundation.one_process import one_at_a_time

    with one_at_a_time(store.path.parent / "cache" / f"{job}.lock"):
        yield


def run_elsewhere(store, argv: Callable[[Path], list[str]], failed: type[RecoveryDeskError],
                  here: Callable[[], object]) -> None:
    """Run the command ``argv`` makes for the store's data directory and wait for it; ``failed(reason=...)``
    when it could not start, hung or ended with an error. A store that is no file (head office's
    database) has no data directory to hand over: ``here()`` does the work on the caller's thread."""
    if store.engine.dialect.name != "sqlite":
        here()
        return
    try:
        done = subprocess.run(argv(Path(store.path).parent), capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=TIMEOUT_S,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)
                              | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0))
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise failed(reason=str(exc)) from exc
    if done.returncode != 0:
        last = next((line for line in reversed(done.stderr.splitlines()) if line.strip()), "")
        raise failed(reason=f"exit {done.returncode}: {last[:300]}")


def refresh_elsewhere(store) -> bool:
    """The dealer's warnings worked out and stored by a child process over this store, unless they
    were already today from the same history (worked_out.py: the desk asks after every sign-in);
    True, and ALERTS announced, when new ones were stored. Raises ``WarningsNotWorkedOut`` when it
    failed."""
    from app.services.predict import worked_out
    from app.services.predict.warnings import refresh

    if worked_out.up_to_date(store, store.identity.home_dealer_id):
        return False
    before = _newest_warning(store)
    run_elsewhere(store, command, WarningsNotWorkedOut, lambda: refresh(store))
    if _newest_warning(store) == before:
        return False  # nothing new: no view need read them again
    _new_warnings_stored()
    return True


@announces(ALERTS)
def _new_warnings_stored() -> None:
    """What the child stored, announced in the desk's process (the views showing warnings read them)."""


def _newest_warning(store) -> int:
    """How many warnings are stored: they are only ever added (an acknowledgement changes a row)."""
    from sqlalchemy import func, select

    from app.models import EarlyWarning

    with store.session() as s:
        return s.scalar(select(func.count()).select_from(EarlyWarning))


# ALERTS, not FORMS: the riskiest calls and the call list follow predictions as they follow the
# warnings, and new FORMS are what start a fit (announcing them would start the next one).
@announces(ALERTS)
def refit_elsewhere(store) -> None:
    """The risk model fitted on each dealer's history and kept by a child process over this store;
    raises ``RiskNotFitted`` when it failed."""
    from app.services.predict.risk_model import refit_every

    run_elsewhere(store, fit_command, RiskNotFitted, lambda: refit_every(store))
