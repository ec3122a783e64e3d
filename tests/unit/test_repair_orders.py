"""Repair orders from the dealer's management system: columns in English or Chinese, CSV or workbook, every
problem named, idempotent, a change an event, forms linked by number whichever arrives first, and travel."""

from datetime import datetime, timedelta, timezone

import pytest
import xlsxwriter
from sqlalchemy import func, select

from app.foundation import clock
from app.foundation.errors import ImportRejected, InvalidFields
from app.models import Event, FeedbackForm, RepairOrder
from app.rules import work_types
from app.services.imports.feedback_store import import_feedback_file
from app.services.orders import rows
from app.services.orders.store import add_order, import_orders_file
from app.sync.apply import apply_file, records_for
from tests.helpers import csv_file, form_line, fresh_store

HEADER = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,vin,work_type,amount,mileage"
CN_HEADER = "工单号,开单时间,承诺交车时间,交车时间,服务顾问,客户,电话,车牌,VIN/车架号,维修类型,金额,里程"


def line(ro="RO-1", opened="2026-11-02 09:10", promised="2026-11-02 17:00", delivered="2026-11-02 16:40",
         advisor="张伟", customer="王芳", phone="13812345678", plate="京A12345", vin="", work="保养",
         amount="680.00", mileage="15230"):
    return ",".join((ro, opened, promised, delivered, advisor, customer, phone, plate, vin, work, amount, mileage))


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


@pytest.mark.parametrize("written, stored", [
    ("maintenance", "maintenance"), ("保养", "maintenance"), ("定期保养", "maintenance"), ("Maintenance", "maintenance"),
    ("repair", "repair"), ("维修", "repair"), ("warranty", "warranty"), ("保修", "warranty"), ("索赔", "warranty"),
    ("bodywork", "bodywork"), ("钣喷", "bodywork"), ("钣金喷漆", "bodywork"), ("Body & Paint", "bodywork"),
    ("电瓶更换", "电瓶更换"), ("  Tyres ", "Tyres"), ("", ""), ("ＡＢＣ", "ABC"),
])
def test_work_types_recognised_or_kept_as_written(written, stored):
    assert work_types.work_type(written) == stored


@pytest.mark.parametrize("cell, want", [
    ("2026-11-02 09:10", "2026-11-02T09:10"), ("2026/11/2 9:10", "2026-11-02T09:10"),
    ("2026-11-02 09:10:30", "2026-11-02T09:10:30"), ("2026年11月2日 09:10", "2026-11-02T09:10"),
    ("2026-11-02", "2026-11-02T00:00"), (datetime(2026, 11, 2, 9, 10), "2026-11-02T09:10"),
    (46328.5, "2026-11-02T12:00"), ("tomorrow", None), ("2026-13-02 09:10", None), ("2026-11-02 25:10", None),
])
def test_times_as_the_management_system_writes_them(cell, want):
    got = rows.as_time(cell)
    assert got == (None if want is None else local(want))


def test_a_promise_given_as_a_day_is_its_end():
    assert rows.as_time("2026-11-02", end_of_day=True) == local("2026-11-02T23:59")


@pytest.mark.parametrize("cell, cents", [
    ("680", 68000), ("680.5", 68050), ("1,280.50", 128050), ("¥99", 9900), (1280.5, 128050), ("0", 0),
    ("-5", None), ("1.005", None), ("=1+1", None), ("abc", None), ("NaN", None), ("Infinity", None),
    ("10000000", None), ("1e3", 100000),
])
def test_amounts_in_yuan_become_fen(cell, cents):
    assert rows.as_amount(cell) == cents


def stored_orders(store):
    with store.session() as s:
        return {r.number: r for r in s.scalars(select(RepairOrder))}


def order_events(store):
    with store.session() as s:
        return [(e.seq, e.kind, e.payload) for e in s.scalars(select(Event).where(Event.entity_type == "order")
                                                              .order_by(Event.occurred_at, Event.seq))]


def test_english_and_chinese_headers_import_the_same_orders(store, tmp_path):
    a = import_orders_file(store, csv_file(tmp_path / "a.csv", [line("RO-1")], header=HEADER))
    b = import_orders_file(store, csv_file(tmp_path / "b.csv", [line("RO-2", work="钣喷")], header=CN_HEADER))
    assert (a.added, b.added) == (1, 1)
    got = stored_orders(store)
    ro = got["RO-1"]
    assert (ro.opened_at, ro.promised_at, ro.delivered_at) == (
        local("2026-11-02T09:10"), local("2026-11-02T17:00"), local("2026-11-02T16:40"))
    assert (ro.work_type, ro.amount_cents, ro.mileage, ro.version, ro.source) == ("maintenance", 68000, 15230, 1, "import")
    assert got["RO-2"].work_type == "bodywork"


