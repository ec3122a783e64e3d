"""The outbox's high-water mark: every change of this counter is filed exactly once, whatever order
changes are committed in, with changes pulled from elsewhere in between, put back to be filed again,
or with a mark that no longer names its event; and the first file is ready before the rest are filed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.foundation.ids import new_id
from app.models import Event, FailureCase, StoreMeta, SyncOutbox, utcnow
from app.models.event_codec import event_row
from app.services.uow import UnitOfWork
from app.sync import outbox, refused
from tests.synchelp import edit_case, open_cases

SECRET = "ab" * 32


def filed_ids(store) -> list[str]:
    with store.session() as s:
        return list(s.scalars(select(SyncOutbox.event_id)))


def own_ids(store) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(Event.id).where(Event.origin == store.identity.store_id)))


def assert_each_filed_once(store) -> None:
    filed = filed_ids(store)
    assert len(filed) == len(set(filed))  # the outbox's key, but said: nothing filed twice
    assert set(filed) == own_ids(store)
    assert outbox.counts(store).unfiled_events == 0


def edit_with_id(store, case_id: str, event_id: str) -> None:
    """A change whose id was minted earlier than changes already filed, committed only now: as a
    transaction of another process, or one that waited for the write lock, commits it."""
    with UnitOfWork(store, None) as uow:
        case = uow.session.get(FailureCase, case_id)
        case.version += 1
        case.root_cause = "late commit"
        ev = uow.record("case", case_id, "case.updated", {"root_cause": "late commit"}, case.dealer_id,
                        seq=case.version)
        ev.id = event_id
        uow.commit()


def pulled_event(store, n: int = 1) -> None:
    """Changes another counter made, arrived with a pull: never filed here."""
    with store.session() as s, s.begin():
        s.execute(Event.__table__.insert(), [
            event_row("case", new_id(), 1, "case.opened", {}, dealer_id=store.identity.home_dealer_id,
                      origin=new_id()) for _ in range(n)])


def test_a_change_minted_before_the_mark_but_committed_after_it_is_filed(store):
    early = new_id()  # minted now, committed after everything below: lower than every filed id
    ids = open_cases(store, 3)
    assert outbox.file_waiting(store, SECRET)
    edit_with_id(store, ids[0], early)
    assert outbox.counts(store).unfiled_events == 1
    assert len(outbox.file_waiting(store, SECRET)) == 1
    assert early in filed_ids(store)
    assert_each_filed_once(store)


def test_changes_pulled_from_elsewhere_are_passed_not_filed(store):
    open_cases(store, 2)
    outbox.file_waiting(store, SECRET)
    pulled_event(store, 5)
    assert outbox.counts(store).unfiled_events == 0
    assert outbox.file_waiting(store, SECRET) == []
    with store.session() as s:  # the mark moved over them: the next count starts above them
        top = s.scalar(select(func.max(outbox.ROWID)).select_from(Event))
        assert s.get(StoreMeta, outbox.MARK).value.startswith(f"{top} ")
    open_cases(store, 1, start=10)
    pulled_event(store, 2)
    assert len(outbox.file_waiting(store, SECRET)) == 1
    assert_each_filed_once(store)


def test_a_requeued_file_is_filed_again_and_nothing_else_twice(store):
    ids = open_cases(store, 4)
    [first] = outbox.file_waiting(store, SECRET)
    edit_case(store, ids[1], "later")
    [second] = outbox.file_waiting(store, SECRET)
    outbox.mark_acked(store, second)
    outbox.mark_rejected(store, first, "refused")
    assert outbox.requeue(store, first) == 4  # open_cases made one event per case
    again = outbox.file_waiting(store, SECRET)
    assert len(again) == 1
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncOutbox).where(SyncOutbox.file_seq == again[0])) == 4
    assert_each_filed_once(store)


def test_a_refused_change_sent_again_is_filed_again(store):
    ids = open_cases(store, 3)
    [seq] = outbox.file_waiting(store, SECRET)
    with store.session() as s:
        first_event = s.scalar(select(Event.id).where(Event.entity_id == ids[0]))
    refused.record_refused(store, seq, [{"entity_type": "case", "entity_id": ids[0], "code": "x",
                                          "event_ids": [first_event]}])
    outbox.mark_acked(store, seq)
    [number] = [p for p in problems_numbers(store)]
    assert refused.resend_change(store, number).events == 1
    assert len(outbox.file_waiting(store, SECRET)) == 1
    assert_each_filed_once(store)


def problems_numbers(store) -> list[int]:
    from app.models import SyncRefused

    with store.session() as s:
        return list(s.scalars(select(SyncRefused.id)))


def test_a_mark_that_names_another_event_starts_over_without_filing_twice(store):
    ids = open_cases(store, 3)
    outbox.file_waiting(store, SECRET)
    edit_case(store, ids[2], "unfiled")
    with store.session() as s, s.begin():  # as if the rowids moved when the file was rebuilt
        s.get(StoreMeta, outbox.MARK).value = "999999 " + new_id()
    assert len(outbox.file_waiting(store, SECRET)) == 1
    assert_each_filed_once(store)


def test_the_first_file_is_ready_while_the_rest_wait(store, monkeypatch):
    monkeypatch.setattr(outbox, "BATCH", 2)
    open_cases(store, 5)
    filing = outbox.filing(store, SECRET)
    first = next(filing)
    assert [w.seq for w in outbox.waiting(store)] == [first]
    assert outbox.counts(store).unfiled_events == 3
    assert len(list(filing)) == 2
    assert_each_filed_once(store)


@pytest.mark.parametrize("batch", [1, 2, 3, 500])
def test_every_change_filed_once_in_order_at_any_batch_size(store, monkeypatch, batch):
    monkeypatch.setattr(outbox, "BATCH", batch)
    ids = open_cases(store, 3)
    pulled_event(store)
    edit_case(store, ids[0], "x")
    outbox.file_waiting(store, SECRET)
    assert_each_filed_once(store)
    with store.session() as s:  # files carry the changes in the order they were committed
        order = list(s.scalars(select(SyncOutbox.event_id).join(Event, Event.id == SyncOutbox.event_id)
                               .order_by(SyncOutbox.file_seq, outbox.ROWID)))
        committed = list(s.scalars(select(Event.id).where(Event.origin == store.identity.store_id)
                                   .order_by(outbox.ROWID)))
    assert order == committed
