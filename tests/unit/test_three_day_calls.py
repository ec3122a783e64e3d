"""The 3-day call: due on day 3 after delivery until day 15, riskiest first, attempts recorded as events of
the order, reached when its form is in; the month's figures (due, reached, unreachable, failures found)."""

from datetime import timedelta

from sqlalchemy import select

from app.foundation import clock
from app.models import Dealer, Event
from app.services import settings
from app.services.imports.feedback_store import import_feedback_file
from app.services.orders.calls import call_figures, due_calls, record_attempt
from app.services.orders.store import import_orders_file
from tests.helpers import csv_file, form_line

HEADER = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type"


def at(days_ago: int, hour: int) -> str:
    return (clock.local_now() - timedelta(days=days_ago)).replace(hour=hour, minute=0).strftime("%Y-%m-%d %H:%M")


def order(ro, days_ago, *, late=False, i=0):
    return (f"{ro},{at(days_ago, 8)},{at(days_ago, 12)},{at(days_ago, 15 if late else 11)},张伟,客户{i},"
            f"1381234{i:04d},京A{i:05d},保养")


def test_due_from_day_three_to_day_fifteen_riskiest_first_with_reasons(store, tmp_path):
    history = [order(f"H{i}", 40, late=i % 2 == 1, i=i) for i in range(40)]
    forms = [form_line(at(40, 0)[:10], f"H{i}", "ADA" if i % 2 else "AAA", customer=f"客户{i}",
                       phone=f"1381234{i:04d}", plate=f"京A{i:05d}") for i in range(40)]
    now = [order("D2", 2, i=50), order("D3", 3, i=51), order("D5-late", 5, late=True, i=52), order("D14", 14, i=53),
           order("D15", 15, i=54)]
    import_orders_file(store, csv_file(tmp_path / "o.csv", history + now, header=HEADER))
    import_feedback_file(store, csv_file(tmp_path / "f.csv", forms))
    calls = due_calls(store)
    assert [c.repair_order for c in calls] == ["D5-LATE", "D14", "D3"]  # by risk, then by due day
    assert calls[0].risk > 0.8 > 0.2 > calls[1].risk
    assert [text.format(**p) for text, p in calls[0].reasons] == ["promised time missed by 3.0 h"]
    assert calls[1].expires_on == calls[1].delivered_on + timedelta(days=15)
    with store.session() as s, s.begin():
        settings.put(s, "calls.due_day", 2)
    assert "D2" in [c.repair_order for c in due_calls(store)]

    d3 = calls[2]
    record_attempt(store, d3.repair_order_id, None, reached=False, note="no answer")
    assert [c.attempts for c in due_calls(store) if c.repair_order == "D3"] == [1]
    record_attempt(store, d3.repair_order_id, None, reached=True)
    assert "D3" not in [c.repair_order for c in due_calls(store)]
    with store.session() as s:
        kinds = s.scalars(select(Event.kind).where(Event.entity_id == d3.repair_order_id).order_by(Event.seq)).all()
        assert kinds == ["order.created", "order.call_attempted", "order.call_reached"]
        dealer_id = s.scalar(select(Dealer.id))
        today = clock.today()
        fig = call_figures(s, dealer_id, today - timedelta(days=60), today)
    # due in the window: the 40 of history (their forms came in another way), D2 to D15
    assert (fig.due, fig.reached, fig.failures_found) == (45, 1, 0)
    assert fig.unreachable == 1  # D15: its 15th day has come without a call reached


def test_the_monthly_summary_carries_the_calls_figures(store, tmp_path):
    from app.services.assessment import month_summary

    rows = [order(f"M{i}", 5, i=i) for i in range(4)]
    import_orders_file(store, csv_file(tmp_path / "o.csv", rows, header=HEADER))
    calls = due_calls(store)
    record_attempt(store, calls[0].repair_order_id, None, reached=False)
    record_attempt(store, calls[1].repair_order_id, None, reached=True)
    month = (clock.today() - timedelta(days=2)).strftime("%Y-%m")  # their due day: delivered 5 days ago + 3
    got = month_summary(store, month).to_json()["calls"]
    assert got == {"calls_due": 4, "calls_reached": 1, "calls_unreachable": 0, "call_failures_found": 0,
                   "call_completion_rate": 0.25, "call_reach_rate": 0.25}


def test_today_shows_the_months_call_figures_as_the_monthly_summary_counts_them(store, tmp_path):
    """One definition: Today's completion, reach and failures found are the monthly summary's for this month;
    a call whose due day is still to come counts in neither yet."""
    from app.services.assessment import month_summary
    from app.services.today.worklist import today_figures

    rows = [order(f"N{i}", 3, i=i) for i in range(4)] + [order("LATER", 1, i=9)]  # due today; due in 2 days
    import_orders_file(store, csv_file(tmp_path / "o.csv", rows, header=HEADER))
    calls = {c.repair_order: c for c in due_calls(store)}
    record_attempt(store, calls["N0"].repair_order_id, None, reached=False)
    import_feedback_file(store, csv_file(tmp_path / "f.csv", [form_line(at(3, 0)[:10], "N1", "DBA", customer="客户1",
                                                                        phone="13812340001", plate="京A00001")]))
    record_attempt(store, calls["N1"].repair_order_id, None, reached=True)
    record_attempt(store, calls["N2"].repair_order_id, None, reached=True)
    on_today = today_figures(store).calls
    assert (on_today.due, on_today.reached, on_today.unreachable, on_today.failures_found) == (4, 2, 0, 1)
    assert on_today.to_json() == month_summary(store, clock.today().strftime("%Y-%m")).to_json()["calls"]
    assert (on_today.completion_rate, on_today.reach_rate) == (0.5, 0.5)


