"""The event codec: an Event survives the trip to its case-file dict and back, for every kind."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app.foundation import clock, signing
from app.models import Event
from app.models.event_codec import COLUMNS, HQ_ORIGIN, event_from_wire, from_wire, new_event, to_wire
from app.services.demo.sample_data import fill_demo
from app.sync.conflicts import ACTIONS

AT = datetime(2026, 11, 18, 2, 30, 15, 123456, tzinfo=timezone.utc)
# Every kind the program writes (the conflict view names each), with a payload of its shape.
PAYLOADS = {
    "form.created": {"source": "counter", "file": "", "repair_order": "RO1", "overall": None, "date": "2026-11-18"},
    "form.corrected": {"before": {"attitude": "C"}, "after": {"attitude": "D"}},
    "case.opened": {"number": "D1-2611-AB-0001", "score": 5, "customer_words": "等了两小时\n没人理"},
    "case.conflict_resolved": {"conflict_id": "x", "keep": "other", "note": "", "fields": {"amount": 300}},
    "remedy.proposed": {"kind": "cash", "amount": 200.5, "approvers": ["a", "b"]},
}


def columns(e: Event) -> dict:
    return {k: getattr(e, k) for k in COLUMNS}


@pytest.mark.parametrize("kind", sorted(ACTIONS))
def test_event_to_wire_and_back_is_the_same_event(kind):
    entity = kind.split(".")[0] if kind.startswith(("form.", "case.")) else "case"
    e = new_event(entity, "01a2346c-0000-7000-8000-000000000001", 3, kind, PAYLOADS.get(kind, {"k": kind}),
                  actor_id="01a2346c-0000-7000-8000-0000000000aa", dealer_id="d1", origin=HQ_ORIGIN,
                  occurred_at=AT)
    wire = to_wire(e, base_event_id="base-id", chained=True)
    assert wire["base"] == {"seq": 2, "event_id": "base-id"}
    assert signing.canonical(wire)  # JSON as it is: nothing the case file can't carry
    assert columns(event_from_wire(wire)) == columns(e)
    assert "base" not in to_wire(e)


def test_the_first_change_names_no_base_and_a_receiver_keeps_its_dealer():
    e = new_event("form", "f1", 1, "form.created", {}, dealer_id="theirs", origin="c1", occurred_at=AT)
    wire = to_wire(e, base_event_id="ignored", chained=True)
    assert "base" not in wire
    assert from_wire(wire, dealer_id="mine")["dealer_id"] == "mine"


@pytest.mark.parametrize("stamp", ["2026-11-18T10:30:00", "2026-11-18"])
def test_a_time_without_a_zone_is_refused(stamp):
    wire = to_wire(new_event("case", "c1", 1, "case.opened", {}, dealer_id="d", origin="o", occurred_at=AT))
    with pytest.raises(ValueError):
        from_wire({**wire, "occurred_at": stamp})


def test_every_stored_event_of_a_demo_store_round_trips(store):
    fill_demo(store, 40, 12, now=clock.now() - timedelta(days=1))
    with store.session() as s:
        events = list(s.scalars(select(Event)))
    assert len({e.kind for e in events}) >= 5
    for e in events:
        assert columns(event_from_wire(to_wire(e))) == columns(e), e.kind
