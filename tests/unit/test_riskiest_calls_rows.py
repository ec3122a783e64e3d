"""Today's riskiest-calls box reads the same calls as the plain definition (delivered from day 3 to before
day 15, no form, no reached call), order by order, and its due orders' form is asked of the form's order
index alone and their reached call of the order's mark, so a plan that reads every form's row, or looks
each order up in the event index, can't come back."""

import re
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import bindparam, text

from app.foundation import clock
from app.models import RepairOrder
from app.services.imports.feedback_store import import_feedback_file
from app.services.orders.calls import due_calls, record_attempt
from app.services.orders.riskiest import SHOWN, riskiest_calls
from app.services.predict.risk_model import refit
from tests.helpers import csv_file, form_line, plans_of
from tests.unit.test_riskiest_calls import stocked
from tests.unit.test_three_day_calls import at, order

# (order, delivered days ago, a form in, calls made: "" none, "tried" not reached, "reached"), due today
TABLE = [
    ("DAY1", 1, False, "", False),  # before its due day
    ("DAY2", 2, False, "", False),
    ("DAY3", 3, False, "", True),  # due from day 3
    ("DAY3-LATE", 3, False, "", True),
    ("DAY5-LATE", 5, False, "", True),
    ("DAY8", 8, False, "", True),
    ("DAY10-LATE", 10, False, "", True),
    ("DAY14", 14, False, "", True),  # the last day
    ("DAY15", 15, False, "", False),  # expired unreachable
    ("DAY20-LATE", 20, False, "", False),
    ("FORM4", 4, True, "", False),  # formed: nothing to call
    ("FORM6-LATE", 6, True, "", False),
    ("FORM-REACHED", 7, True, "reached", False),
    ("REACHED", 5, False, "reached", False),  # reached, its form still to come
    ("TRIED", 6, False, "tried", True),  # not reached: still due
    ("TRIED-LATE", 9, False, "tried", True),
    ("TRIED-EXPIRED", 16, False, "tried", False),
]

# The definition as it read before (a left join on the form), the reference the box must agree with.
PLAIN = """
SELECT ro.number FROM repair_order ro LEFT JOIN feedback_form f ON f.repair_order_id = ro.id
WHERE ro.delivered_at >= :lo AND ro.delivered_at < :hi AND f.id IS NULL
  AND NOT EXISTS (SELECT 1 FROM event e WHERE e.entity_type = 'order' AND e.entity_id = ro.id
                  AND e.kind = 'order.call_reached')"""


@pytest.fixture
def desk(store, tmp_path):
    stocked(store, tmp_path, [order(n, days, late=n.endswith("LATE"), i=100 + k)
                              for k, (n, days, *_rest) in enumerate(TABLE)])
    forms = [form_line(at(days, 0)[:10], n, "AAA", customer=f"客户{100 + k}", phone=f"1381234{100 + k:04d}",
                       plate=f"京A{100 + k:05d}") for k, (n, days, formed, *_r) in enumerate(TABLE) if formed]
    import_feedback_file(store, csv_file(tmp_path / "formed.csv", forms))
    with store.session() as s:
        ids = dict(s.execute(text("SELECT number, id FROM repair_order")).all())
    for n, _days, _formed, calls, _due in TABLE:
        if calls:
            record_attempt(store, ids[n], None, reached=calls == "reached")
    return store


def plain_due(store) -> set[str]:
    today = clock.today()
    lo = datetime.combine(today - timedelta(days=14), time()).astimezone()
    hi = datetime.combine(today - timedelta(days=2), time()).astimezone()
    at_type = RepairOrder.delivered_at.type  # the dates bound as the column stores them
    query = text(PLAIN).bindparams(bindparam("lo", lo, type_=at_type), bindparam("hi", hi, type_=at_type))
    with store.session() as s:
        return set(s.scalars(query))


@pytest.mark.parametrize("number, days, formed, calls, due", TABLE, ids=[t[0] for t in TABLE])
def test_each_order_is_due_as_the_plain_definition_says(desk, number, days, formed, calls, due):
    every = riskiest_calls(desk, limit=None)  # before a model: every due call, each risk unknown
    assert (number in {c.repair_order for c in every.calls}) == due
    assert (number in plain_due(desk)) == due


def test_the_box_shows_the_riskiest_of_the_same_due_calls(desk):
    expected = {n for n, *_r, due in TABLE if due}
    assert plain_due(desk) == expected
    assert riskiest_calls(desk).due == len(expected)
    refit(desk)
    box = riskiest_calls(desk)
    every = riskiest_calls(desk, limit=None)
    assert box.due == every.due == len(expected)
    assert {c.repair_order for c in every.calls} == expected
    # the box: the first SHOWN of the whole ranking, the same calls with the same risk, reasons and attempts
    assert box.calls == every.calls[:SHOWN] and len(box.calls) == SHOWN
    assert [c.repair_order for c in due_calls(desk)] == [c.repair_order for c in every.calls]
    assert {c.repair_order: c.attempts for c in every.calls if c.attempts} == {"TRIED": 1, "TRIED-LATE": 1}


