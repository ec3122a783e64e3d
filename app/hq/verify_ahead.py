"""A series of case files taken in one after the other (`hq import` of a folder, the inbox at start):
the next file is read and checked (casefile.read_unauthenticated: its JSON, canonical form, shapes, and
its MAC under the key its counter's last file had) on a thread of its own while the current one waits
on the database, so that work (2.0-2.5 ms of a ~20 ms usual file) no longer adds to the series' time.

Only what needs no database goes ahead: the counter's key, and what a file is checked against (stored
already? whose rows?), are read when its turn comes, after the file before it is committed, in its own
session as before; the MAC computed ahead counts only if the key read then is the one it was made with.

The thread starts when the current file's import calls ``start``, at its longest wait out of Python,
so the two threads don't take turns at Python's lock (each turn can keep the other waiting up to the
switch interval, 5 ms)."""

from __future__ import annotations

import errno
import os
import stat
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from app.foundation.errors import NotAFile
from app.sync import casefile


def _read(path: Path) -> bytes | OSError | casefile.CaseFileRejected:
    """The file's bytes, or why not: read only when it is a plain file (a pipe would wait for ever, a
    device never end) and within the size a case file may have (a 20 GB file was read whole first)."""
    try:
        with plain_file(path) as f:
            casefile.check_size(os.fstat(f.fileno()).st_size)
            return f.read(casefile.MAX_FILE_BYTES + 1)  # a file grown since: parse refuses its size
    except casefile.CaseFileRejected as exc:
        return exc
    except OSError as exc:
        return exc


@contextmanager
def plain_file(path: Path):
    """``path`` opened for reading when it is a plain file (NotAFile when not), without waiting on a pipe."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(errno.EINVAL, "not a plain file", str(path))
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        yield f


class VerifyAhead:
    """Take the series' files from ``files``; ``receive(..., ahead=)`` takes each parsed file (or the
    parse's error, raised as the parse would) when its turn comes."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="verify-ahead")
        self._next: bytes | None = None
        self._running: tuple[bytes, Future] | None = None
        # counter -> the key its last file was authenticated with: the thread computes the next file's
        # MAC under it, used only if the key looked up in that file's turn is the same.
        self._keys: dict[str, str] = {}

    def __enter__(self) -> VerifyAhead:
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def files(self, paths: list[Path]) -> Iterator[tuple[Path, bytes | OSError | casefile.CaseFileRejected]]:
        """Each file with its bytes (or why they can't be read), the next one's read before the
        current one is handed out: its parse may then go ahead while the current one is stored."""
        coming = _read(paths[0]) if paths else None
        for i, path in enumerate(paths):
            data, coming = coming, _read(paths[i + 1]) if i + 1 < len(paths) else None
            self._next = coming if isinstance(coming, bytes) else None
            yield path, data

    def start(self) -> None:
        """The current file's import waits on the database now: the next file's parse begins."""
        if self._next is not None and self._running is None:
            self._running = (self._next, self._pool.submit(casefile.read_unauthenticated, self._next,
                                                           self._keys.get))

    def parsed(self, data: bytes, secret_for: Callable[[str], str | None]) -> casefile.CaseFile:
        """``data`` parsed (casefile.parse): read by the thread when it went ahead with these very
        bytes, else here; authenticated here."""
        running, self._running = self._running, None

        def remembered(counter: str) -> str | None:
            key = secret_for(counter)
            if key is not None:
                self._keys[counter] = key
            return key

        if running is not None and running[0] is data:
            return casefile.authenticate(running[1].result(), remembered)
        if running is not None:
            running[1].cancel()  # bytes not received after all: the reading, if under way, ends unread
        return casefile.parse(data, remembered)
