"""A form's values are checked once, by one set of rules, whichever way they arrive: each bad field
gets its own message, and nothing is stored when a form is refused."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.foundation.errors import ImportRejected, InvalidInput
from app.foundation import clock
from app.rules import identifiers
from app.models import Customer, Event, FeedbackForm, RepairOrder
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.imports.feedback import KEYS as COLUMNS, check_table
from app.services.imports.reader import text_table
from app.services.imports.feedback_store import import_feedback_file

GOOD = feedback_forms.FormEntry("RO1", date(2026, 11, 2), "王芳", "138 1234-5678", "京A·12345", "A", "B", "C", 9,
                                "  ok  ")
REQUIRED = "required"


def not_phone(value):
    return identifiers.BAD_PHONE.format(ext="转")


def not_plate(value):
    return identifiers.BAD_PLATE.format(regular="京A12345", new_energy="京AD12345")
GRADE, OVERALL = "choose a grade from A to E", "a whole number from 1 to 10"


def too_long(limit, length):
    return f"at most {limit} characters, this is {length}; shorten it"


# Two days after today, worked out when the test runs, not when the suite is collected: the program's
# clock runs on during a run, and a run started at a day's last minutes crosses midnight before this test.
AHEAD = "two days after today"

TYPED = [  # (change, field, message)
    ({"repair_order": "  "}, "repair_order", REQUIRED),
    ({"repair_order": "R" * 65}, "repair_order", too_long(64, 65)),
    ({"customer_name": ""}, "customer_name", REQUIRED),
    ({"customer_name": "王\x00芳"}, "customer_name",
     "contains a control or invisible character (U+0000) at position 2; remove it"),
    ({"phone": "call me"}, "phone", not_phone("call me")),
    ({"phone": ""}, "phone", REQUIRED),
    ({"phone": "1" * 33}, "phone", not_phone("1" * 33)),
    ({"phone": "1381234"}, "phone", not_phone("1381234")),
    ({"phone": "12345"}, "phone", not_phone("12345")),
    ({"plate": " · "}, "plate", REQUIRED),
    ({"plate": "京" * 17}, "plate", not_plate("京" * 17)),
    ({"plate": "A12345"}, "plate", not_plate("A12345")),
    ({"customer_name": "李明\u202eabc"}, "customer_name", identifiers.DIRECTION.format(code="202E", position=3)),
    ({"service_date": AHEAD}, "service_date", AHEAD),
    ({"timeliness": None}, "timeliness", GRADE),
    ({"repair_quality": "F"}, "repair_quality", GRADE),
    ({"attitude": "a"}, "attitude", GRADE),
    ({"overall": 0}, "overall", OVERALL),
    ({"overall": 11}, "overall", OVERALL),
    ({"verification": "maybe"}, "verification", "not one of the offered choices"),
    ({"comment": "x" * 2001}, "comment", too_long(2000, 2001)),
    ({"advisor_name": "张" * 65}, "advisor", too_long(64, 65)),
    ({"advisor_name": "张\n伟"}, "advisor", "must be on one line; remove the line break at position 2"),
]


def stored(store) -> tuple[int, int, int, int]:
    with store.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (FeedbackForm, RepairOrder, Customer, Event))


@pytest.fixture
def admin(store):
    return users.create_first_admin(store, "admin", "管理员", "1234")


@pytest.mark.parametrize("change, field, message", TYPED)
def test_a_typed_form_names_its_bad_field_and_stores_nothing(store, admin, change, field, message):
    if change.get("service_date") == AHEAD:
        change = {"service_date": clock.today() + timedelta(days=2)}
    before = stored(store)
    with pytest.raises(InvalidInput) as err:
        feedback_forms.enter_form(store, replace(GOOD, **change), admin)
    if message == AHEAD:
        message = identifiers.DATE_AHEAD.format(date=change["service_date"].isoformat(), today=clock.today().isoformat())
    assert (err.value.params["field"], err.value.problem_text()) == (field, message)
    assert stored(store) == before


def test_a_typed_form_is_stored_as_checked(store, admin):
    saved = feedback_forms.enter_form(store, GOOD, admin)
    d = feedback_forms.form_detail(store, saved.form_id)
    assert (d.phone, d.plate, d.comment, d.verification, d.version) == ("13812345678", "京A12345", "ok", "unverified", 1)


def test_a_form_entered_as_disputed_says_so_in_its_second_event(store, admin):
    saved = feedback_forms.enter_form(store, replace(GOOD, verification="disputed"), admin)
    d = feedback_forms.form_detail(store, saved.form_id)
    assert (d.verification, d.version, saved.version) == ("disputed", 2, 2)
    assert [(h["seq"], h["kind"]) for h in d.history] == [(1, "form.created"), (2, "form.disputed")]
    assert d.history[0]["payload"]["verification"] == "unverified"
    assert d.history[1]["payload"] == {"at_entry": True, "verification": "disputed", "from": "unverified"}


CORRECTIONS = [
    ({"attitude": "X"}, "attitude", GRADE),
    ({"overall": 12}, "overall", OVERALL),
    ({"comment": "y" * 2001}, "comment", too_long(2000, 2001)),
    ({"verification": "perhaps"}, "verification", "not one of the offered choices"),
]


@pytest.mark.parametrize("change, field, message", CORRECTIONS)
def test_a_correction_is_checked_by_the_same_rules_and_changes_nothing_when_refused(store, admin, change, field,
                                                                                    message):
    saved = feedback_forms.enter_form(store, GOOD, admin)
    before = stored(store)
    with pytest.raises(InvalidInput) as err:
        feedback_forms.correct_form(store, saved.form_id, change, admin, expected_version=saved.version)
    assert (err.value.params["field"], err.value.problem_text()) == (field, message)
    assert stored(store) == before
    assert feedback_forms.form_detail(store, saved.form_id).version == saved.version


GOOD_ROW = {"date": "2026-05-01", "repair_order": "RO1", "advisor": "张伟", "customer": "王芳",
            "phone": "13812345678", "plate": "京A12345", "timeliness": "A", "repair_quality": "B",
            "attitude": "C", "overall": "", "verified": "", "comment": ""}
CSV = [  # (column, value, message as shown)
    ("date", "2026-13-01", "\"2026-13-01\" is not a date; write it as YYYY-MM-DD, e.g. 2026-05-18."),
    ("repair_order", "", "\"repair_order\" is empty; it is required."),
    ("repair_order", "R" * 65, too_long(64, 65)),
    ("advisor", "张" * 65, too_long(64, 65)),
    ("customer", "王" * 101, too_long(100, 101)),
    ("phone", "call me", not_phone("call me")),
    ("phone", "12345", not_phone("12345")),
    ("plate", "京" * 17, not_plate("京" * 17)),
    ("plate", "A12345", not_plate("A12345")),
    ("attitude", "F", "\"F\" is not a grade; use one letter A, B, C, D or E."),
    ("overall", "0", "\"0\" is not an overall score; use a whole number from 1 to 10, or leave it empty."),
    ("verified", "maybe", "\"maybe\" is not yes or no; write yes, no, or leave it empty (= no)."),
    ("comment", "x" * 2001, too_long(2000, 2001)),
]


def parse_feedback_text(text: str, name: str):
    """The rows of a CSV text as the import reads them, or ImportRejected naming every problem."""
    checked = check_table(text_table(text, name))
    if checked.problems:
        raise ImportRejected(name, list(checked.problems))
    return list(checked.forms)


def csv_text(**change) -> str:
    row = {**GOOD_ROW, **change}
    return ",".join(COLUMNS) + "\n" + ",".join(row[c] for c in COLUMNS) + "\n"


@pytest.mark.parametrize("column, value, message", CSV)
def test_a_csv_row_names_its_bad_column(column, value, message):
    with pytest.raises(ImportRejected) as err:
        parse_feedback_text(csv_text(**{column: value}), "f.csv")
    assert [(p.line, p.column, p.render()) for p in err.value.problems] == [(2, column, message)]


@pytest.mark.parametrize("verified, stored_as", [("yes", "verified"), ("是", "verified"), ("", "unverified"),
                                                 ("no", "unverified")])
def test_a_csv_row_becomes_the_same_values_a_typed_form_does(verified, stored_as):
    [values] = parse_feedback_text(csv_text(verified=verified, phone="138 1234-5678", plate="京a·12345",
                                            timeliness="a"), "f.csv")
    assert (values.phone, values.plate, values.timeliness, values.verification) == \
        ("13812345678", "京A12345", "A", stored_as)


def test_a_refused_file_stores_nothing(store, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(csv_text() + "2026-05-02,RO2,张伟,王芳,13812345678,京A1,A,A,Z,,,\n", encoding="utf-8")
    before = stored(store)
    with pytest.raises(ImportRejected):
        import_feedback_file(store, f)
    assert stored(store) == before
