"""Malformed case files thrown at the head-office import: never a crash, never a partial import."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from sqlalchemy import func, select

from app.hq.counters import add_dealer, issue_code, redeem
from app.hq.receive import receive
from app.models import Event, FailureCase, FeedbackForm, HqRefusal, SyncConflict, SyncReceived
from app.models.store import STORE_FILE, open_database, open_store
from app.services.demo.sample_data import fill_demo
from app.sync import casefile, outbox
from app.foundation import signing
from app.sync.casefile import CaseFileRejected
from app.sync.connect import _rehome

TABLES = (Event, FailureCase, FeedbackForm, SyncConflict, SyncReceived, HqRefusal)

# How each refusal a damaged file can meet begins: the product's own words, parameters filled in.
MESSAGE_STARTS = {
    "not_a_case_file": ("This is not a case file (",),
    "truncated": ("The case file is truncated: it ends after ",),
    "invalid": ("The case file is malformed: ",),
    "upgrade_required": ("Upgrade required: the case file has format version ",),
    "too_old": ("The case file has format version ",),
    "unknown_counter": ("The case file comes from counter ",),
    "bad_signature": ("The case file's signature does not match: it was changed after counter ",
                      "The case file was changed after counter "),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory, migrated_template):
    return make_world(tmp_path_factory.mktemp("fuzz"), migrated_template)


def make_world(root, template):
    """Head office's database and an enrolled counter's first case file (both stores copied from the
    migrated template)."""
    shutil.copyfile(template, root / "hq.sqlite3")
    db = open_database(f"sqlite:///{root / 'hq.sqlite3'}")
    (root / "counter").mkdir()
    shutil.copyfile(template, root / "counter" / STORE_FILE)
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


def refused(db, data: bytes) -> CaseFileRejected:
    """``data`` must be refused whole, as the product refuses a case file: its own error type, a code
    it names, its own message with every parameter filled in, and nothing at all stored."""
    before = counts(db)
    with pytest.raises(CaseFileRejected) as got:
        receive(db, data)
    exc = got.value
    assert exc.code in MESSAGE_STARTS, exc.render()
    assert exc.render().startswith(MESSAGE_STARTS[exc.code]), exc.render()
    assert str(exc) == exc.render()
    assert counts(db) == before  # not even a refusal record: none of it was authenticated
    return exc


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
    assume(bytes(raw) != good)  # a cut and an insert that put back what was there: not damage
    refused(db, bytes(raw))


def test_the_genuine_file_is_what_the_damaged_ones_were_made_from(tmp_path, migrated_template):
    """The refusals above are the damage's doing: the undamaged file goes in (in a world of its own)."""
    db, _, good, _ = make_world(tmp_path, migrated_template)
    assert receive(db, good).status == "stored"


# Values a field's rule refuses, by what the field must be (app.sync.casefile._structure). Text and
# numbers a database can store: what it can't is refused first, whatever the field (app.rules.wire_text,
# its own tests and tests/system/test_attacks_property.py).
storable = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
text = lambda **kw: st.text(alphabet=storable, **kw)  # noqa: E731
int64 = st.integers(-2**63, 2**63 - 1)
any_json = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), text(max_size=8),
                     st.floats(allow_nan=False, allow_infinity=False), st.lists(int64, max_size=2),
                     st.dictionaries(text(max_size=4), int64, max_size=2))
not_text = any_json.filter(lambda v: not (isinstance(v, str) and 0 < len(v) <= 200)) | text(min_size=201, max_size=210)
not_count = any_json.filter(lambda v: not (isinstance(v, int) and not isinstance(v, bool) and v >= 1))
not_object = any_json.filter(lambda v: not isinstance(v, dict))
not_list = any_json.filter(lambda v: not isinstance(v, list))
EVENT_TEXT = ("id", "entity_id", "kind", "dealer_id", "origin", "occurred_at")


