"""Malformed case files thrown at the head-office import: never a crash, never a partial import."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import func, select

from app.hq.counters import add_dealer, issue_code, redeem
from app.hq.receive import receive
from app.models import Event, FailureCase, FeedbackForm, SyncConflict, SyncReceived
from app.models.store import open_database, open_store
from app.services.demo import fill_demo
from app.sync import casefile, outbox
from app.sync.casefile import CaseFileRejected
from app.sync.connect import _rehome

TABLES = (Event, FailureCase, FeedbackForm, SyncConflict, SyncReceived)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return make_world(tmp_path_factory.mktemp("fuzz"))


def make_world(root):
    db = open_database(f"sqlite:///{root / 'hq.sqlite3'}")
    store = open_store(root / "counter")
    add_dealer(db, "BJ01", "x")
    got = redeem(db, issue_code(db, "BJ01"), store.identity.store_id)
    _rehome(store, got.dealer.id, got.dealer.code, got.dealer.name)
    fill_demo(store, forms=6, cases=4)
    [seq] = outbox.file_waiting(store, got.secret)
    good = outbox.waiting(store)[0].path.read_bytes()
    return db, got.secret, good, iter(range(1000, 10**9))


def counts(db):
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in TABLES)


def attempt(db, data: bytes) -> None:
    before = counts(db)
    try:
        receive(db, data)
    except CaseFileRejected as exc:
        assert exc.render()  # says why
        assert counts(db) == before  # whole or not at all


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_bytes_are_refused_cleanly(world, data):
    db, _, good, _ = world
    raw = bytearray(good)
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        i = data.draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[i] ^= data.draw(st.integers(1, 255))
        elif op == "cut":
            del raw[i:i + data.draw(st.integers(1, 200))]
        else:
            raw[i:i] = data.draw(st.binary(min_size=1, max_size=20))
        if not raw:
            raw = bytearray(b"{")
    attempt(db, bytes(raw))


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.text(max_size=30),
                      st.floats(allow_nan=False, allow_infinity=False))
json_value = st.recursive(json_leaf, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
                          max_leaves=6)


def _paths(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, prefix + (i,))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_signed_but_malformed_content_is_refused_whole(world, data):
    """Even with the genuine key (a buggy or hostile counter), bad content never half-imports."""
    db, secret, good, numbers = world
    doc = json.loads(good)
    del doc["signature"]
    paths = [p for p in _paths(doc) if p and p[0] not in ("signature",)]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parent = doc
        try:
            for k in path[:-1]:
                parent = parent[k]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(json_value)
        except (KeyError, IndexError, TypeError):
            continue
    if isinstance(doc.get("counter"), str) and doc.get("format") == casefile.FORMAT:
        doc["sequence"] = next(numbers)  # a fresh sequence, so only the content decides
    try:
        raw = casefile.sign(doc, secret) if isinstance(doc.get("counter"), str) else casefile.canonical(doc)
    except (TypeError, ValueError, AttributeError):
        return  # not even JSON-serialisable: no such file can exist
    attempt(db, raw)


@pytest.mark.parametrize("table, column, value", [
    ("feedback_form", "timeliness", "Z"),          # a CHECK constraint
    ("failure_case", "customer_id", "nobody"),      # a missing parent row
    ("failure_case", "opened_at", "yesterday"),     # not a time
    ("customer", "dealer_id", "another-dealer"),    # another dealer's row
])
def test_content_the_database_refuses_refuses_that_change_only(tmp_path, table, column, value):
    """One row head office can't store refuses the change it belongs to, with its reason; nothing
    of that change is stored, the rest of the file is, and the genuine file completes it later."""
    db, secret, good, numbers = make_world(tmp_path)
    doc = json.loads(good)
    del doc["signature"]
    doc["sequence"] = next(numbers)
    bad = doc["records"][table][-1]
    bad[column] = value
    before = counts(db)
    receipt = receive(db, casefile.sign(doc, secret))
    assert receipt.status == "stored" and receipt.refused
    assert all(r.render() for r in receipt.refused)
    refused_events = {e for r in receipt.refused for e in r.event_ids}
    assert refused_events  # a case or form was held back, not just a loose row
    assert counts(db)[0] == before[0] + len(doc["events"]) - len(refused_events)
    receive(db, good)  # the genuine file still goes in afterwards, the held-back change with it
    assert counts(db)[0] == before[0] + len(doc["events"])
