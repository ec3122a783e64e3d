"""What the risk reads of each order from the store, as known at its delivery: a comeback (and after a
failed visit), a missed promise, a long stay, an earlier failure and an open case of the customer, an
advisor or work type drifting; each turned into a reason in words."""

from datetime import date, datetime, timezone

from sqlalchemy import select

from app.models import Dealer
from app.services.cases.opening import open_case
from app.services.imports.feedback_store import import_feedback_file
from app.services.orders.store import import_orders_file
from app.services.predict.monitor import DriftWarning
from app.services.predict.risk import fit_on, read_facts
from tests.helpers import csv_file, form_line
from tests.synchelp import new_case

HEADER = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type"


def order(ro, opened, promised, delivered, *, phone="13812345678", plate="京A12345", customer="王芳", work="保养",
          advisor="张伟"):
    return f"{ro},{opened},{promised},{delivered},{advisor},{customer},{phone},{plate},{work}"


def facts_by_number(store, warnings=()):
    with store.session() as s:
        dealer_id = s.scalar(select(Dealer.id))
    return {f.number: f for f in read_facts(store, dealer_id, list(warnings))}


def test_each_fact_as_known_at_delivery(store, tmp_path):
    rows = [order("RO-1", "2026-10-01 09:00", "2026-10-01 12:00", "2026-10-01 11:00"),
            order("RO-2", "2026-10-20 09:00", "2026-10-20 12:00", "2026-10-20 15:30"),  # back 19 days later, late
            order("RO-3", "2026-11-05 09:00", "2026-11-05 12:00", "2026-11-05 11:30", plate="京B22222",
                  phone="13912345678", customer="李雷", work="钣喷"),
            order("RO-4", "2026-11-06 09:00", "2026-11-09 12:00", "2026-11-09 12:00", plate="京C33333",
                  phone="13712345678", customer="赵敏", advisor="李娜")]
    import_orders_file(store, csv_file(tmp_path / "o.csv", rows, header=HEADER))
    import_feedback_file(store, csv_file(tmp_path / "f.csv", [form_line("2026-10-01", "RO-1", "ADA")]))
    open_case(store, new_case(1, customer_name="赵敏", phone="13712345678", plate="京C33333"), None,
              at=datetime(2026, 11, 5, 8, 0, tzinfo=timezone.utc))  # open when RO-4 is delivered
    warn = DriftWarning("advisor", "李娜", None, date(2026, 11, 1), date(2026, 11, 30), date(2026, 10, 20), 0.2,
                        3.0, 30, 12, ("RO-X",))
    f = facts_by_number(store, [warn])
    assert f["RO-1"].comeback_days is None and f["RO-1"].failed is True and not f["RO-1"].earlier_failure
    two = f["RO-2"]
    assert (two.comeback_days, two.comeback_after_failure, two.hours_late, two.earlier_failure) == (19, True, 3.5, True)
    assert two.failed is None  # no form yet: the call will tell
    three = f["RO-3"]
    assert (three.comeback_days, three.hours_late, three.earlier_failure, three.work_type) == (None, None, False, "bodywork")
    four = f["RO-4"]
    assert four.stay_hours == 75.0 and four.advisor_drifting and not f["RO-3"].advisor_drifting
    assert four.open_case
    assert not f["RO-1"].open_case


def test_reasons_in_words_name_the_orders_values(store, tmp_path):
    rows = [order(f"RO-{i}", "2026-10-01 09:00", "2026-10-01 12:00",
                  "2026-10-01 16:00" if i % 2 else "2026-10-01 11:00",
                  phone=f"1381234{i:04d}", plate=f"京A{i:05d}") for i in range(60)]
    forms = [form_line("2026-10-01", f"RO-{i}", "ADA" if i % 2 else "AAA", phone=f"1381234{i:04d}",
                       plate=f"京A{i:05d}") for i in range(60)]
    import_orders_file(store, csv_file(tmp_path / "o.csv", rows, header=HEADER))
    import_feedback_file(store, csv_file(tmp_path / "f.csv", forms))
    facts = facts_by_number(store)
    fitted = fit_on(list(facts.values()))
    late, on_time = facts["RO-1"], facts["RO-2"]
    assert fitted.risk(late) > 0.8 > 0.2 > fitted.risk(on_time)
    [(text, params)] = fitted.reasons(late)
    assert text.format(**params) == "promised time missed by 4.0 h"
    assert fitted.reasons(on_time) == ()