def test_gb18030_csv_and_a_workbook_are_read_by_the_one_reader(store, tmp_path):
    f = tmp_path / "gb.csv"
    f.write_bytes(("\n".join([CN_HEADER, line("RO-GB", customer="欧阳娜娜")]) + "\n").encode("gb18030"))
    assert import_orders_file(store, f).added == 1
    x = tmp_path / "dms.xlsx"
    wb = xlsxwriter.Workbook(str(x))
    ws = wb.add_worksheet()
    for c, h in enumerate(CN_HEADER.split(",")):
        ws.write(0, c, h)
    when = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    values = line("RO-X").split(",")
    for c, v in enumerate(values):
        if c in (1, 2, 3):
            ws.write_datetime(1, c, datetime.fromisoformat(v), when)
        elif c in (6, 10, 11):
            ws.write_number(1, c, float(v))  # a phone Excel turned into a number comes back as its digits
        else:
            ws.write_string(1, c, v)
    wb.close()
    assert import_orders_file(store, x).added == 1
    got = stored_orders(store)
    assert got["RO-X"].opened_at == local("2026-11-02T09:10") and got["RO-X"].amount_cents == 68000


def test_the_same_file_twice_stores_each_order_once_and_a_change_is_an_event(store, tmp_path):
    f = csv_file(tmp_path / "d.csv", [line("RO-1"), line("RO-2", plate="沪B54321")], header=HEADER)
    import_orders_file(store, f)
    again = import_orders_file(store, f)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    changed = csv_file(tmp_path / "e.csv", [line("RO-1", delivered="2026-11-03 10:00", amount="720")], header=HEADER)
    r = import_orders_file(store, changed)
    assert (r.added, r.updated, r.unchanged) == (0, 1, 0)
    assert stored_orders(store)["RO-1"].version == 2
    seq, kind, payload = order_events(store)[-1]
    assert (seq, kind) == (2, "order.updated")
    # The file's times are the counter's local times; events keep them in UTC.
    assert payload["before"] == {"delivered_at": local("2026-11-02T16:40").isoformat(), "amount_cents": 68000}
    assert payload["after"] == {"delivered_at": local("2026-11-03T10:00").isoformat(), "amount_cents": 72000}


