"""Two small rules the unit tests didn't reach: what head office may publish as settings, and cells
that a spreadsheet never reads as a formula."""

import pytest

from app.foundation.errors import InvalidInput
from app.rules.cells import csv_cell, xlsx_text
from app.rules.published import check_settings


def test_published_settings_are_coerced_to_their_types():
    assert check_settings({"assessment.reward_amount": "1200", "assessment.verified_only": "yes",
                           "failure.share_target": 0.1}) == \
        {"assessment.reward_amount": 1200, "assessment.verified_only": True, "failure.share_target": 0.1}


@pytest.mark.parametrize("values, field, problem", [
    ({}, "settings", "give an object of setting keys and values, e.g. "
                     "{\"settings\": {\"assessment.reward_amount\": 1200}}"),
    ([("assessment.reward_amount", 1)], "settings", None),
    ("x", "settings", None),
    (None, "settings", None),
    ({"no.such": 1}, "no.such", "not a setting head office can publish"),
    ({"ui.lock_minutes": 5}, "ui.lock_minutes", "not a setting head office can publish"),  # a counter's own
    ({"sync.server_url": "http://evil"}, "sync.server_url", "not a setting head office can publish"),
    ({"failure.overall_threshold": 11}, "failure.overall_threshold", "must be at most 10, got 11"),
    ({"assessment.reward_amount": "lots"}, "assessment.reward_amount", "expected a whole number, got 'lots'"),
    # Published as 1200 and 1 at every counter before: rounded, and read from yes/no.
    ({"assessment.reward_amount": 1200.5}, "assessment.reward_amount", "expected a whole number, got 1200.5"),
    ({"failure.share_target": True}, "failure.share_target", "expected a number, got true"),
])
def test_what_head_office_may_not_publish_is_refused_by_name(values, field, problem):
    with pytest.raises(InvalidInput) as err:
        check_settings(values)
    assert err.value.params["field"] == field
    if problem is not None:
        assert err.value.problem_text() == problem


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+86 138", "'+86 138"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("李明", "李明"), ("a=1", "a=1"), ("", ""),
    (-5, -5), (3.5, 3.5), (None, None),
])
def test_a_csv_cell_never_starts_a_formula(value, cell):
    assert csv_cell(value) == cell


@pytest.mark.parametrize("value, text", [
    ("a\x00b\x08c", "abc"), ("a\tb\nc\rd", "a\tb\nc\rd"), ("\x0b\x0c\x0e\x1f", ""), ("李明", "李明"),
])
def test_xlsx_text_drops_what_the_format_cannot_hold(value, text):
    assert xlsx_text(value) == text
