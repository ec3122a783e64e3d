"""Working the early warnings out in a process of its own (the command line's `warn refresh`).

A first refresh runs the warnings' Markov chain for a second or more of CPU; on a thread of the
desk's own process it holds the interpreter's lock in stretches long enough to make the window
stutter. A child process shares no lock with the window; it writes to the same store (SQLite
lets one writer in at a time and the other waits), and the desk hears of new warnings as ALERTS."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.foundation.errors import WarningsNotWorkedOut
from app.services.changes import ALERTS, announces

# Far beyond a first refresh at 6,000 forms on a loaded machine (~5 s): only a process that hangs meets it.
TIMEOUT_S = 15 * 60


def command(data_dir: Path) -> list[str]:
    """The program itself with `warn refresh` over ``data_dir`` (the frozen build is its own
    interpreter), at a lower priority: on a busy PC the window keeps the CPU."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "app"]
    return [*program, "--data-dir", str(data_dir), "warn", "refresh", "--background"]


@announces(ALERTS)
def refresh_elsewhere(store) -> None:
    """The dealer's warnings worked out and stored by a child process over this store; raises
    ``WarningsNotWorkedOut`` when it failed. A store that is no file (head office's database) is
    worked out here, on the caller's thread."""
    if store.engine.dialect.name != "sqlite":
        from app.services.predict.warnings import refresh

        refresh(store)
        return
    try:
        done = subprocess.run(command(Path(store.path).parent), capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=TIMEOUT_S,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)
                              | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0))
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise WarningsNotWorkedOut(reason=str(exc)) from exc
    if done.returncode != 0:
        last = next((line for line in reversed(done.stderr.splitlines()) if line.strip()), "")
        raise WarningsNotWorkedOut(reason=f"exit {done.returncode}: {last[:300]}")