@pytest.mark.parametrize("row, column", [
    (line(opened="yesterday"), "opened"),
    (line(opened=(clock.local_now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M"), promised="", delivered=""),
     "opened"),  # after the program's clock, wherever the run sets it
    (line(promised="2026-11-01 08:00"), "promised"),  # before it was opened
    (line(delivered="2026-11-01 08:00"), "delivered"),
    (line(amount="=HYPERLINK(\"http://x\")"), "amount"),
    (line(amount="-3"), "amount"),
    (line(mileage="12.5"), "mileage"),
    (line(mileage="99999999"), "mileage"),
    (line(vin="LSVAU2180N218329O"), "vin"),  # an O is no VIN letter
    (line(vin="SHORT"), "vin"),
    (line(phone="12345"), "phone"),
    (line(plate="nonsense"), "plate"),
    (line(customer=""), "customer"),
    (line(advisor="A\u202eB"), "advisor"),  # a direction override
    (line(work="x" * 41), "work_type"),
    (line(work="Oil\u202echange"), "work_type"),
    (line(ro=""), "repair_order"),
])
def test_each_bad_value_is_named_and_nothing_is_stored(store, tmp_path, row, column):
    f = csv_file(tmp_path / "bad.csv", [line("RO-OK"), row], header=HEADER)
    with pytest.raises(ImportRejected) as exc:
        import_orders_file(store, f)
    assert [(p.line, p.column) for p in exc.value.problems] == [(3, column)]
    assert stored_orders(store) == {}


def test_a_number_twice_in_a_file_and_a_short_row_are_refused(store, tmp_path):
    f = csv_file(tmp_path / "dup.csv", [line("RO-1"), line("ro-1"), "RO-3,2026-11-02"], header=HEADER)
    with pytest.raises(ImportRejected) as exc:
        import_orders_file(store, f)
    assert [(p.line, p.column) for p in exc.value.problems] == [(3, "repair_order"), (4, "")]


def test_a_file_without_the_required_columns_says_which(store, tmp_path):
    f = csv_file(tmp_path / "h.csv", ["RO-1,2026-11-02 09:10"], header="repair_order,opened")
    with pytest.raises(ImportRejected) as exc:
        import_orders_file(store, f)
    assert {p.column for p in exc.value.problems} >= {"advisor", "customer", "phone", "plate"}


def test_text_that_looks_like_a_formula_is_kept_as_text(store, tmp_path):
    f = csv_file(tmp_path / "f.csv", [line("RO-1", work="=cmd|' /C calc'!A0")], header=HEADER)
    import_orders_file(store, f)
    assert stored_orders(store)["RO-1"].work_type == "=cmd|' /C calc'!A0"


def test_a_form_first_then_its_order_fills_the_same_repair_order(store, tmp_path):
    import_feedback_file(store, csv_file(tmp_path / "forms.csv", [form_line("2026-11-02", "RO-7", "AAD")]))
    r = import_orders_file(store, csv_file(tmp_path / "o.csv", [line("RO-7")], header=HEADER))
    assert (r.added, r.filled) == (0, 1)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(RepairOrder)) == 1
        form = s.scalar(select(FeedbackForm))
        ro = s.get(RepairOrder, form.repair_order_id)
    assert (ro.number, ro.work_type, ro.version) == ("RO-7", "maintenance", 2)
    assert order_events(store)[-1][1] == "order.filled"


def test_an_order_first_then_its_form_links_to_it(store, tmp_path):
    import_orders_file(store, csv_file(tmp_path / "o.csv", [line("RO-8")], header=HEADER))
    assert import_feedback_file(store, csv_file(tmp_path / "f.csv", [form_line("2026-11-02", "RO-8", "AAA")])).imported == 1
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(RepairOrder)) == 1
        form = s.scalar(select(FeedbackForm))
        assert s.get(RepairOrder, form.repair_order_id).number == "RO-8"


def test_an_order_typed_by_hand_is_checked_like_a_files_row(store):
    from types import SimpleNamespace

    who = SimpleNamespace(user_id=None)
    with pytest.raises(InvalidFields) as exc:
        add_order(store, {"repair_order": "RO-H", "opened": "soon", "advisor": "张伟", "customer": "",
                          "phone": "1", "plate": "京A12345"}, who)
    assert [p.params["field"] for p in exc.value.problems] == ["opened", "customer", "phone"]
    ro_id = add_order(store, {"repair_order": "ro-h", "opened": "2026-11-02 09:00", "advisor": "张伟",
                              "customer": "王芳", "phone": "13812345678", "plate": "京A12345", "work_type": "维修"}, who)
    with store.session() as s:
        ro = s.get(RepairOrder, ro_id)
        assert (ro.number, ro.work_type, ro.source) == ("RO-H", "repair", "counter")
    with pytest.raises(InvalidFields):
        add_order(store, {"repair_order": "RO-H", "opened": "2026-11-02 09:00", "advisor": "张伟",
                          "customer": "王芳", "phone": "13812345678", "plate": "京A12345"}, who)


def test_an_order_and_its_change_travel_to_another_store_of_the_dealer(store, tmp_path):
    import_orders_file(store, csv_file(tmp_path / "o.csv", [line("RO-T")], header=HEADER))
    import_orders_file(store, csv_file(tmp_path / "p.csv", [line("RO-T", amount="700")], header=HEADER))
    other = fresh_store(tmp_path / "other")
    with store.session() as s:
        events = list(s.scalars(select(Event).where(Event.entity_type == "order").order_by(Event.seq)))
        from app.models.event_codec import event_to_wire
        wire = [event_to_wire(e, events[i - 1].id if i else None) for i, e in enumerate(events)]
        records = records_for(s, events)
        dealer_id = events[0].dealer_id
    assert [r["number"] for r in records["repair_order"]] == ["RO-T"]
    with other.session() as s, s.begin():
        from app.models import Dealer
        from app.foundation import clock
        s.add(Dealer(id=dealer_id, code="D1", name="D1", created_at=clock.now()))
        s.flush()
        first = apply_file(s, dealer_id, wire, records)
        again = apply_file(s, dealer_id, wire, records)
    assert (first.events_new, again.events_new, again.events_present) == (2, 0, 2)
    got = stored_orders(other)["RO-T"]
    assert (got.version, got.amount_cents, got.work_type) == (2, 70000, "maintenance")
    other.close()
