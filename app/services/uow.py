"""Unit of work: one session, one transaction, the events it appends; commit or roll back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.ids import new_id
from app.models import Event, utcnow


class UnitOfWork:
    """``with UnitOfWork(store, actor_id) as uow: ...; uow.commit()``; leaving without commit rolls back."""

    def __init__(self, store, actor_id: str | None = None) -> None:
        self.store = store
        self.actor_id = actor_id
        self.session: Session | None = None

    def __enter__(self) -> "UnitOfWork":
        self.session = self.store.session()
        self.session.begin()
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
               dealer_id: str, *, seq: int | None = None, at: datetime | None = None) -> Event:
        """Append one change to an entity's history (seq = its new version)."""
        if seq is None:
            last = self.session.scalar(
                select(func.max(Event.seq)).where(Event.entity_type == entity_type, Event.entity_id == entity_id))
            seq = (last or 0) + 1
        ev = Event(id=new_id(), entity_type=entity_type, entity_id=entity_id, seq=seq, kind=kind,
                   payload=payload, actor_id=self.actor_id, dealer_id=dealer_id,
                   origin=self.identity.store_id, occurred_at=at or utcnow())
        self.session.add(ev)
        return ev
