"""The status bar's count of changes waiting, kept as events and outbox rows are written, is the number
the event log gives (this counter's travelling events in no case file yet): on a counter that never
connected, after a partial send, after connecting renumbered its cases, after a file put back."""

from __future__ import annotations

from sqlalchemy import func, select

from app.foundation.ids import new_id
from app.hq.counters import add_dealer, issue_code, redeem
from app.models import Event, SyncOutbox
from app.models.store import open_database
from app.services.demo.sample_data import fill_demo
from app.sync import casefile, outbox
from app.sync.connect import _rehome
from tests.synchelp import edit_case, open_cases
from tests.unit.test_outbox_mark import SECRET, pulled_event

TRAVELS = Event.entity_type.in_(casefile.ENTITY_TYPES)


def walked(store) -> int:
    """The count as it was read before: the events above the mark, each probed in the outbox."""
    with store.session() as s:
        return outbox._unfiled_walked(s, store.identity.store_id)


def from_scratch(store) -> int:
    """The definition itself, with no mark and no tally: every own travelling event not filed."""
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Event).where(
            Event.origin == store.identity.store_id, TRAVELS, outbox.not_filed()))


def assert_same(store, expected: int | None = None, *, mark_kept: bool = True) -> int:
    kept = outbox.counts(store).unfiled_events
    assert kept == from_scratch(store)
    if mark_kept:  # rows removed by hand break the mark's promise, not the tally's
        assert kept == walked(store)
    if expected is not None:
        assert kept == expected
    return kept


def test_a_counter_that_never_connected(store):
    assert_same(store)
    fill_demo(store, forms=60, cases=25, seed=3)  # the demo's bulk inserts, not the ORM
    ids = open_cases(store, 3)
    edit_case(store, ids[0], "again")
    pulled_event(store, 5)  # another counter's changes are not this one's to send
    n = assert_same(store)
    assert n > 30


def test_after_a_partial_send(store, monkeypatch):
    monkeypatch.setattr(outbox, "BATCH", 4)
    ids = open_cases(store, 10)
    filing = outbox.filing(store, SECRET)
    first, second = next(filing), next(filing)  # two files written, the rest still to file
    assert_same(store, 2)
    outbox.mark_acked(store, first)
    edit_case(store, ids[2], "meanwhile")
    pulled_event(store, 2)
    assert_same(store, 3)
    list(filing)
    assert_same(store, 0)
    outbox.mark_rejected(store, second, "refused")
    assert outbox.requeue(store, second) == 4  # put back: waiting again until filed anew
    assert_same(store, 4)
    outbox.file_waiting(store, SECRET)
    assert_same(store, 0)


def test_after_connect_renumbered_the_cases(store, tmp_path):
    fill_demo(store, forms=40, cases=15, seed=4)
    open_cases(store, 2)
    before = assert_same(store)
    hq = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    add_dealer(hq, "BJ01", "北京一店")
    got = redeem(hq, issue_code(hq, "BJ01"), store.identity.store_id)
    renumbered = _rehome(store, got.dealer.id, got.dealer.code, got.dealer.name, got.tag)
    hq.close()
    assert renumbered
    assert assert_same(store) == before + len(renumbered)  # each renumbering is a change to send
    outbox.file_waiting(store, SECRET)
    assert_same(store, 0)


def test_the_numbers_follow_rows_removed_by_hand(store):
    """Nothing in the program deletes events or outbox rows but a put-back file; a tool that does
    still leaves the count true."""
    ids = open_cases(store, 3)
    [seq] = outbox.file_waiting(store, SECRET)
    with store.session() as s, s.begin():
        one = s.scalar(select(SyncOutbox.event_id).limit(1))
        s.execute(SyncOutbox.__table__.delete().where(SyncOutbox.event_id == one))
    assert_same(store, 1, mark_kept=False)
    with store.session() as s, s.begin():
        s.execute(Event.__table__.delete().where(Event.id == one))
        other = s.scalar(select(Event.id).where(Event.entity_id == ids[1]))
        s.execute(Event.__table__.update().where(Event.id == other).values(origin=new_id()))
    assert_same(store, 0, mark_kept=False)
    assert seq


def test_a_store_upgraded_with_its_history_counts_it(store):
    """The upgrade fills the tally from the events and outbox rows already stored."""
    from app.models.store import upgrade
    from tests.helpers import downgrade

    ids = open_cases(store, 6)
    outbox.file_waiting(store, SECRET)
    edit_case(store, ids[3], "after the file")
    pulled_event(store, 3)
    downgrade(store.engine, "0016_network_improvements")
    upgrade(store.engine)
    assert_same(store, 1)
    open_cases(store, 2)  # and the triggers count what comes after
    assert_same(store, 3)
