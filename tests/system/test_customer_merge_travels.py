"""A merge of two records of one customer travels: head office and the dealer's other counter settle
the same merge, a case recorded meanwhile under the merged record follows it, a merge made both ways
at once ends on one record everywhere, and a file applied twice changes nothing. Head office's intake
runs in this process on SQLite here: the apply code is the one `hq serve` runs (the network test
over PostgreSQL is tests/system/test_customer_merge_network.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.models import Customer, FailureCase, RepairOrder
from app.services.cases import complaints
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.customers.merging import merge_customers
from tests.synchelp import new_case, two_in_process

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")


def _state(db) -> tuple:
    """Who the customers are and whose every case and repair order is."""
    with db.session() as s:
        return (sorted(s.execute(select(Customer.id, Customer.name, Customer.phone)).all()),
                sorted(s.execute(select(FailureCase.id, FailureCase.customer_id)).all()),
                sorted(s.execute(select(RepairOrder.number, RepairOrder.customer_id)).all()))


def test_a_merge_made_at_one_counter_is_made_everywhere(tmp_path):
    with two_in_process(tmp_path) as (db, a, b, sync):
        admin_a = users.create_first_admin(a, "admin", "管理员", "1234")
        admin_b = users.create_first_admin(b, "admin", "管理员", "1234")

        # 李明 twice at counter a: a complaint, and a form under another phone and car.
        first = complaints.record_complaint(a, new_case(customer_name="李明", phone="13812345678",
                                                        plate="京A12345"), admin_a.user_id)
        feedback_forms.enter_form(a, feedback_forms.FormEntry(
            "RO7", clock.today() - timedelta(days=1), "李明", "13900000001", "京B22222", "A", "B", "C"), admin_a)
        # And a pair recorded at both counters, to be merged both ways at once.
        x = complaints.record_complaint(a, new_case(customer_name="王芳", phone="13700000001", plate="京C33333"),
                                        admin_a.user_id)
        complaints.record_complaint(a, new_case(customer_name="王芳", phone="13700000002", plate="京D44444"),
                                    admin_a.user_id)
        sync(a, b, a)
        with a.session() as s:
            keep = s.scalar(select(FailureCase.customer_id).where(FailureCase.id == first.id))
            other = s.scalar(select(RepairOrder.customer_id).where(RepairOrder.number == "RO7"))
            wx = s.scalar(select(FailureCase.customer_id).where(FailureCase.id == x.id))
            wy = s.scalar(select(Customer.id).where(Customer.name == "王芳", Customer.id != wx))
        assert _state(a) == _state(b) == _state(db) and len(_state(db)[0]) == 4

        # Counter b, not yet synced, records another complaint of 李明 under the second record.
        late = complaints.record_complaint(b, new_case(customer_name="李明", phone="13900000001",
                                                       plate="京B22222"), admin_b.user_id)
        merge_customers(a, keep, other, admin_a.user_id)
        merge_customers(a, wy, wx, admin_a.user_id)  # 王芳 kept on wy at a...
        merge_customers(b, wx, wy, admin_b.user_id)  # ...and on wx at b, at the same time
        sync(a, b, a, b)

        states = [_state(st) for st in (a, b, db)]
        assert states[0] == states[1] == states[2], states
        customers, cases, ros = states[0]
        assert [c[1] for c in customers] == ["李明", "王芳"]
        assert (late.id, keep) in cases and ("RO7", keep) in ros  # the late case followed the merge
        assert {c[0] for c in customers} == {keep, wx}  # both ways: the later merge decides, everywhere

        sync(a, b, a, b)  # the same files again, nothing new: nothing changes
        assert [_state(st) for st in (a, b, db)] == states
