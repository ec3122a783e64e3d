"""Today's riskiest 3-day calls: the due calls only (from day 3, before day 15, no form, not reached),
the riskiest first by the model the desk last fitted, at most a few, this dealer's alone, read through the
(dealer, delivered) index; nothing is fitted while Today loads."""

import re

import pytest
from sqlalchemy import update

from app.foundation import clock
from app.models import Dealer, RepairOrder
from app.rules.risk import level_words
from app.services.imports.feedback_store import import_feedback_file
from app.services.orders.calls import due_calls, record_attempt
from app.services.orders.riskiest import riskiest_calls
from app.services.orders.store import import_orders_file
from app.services.predict.risk_model import refit, saved_model
from tests.helpers import csv_file, form_line, plans_of
from tests.unit.test_three_day_calls import HEADER, at, order


def stocked(store, tmp_path, now):
    """Forty orders of history (the late ones failed) and ``now``'s orders."""
    history = [order(f"H{i}", 40, late=i % 2 == 1, i=i) for i in range(40)]
    forms = [form_line(at(40, 0)[:10], f"H{i}", "ADA" if i % 2 else "AAA", customer=f"客户{i}",
                       phone=f"1381234{i:04d}", plate=f"京A{i:05d}") for i in range(40)]
    import_orders_file(store, csv_file(tmp_path / "o.csv", history + now, header=HEADER))
    import_feedback_file(store, csv_file(tmp_path / "f.csv", forms))


def numbers(result):
    return [c.repair_order for c in result.calls]


def test_nothing_ranked_before_a_model_is_fitted_then_the_riskiest_first(store, tmp_path):
    stocked(store, tmp_path, [order("A", 4, i=50), order("B-LATE", 5, late=True, i=51), order("C", 6, i=52),
                              order("D-LATE", 7, late=True, i=53)])
    first = riskiest_calls(store)
    assert (first.calls, first.due, first.fitted_on) == ((), 4, None)  # Today never fits: it asks for it
    refit(store)
    got = riskiest_calls(store)
    assert got.fitted_on == clock.today() and got.due == 4
    assert numbers(got) == ["D-LATE", "B-LATE", "C", "A"]  # by risk, then by due day
    assert got.calls[0].risk > 0.8 > 0.2 > got.calls[2].risk
    assert [text.format(**p) for text, p in got.calls[0].reasons] == ["promised time missed by 3.0 h"]
    assert numbers(riskiest_calls(store, limit=2)) == ["D-LATE", "B-LATE"]
    # the call list ranks them the same (it fits afresh, on the same history)
    assert [c.repair_order for c in due_calls(store)] == numbers(got)


def test_only_the_calls_due_and_not_made(store, tmp_path):
    stocked(store, tmp_path, [order("DAY1", 1, i=60), order("DAY2", 2, i=61), order("DAY3", 3, i=62),
                              order("DAY14", 14, i=63), order("DAY15", 15, i=64), order("FORM", 5, i=65),
                              order("REACHED", 5, i=66), order("TRIED", 5, i=67)])
    import_feedback_file(store, csv_file(tmp_path / "f2.csv", [form_line(at(5, 0)[:10], "FORM", "AAA",
                                                                           customer="客户65", phone="13812340065",
                                                                           plate="京A00065")]))
    refit(store)
    by = {c.repair_order: c for c in due_calls(store)}
    record_attempt(store, by["REACHED"].repair_order_id, None, reached=True)
    record_attempt(store, by["TRIED"].repair_order_id, None, reached=False)
    got = riskiest_calls(store, limit=50)
    assert sorted(numbers(got)) == ["DAY14", "DAY3", "TRIED"] and got.due == 3
    assert [c.attempts for c in got.calls if c.repair_order == "TRIED"] == [1]


def test_another_dealers_orders_are_not_this_desks(store, tmp_path):
    stocked(store, tmp_path, [order("MINE", 4, i=70), order("THEIRS-LATE", 4, late=True, i=71)])
    with store.session() as s, s.begin():
        s.add(Dealer(id="other-dealer", code="D9", name="D9", created_at=clock.now()))
        s.flush()
        s.execute(update(RepairOrder).where(RepairOrder.number == "THEIRS-LATE").values(dealer_id="other-dealer"))
    refit(store)
    got = riskiest_calls(store)
    assert numbers(got) == ["MINE"] and got.due == 1
    with store.session() as s:
        assert saved_model(s, "other-dealer") is None  # the model is this dealer's


def test_read_through_the_dealer_delivered_index_without_the_whole_history(store, tmp_path):
    stocked(store, tmp_path, [order("A", 4, i=50), order("B-LATE", 5, late=True, i=51)])
    refit(store)
    called = []
    plans = plans_of(store, lambda: called.append(riskiest_calls(store)))
    assert numbers(called[0]) == ["B-LATE", "A"]
    seen = [(statement, " / ".join(lines)) for statement, lines in plans]
    due = [p for st, p in seen if "delivered_at >=" in st]
    assert due and "ix_repair_order_dealer_delivered (dealer_id=? AND delivered_at>? AND delivered_at<?)" in due[0]
    history = [p for st, p in seen if "FROM repair_order" in st and "customer_id IN" in st]
    assert history and "ix_repair_order_customer_id" in history[0] and "ix_repair_order_vehicle_opened" in history[0]
    for statement, plan in seen:  # no table read whole, nor the dealer's whole history through its index
        assert not re.search(r"SCAN (?!anon_)", plan), (statement, plan)  # the due orders' ids, read from the index, aside
        assert "(dealer_id=?) " not in plan + " " or "early_warning" in plan, (statement, plan)


@pytest.mark.parametrize("risk, words", [(0.0, "low risk"), (0.199, "low risk"), (0.2, "raised risk"),
                                         (0.499, "raised risk"), (0.5, "high risk"), (1.0, "high risk")])
def test_a_risks_level_in_words(risk, words):
    assert level_words(risk) == words