@st.composite
def malformed(draw, doc):
    """One field of the genuine body broken: (path, new value or DELETE, the refusal's code and field)."""
    events = doc["events"]
    tables = sorted(t for t, rows in doc["records"].items() if rows)
    i = draw(st.integers(0, len(events) - 1))
    t = draw(st.sampled_from(tables))
    j = draw(st.integers(0, len(doc["records"][t]) - 1))
    where = f"events[{i}]"
    other_text = text(min_size=1, max_size=40)
    cases = [
        (("format",), any_json.filter(lambda v: v != casefile.FORMAT), "not_a_case_file", None),
        (("format",), st.just(DELETE), "not_a_case_file", None),
        (("version",), any_json.filter(lambda v: not isinstance(v, int) or isinstance(v, bool)), "invalid", "version"),
        (("version",), st.integers(casefile.VERSION + 1, 10**6), "upgrade_required", None),
        (("version",), st.integers(-10**6, casefile.MIN_VERSION - 1), "too_old", None),
        (("counter",), not_text.filter(lambda v: not isinstance(v, str)) | st.just(DELETE), "invalid", "counter"),
        (("counter",), other_text.filter(lambda v: v != doc["counter"]), "unknown_counter", None),
        (("dealer",), not_object | st.just(DELETE), "invalid", "dealer"),
        (("dealer", draw(st.sampled_from(["id", "code"]))), not_text | st.just(DELETE), "invalid", "dealer"),
        (("created_at",), not_text | st.just(DELETE), "invalid", "created_at"),
        (("sequence",), not_count | st.just(DELETE), "invalid", "sequence"),
        (("events",), not_list | st.just(DELETE), "invalid", "events"),
        (("events", i), not_object, "invalid", where),
        (("events", i, (key := draw(st.sampled_from(EVENT_TEXT)))), not_text | st.just(DELETE), "invalid",
         f"{where}.{key}"),
        (("events", i, "dealer_id"), other_text.filter(lambda v: v != doc["dealer"]["id"]), "invalid",
         f"{where}.dealer_id"),
        (("events", i, "origin"), other_text.filter(lambda v: v != doc["counter"]), "invalid", f"{where}.origin"),
        (("events", i, "entity_type"), any_json.filter(lambda v: v not in casefile.ENTITY_TYPES) | st.just(DELETE),
         "invalid", f"{where}.entity_type"),
        (("events", i, "seq"), not_count | st.just(DELETE), "invalid", f"{where}.seq"),
        (("events", i, "base"), any_json.filter(lambda v: v is not None and not isinstance(v, dict)), "invalid",
         f"{where}.base"),
        (("events", i, "payload"), not_object | st.just(DELETE), "invalid", f"{where}.payload"),
        (("events", i, "actor_id"), not_text.filter(lambda v: v is not None), "invalid", f"{where}.actor_id"),
        (("records",), not_object | st.just(DELETE), "invalid", "records"),
        (("records", "not_a_table"), st.just([]), "invalid", "records"),
        (("records", t), not_list, "invalid", f"records.{t}"),
        (("records", t, j), not_object, "invalid", f"records.{t}[{j}]"),
        (("records", t, j, "id"), not_text | st.just(DELETE), "invalid", f"records.{t}[{j}]"),
    ]
    path, values, code, field = draw(st.sampled_from(cases))
    return path, draw(values), code, field


DELETE = object()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_signed_but_malformed_content_is_refused_whole(world, data):
    """Even with the genuine key (a buggy or hostile counter), a file with one field broken is refused
    whole, naming that field, before anything of it is stored."""
    db, secret, good, numbers = world
    doc = json.loads(good)
    del doc["signature"]
    doc["sequence"] = next(numbers)  # a fresh sequence, so only the broken field decides
    path, value, code, field = data.draw(malformed(doc))
    parent = doc
    for k in path[:-1]:
        parent = parent[k]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    raw = casefile.sign(doc, secret) if isinstance(doc.get("counter"), str) else signing.canonical(doc) + b"\n"
    exc = refused(db, raw)
    assert exc.code == code, exc.render()
    if field is not None:
        assert exc.params["field"] == field
        want = exc.params["want"].format(**exc.params)  # what it should be may name a limit or the choices
        assert exc.render() == f"The case file is malformed: {field} should be {want}. Nothing of it was imported."


@pytest.mark.parametrize("table, column, value", [
    ("feedback_form", "timeliness", "Z"),          # a CHECK constraint
    ("failure_case", "customer_id", "nobody"),      # a missing parent row
    ("failure_case", "opened_at", "yesterday"),     # not a time
    ("customer", "dealer_id", "another-dealer"),    # another dealer's row
])
def test_content_the_database_refuses_refuses_that_change_only(tmp_path, migrated_template, table, column, value):
    """One row head office can't store refuses the change it belongs to, with its reason; nothing
    of that change is stored, the rest of the file is, and the genuine file completes it later."""
    db, secret, good, numbers = make_world(tmp_path, migrated_template)
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
