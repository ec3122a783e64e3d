"""One process at a time for a job over a data directory: a lock on a file, let go by the system
when the holder ends (closed, killed or crashed alike), so a lock is never left behind."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def one_at_a_time(path: Path):
    """Wait until no other process holds the lock file ``path``, then hold it for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as f:
        if os.name == "nt":
            import msvcrt

            f.seek(0)
            while True:  # LK_LOCK gives up after ten tries a second apart: keep waiting, as flock does
                try:
                    msvcrt.locking(f.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        yield  # closing the file lets the lock go
