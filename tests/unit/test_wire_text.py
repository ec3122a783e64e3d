"""The one rule for text and numbers arriving from outside (app/rules/wire_text), table-driven."""

from __future__ import annotations

import json

import pytest

from app.rules import wire_text
from app.rules.wire_text import BAD_NUMBER, BAD_TEXT, NOT_A_NUMBER, TOO_DEEP, WireProblem

REFUSED = [
    ('{"a": "x\\u0000y"}', BAD_TEXT, {"char": "0000", "position": "2"}),
    ('{"a": "\\ud800"}', BAD_TEXT, {"char": "D800"}),
    ('{"a": "ok\\udfff"}', BAD_TEXT, {"char": "DFFF", "position": "3"}),
    ('{"\\u0000": 1}', BAD_TEXT, {"char": "0000"}),
    ('{"a": ' + "9" * 21 + "}", BAD_NUMBER, {}),
    ('{"a": -' + "9" * 5000 + "}", BAD_NUMBER, {}),
    ('{"a": 9223372036854775808}', BAD_NUMBER, {"number": "9223372036854775808"}),
    ('{"a": -9223372036854775809}', BAD_NUMBER, {}),
    ('{"a": NaN}', NOT_A_NUMBER, {"number": "NaN"}),
    ('{"a": -Infinity}', NOT_A_NUMBER, {}),
    ('{"a": 1e999}', NOT_A_NUMBER, {}),
    ("[" * 33 + "]" * 33, TOO_DEEP, {"limit": "32"}),
    ("[" * 100_000 + "]" * 100_000, TOO_DEEP, {}),
]

ACCEPTED = ['{"a": "王芳\\u200b"}', '{"a": 9223372036854775807}', '{"a": -9223372036854775808}', '{"a": 1.5e300}',
            "[" * 32 + "]" * 32, '{"a": "\\ud83d\\ude00"}', '{"a": [true, false, null, ""]}']


@pytest.mark.parametrize("text,why,params", REFUSED)
def test_refused(text, why, params):
    with pytest.raises(WireProblem) as got:
        wire_text.loads(text)
    assert got.value.text == why
    assert params.items() <= got.value.params.items()


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted(text):
    assert wire_text.loads(text) == json.loads(text)


def test_texts_can_be_left_to_the_caller():
    assert wire_text.loads('{"a": "x\\u0000"}', texts=False) == {"a": "x\x00"}
    with pytest.raises(WireProblem):
        wire_text.loads('{"a": ' + "9" * 30 + "}", texts=False)  # numbers never


@pytest.mark.parametrize("value,ok", [(1, True), (2**31 - 1, True), (2**31, False), (0, False), (-1, False),
                                      (True, False), (1.0, False), ("1", False)])
def test_small_int(value, ok):
    assert wire_text.small_int(value) is ok


@pytest.mark.parametrize("text,storable", [
    ('{"a": "王芳"}', True),  # no escape at all: the usual file
    ('{"a": "x\\ny \\"z\\""}', True),  # escapes, none of a character a database refuses
    ('{"a": "\\u00e9"}', True),
    ('{"a": "x\\u0000y"}', False),
    ('{"a": "\\ud800"}', False),
    ('{"a": "x\x00y"}', False),  # a NUL byte without a backslash anywhere
    ('{"a": "\\n", "b": "x\x00"}', False),
])
def test_texts_storable_read_off_the_bytes(text, storable):
    assert wire_text.texts_storable(text.encode("utf-8")) is storable
    assert wire_text.texts_storable(text) is storable
