"""An event's payload naming what another dealer owns (a photo's hash, a case's id), sent by a BJ01
counter holding its genuine secret to a real `hq serve` on PostgreSQL: the change is refused with its
reason, nothing stored, the photo never handed to a BJ01 counter; and a BJ01 counter run through the
command line refuses such a file itself when head office holds one from before this check."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.foundation.ids import new_id
from app.models import HqRefusal, SyncReceived, utcnow
from app.services.cases.attachments import KIND
from app.sync import casefile
from tests.system.attack_world import (alive, assert_clean, authed, cli, cli_counter, close_world, dump,
                                       dump_counter, event, forge, make_world, post, report_rss, restart)


@pytest.fixture
def world(pg_url_at_head, tmp_path):
    w = make_world(pg_url_at_head, tmp_path)
    yield w
    close_world(w)


def blob_in_event(w) -> bytes:
    """A new BJ01 case whose attachment event names SH02's photo."""
    return forge(w, events=[event(w, kind=KIND, sha256=w.sh_blob, name="x.jpg", size=10)])


def blob_in_attachment_row(w) -> bytes:
    """An attachment row on counter A's own case, naming SH02's photo."""
    with w.a.session() as s:
        from app.models import FailureCase

        case_id = s.scalar(select(FailureCase.id))
    row = {"id": new_id(), "case_id": case_id, "sha256": w.sh_blob, "filename": "x.jpg", "size": 10,
           "added_at": "2026-11-18T02:00:00+00:00", "added_by": None}
    return forge(w, records={"attachment": [row]})


def case_id_in_payload(w) -> bytes:
    """A BJ01 change whose payload names SH02's case (as a merge or link would)."""
    return forge(w, events=[event(w, kind="case.linked", linked_case=w.sh_case)])


ATTACKS = [(blob_in_event, "foreign_blob"), (blob_in_attachment_row, "foreign_blob"),
           (case_id_in_payload, "foreign_payload")]


@pytest.mark.parametrize("attack,code", ATTACKS, ids=[a[0].__name__ for a in ATTACKS])
def test_a_payload_naming_another_dealers_data_is_refused(world, attack, code):
    w = world
    before = dump(w.db)
    status, sealed, raw = post(w, attack(w))
    assert status == 200, raw
    assert_clean(raw)
    [refused] = sealed["data"]["refused"]
    assert refused["code"] == code and "dealer" in refused["text"]
    print(f"\n{attack.__name__}: {refused['text'].format(**refused['params'])}")
    # nothing stored but the file's arrival (its row in sync_received) and the refusal itself
    after = dump(w.db)
    assert {t: v for t, v in after.items() if t != "sync_received"} == \
           {t: v for t, v in before.items() if t != "sync_received"}
    with w.db.session() as s:
        assert s.scalar(select(HqRefusal.code).where(HqRefusal.sequence == w.seq)) == code
    # and the photo is never handed to a BJ01 counter
    r = authed(w, "GET", f"/v1/attachments/{w.sh_blob}")
    assert r.status_code == 403 and b"private" not in r.content
    alive(w)
    report_rss(w, attack.__name__)


def test_a_file_stored_before_the_check_is_refused_by_the_counter_that_pulls_it(world):
    """Head office holds a BJ01 file from before payloads were checked: a customer row of SH02 and
    an attachment event naming SH02's photo. A second BJ01 counter (command line) refuses the
    first file, can't fetch the photo, keeps its rows as they were, and says so in Sync problems."""
    w = world
    planted = forge(w, records={"customer": [{"id": new_id(), "dealer_id": w.sh_dealer, "name": "planted",
                                              "phone": "13900000000", "created_at": "2026-11-18T02:00:00+00:00"}]})
    photo = blob_in_event(w)
    with w.db.session() as s, s.begin():
        for data in (planted, photo):
            cf = casefile.parse(data, lambda _c: w.secret)
            s.add(SyncReceived(counter_id=w.me, sequence=cf.sequence, sha256=cf.sha256, dealer_id=w.bj,
                               content=data, received_at=utcnow()))
    b = cli_counter(w, "b")
    before = dump_counter(w.tmp / "b")
    r = cli(w, *b, "sync", "--once")
    print("\n" + r.stdout + r.stderr)
    assert "Traceback" not in r.stderr
    after = dump_counter(w.tmp / "b")
    assert "planted" not in str(after["customer"])
    assert not list((w.tmp / "b").rglob(w.sh_blob))  # the photo was never kept
    problems = cli(w, *b, "sync", "--problems")
    assert "another dealer" in problems.stdout and "number" in problems.stdout, problems.stdout
    assert "not on a case of this dealer" in problems.stdout  # the photo: refused by head office
    assert len(after["event"]) > len(before["event"])  # the rest of what was pulled is applied
    alive(w)
    restart(w)
    report_rss(w, "stored-before-the-check")
