"""Head office takes over an escalated case: the decision with its note reaches the dealer's
counters on their next sync, in the case's timeline, and the timelines agree; a case not
escalated, a second takeover or an empty note are refused with nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.foundation.errors import InvalidInput
from app.hq.counters import add_dealer
from app.hq.takeover import KIND, take_over
from app.models import Event, FailureCase
from app.models.event_codec import HQ_ORIGIN
from app.models.store import open_database
from app.services.recovery import guide as recovery
from app.sync.client import SyncClient
from tests.helpers import fresh_store
from tests.recovery_helpers import add_user
from tests.synchelp import enrol_in_process, open_cases
from tests.system.test_every_record_travels import events

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")


def test_head_office_takes_over_an_escalation_and_the_counters_see_it(tmp_path, serve_in_process):
    db = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    add_dealer(db, "BJ01", "北京一店")
    transport = serve_in_process(db, tmp_path / "inbox")
    a, b = fresh_store(tmp_path / "a"), fresh_store(tmp_path / "b")

    def sync(store):
        return SyncClient(store, url="http://hq", transport=transport).run_once()

    try:
        for store in (a, b):
            enrol_in_process(db, store)
        adv = add_user(a, "张伟", "advisor")
        calm, escalated = open_cases(a, 2)
        recovery.escalate(a, escalated, "客户要求厂家出面", adv)
        sync(a)
        with pytest.raises(InvalidInput):
            take_over(db, calm, "厂家接手")  # not escalated
        with pytest.raises(InvalidInput):
            take_over(db, escalated, "   ")  # no note
        assert events(db) == events(a)  # nothing stored by the refusals
        done = take_over(db, escalated, "厂家区域经理今天联系客户")
        with pytest.raises(InvalidInput):
            take_over(db, escalated, "again")
        for store in (a, b):
            assert sync(store).conflicts == 0
            with store.session() as s:
                ev = s.scalar(select(Event).where(Event.entity_id == escalated, Event.kind == KIND))
                assert ev is not None and ev.origin == HQ_ORIGIN and ev.payload["note"] == "厂家区域经理今天联系客户"
                assert s.get(FailureCase, escalated).version == done.version
        assert events(a) == events(b) == events(db)
    finally:
        for store in (a, b):
            store.close()
        db.close()