def test_the_form_is_asked_of_its_order_index_alone_and_no_event_is_read(desk):
    refit(desk)
    seen = [" / ".join(lines) for statement, lines in plans_of(desk, lambda: riskiest_calls(desk)) if "delivered_at >=" in statement]
    assert len(seen) == 1, seen
    plan = seen[0]
    # The orders not reached from the index alone, grouped by id: their forms asked in the order of the
    # form's (order) index, not in delivery order (at 100k cases 9.2 -> 8.0 ms for the 6,590 orders of the range)
    assert re.match(r"MATERIALIZE (anon_\d+) / SEARCH repair_order USING COVERING INDEX ix_repair_order_dealer_delivered"
                    r" \(dealer_id=\? AND delivered_at>\? AND delivered_at<\?\) / USE TEMP B-TREE FOR GROUP BY / SCAN \1"
                    r" / CORRELATED SCALAR SUBQUERY", plan), plan
    assert "SEARCH feedback_form USING COVERING INDEX" in plan, plan  # every order's form from the index
    assert "SEARCH repair_order USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan  # a due order's row: by its rowid
    assert " event " not in f"{plan} ", plan  # the reached call from the order's mark (in the same index)
    assert plan.count("SCAN ") == 1 and "LEFT-JOIN" not in plan.split("SEARCH feedback_form")[1].split(" / ")[0], plan


# due_rows as it read before its orders were grouped by id: the reference for the rows themselves.
def due_rows_before(s, dealer_id, today):
    from sqlalchemy import select

    from app.models import Customer, FeedbackForm, User, Vehicle
    from app.services.orders.calls import _days

    due_day, expire_day = _days(s)
    lo = datetime.combine(today - timedelta(days=expire_day - 1), time()).astimezone()
    hi = datetime.combine(today - timedelta(days=due_day - 1), time()).astimezone()
    has_form = select(FeedbackForm.repair_order_id).where(FeedbackForm.repair_order_id == RepairOrder.id).exists()
    return s.execute(
        select(RepairOrder.id, RepairOrder.number, RepairOrder.version, RepairOrder.delivered_at,
               RepairOrder.work_type, Customer.name, Customer.phone, Vehicle.plate, User.display_name)
        .join(Customer, Customer.id == RepairOrder.customer_id)
        .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
        .outerjoin(User, User.id == RepairOrder.advisor_id)
        .where(RepairOrder.dealer_id == dealer_id, RepairOrder.delivered_at >= lo, RepairOrder.delivered_at < hi,
               ~RepairOrder.call_reached, ~has_form)).all()


@pytest.mark.parametrize("shift", [0, 2, 5, 9])
def test_the_due_rows_are_those_read_before_their_orders_were_grouped(desk, shift):
    """Every column of every due row as read before, on days that move the range over the table's orders,
    and with an order's vehicle and advisor gone (the outer joins)."""
    from app.services.orders.calls import due_rows

    with desk.session() as s:
        s.execute(text("UPDATE repair_order SET vehicle_id = NULL, advisor_id = NULL WHERE number = 'DAY8'"))
        dealer_id = desk.identity.home_dealer_id
        today = clock.today() + timedelta(days=shift)
        new, before = due_rows(s, dealer_id, today), due_rows_before(s, dealer_id, today)
        assert sorted(map(tuple, new)) == sorted(map(tuple, before))
        assert len(new) == len({r.id for r in new})
        if shift == 0:
            assert {r.number for r in new} == {n for n, *_r, due in TABLE if due}
            assert any(r.plate is None and r.display_name is None for r in new)


def test_the_due_rows_are_read_without_the_orm_layer(desk):
    """EarlyReads reads them before sign-in: a statement of columns only, compiled without the ORM layer."""
    from sqlalchemy import event

    from app.services.orders.calls import due_rows

    seen = []
    listen = lambda state: seen.append((state.is_orm_statement, str(state.statement)))  # noqa: E731
    event.listen(desk.session_factory, "do_orm_execute", listen)
    try:
        with desk.session() as s:
            assert due_rows(s, desk.identity.home_dealer_id, clock.today())
    finally:
        event.remove(desk.session_factory, "do_orm_execute", listen)
    [orm] = [orm for orm, statement in seen if "delivered_at >=" in statement]
    assert not orm
