"""A supervisor at head office resolves a conflict: keep the change that was applied, or take the
one kept aside. The resolution is an ordinary change (an event on top of head office's version)
that the dealer's counters pull like any other."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.foundation.errors import InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.hq import ordering
from app.models import Dealer, Event, SyncConflict, SyncReceived, utcnow
from app.models.event_codec import HQ_ORIGIN, event_to_wire, new_event
from app.services.changes import announces
from app.services.network import month_sums
from app.services.privacy import kept_files
from app.sync import casefile
from app.foundation import signing
from app.sync.applied import CAN_CHANGE
from app.sync.apply import (CHILDREN_KEY, ENTITY_MODEL, ENTITY_TABLE, MODELS, from_record,
                            records_for)

# Columns a resolution never takes from the other side's snapshot: identity and bookkeeping.
_FIXED = {"id", "dealer_id", "number", "version", "created_at", "created_by", "customer_id", "vehicle_id",
          "repair_order_id", "form_id"}


@dataclass(frozen=True)
class Resolved:
    conflict_id: str
    entity_type: str
    entity_id: str
    version: int
    changed: tuple[str, ...]


@announces(CAN_CHANGE)  # the entity's whole history as head office keeps it
def resolve(db, conflict_id: str, keep: str, *, actor_id: str | None = None, note: str = "") -> Resolved:
    """``keep`` is "applied" (what head office has) or "other" (the change kept aside)."""
    if keep not in ("applied", "other"):
        raise InvalidInput(field="keep", problem=QT_TRANSLATE_NOOP("Errors", "applied or other"))
    now = utcnow()
    with db.session() as s, s.begin():
        c = s.get(SyncConflict, conflict_id)
        if c is not None:
            # The dealer's imports wait (they could change the same entity) and the resolution's
            # arrival number commits in the dealer's order; then the conflict as it is now.
            ordering.hold_dealer(s, c.dealer_id)
            s.refresh(c)
        if c is None or c.resolved_at is not None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Open conflict"), key=conflict_id)
        model, table = ENTITY_MODEL[c.entity_type], ENTITY_TABLE[c.entity_type]
        row = s.get(model, c.entity_id)
        if row is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Case"), key=c.entity_id)
        changed: dict = {}
        if keep == "other" and c.other_snapshot:
            theirs = from_record(table, c.other_snapshot)
            for k, v in theirs.items():
                if k not in _FIXED and getattr(row, k) != v:
                    changed[k] = v
        last = s.scalar(select(func.max(Event.seq)).where(Event.entity_type == c.entity_type,
                                                          Event.entity_id == c.entity_id)) or 0
        for k, v in changed.items():
            setattr(row, k, v)
        if keep == "other" and c.other_snapshot:
            _take_children(s, c.other_snapshot.get(CHILDREN_KEY) or {})
        row.version = last + 1
        row.updated_at = now
        ev = new_event(c.entity_type, c.entity_id, last + 1, f"{c.entity_type}.conflict_resolved",
                       {"conflict_id": c.id, "keep": keep, "note": note,
                        "fields": {k: getattr(row, k).isoformat() if hasattr(getattr(row, k), "isoformat")
                                   else getattr(row, k) for k in changed}},
                       actor_id=actor_id, dealer_id=c.dealer_id, origin=HQ_ORIGIN, occurred_at=now)
        s.add(ev)
        c.resolved_at, c.resolution = now, f"{keep}: {note}".strip()
        # Changes built on the one kept aside are part of the same conflict: settled with it, as the
        # counters settle every conflict of the entity when the resolution arrives.
        s.execute(SyncConflict.__table__.update()
                  .where(SyncConflict.entity_type == c.entity_type, SyncConflict.entity_id == c.entity_id,
                         SyncConflict.resolved_at.is_(None), SyncConflict.id != c.id)
                  .values(resolved_at=now, resolution=c.resolution))
        s.flush()
        month_sums.refresh(s, [c.dealer_id], [getattr(row, "service_date", None)])  # a form's kept side counts
        send_history(s, c.entity_type, c.entity_id, c.dealer_id, ev, now)
        return Resolved(c.id, c.entity_type, c.entity_id, last + 1, tuple(changed))


def send_history(s, entity_type: str, entity_id: str, dealer_id: str, ev: Event, now) -> None:
    """A decision of head office (``ev``, added) goes to the dealer's counters with the entity's whole
    history as head office holds it: a counter whose own change was set aside takes these in its
    place, so every place ends with the same timeline."""
    history = list(s.scalars(select(Event).where(Event.entity_type == entity_type,
                                                 Event.entity_id == entity_id).order_by(Event.seq)))
    ids = {e.seq: e.id for e in history}
    dealer = s.get(Dealer, dealer_id)
    ordering.hold_counter(s, HQ_ORIGIN)  # the next of head office's own sequence numbers
    seq = (s.scalar(select(func.max(SyncReceived.sequence)).where(SyncReceived.counter_id == HQ_ORIGIN)) or 0) + 1
    body = casefile.build_body(dealer_id=dealer.id, dealer_code=dealer.code, counter=HQ_ORIGIN, sequence=seq,
                               created_at=now.isoformat(),
                               events=[event_to_wire(e, ids.get(e.seq - 1)) for e in history],
                               records=records_for(s, [ev]))
    # Only ever delivered inside head office's sealed pull answers, so it needs no signature.
    content = signing.canonical(body) + b"\n"
    kept = SyncReceived(counter_id=HQ_ORIGIN, sequence=seq, sha256=signing.sha256(content),
                        dealer_id=dealer.id, content=content, received_at=now, events=len(history))
    s.add(kept)
    s.flush()
    kept_files.note(s, kept.n, body["records"])


def _take_children(s, children: dict[str, list[dict]]) -> None:
    """The rows the change kept aside made under its case or form (a remedy it proposed...), as it had them."""
    for table, rows in children.items():
        model = MODELS.get(table)
        if model is None:
            continue
        for rec in rows:
            vals = from_record(table, rec)
            if s.get(model, vals["id"]) is None:
                s.add(model(**vals))
            else:
                s.execute(model.__table__.update().where(model.__table__.c.id == vals["id"]).values(**vals))
    s.flush()
