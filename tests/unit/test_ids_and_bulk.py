"""Ids are unique and time-ordered; bulk inserts store values exactly as the ORM would."""

import uuid
from datetime import date, datetime, timezone

from app.foundation.ids import case_number, counter_tag, new_id
from app.models import Event
from app.models.bulk import bulk_insert


def test_ids_are_uuid7_unique_and_increasing():
    ids = [new_id() for _ in range(20000)]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    u = uuid.UUID(ids[0])
    assert u.version == 7 and u.variant == uuid.RFC_4122


def test_case_number_reads_well():
    tag = counter_tag(new_id())
    assert len(tag) == 2 and not set(tag) & set("ILOU")
    assert case_number("BJ01", 2026, 5, "K7", 42) == "BJ01-2605-K7-0042"


def test_bulk_insert_round_trips_through_the_orm(store):
    at = datetime(2026, 5, 18, 9, 30, 15, 123456, tzinfo=timezone.utc)
    row = {"id": new_id(), "entity_type": "form", "entity_id": new_id(), "seq": 1, "kind": "form.created",
           "payload": {"名字": "王芳", "n": [1, 2], "d": date(2026, 5, 1).isoformat()}, "actor_id": None,
           "dealer_id": store.identity.home_dealer_id, "origin": store.identity.store_id, "occurred_at": at}
    with store.session() as s, s.begin():
        bulk_insert(s, Event.__table__, [row])
    with store.session() as s:
        ev = s.get(Event, row["id"])
        assert ev.occurred_at == at and ev.payload == row["payload"] and ev.actor_id is None
