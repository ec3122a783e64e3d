"""Python's cycle collection held off while one piece of bulk work runs (head office's import of a file).

Why: a case file parsed is some two thousand dicts and lists that live exactly as long as its import
and are freed by reference counting at its end. While it runs, the interpreter's collections walk
them again and again and promote them into the older generations, whose full collections then walk
everything the process holds: a tenth of the import's time on a 40-file run. Held off, what the
work made and freed is never looked at; a cycle it left is collected by the next collection after.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0  # pieces of work running now (threads of a server), the first of which turned collection off
_resume = False  # whether collection was on when the first of them started (the desk turns it off for good)


@contextmanager
def paused() -> Iterator[None]:
    """No automatic cycle collection while the block runs (in any thread); as it was once every block ends."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
