"""Unit of work: one session, one transaction, the events it appends; commit or roll back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.foundation.errors import StoreBusy
from app.models import Event, utcnow
from app.models.event_codec import new_event


def take_write_lock(session: Session) -> None:
    """Start ``session``'s transaction holding SQLite's write lock (BEGIN IMMEDIATE), waiting up to the
    busy timeout; StoreBusy when it can't be had. Call right after ``session.begin()``, before any
    statement. No-op on a server database (row locks there: SELECT ... FOR UPDATE)."""
    if session.get_bind().dialect.name != "sqlite":
        return
    try:
        session.connection(execution_options={"sqlite_begin_immediate": True})
    except OperationalError as exc:  # an engine that doesn't speak faults itself (see store_faults)
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusy(path=str(getattr(session.get_bind().url, "database", ""))) from exc
        raise


class UnitOfWork:
    """``with UnitOfWork(store, actor_id) as uow: ...; uow.commit()``; leaving without commit rolls back.

    ``write=True`` takes the store's write lock before the first read (SQLite: ``BEGIN IMMEDIATE``;
    a server database: the case row is read ``FOR UPDATE`` by ``case_log.load_case``). A command
    that checks a case's version and then writes does both in this one transaction, so two writers
    (windows, processes, the sync) are serialized: the second one reads the first one's result and
    its check refuses. The lock is held for the few milliseconds the command takes; readers are
    never blocked (WAL). A writer that can't get the lock within the busy timeout gets StoreBusy.
    """

    def __init__(self, store, actor_id: str | None = None, *, write: bool = False) -> None:
        self.store = store
        self.actor_id = actor_id
        self.write = write
        self.session: Session | None = None

    def __enter__(self) -> "UnitOfWork":
        self.session = self.store.session()
        self.session.begin()
        if self.write:
            try:
                take_write_lock(self.session)
            except BaseException:
                self.session.close()
                raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    @property
    def identity(self):
        return self.store.identity

    def record(self, entity_type: str, entity_id: str, kind: str, payload: dict[str, Any],
               dealer_id: str, *, seq: int | None = None, at: datetime | None = None,
               actor_id: str | None = None) -> Event:
        """Append one change to an entity's history (seq = its new version). ``actor_id`` stands in
        for the unit of work's actor when a bulk writer acts for several people (demo data)."""
        if seq is None:
            last = self.session.scalar(
                select(func.max(Event.seq)).where(Event.entity_type == entity_type, Event.entity_id == entity_id))
            seq = (last or 0) + 1
        ev = new_event(entity_type, entity_id, seq, kind, payload, actor_id=actor_id or self.actor_id,
                       dealer_id=dealer_id, origin=self.identity.store_id, occurred_at=at or utcnow())
        self.session.add(ev)
        return ev
