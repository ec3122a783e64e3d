"""One paper form, one form: every identifier people type has one stored form and one rule, whichever
way it arrives (the desk, the CSV import, a synced row from an older counter)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.foundation import clock
from app.foundation.errors import InvalidFields, InvalidInput
from app.foundation.ids import new_id
from app.models import Customer, Event, FeedbackForm, RepairOrder, Vehicle
from app.models.event_codec import to_wire
from app.rules import fields, identifiers as ids
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.sync.apply import apply_file, records_for

ZWSP, BOM, RLO, LRI = "\u200b", "\ufeff", "\u202e", "\u2066"


@pytest.mark.parametrize("typed, stored", [
    ("RO2611-0042", "RO2611-0042"),
    ("ro2611-0042", "RO2611-0042"),
    (f"RO2611{ZWSP}-0042", "RO2611-0042"),
    (f"{BOM}RO2611-0042 ", "RO2611-0042"),
    ("ＲＯ２６１１－００４２", "RO2611-0042"),  # full width
    ("RO 2611 0042", "RO26110042"),
    ("RO2611\u2060-0042\u200d", "RO2611-0042"),  # word joiner, zero-width joiner
])
def test_a_repair_order_has_one_form(typed, stored):
    assert ids.repair_order(typed) == stored
    assert ids.repair_order(stored) == stored  # idempotent: normalising twice changes nothing


@pytest.mark.parametrize("typed, stored, ok", [
    ("13812345678", "13812345678", True),
    ("138 1234 5678", "13812345678", True),
    ("138-1234-5678", "13812345678", True),
    ("+86 138 1234 5678", "13812345678", True),
    ("008613812345678", "13812345678", True),
    ("１３８１２３４５６７８", "13812345678", True),
    (f"1381234{ZWSP}5678", "13812345678", True),
    ("19912345678", "19912345678", True),
    ("010-62345678", "01062345678", True),
    ("(010) 6234 5678", "01062345678", True),
    ("021-62345678", "02162345678", True),
    ("0755-2345678", "07552345678", True),
    ("0571-87654321", "057187654321", True),
    ("010-62345678-801", "01062345678-801", True),
    ("0755 2345678转12", "07552345678-12", True),
    ("010-62345678 ext. 9", "01062345678-9", True),
    ("+86 10 6234 5678", "01062345678", True),
    ("12345", "12345", False),  # the "12345"
    ("1381234", "1381234", False),  # and "1381234"
    ("12812345678", "12812345678", False),  # 12x is no mobile prefix
    ("138123456789", "138123456789", False),
    ("62345678", "62345678", False),  # a landline without its area code
    ("010-12345678", "01012345678", False),  # a local number doesn't start with 0 or 1
    ("13812345678-12", "13812345678-12", False),  # a mobile has no extension
    ("call me", "callme", False),
    ("", "", False),
])
def test_phones_are_mobiles_or_landlines_with_area_code(typed, stored, ok):
    assert ids.phone(typed) == stored
    assert ids.phone(stored) == stored
    assert (ids.phone_problem(stored) is None) is ok


@pytest.mark.parametrize("typed, stored, ok", [
    ("京A12345", "京A12345", True),
    ("京a·12345", "京A12345", True),
    ("京A-12345", "京A12345", True),
    ("京Ａ１２３４５", "京A12345", True),
    (f"京A{ZWSP}12345", "京A12345", True),
    ("粤BD12345", "粤BD12345", True),  # new energy, small car
    ("沪AFA1234", "沪AFA1234", True),
    ("苏E12345D", "苏E12345D", True),  # new energy, large vehicle
    ("京A1234学", "京A1234学", True),
    ("京A1234警", "京A1234警", True),
    (ids.PLATE_UNKNOWN, ids.PLATE_UNKNOWN, True),
    ("A12345", "A12345", False),  # no province
    ("京12345", "京12345", False),  # no office letter
    ("京A1234", "京A1234", False),  # too short
    ("京A123456", "京A123456", False),  # 6 without D or F
    ("京A12345X", "京A12345X", False),
    ("火A12345", "火A12345", False),  # no such province
    ("", "", False),
])
def test_plates_are_mainland_plates_or_explicitly_unknown(typed, stored, ok):
    assert ids.plate(typed) == stored
    assert ids.plate(stored) == stored
    assert (ids.plate_problem(stored) is None) is ok


@pytest.mark.parametrize("typed, stored", [
    ("李明", "李明"),
    (f"李{ZWSP}明", "李明"),
    (" 李明\u00ad ", "李明"),
    ("ＬＩ Ｍｉｎｇ", "LI Ming"),
])
def test_a_name_has_one_form(typed, stored):
    assert ids.name(typed) == stored


@pytest.mark.parametrize("value, code, position", [
    (f"李明{RLO}abc", "202E", 3),
    (f"{LRI}李明", "2066", 1),
    ("李明\u202a", "202A", 3),
    ("\u2069x", "2069", 1),
])
def test_direction_overrides_in_a_name_are_refused_with_their_place(value, code, position):
    assert ids.name_problem(value) == (ids.DIRECTION, {"code": code, "position": position})
    for field in ("customer_name", "display_name", "advisor", "username"):
        text, params = fields.problem(field, value)
        assert (text, params["code"]) == (ids.DIRECTION, code)
    # Long texts keep them (a customer's own words are quoted as written), controls stay refused there.
    assert fields.problem("customer_words", value) is None


def test_control_characters_in_a_name_are_refused():
    assert fields.problem("customer_name", "李\x1b明")[0] == fields.BAD_CHARACTER


TODAY = date(2026, 11, 18)


@pytest.mark.parametrize("day, opened, problem", [
    (TODAY, None, None),
    (TODAY - timedelta(days=400), None, None),
    (TODAY + timedelta(days=1), None, ids.DATE_AHEAD),
    (TODAY + timedelta(days=2), None, ids.DATE_AHEAD),
    (TODAY - timedelta(days=3), TODAY - timedelta(days=3), None),
    (TODAY - timedelta(days=3), TODAY - timedelta(days=2), ids.DATE_BEFORE_ORDER),
])
def test_a_service_date_is_not_ahead_and_not_before_its_order(day, opened, problem):
    found = ids.service_date_problem(day, TODAY, opened, "RO1")
    assert (found[0] if found else None) == problem


# -- the desk, the import and sync store the one form ----------------------------------------------

ENTRY = feedback_forms.FormEntry("RO2611-0042", clock.today(), "李明", "13812345678", "京A12345", "A", "A", "A")


def _counts(store):
    with store.session() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m))
                for m in (FeedbackForm, RepairOrder, Customer, Vehicle)}


def test_the_desk_refuses_a_second_form_for_a_look_alike_repair_order(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    feedback_forms.enter_form(store, ENTRY, admin)
    for look_alike in (f"RO2611{ZWSP}-0042", "ro2611-0042", "ＲＯ２６１１－００４２"):
        with pytest.raises(InvalidInput) as err:
            feedback_forms.enter_form(store, feedback_forms.FormEntry(
                look_alike, clock.today(), "李明", "138 1234 5678", "京a12345", "B", "B", "B"), admin)
        assert err.value.params["field"] == "repair_order"
    assert _counts(store) == {"FeedbackForm": 1, "RepairOrder": 1, "Customer": 1, "Vehicle": 1}


def test_every_wrong_field_of_a_form_is_named_at_once(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    bad = feedback_forms.FormEntry("", clock.today() + timedelta(days=2), f"李明{RLO}", "12345", "A12345",
                                   None, "B", None, overall=11)
    with pytest.raises(InvalidFields) as err:
        feedback_forms.enter_form(store, bad, admin)
    assert [p.params["field"] for p in err.value.problems] == [
        "repair_order", "service_date", "customer_name", "phone", "plate", "timeliness", "attitude", "overall"]
    assert err.value.params["field"] == "repair_order"  # the first to fix, for a caller that shows one


def test_a_synced_look_alike_repair_order_is_the_same_order_and_a_legacy_phone_is_kept(store):
    """Sync apply (the same code at head office and at a counter) normalises identifiers, so an older
    counter's "RO2611\u200b-0042" meets the order already held (its form is kept aside as a second
    form for one order); a phone in an older format is kept as written, never refusing the file."""
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    feedback_forms.enter_form(store, ENTRY, admin)
    with store.session() as s:  # the form's own change (adding the administrator is one too now)
        events = list(s.scalars(select(Event).where(Event.entity_type == "form")))
        records = records_for(s, events)
        dealer_id = events[0].dealer_id
    form_id, ro_id, cust_id, veh_id, other = new_id(), new_id(), new_id(), new_id(), new_id()
    ev = {**to_wire(events[0]), "id": new_id(), "entity_id": form_id, "origin": other}
    incoming = {
        "user": records["user"],
        "customer": [{**records["customer"][0], "id": cust_id, "phone": "138 1234"}],
        "vehicle": [{**records["vehicle"][0], "id": veh_id, "customer_id": cust_id, "plate": "京a·54321"}],
        "repair_order": [{**records["repair_order"][0], "id": ro_id, "number": f"ro2611{ZWSP}-0042",
                          "customer_id": cust_id, "vehicle_id": veh_id}],
        "feedback_form": [{**records["feedback_form"][0], "id": form_id, "repair_order_id": ro_id}],
    }
    with store.session() as s, s.begin():
        res = apply_file(s, dealer_id, [ev], incoming)
    assert len(res.conflicts) == 1  # the second form of one paper form, kept aside for a person
    with store.session() as s:
        assert s.scalars(select(RepairOrder.number)).all() == ["RO2611-0042"]
        assert s.scalar(select(func.count()).select_from(FeedbackForm)) == 1
        assert sorted(s.scalars(select(Customer.phone))) == ["1381234", "13812345678"]
        assert sorted(s.scalars(select(Vehicle.plate))) == ["京A12345", "京A54321"]


@pytest.mark.parametrize("table, record, column", [
    ("customer", {"id": "c", "name": f"李明{RLO}"}, "name"),
    ("user", {"id": "u", "display_name": f"{LRI}张伟"}, "display_name"),
])
def test_head_office_refuses_a_synced_name_with_a_direction_override(table, record, column):
    """The record check head office applies to every row of a case file uses the same field rule."""
    from app.models.record_limits import record_refusal

    text, params = record_refusal(table, record)
    assert (params["table"], params["column"]) == (table, column)
    assert record_refusal(table, {**record, column: "李明"}) is None


@pytest.mark.parametrize("change, field", [
    ({"phone": "1381234"}, "phone"),  # the complaint
    ({"phone": "12345"}, "phone"),
    ({"plate": "A12345"}, "plate"),
    ({"customer_name": f"李明{RLO}"}, "customer_name"),
])
def test_a_complaint_is_held_to_the_same_rules(change, field):
    from app.services.cases.opening import validate
    from tests.synchelp import new_case

    with pytest.raises(InvalidInput) as err:
        validate(new_case(1, **change))
    assert field in [p.params["field"] for p in err.value.problems]


@pytest.mark.parametrize("stored, ok", [
    ("01062345678-123456", True),  # the longest extension
    ("01062345678-1234567", False),
    ("01062345678-12a", False),
    ("01062345678-", False),
    ("07552345678", True),
    ("0755234567", False),  # a 4-digit area code with a 6-digit number
])
def test_a_landline_extension_has_one_to_six_digits(stored, ok):
    assert (ids.phone_problem(stored) is None) is ok


@pytest.mark.parametrize("typed, stored", [
    ("010-62345678转123456", "01062345678-123456"),
    ("01062345678-123456", "01062345678-123456"),  # the stored form stays
    ("01062345678-1234567", "010623456781234567"),  # no extension of 7: not taken for one
    ("+86 010 6234 5678", "01062345678"),
    ("转12", "转12"),  # an extension with no number before it is kept as written
    ("12345转6", "12345转6"),
])
def test_extensions_and_country_codes(typed, stored):
    assert ids.phone(typed) == stored


def test_the_rules_give_the_parameters_their_texts_name():
    assert ids.phone_problem("12345") == (ids.BAD_PHONE, {"ext": "转"})
    assert ids.plate_problem("A12345") == (ids.BAD_PLATE, {"regular": "京A12345", "new_energy": "京AD12345"})
    assert ids.typed_phone_problem(" 123 45 ") == ids.phone_problem("12345")
    assert ids.typed_plate_problem("a12345") == ids.plate_problem("A12345")
    assert ids.typed_phone_problem("138 1234 5678") is None and ids.typed_plate_problem("京a12345") is None
    d, opened = date(2026, 11, 1), date(2026, 11, 2)
    assert ids.service_date_problem(d, TODAY, opened, "RO1") == (
        ids.DATE_BEFORE_ORDER, {"date": "2026-11-01", "ro": "RO1", "opened": "2026-11-02"})
    assert ids.service_date_problem(d, TODAY, opened)[1]["ro"] == ""
    assert ids.service_date_problem(date(2026, 11, 20), TODAY) == (
        ids.DATE_AHEAD, {"date": "2026-11-20", "today": "2026-11-18"})
    for text, params in (ids.phone_problem("1"), ids.plate_problem("x"), ids.service_date_problem(d, TODAY, opened)):
        text.format(**params)  # every parameter its text names is given


def test_a_synced_row_has_only_its_identifiers_normalised():
    assert ids.normalised_record("customer", {"id": "c", "name": " 李明 ", "phone": "138 1234 5678"}) == \
        {"id": "c", "name": " 李明 ", "phone": "13812345678"}
    assert ids.normalised_record("customer", {"id": "c", "phone": None}) == {"id": "c", "phone": None}
    assert ids.normalised_record("customer", {"id": "c"}) == {"id": "c"}
    assert ids.normalised_record("vehicle", {"plate": "京a·1"}) == {"plate": "京A1"}
    assert ids.normalised_record("repair_order", {"number": "ro 1"}) == {"number": "RO1"}
    assert ids.normalised_record("app_user", {"phone": "1 2"}) == {"phone": "1 2"}  # not a catalogued place
