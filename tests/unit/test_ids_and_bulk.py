"""Ids are unique and time-ordered; bulk inserts store values exactly as the ORM would; reads among
many ids find exactly their rows, whatever their number."""

import json
import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import Text, cast, select
from sqlalchemy.exc import IntegrityError

from app.foundation.ids import case_number, counter_tag, new_id
from app.models import Event
from app.models.bulk import (IdValue, among, among_joined, among_param, bulk_insert, bulk_insert_columns,
                             id_value, prepared, utc_values)
from app.models.event_codec import COLUMNS


def test_ids_are_uuid7_unique_and_increasing():
    ids = [new_id() for _ in range(20000)]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    u = uuid.UUID(ids[0])
    assert u.version == 7 and u.variant == uuid.RFC_4122


def test_case_number_reads_well():
    tag = counter_tag(new_id())
    assert len(tag) == 2 and not set(tag) & set("ILOU")
    assert case_number("BJ01", 2026, 5, "K7", 42) == "BJ01-2605-K7-0042"


def test_bulk_insert_round_trips_through_the_orm(store):
    at = datetime(2026, 5, 18, 9, 30, 15, 123456, tzinfo=timezone.utc)
    row = {"id": new_id(), "entity_type": "form", "entity_id": new_id(), "seq": 1, "kind": "form.created",
           "payload": {"名字": "王芳", "n": [1, 2], "d": date(2026, 5, 1).isoformat()}, "actor_id": None,
           "dealer_id": store.identity.home_dealer_id, "origin": store.identity.store_id, "occurred_at": at}
    with store.session() as s, s.begin():
        bulk_insert(s, Event.__table__, [row])
    with store.session() as s:
        ev = s.get(Event, row["id"])
        assert ev.occurred_at == at and ev.payload == row["payload"] and ev.actor_id is None


# Ids a hostile file may name that a database can store: PostgreSQL gets the ids as its array's text,
# which these would break if any went unquoted or unescaped.
ODD_IDS = ["a,b", '"quoted"', "back\\slash", "\\", '\\"', "{x}", "{}", "NULL", "null", " spaced ", "", "中文 \u2028",
           "tab\tline\n", "x\"}", "😀", "'); DROP TABLE event; --"]
# Ids no PostgreSQL text holds (NUL, a lone surrogate): no row has them; the others are still found.
UNSTORABLE_IDS = ["a\x00b", "\x00", "a\ud800b", "\udfff"]


