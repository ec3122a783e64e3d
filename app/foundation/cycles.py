"""Python's automatic cycle collection paused around bulk work that builds many objects and no cycles.

Why: an import holds everything its file holds at once (a workbook's rows and forms; a case file's
two thousand parsed dicts and lists) and frees it by reference counting at its end. While it runs,
the collector, started by every 700 new objects, walks them again and again and promotes them into
the older generations, whose full collections then walk everything the process holds: 0.2 s of the
1.7 s a 20,000-form workbook's import took, a tenth of head office's import of 40 files. Paused, what
the work made and freed is never looked at; a cycle it left is collected by the next collection after.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0  # blocks running now (threads of a server), the first of which turned collection off
_resume = False  # whether collection was on when the first of them started


@contextmanager
def paused_collection() -> Iterator[None]:
    """No automatic cycle collection while the block runs (in any thread); back as it was once every
    block running has ended, after an error too. The desk turns automatic collection off for good (it
    collects on its UI thread: app.ui.common.ui_gc): there it stays off."""
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
