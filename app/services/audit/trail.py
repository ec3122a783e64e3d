"""Writing the counter's own audit events (settings, lockouts, script packs, imports) on its history.

People's changes are events on the person (``app.services.people.users``), cases' and forms' on them; what
belongs to no row is an event on the counter itself (entity ``counter``, id the counter's store id),
one history per counter, so no two places ever write the same version of it. It is filed and sent to
head office like every other change and pulled by the dealer's other counters.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.models import Event, utcnow
from app.models.event_codec import COUNTER_ENTITY, new_event


def record(session, identity, kind: str, payload: dict[str, Any], *, actor_id: str | None = None) -> Event:
    """Append one audit event to this counter's history inside the caller's transaction (it commits)."""
    last = session.scalar(select(func.max(Event.seq)).where(Event.entity_type == COUNTER_ENTITY,
                                                            Event.entity_id == identity.store_id))
    ev = new_event(COUNTER_ENTITY, identity.store_id, (last or 0) + 1, kind, payload, actor_id=actor_id,
                   dealer_id=identity.home_dealer_id, origin=identity.store_id, occurred_at=utcnow())
    session.add(ev)
    return ev


def note(store, kind: str, payload: dict[str, Any], *, actor_id: str | None = None) -> None:
    """One audit event in a transaction of its own (after something outside the store changed: a
    script pack written to its folder), holding the write lock so two writers number it in turn."""
    from app.services.uow import UnitOfWork

    with UnitOfWork(store, actor_id, write=True) as uow:
        record(uow.session, store.identity, kind, payload, actor_id=actor_id)
        uow.commit()
