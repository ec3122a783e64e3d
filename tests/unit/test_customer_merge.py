"""One customer, one record: a returning customer is found by phone and by plate; two records of one
person are merged by a supervisor, history kept, and every place settles the same merge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.foundation import clock
from app.foundation.errors import InvalidInput, NotFound
from app.models import Customer, Event, FailureCase, RepairOrder, Vehicle
from app.rules.identifiers import PLATE_UNKNOWN
from app.services.cases import case_queries
from app.services.cases import complaints
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.cases.case_log import NotAllowed
from app.services.customers import merging
from app.services.customers.merging import merge_customers, survivors
from tests.synchelp import new_case


def m(at: str, into: str, frm: str) -> list[str]:
    return [at, f"m-{at}", frm, into]


@pytest.mark.parametrize("merges,expected", [
    ([m("1", "B", "A")], {"A": "B"}),
    ([m("1", "B", "A"), m("2", "C", "B")], {"A": "C", "B": "C"}),           # a chain
    ([m("2", "C", "B"), m("1", "B", "A")], {"A": "C", "B": "C"}),           # the same merges, another order
    ([m("1", "B", "A"), m("2", "A", "B")], {"B": "A"}),                     # merged both ways: the latest wins
    ([m("1", "B", "A"), m("1", "D", "C")], {"A": "B", "C": "D"}),           # two people
    ([m("1", "B", "A"), m("2", "B", "C")], {"A": "B", "C": "B"}),
    ([m("1", "B", "A"), m("2", "C", "A")], {"A": "C", "B": "C"}),           # A was merged twice: one person
], ids=["one", "chain", "chain-reordered", "both-ways", "two-people", "two-into-one", "twice"])
def test_every_place_settles_on_the_same_record(merges, expected):
    assert survivors(merges) == expected
    assert survivors(list(reversed(merges))) == expected  # arrival order never matters


def _form(store, who, ro, name, phone, plate, days=1):
    return feedback_forms.enter_form(store, feedback_forms.FormEntry(
        ro, clock.today() - timedelta(days=days), name, phone, plate, "A", "B", "C"), who)


def _customers(store) -> list[tuple[str, str]]:
    with store.session() as s:
        return sorted(s.execute(select(Customer.name, Customer.phone)).all())


@pytest.fixture
def admin(store):
    return users.create_first_admin(store, "admin", "管理员", "1234")


@pytest.mark.parametrize("second,same", [
    (("李明", "13812345678", "京B99999"), True),      # another car, same phone
    (("李明", "13987654321", "京A12345"), True),      # another phone, same plate
    (("李明", "139 8765 4321", "京a12345"), True),    # the phone and plate in their one form
    (("王芳", "13812345678", "京A12345"), False),     # someone else with the phone and the car: not by name alone
    (("李明", "13987654321", PLATE_UNKNOWN), False),  # an unknown plate names nobody
    (("李明", "13987654321", "京C11111"), False),     # only the name: two people may share it
], ids=["phone", "plate", "typed-loosely", "other-name", "plate-unknown", "name-only"])
@pytest.mark.parametrize("how", ["complaint", "form"])
def test_a_returning_customer_is_found_by_phone_and_by_plate(store, admin, second, same, how):
    complaints.record_complaint(store, new_case(customer_name="李明", phone="13812345678", plate="京A12345"),
                                admin.user_id)
    name, phone, plate = second
    if how == "complaint":
        complaints.record_complaint(store, new_case(customer_name=name, phone=phone, plate=plate), admin.user_id)
    else:
        _form(store, admin, "RO2", name, phone, plate)
    assert len(_customers(store)) == (1 if same else 2)


@pytest.fixture
def two_records(store, admin):
    """李明 recorded twice: a complaint under one phone and plate, a form under another."""
    first = complaints.record_complaint(store, new_case(customer_name="李明", phone="13812345678", plate="京A12345"),
                                        admin.user_id)
    _form(store, admin, "RO7", "李明", "13900000001", "京B22222")
    with store.session() as s:
        keep = s.scalar(select(FailureCase.customer_id).where(FailureCase.id == first.id))
        other = s.scalar(select(Customer.id).where(Customer.id != keep))
    return keep, other


def test_a_supervisor_merges_two_records_of_one_customer(store, admin, two_records):
    keep, other = two_records
    sup = users.create_user(store, "sup", "赵主管", "2468", "supervisor", actor_id=admin.user_id)
    before = case_queries.customer_history(store, other)
    assert len(before.visits) == 1 and not before.cases
    done = merge_customers(store, keep, other, sup.user_id)
    assert (done.cases, done.forms) == (0, 1)
    after = case_queries.customer_history(store, keep)
    assert {v.repair_order for v in after.visits} == {"RO7"} and len(after.cases) == 1
    with pytest.raises(NotFound):
        case_queries.customer_history(store, other)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 1
        assert set(s.scalars(select(Vehicle.plate))) == {"京A12345", "京B22222"}  # both cars kept, on the survivor
        assert set(s.scalars(select(Vehicle.customer_id))) == {keep}
        ev = s.scalar(select(Event).where(Event.kind == merging.FORM_MERGED))
        # The form's history is kept and grows by the merge: who, when, what was merged into what.
        assert (ev.actor_id, ev.seq, ev.payload["from"], ev.payload["into"]) == (sup.user_id, 2, other, keep)
        assert [e.kind for e in s.scalars(select(Event).where(Event.entity_id == ev.entity_id)
                                          .order_by(Event.seq))] == ["form.created", merging.FORM_MERGED]


@pytest.mark.parametrize("role,survivor,merged,error", [
    ("advisor", "keep", "other", NotAllowed),
    (None, "keep", "other", NotAllowed),  # the command line without --as
    ("supervisor", "keep", "keep", InvalidInput),
    ("supervisor", "keep", "nobody", NotFound),
], ids=["advisor", "nobody", "same-record", "unknown"])
def test_a_merge_is_refused_with_nothing_changed(store, admin, two_records, role, survivor, merged, error):
    ids = {"keep": two_records[0], "other": two_records[1], "nobody": "0" * 36}
    actor = users.create_user(store, "x", "某人", "2468", role, actor_id=admin.user_id).user_id if role else None
    before = _customers(store)
    with pytest.raises(error):
        merge_customers(store, ids[survivor], ids[merged], actor)
    assert _customers(store) == before


def test_the_same_car_on_both_records_becomes_one_vehicle(store, admin):
    complaints.record_complaint(store, new_case(customer_name="李明", phone="13812345678", plate="京A12345"),
                                admin.user_id)
    complaints.record_complaint(store, new_case(customer_name="李明", phone="13900000001", plate="京B22222"),
                                admin.user_id)
    # The second record's car later seen with the first record's plate too (typed under the other phone).
    with store.session() as s, s.begin():
        a, b = s.scalars(select(Customer.id).order_by(Customer.created_at, Customer.id)).all()
        s.execute(Vehicle.__table__.update().where(Vehicle.customer_id == b).values(plate="京A12345"))
    merge_customers(store, a, b, admin.user_id)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Vehicle)) == 1
        vid = s.scalar(select(Vehicle.id))
        assert set(s.scalars(select(FailureCase.vehicle_id))) == {vid}
        assert set(s.scalars(select(FailureCase.customer_id))) == {a}
        assert set(s.scalars(select(RepairOrder.customer_id))) <= {a}
