"""Generated case files, signed with a counter's genuine secret, with strings and numbers drawn from
the whole of Unicode (lone surrogates and NUL included) and JSON's range (huge integers, NaN,
Infinity), sent through a real `hq serve` on PostgreSQL: never a 500 or a traceback, and nothing
stored from a file that was refused."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.foundation import signing
from app.foundation.ids import new_id
from app.sync import casefile
from tests.system.attack_world import alive, assert_clean, close_world, dump, event, make_world, post, report_rss

ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=40)
NUMBERS = st.one_of(st.integers(), st.integers(min_value=-(10**40), max_value=10**40),
                    st.integers(min_value=2**31 - 2, max_value=2**31 + 2), st.integers(min_value=2**63 - 2, max_value=2**63 + 2),
                    st.floats(allow_nan=True, allow_infinity=True), st.just(10**400))
VALUES = st.recursive(st.one_of(st.none(), st.booleans(), ANY_TEXT, NUMBERS),
                      lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(ANY_TEXT, inner, max_size=3)),
                      max_leaves=8)
# Where the generated value goes: a payload, an event's own field, a record's column, the file's header.
PLACES = st.sampled_from(["payload", "kind", "entity_id", "seq", "occurred_at", "customer.name", "customer.phone",
                          "customer.id", "sequence", "created_at", "dealer.code", "version"])


@pytest.fixture(scope="module")
def world(pg_server, pg_head_template, tmp_path_factory):
    w = make_world(pg_server(template=pg_head_template), tmp_path_factory.mktemp("property"))
    yield w
    close_world(w)


def _file(w, place: str, value) -> bytes:
    """Counter A's file with ``value`` at ``place``, signed as A signs (a value canonical JSON can't
    write is sent as JSON text that a signature can't cover: it must be refused all the same)."""
    w.seq += 1
    ev = event(w, root_cause="x")
    customer = {"id": new_id(), "dealer_id": w.bj, "name": "n", "phone": "13900000000",
                "created_at": "2026-11-18T02:00:00+00:00"}
    body = casefile.build_body(dealer_id=w.bj, dealer_code="BJ01", counter=w.me, sequence=w.seq,
                               created_at="2026-11-18T02:00:00+00:00", events=[ev], records={"customer": [customer]})
    if place == "payload":
        ev["payload"] = {"root_cause": value, "extra": value}
    elif place in ("kind", "entity_id", "seq", "occurred_at"):
        ev[place] = value
    elif place.startswith("customer."):
        customer[place.split(".")[1]] = value
    elif place == "dealer.code":
        body["dealer"]["code"] = value
    else:
        body[place] = value
    try:
        return casefile.sign(body, w.secret)
    except (UnicodeEncodeError, ValueError):  # a lone surrogate, NaN: no canonical form to sign
        doc = dict(body, signature={"alg": casefile.ALG, "key": w.me, "value": "0" * 64})
        return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode() + b"\n"


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(place=PLACES, value=VALUES)
def test_generated_case_files_never_break_the_intake(world, place, value):
    w = world
    before = dump(w.db)
    data = _file(w, place, value)
    status, answer, raw = post(w, data)
    assert status < 500, (place, raw[:500])
    assert_clean(raw)
    if status != 200:
        assert dump(w.db) == before, (place, status)
        assert answer["error"]["received"]["sha256"] == signing.sha256(data)
    else:
        refused = {r["entity_id"] for r in answer["data"]["refused"]}
        after = dump(w.db)
        if refused:  # a refused change stored nothing: its events are not at head office
            assert not any(eid in e for e in after["event"] for eid in refused if eid)


def test_the_server_is_still_well_after_the_generated_files(world):
    alive(world)
    report_rss(world, "after generated files")
