"""Edges of the rules that mutation testing showed no test would notice: limits at their exact value,
positions, and the words of a refusal."""

import pytest

from app.rules import fields, identifiers
from app.rules.failure import csi, severity_for_score
from app.rules.privacy import mask_phone
from app.rules.recovery import judge_rerating
from app.rules.scoring import grade_points
from app.rules.settings_catalogue import Setting, _registry


def test_a_column_at_its_length_is_taken_and_a_bad_character_is_placed():
    assert fields.column_problem("sync_file", "nothing", "x" * 5, 5) is None
    assert fields.column_problem("sync_file", "nothing", "x" * 6, 5)[1] == {"limit": 5, "length": 6}
    assert fields.column_problem("sync_file", "nothing", "ab\x00", None) == (fields.BAD_CHARACTER,
                                                                               {"code": "0000", "position": 3})


def test_clean_refuses_what_check_refuses_and_takes_nothing_for_empty():
    assert fields.clean("customer_name", None) == ""
    with pytest.raises(Exception):
        fields.clean("customer_name", "李\x00明")
    assert fields.problem("customer_name", "a\nb")[0] == fields.LINE_BREAK
    assert fields.problem("customer_name", "a\x01b")[0] == fields.BAD_CHARACTER


@pytest.mark.parametrize("phone, masked", [("123", "*23"), ("12", "**"), ("1234567", "123****4567"), ("", "")])
def test_a_masked_phone_keeps_only_its_end(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("call, message", [
    (lambda: severity_for_score(11), "satisfaction score must be 1-10, got 11"),
    (lambda: csi(0), "satisfaction score must be 1-10, got 0"),
    (lambda: judge_rerating(0, 8), "re-rating must be 1-10, got 0"),
    (lambda: grade_points("F"), "grade must be one of A, B, C, D, E; got 'F'"),
])
def test_an_impossible_value_is_refused_in_words(call, message):
    with pytest.raises(ValueError) as err:
        call()
    assert str(err.value) == message


def test_the_registry_holds_the_declarations():
    one = Setting("a.b", int, 1, "A")
    assert _registry((one,))["a.b"] is one


def test_a_number_with_an_unreadable_extension_loses_only_its_separators():
    assert identifiers.phone("12 345转6") == "12345转6"
