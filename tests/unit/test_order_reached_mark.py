"""An order's reached mark (RepairOrder.call_reached) says what the order's events say, wherever they were
written: calls recorded at this counter, calls that came by sync from the dealer's other counter, two
calls on one version (one kept aside as a conflict), a counter's file taken in at head office (SQLite and
PostgreSQL), and the orders stored before the mark was added (migration 0023). The call figures read from
the mark equal the figures counted from the events, as they were before the mark."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select, text

from app.foundation import clock
from app.models import Dealer, Event, FeedbackForm, RepairOrder
from app.services import settings
from app.services.feedback import forms as feedback_forms
from app.services.figures import failure_condition
from app.services.imports.feedback_store import import_feedback_file
from app.services.orders.call_log import REACHED
from app.services.orders.calls import call_figures, record_attempt
from app.services.orders.store import import_orders_file
from app.services.people import users
from tests.helpers import csv_file, downgrade, form_line
from tests.synchelp import two_in_process

HEADER = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type"


def at(days_ago: int, hour: int) -> str:
    return (clock.local_now() - timedelta(days=days_ago)).replace(hour=hour, minute=0).strftime("%Y-%m-%d %H:%M")


def orders(tmp_path, store, prefix: str, n: int, *, start: int = 0) -> dict[str, str]:
    """``n`` orders delivered 1 to 40 days ago (due, reached or expired in this month and the last), a form
    for every third (failing for every sixth); their ids by number."""
    rows = [f"{prefix}{i},{at(1 + (i * 7) % 40, 8)},{at(1 + (i * 7) % 40, 12)},{at(1 + (i * 7) % 40, 11)},张伟,"
            f"客户{start + i},1381234{start + i:04d},京A{start + i:05d},保养" for i in range(n)]
    import_orders_file(store, csv_file(tmp_path / f"{prefix}.csv", rows, header=HEADER))
    forms = [form_line(at(1 + (i * 7) % 40, 0)[:10], f"{prefix}{i}", "ADA" if i % 6 == 0 else "AAA",
                       customer=f"客户{start + i}", phone=f"1381234{start + i:04d}", plate=f"京A{start + i:05d}")
             for i in range(n) if i % 3 == 0]
    import_feedback_file(store, csv_file(tmp_path / f"{prefix}-forms.csv", forms))
    with store.session() as s:
        return dict(s.execute(select(RepairOrder.number, RepairOrder.id)
                              .where(RepairOrder.number.like(f"{prefix}%"))).all())


def call(store, ids: dict[str, str], pattern: dict[int, list[bool]], prefix: str, actor=None) -> None:
    """Calls on the orders ``prefix`` + i: each attempt reached or not, in turn."""
    for i, attempts in pattern.items():
        for reached in attempts:
            record_attempt(store, ids[f"{prefix}{i}"], actor, reached=reached)


# Reached (once, after attempts, twice), attempted only, and never called.
PATTERN = {1: [True], 2: [False, True], 3: [False], 4: [True, True], 6: [True], 9: [False, False, True], 12: [False]}


def old_call_figures(session, dealer_id: str, first: date, last: date, today: date) -> tuple:
    """The call figures as counted before the mark: each order's reached call looked up among its events."""
    due_day, expire_day = settings.get(session, "calls.due_day"), settings.get(session, "calls.expire_day")
    threshold = settings.get(session, "failure.overall_threshold")
    last = min(last, today)
    lo = datetime.combine(first - timedelta(days=due_day), time()).astimezone()
    hi = datetime.combine(last - timedelta(days=due_day - 1), time()).astimezone()
    expired_before = datetime.combine(today - timedelta(days=expire_day - 1), time()).astimezone()
    reached = (select(Event.id).where(Event.entity_type == "order", Event.entity_id == RepairOrder.id,
                                      Event.seq > 1, Event.kind == REACHED).exists())
    due = n_reached = expired = found = 0
    for was_reached, has_form, old, failed in session.execute(
            select(reached, FeedbackForm.id.is_not(None), RepairOrder.delivered_at < expired_before,
                   failure_condition(threshold))
            .outerjoin(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
            .where(RepairOrder.dealer_id == dealer_id, RepairOrder.delivered_at >= lo, RepairOrder.delivered_at < hi)):
        due += 1
        if was_reached:
            n_reached += 1
            found += bool(has_form and failed)
        elif not has_form and old:
            expired += 1
    return due, n_reached, expired, found


def assert_agrees(db) -> set[str]:
    """The mark of every order is its events' answer, and the call figures over a few spans are the old
    figures; returns the orders marked reached."""
    with db.session() as s:
        by_events = {i: bool(r) for i, r in s.execute(text(
            "SELECT id, EXISTS (SELECT 1 FROM event e WHERE e.entity_type = 'order' AND e.entity_id = repair_order.id "
            f"AND e.kind = '{REACHED}') FROM repair_order"))}
        marks = dict(s.execute(select(RepairOrder.id, RepairOrder.call_reached)).all())
        assert marks == by_events
        today = clock.today()
        for dealer_id in s.scalars(select(Dealer.id)):
            for on in (today, today + timedelta(days=12)):
                for first in (on.replace(day=1), on - timedelta(days=45)):
                    got = call_figures(s, dealer_id, first, on, on)
                    assert (got.due, got.reached, got.unreachable, got.failures_found) == \
                        old_call_figures(s, dealer_id, first, on, on)
    return {i for i, r in marks.items() if r}


def test_calls_recorded_here_mark_their_orders(store, tmp_path):
    ids = orders(tmp_path, store, "R", 30)
    call(store, ids, PATTERN, "R")
    admin = users.create_first_admin(store, "wang", "王强", "1234")
    # A call reached with its form typed there (the form goes with the call).
    entry = feedback_forms.FormEntry("R5", clock.today() - timedelta(days=4), "客户5", "13812340005", "京A00005",
                                     "E", "B", "A")
    with store.session() as s:
        version = s.get(RepairOrder, ids["R5"]).version
    feedback_forms.enter_form(store, entry, admin, call_on=(ids["R5"], version))
    marked = assert_agrees(store)
    assert marked == {ids[f"R{i}"] for i in (1, 2, 4, 5, 6, 9)}
    with store.session() as s:  # the figures count some of each
        got = call_figures(s, store.identity.home_dealer_id, clock.today() - timedelta(days=45), clock.today())
    assert got.reached and got.unreachable and got.failures_found


def test_calls_from_the_other_counter_and_a_conflict_mark_the_same_orders_everywhere(tmp_path):
    with two_in_process(tmp_path) as (hq, a, b, sync):
        wang = users.create_first_admin(a, "wang", "王强", "1234")
        sync(a)
        sync(b)
        ids = orders(tmp_path, a, "N", 24)
        sync(a)
        sync(b)
        call(b, ids, {1: [True], 2: [False, True], 3: [False]}, "N")  # at B, travelling to A
        call(a, ids, {4: [True], 5: [False]}, "N", wang.user_id)
        # Order N7 called at both counters on the same version before either synced: reached at B, not at A.
        call(a, ids, {7: [False]}, "N", wang.user_id)
        call(b, ids, {7: [True]}, "N")
        sync(a, b, a, b)
        marked = {"a": assert_agrees(a), "b": assert_agrees(b)}
        assert_agrees(hq)
        # B's calls arrived at A by sync and mark its orders there, and A's at B; N7 as each holds it.
        assert marked["a"] - {ids["N7"]} == marked["b"] - {ids["N7"]} == {ids["N1"], ids["N2"], ids["N4"]}


def test_a_counters_file_marks_the_orders_at_head_office(hq_db, store, tmp_path):
    """Head office's intake (SQLite and PostgreSQL) applies a counter's file: its orders' marks follow the
    calls in it."""
    from app.hq.receive import receive
    from app.sync import outbox
    from tests.synchelp import enrol_in_process

    enrol_in_process(hq_db, store)
    ids = orders(tmp_path, store, "H", 18)
    call(store, ids, PATTERN, "H")
    outbox.file_waiting(store)
    for waiting in outbox.waiting(store):
        assert receive(hq_db, waiting.path.read_bytes()).status == "stored"
    with hq_db.session() as s:
        assert s.scalar(select(func.count()).select_from(RepairOrder)) == len(ids)
    assert assert_agrees(hq_db) == assert_agrees(store) == {ids[f"H{i}"] for i in (1, 2, 4, 6, 9)}


def test_the_orders_stored_before_the_mark_get_it_from_their_events(store, tmp_path):
    ids = orders(tmp_path, store, "M", 14)
    call(store, ids, PATTERN, "M")
    before = assert_agrees(store)
    downgrade(store.engine, "0022_form_month")
    from app.models.store import upgrade

    upgrade(store.engine)
    assert assert_agrees(store) == before == {ids[f"M{i}"] for i in (1, 2, 4, 6, 9)}


@pytest.mark.parametrize("reached", [True, False])
def test_the_mark_follows_the_events_when_they_change_under_it(store, tmp_path, reached):
    """A change of the order's events outside a call (head office's settled history replacing this
    counter's call): mark_reached works the mark out again from what the events say now."""
    from app.services.orders.call_log import mark_reached

    ids = orders(tmp_path, store, "S", 4)
    record_attempt(store, ids["S1"], None, reached=reached)
    with store.session() as s, s.begin():
        s.execute(text("UPDATE event SET kind = :k WHERE entity_id = :i AND seq > 1"),
                  {"k": "order.call_attempted" if reached else REACHED, "i": ids["S1"]})
        mark_reached(s, [ids["S1"]])
    assert assert_agrees(store) == (set() if reached else {ids["S1"]})
