"""SQLite's faults of the machine (disk full, read-only, busy, unreachable) as typed errors in words."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, event

from app.foundation.errors import StoreBusy, StoreFault, StoreFull, StoreReadOnly, StoreUnreachable

# SQLite's primary result codes (the low byte of an extended code such as SQLITE_READONLY_DBMOVED).
_FAULTS = {
    13: StoreFull,         # SQLITE_FULL: "database or disk is full" (also a PRAGMA max_page_count reached)
    8: StoreReadOnly,      # SQLITE_READONLY: "attempt to write a readonly database"
    5: StoreBusy,          # SQLITE_BUSY: "database is locked" after the busy timeout
    6: StoreBusy,          # SQLITE_LOCKED: a conflict inside one connection's shared cache
    14: StoreUnreachable,  # SQLITE_CANTOPEN: "unable to open database file"
    10: StoreUnreachable,  # SQLITE_IOERR: "disk I/O error" (a drive pulled out, a failing disk)
}

_OS_FAULTS = {errno.ENOSPC: StoreFull, errno.EDQUOT: StoreFull, errno.EROFS: StoreReadOnly}


def fault_of(exc: BaseException, path: Path | str) -> StoreFault | None:
    """The typed error for a DBAPI or SQLAlchemy error of the machine, or None for any other error
    (a broken rule of the data stays what it is: an IntegrityError is the caller's to explain).
    A file written beside the store (an attachment, a backup) meets the same disk: ENOSPC and EROFS
    from the operating system are the same faults, named by the file's own path."""
    if isinstance(exc, OSError) and exc.errno in _OS_FAULTS:
        return _OS_FAULTS[exc.errno](path=str(exc.filename or path))
    original = getattr(exc, "orig", None) or exc
    if not isinstance(original, sqlite3.Error):
        return None
    code = getattr(original, "sqlite_errorcode", None)
    kind = _FAULTS.get(code & 0xFF) if isinstance(code, int) else None
    if kind is None:  # a driver without error codes: the message is all there is
        text = str(original)
        kind = (StoreFull if "disk is full" in text else StoreReadOnly if "readonly" in text
                else StoreBusy if "locked" in text or "busy" in text else None)
    if kind is None:
        return None
    return kind(path=str(path))


def speak_faults(engine: Engine, path: Path | str) -> None:
    """Make every statement, commit and connect on ``engine`` raise the typed error for a fault of the
    machine instead of SQLAlchemy's OperationalError: the command line prints it (exit 1), the desk
    shows it through Ops' failure path. The transaction it broke is rolled back by whoever held it
    (a UnitOfWork, a ``with session.begin()``), so nothing of it is stored."""

    @event.listens_for(engine, "handle_error")
    def _in_words(context) -> None:
        fault = fault_of(context.original_exception, path)
        if fault is not None:
            raise fault from context.sqlalchemy_exception or context.original_exception
