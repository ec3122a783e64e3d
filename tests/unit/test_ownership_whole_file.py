"""Head office's ownership check asked for a whole file (what every import asks first) answers as the
check change by change does: the same refusals and the same rows, for a counter's own file and for every
hostile one (another dealer's row, record, history, payload or attachment, another counter's audit
trail, a change built on a version head office lacks, a value over its column, text no database holds).
Only a file nothing of which can be refused skips the grouping."""

from __future__ import annotations

import pytest

from app.foundation.ids import new_id
from app.foundation.signing import canonical
from app.hq.blobs import store_blob
from app.hq.ownership import check
from app.models.event_codec import new_event
from app.rules import wire_text
from tests.ownership_paths import same_outcome
from tests.unit.test_people_ownership import MY_COUNTER, OTHER_COUNTER, event, hq, person  # noqa: F401 - hq: fixture

PHOTO = b"BJ01's photo"


def _later(ev: dict, base_id: str) -> dict:
    return {**ev, "id": new_id(), "seq": 2, "base": {"seq": 1, "event_id": base_id}, "kind": "user.renamed"}


def _named(ev: dict, value: str) -> dict:
    return {**ev, "payload": {"note": value}}


# (what SH02's counter sends: events, user records) -> the refusal's codes
CASES = [
    ("its own new person and audit trail",
     lambda w, me: ([event("user", me, w.b, "user.added"), event("counter", MY_COUNTER, w.b, "setting.changed")],
                    [person(me, w.b)]), []),
    ("BJ01's person under SH02's name",
     lambda w, me: ([event("user", w.theirs, w.b, "user.deactivated")], [person(w.theirs, w.b, username="li")]),
     ["foreign_row"]),
    ("a change to BJ01's person alone", lambda w, me: ([event("user", w.theirs, w.b, "user.pin_reset")], []),
     ["foreign_row"]),
    ("a person named as BJ01's", lambda w, me: ([event("user", me, w.b, "user.added")], [person(me, w.a)]),
     ["foreign_record"]),
    ("another counter's audit trail",
     lambda w, me: ([event("counter", OTHER_COUNTER, w.b, "setting.changed")], []), ["foreign_history"]),
    ("a change added to BJ01's history of an entity without a row",
     lambda w, me: ([event("user", w.history, w.b, "user.added")], []), ["foreign_history"]),
    ("a change built on a version head office lacks",
     lambda w, me: ([_later(event("user", me, w.b, "user.added"), new_id())], [person(me, w.b)]), ["missing_base"]),
    ("a payload naming BJ01's person",
     lambda w, me: ([_named(event("user", me, w.b, "user.added"), w.theirs)], [person(me, w.b)]),
     ["foreign_payload"]),
    ("a payload naming BJ01's attachment",
     lambda w, me: ([_named(event("user", me, w.b, "user.added"), w.photo)], [person(me, w.b)]), ["foreign_blob"]),
    ("a payload naming BJ01's person deep inside it",
     lambda w, me: ([{**event("user", me, w.b, "user.added"), "payload": {"before": {"named": ["x", w.theirs]}}}],
                    [person(me, w.b)]), ["foreign_payload"]),
    ("a payload naming BJ01's attachment inside a list",
     lambda w, me: ([{**event("user", me, w.b, "user.added"), "payload": {"photos": [w.photo]}}], [person(me, w.b)]),
     ["foreign_blob"]),
    ("a name over its column's limit",
     lambda w, me: ([event("user", me, w.b, "user.added")], [person(me, w.b, username="w" * 500)]),
     ["invalid_value"]),
    ("text no database holds",
     lambda w, me: ([_named(event("user", me, w.b, "user.added"), "a\x00b")], [person(me, w.b)]),
     ["invalid_value"]),
    ("its own person beside BJ01's",
     lambda w, me: ([event("user", me, w.b, "user.added"), event("user", w.theirs, w.b, "user.deactivated")],
                    [person(me, w.b), person(w.theirs, w.b, username="li")]), ["foreign_row"]),
]


@pytest.fixture
def world(hq):
    db, a, b, theirs = hq
    history = new_id()
    with db.session() as s, s.begin():
        s.add(new_event("user", history, 1, "user.added", {}, dealer_id=a, origin=OTHER_COUNTER))
    photo = store_blob(db, PHOTO, dealer_id=a)

    class World:
        pass

    w = World()
    w.db, w.a, w.b, w.theirs, w.history, w.photo = db, a, b, theirs, history, photo
    return w


@pytest.mark.parametrize("name, build, codes", CASES, ids=[c[0] for c in CASES])
def test_a_whole_file_is_checked_as_change_by_change(world, name, build, codes):
    events, people = build(world, new_id())
    storable = wire_text.texts_storable(canonical({"events": events, "user": people}))
    with world.db.session() as s:
        whole = check(s, world.b, "SH02", events, {"user": people}, values_storable=storable, grouped=False)
        grouped = check(s, world.b, "SH02", events, {"user": people}, values_storable=storable)
    assert [r.code for r in grouped.refused] == codes, [r.render() for r in grouped.refused]
    same_outcome(whole, grouped)
    # Only a file nothing of which is refused skips the grouping.
    assert (whole.whole is not None) == (not codes)