def test_the_call_list_refits_once_a_day(store, tmp_path, monkeypatch):
    """Refitting reads every order: opening the call list again the same day ranks by the model kept today;
    the next day it is fitted again, by `orders refit` in a process of its own."""
    import app.services.orders.calls as calls_module
    from app.services.predict import elsewhere
    history = [order(f"H{i}", 40, late=i % 2 == 1, i=i) for i in range(20)]
    forms = [form_line(at(40, 0)[:10], f"H{i}", "ADA" if i % 2 else "AAA", customer=f"客户{i}",
                       phone=f"1381234{i:04d}", plate=f"京A{i:05d}") for i in range(20)]
    import_orders_file(store, csv_file(tmp_path / "o.csv", history + [order("D5", 5, late=True, i=52)], header=HEADER))
    import_feedback_file(store, csv_file(tmp_path / "f.csv", forms))
    first = due_calls(store)

    def no_refit(*_a, **_k):
        raise AssertionError("refitted twice the same day")
    monkeypatch.setattr(calls_module, "refit_elsewhere", no_refit)
    assert [(c.repair_order, c.risk) for c in due_calls(store)] == [(c.repair_order, c.risk) for c in first]
    monkeypatch.undo()
    commands, real = [], elsewhere.fit_command

    def counted(data_dir):
        commands.append(real(data_dir))
        return commands[-1]
    monkeypatch.setattr(elsewhere, "fit_command", counted)
    due_calls(store, today=clock.today() + timedelta(days=1))
    assert [c[-3:] for c in commands] == [["orders", "refit", "--background"]]  # a model kept yesterday: fitted again



def test_the_calls_figures_count_every_reached_call_whatever_the_orders_history(store, tmp_path):
    """A reached call counts whatever came before it on its order (imported once, imported and updated,
    made by a form and filled by an import later, attempted first): the figures read through the event
    index's seq range say what every event of the orders says."""
    from app.models import RepairOrder
    from app.services.orders.call_log import REACHED

    plain = [order(f"P{i}", 5, i=i) for i in range(6)]
    import_orders_file(store, csv_file(tmp_path / "o1.csv", plain, header=HEADER))
    # F0, F1: made by their forms first (no history of their own), delivered by the import that follows.
    import_feedback_file(store, csv_file(tmp_path / "f.csv", [
        form_line(at(5, 0)[:10], f"F{i}", "DBA" if i else "AAA", customer=f"客户{10 + i}",
                  phone=f"1381234{10 + i:04d}", plate=f"京A{10 + i:05d}") for i in range(2)]))
    updated = [order("P0", 5, late=True, i=0)]  # P0 updated by a second import: its call is its third event
    made_by_form = [order(f"F{i}", 5, i=10 + i) for i in range(2)]
    import_orders_file(store, csv_file(tmp_path / "o2.csv", updated + made_by_form, header=HEADER))
    with store.session() as s:
        ids = dict(s.execute(select(RepairOrder.number, RepairOrder.id)).all())
    for ro, attempts in {"P0": [True], "P1": [False, True], "P2": [False], "P3": [True, True], "F0": [True],
                         "F1": [False, True]}.items():
        for reached in attempts:
            record_attempt(store, ids[ro], None, reached=reached)
    today = clock.today()
    with store.session() as s:
        dealer_id = s.scalar(select(Dealer.id))
        got = call_figures(s, dealer_id, today - timedelta(days=30), today)
        # Plainly: every order with a reached call among all its events.
        reached = s.execute(select(Event.entity_id, Event.seq)
                            .where(Event.entity_type == "order", Event.kind == REACHED)).all()
    assert {seq for _, seq in reached} >= {2, 3, 4}  # second, third and fourth events of their orders
    assert got.reached == len({order_id for order_id, _ in reached}) == 5
    assert (got.due, got.unreachable, got.failures_found) == (len(plain) + len(made_by_form), 0, 1)  # F1: DBA


def test_the_calls_figures_and_the_days_calls_read_no_event(store, tmp_path):
    """The reached calls are counted from the orders' reached mark in the (dealer, delivered, id, reached)
    index: no statement of the figures or of the day's calls looks an order up in the event index (one
    lookup per order of the month was most of Today's calls figure at 100k cases), and the figures read
    no order's row."""
    from app.services.orders.calls import due_rows
    from tests.helpers import plans_of

    import_orders_file(store, csv_file(tmp_path / "o.csv", [order(f"Q{i}", 5, i=i) for i in range(3)],
                                       header=HEADER))
    today = clock.today()
    with store.session() as s:
        dealer_id = s.scalar(select(Dealer.id))
        figures = plans_of(store, lambda: call_figures(s, dealer_id, today - timedelta(days=30), today))
        due = plans_of(store, lambda: due_rows(s, dealer_id, today))
    lines = [line for _, plan in figures + due for line in plan]
    assert not [line for line in lines if " event " in f"{line} "], lines
    [orders] = [line for _, plan in figures for line in plan if line.split()[1:2] == ["repair_order"]]
    assert orders.startswith("SEARCH repair_order USING COVERING INDEX ix_repair_order_dealer_delivered"), orders
