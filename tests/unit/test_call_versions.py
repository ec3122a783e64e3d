"""A 3-day call is recorded on the version of its repair order the call list showed, as a case's
changes are: when another counter's call reached this counter by sync meanwhile, the call here is
refused in words naming who and when, nothing is written (the form typed on the call included), and
recorded once the person has seen the change. Head office's intake runs in this process on SQLite."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app.foundation import clock
from app.foundation.errors import OrderChanged
from app.foundation.translation import Words
from app.models import Event, FeedbackForm, RepairOrder
from app.services.feedback import forms as feedback_forms
from app.services.orders.calls import due_calls, record_attempt
from app.services.orders.store import import_orders_file
from app.services.people import users
from tests.helpers import csv_file
from tests.synchelp import two_in_process

HEADER = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type"


def at(days_ago: int, hour: int) -> str:
    return (clock.local_now() - timedelta(days=days_ago)).replace(hour=hour, minute=0).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def two(tmp_path):
    """Counters A and B of one dealer, both holding order R1 delivered 4 days ago; B's 李娜 has called
    it (not reached) and synced, after A's call list was read."""
    with two_in_process(tmp_path) as (_, a, b, sync):
        wang = users.create_first_admin(a, "wang", "王强", "1234")
        sync(a)
        sync(b)
        li = users.create_user(b, "li", "李娜", "5678", "advisor", actor_id=wang.user_id)
        row = f"R1,{at(4, 8)},{at(4, 12)},{at(4, 11)},李娜,客户1,13812340001,京A00001,保养"
        import_orders_file(a, csv_file(tmp_path / "o.csv", [row], header=HEADER))
        sync(a)
        sync(b)
        [listed] = due_calls(a)  # A's list, read before B's call arrives
        [at_b] = due_calls(b)
        record_attempt(b, at_b.repair_order_id, li.user_id, reached=False, expected_version=at_b.version)
        sync(b)
        sync(a)
        yield SimpleNamespace(a=a, b=b, listed=listed, wang=wang, sync=sync)


def entry(ro: str) -> feedback_forms.FormEntry:
    return feedback_forms.FormEntry(ro, clock.today() - timedelta(days=4), "客户1", "13812340001", "京A00001",
                                    "E", "B", "A")


def order_state(store, ro_id: str) -> tuple[int, int, int]:
    with store.session() as s:
        return (s.get(RepairOrder, ro_id).version,
                s.scalar(select(func.count()).select_from(Event).where(Event.entity_id == ro_id)),
                s.scalar(select(func.count()).select_from(FeedbackForm)))


@pytest.mark.parametrize("how", ["not reached", "reached, its form typed"])
def test_a_call_on_an_order_changed_meanwhile_is_refused_and_nothing_is_written(two, how):
    ro_id, seen = two.listed.repair_order_id, two.listed.version
    before = order_state(two.a, ro_id)
    assert before[0] == seen + 1  # B's call moved the order on
    with pytest.raises(OrderChanged) as refused:
        if how == "not reached":
            record_attempt(two.a, ro_id, two.wang.user_id, reached=False, expected_version=seen)
        else:
            feedback_forms.enter_form(two.a, entry("R1"), two.wang, call_on=(ro_id, seen))
    assert order_state(two.a, ro_id) == before  # no call, no form
    assert refused.value.render().startswith("Repair order R1 was changed by 李娜 at another counter at ")
    assert "The call was not recorded, and anything you typed is still here" in refused.value.render()
    zh = refused.value.render(Words("zh_CN"))
    assert "R1" in zh and "李娜" in zh and "Repair order" not in zh
    # Seen the change (the version it names), the call is recorded on top of it.
    version = refused.value.params["version"]
    if how == "not reached":
        assert record_attempt(two.a, ro_id, two.wang.user_id, reached=False, expected_version=version) == version + 1
        assert [c.attempts for c in due_calls(two.a)] == [2]
    else:
        saved = feedback_forms.enter_form(two.a, entry("R1"), two.wang, call_on=(ro_id, version))
        assert due_calls(two.a) == []
        with two.a.session() as s:
            last = s.scalar(select(Event).where(Event.entity_id == ro_id).order_by(Event.seq.desc()).limit(1))
            assert (last.kind, last.payload["form_id"], last.seq) == ("order.call_reached", saved.form_id, version + 1)
    # and it travels: the other counter sees it
    two.sync(two.a)
    two.sync(two.b)
    assert order_state(two.b, ro_id)[:2] == order_state(two.a, ro_id)[:2]


def test_a_call_on_the_version_it_was_listed_at_is_recorded(two):
    two.sync(two.a)
    [fresh] = due_calls(two.a)
    assert fresh.attempts == 1
    assert record_attempt(two.a, fresh.repair_order_id, two.wang.user_id, reached=False,
                          expected_version=fresh.version) == fresh.version + 1


def test_without_a_version_the_command_line_and_tests_record_as_before(two):
    ro_id = two.listed.repair_order_id
    assert record_attempt(two.a, ro_id, None, reached=False) == two.listed.version + 2