@pytest.mark.parametrize("wanted", ["none", "some", "all and more", "past the parameter limits", "odd"])
def test_among_finds_the_rows_of_any_number_of_ids(hq_db, wanted):
    at = datetime(2026, 5, 18, 9, 30, tzinfo=timezone.utc)
    stored = [new_id() for _ in range(50)] + (ODD_IDS if wanted == "odd" else [])
    rows = [{"id": i, "entity_type": "case", "entity_id": stored[n // 2], "seq": 1 + n % 2, "kind": "case.opened",
             "payload": {}, "actor_id": None, "dealer_id": "d", "origin": "o", "occurred_at": at}
            for n, i in enumerate(stored)]
    ids = {"none": [], "some": stored[:7] + stored[:3],
           "all and more": stored + [new_id() for _ in range(10)] + ["", "'); DROP TABLE event; --"],
           "past the parameter limits": stored[::2] + [new_id() for _ in range(70_000)],
           "odd": stored[::3] + ODD_IDS + UNSTORABLE_IDS + [i + "x" for i in ODD_IDS]}[wanted]
    with hq_db.session() as s, s.begin():
        bulk_insert(s, Event.__table__, rows)
        found = set(s.scalars(select(Event.id).where(among(s, Event.id, ids))))
        by_entity = set(s.scalars(select(Event.id).where(among(s, Event.entity_id, ids))))
        # Several statements of one query share one value of the ids.
        value = IdValue(s, ids)
        both = s.execute(select(Event.id).where(among(s, Event.id, value, key="ids")).union_all(
            select(Event.entity_id).where(among(s, Event.entity_id, value, key="ids")))).scalars().all()
        # The same ids as a prepared statement's value (head office's reads of a file), looked up one by one.
        pg = s.get_bind().dialect.name == "postgresql"
        joined = set(prepared(s, "test.among_joined", lambda pg: among_joined(pg, select(Event.id), Event.id, "ids"),
                              {"ids": id_value(pg, ids)}).scalars())
        param = set(prepared(s, "test.among_param", lambda pg: select(Event.id).where(among_param(pg, Event.id, "ids")),
                             {"ids": id_value(pg, ids)}).scalars())
    assert found == joined == param == set(stored) & set(ids)
    assert by_entity == {r["id"] for r in rows if r["entity_id"] in set(ids)}
    assert sorted(both) == sorted([i for i in stored if i in set(ids)]
                                  + [r["entity_id"] for r in rows if r["entity_id"] in set(ids)])


def test_bulk_insert_stores_any_text_and_refuses_a_duplicate_as_an_insert_would(hq_db):
    # PostgreSQL takes the rows through COPY: its text format escapes tabs, line breaks and backslashes,
    # and a refused row must still raise IntegrityError inside the caller's transaction (a savepoint
    # here), which then goes on, as after a refused INSERT.
    at = datetime(2026, 5, 18, 9, 30, 15, 123456, tzinfo=timezone.utc)
    payload = {"words": "tab\there\nline\\back \"quoted\" 王芳 \\N", "n": [1, -2.5, None, True], "e": {}}
    first = {"id": new_id(), "entity_type": "case", "entity_id": new_id(), "seq": 1, "kind": "case.opened",
             "payload": payload, "actor_id": None, "dealer_id": "d\\N", "origin": "", "occurred_at": at}
    with hq_db.session() as s, s.begin():
        bulk_insert(s, Event.__table__, [first])
        with pytest.raises(IntegrityError):
            with s.begin_nested():
                bulk_insert(s, Event.__table__, [{**first, "seq": 2}])
        bulk_insert(s, Event.__table__, [{**first, "id": new_id(), "seq": 2}])
    with hq_db.session() as s:
        events = s.scalars(select(Event).order_by(Event.seq)).all()
        stored = s.scalar(select(cast(Event.payload, Text)).where(Event.id == first["id"]))
    assert [(e.seq, e.payload, e.dealer_id, e.origin, e.actor_id, e.occurred_at) for e in events] == [
        (1, payload, "d\\N", "", None, at), (2, payload, "d\\N", "", None, at)]
    assert stored == json.dumps(payload)  # the text json.dumps writes, as before


# Event times as a file may carry them: the usual form, and others (no microseconds, another zone, a
# year before 1000, a comma, a week date), each stored as its time whatever the form.
TIMES = ["2026-05-18T09:30:15.123456+00:00", "2026-05-18T09:30:15+00:00", "2026-05-18T11:30:15.123456+02:00",
         "0999-05-18T09:30:15.123456+00:00", "2026-05-18T09:30:15,123456+00:00", "2026-W21-1T09:30:15.123456+00:00",
         "2026-05-18T09:30:15.000000+00:00", "2026-05-18T09:30:15.123456Z"]


def test_event_times_taken_from_their_text_are_stored_as_their_times_are(hq_db):
    times = [datetime.fromisoformat(t) for t in TIMES]
    rows = {c: [] for c in COLUMNS}
    for i, at in enumerate(times):
        for c, v in zip(COLUMNS, (new_id(), "case", new_id(), 1, "case.opened", {}, None, "d", "o", at)):
            rows[c].append(v)
    with hq_db.session() as s, s.begin():
        bulk_insert_columns(s, Event.__table__, list(COLUMNS), [rows[c] for c in COLUMNS])  # converted from the times
        again = {**rows, "id": [new_id() for _ in times], "seq": [2] * len(times)}
        bulk_insert_columns(s, Event.__table__, list(COLUMNS), [again[c] for c in COLUMNS],
                            {"occurred_at": lambda pg: utc_values(pg, TIMES, times)})
    with hq_db.session() as s:
        texts = {(e, seq): t for e, seq, t in
                 s.execute(select(Event.entity_id, Event.seq, cast(Event.occurred_at, Text)))}
        # (SQLite's driver reads no year before 1000 back: stored as SQLAlchemy writes it, unpadded.)
        read = [s.scalar(select(Event.occurred_at).where(Event.entity_id == e, Event.seq == 2))
                for e, at in zip(rows["entity_id"], times) if at.year >= 1000]
    assert [texts[(e, 2)] for e in rows["entity_id"]] == [texts[(e, 1)] for e in rows["entity_id"]]
    assert read == [at for at in times if at.year >= 1000]
