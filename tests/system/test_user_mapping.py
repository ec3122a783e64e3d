"""A person head office (or another counter) already knows under another id: every reference a case
file makes to them (who made each change, a case's assignee and creator, the users named in event
payloads, what a conflict keeps aside) lands on the receiver's own user, on SQLite and PostgreSQL,
and importing the same changes again stores nothing twice."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.foundation import secrets
from app.hq.counters import add_dealer, issue_code, open_conflicts, redeem
from app.hq.importer import import_paths
from app.hq.resolve import resolve
from app.foundation.ids import new_id
from app.models import Dealer, Event, FailureCase, SyncConflict, SyncReceived, User, utcnow
from app.models.store import open_database
from app.services.recovery import guide as recovery
from app.services.recovery import remedies
from app.services.cases.opening import open_case
from app.sync import conflicts, outbox
from app.sync.apply import apply_file
from app.models.event_codec import HQ_ORIGIN
from app.sync.connect import _rehome
from app.foundation.translation import Words
from tests.helpers import fresh_store
from tests.synchelp import new_case


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    url = (request.getfixturevalue("sqlite_hq_url") if request.param == "sqlite"
           else request.getfixturevalue("pg_url_at_head"))
    db = open_database(url)
    add_dealer(db, "BJ01", "北京一店")
    yield db
    db.close()


def enrol(db, store, label: str) -> None:
    got = redeem(db, issue_code(db, "BJ01"), store.identity.store_id, label)
    secrets.put(secrets.counter_key(store.identity.store_id), got.secret)
    _rehome(store, got.dealer.id, got.dealer.code, got.dealer.name)


def user(where, username: str, name: str, role: str) -> str:
    with where.session() as s, s.begin():
        dealer_id = s.scalar(select(Dealer.id).where(Dealer.code == "BJ01"))
        uid = new_id()
        s.add(User(id=uid, dealer_id=dealer_id, username=username, display_name=name, role=role,
                   password_hash=None, active=True, created_at=utcnow()))
    return uid


def case_events(where, case_id: str) -> list[Event]:
    with where.session() as s:
        return list(s.scalars(select(Event).where(Event.entity_id == case_id).order_by(Event.seq)))


def apply_doc(where, path) -> tuple[int, int]:
    """Apply a case file as a pull does (counter) or as head office does after checking it."""
    doc = json.loads(path.read_bytes() if hasattr(path, "read_bytes") else path)
    with where.session() as s, s.begin():
        res = apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
    return res.events_new, len(res.conflicts)


def test_users_known_under_other_ids_are_named_everywhere(db, tmp_path):
    # Head office and both counters each know 王强 and 周经理, each under their own ids.
    hq_wang, hq_zhou = user(db, "wangqiang", "王强", "advisor"), user(db, "zhou", "周经理", "supervisor")
    a, b = fresh_store(tmp_path / "a"), fresh_store(tmp_path / "b")
    enrol(db, a, "前台1")
    enrol(db, b, "前台2")
    a_wang, a_zhou = user(a, "wangqiang", "王强", "advisor"), user(a, "zhou", "周经理", "supervisor")
    b_wang = user(b, "wangqiang", "王强", "advisor")
    assert len({hq_wang, a_wang, b_wang}) == 3

    # At counter 前台1: 王强 opens a case (assigned to him), 周经理 approves his remedy.
    case = open_case(a, new_case(1, assignee_id=a_wang), a_wang).id
    remedy = remedies.propose_remedy(a, case, "voucher", 800, "保养代金券", a_wang)
    remedies.approve_remedy(a, remedy.id, a_zhou)
    recovery.escalate(a, case, "客户要求经理出面", a_wang)
    [first] = outbox.export(a, tmp_path / "a-first")

    summary = import_paths(db, [first])
    assert summary.count("imported") == 1
    with db.session() as s:
        row = s.get(FailureCase, case)
        assert (row.assignee_id, row.created_by) == (hq_wang, hq_wang)
        assert s.get(User, a_wang) is None and s.get(User, a_zhou) is None  # no second 王强
        assert s.scalar(select(func.count()).select_from(User).where(User.username == "wangqiang")) == 1
    events = case_events(db, case)
    assert [(e.kind, e.actor_id) for e in events] == [("case.opened", hq_wang), ("remedy.proposed", hq_wang),
                                                      ("remedy.approved", hq_zhou), ("case.escalated", hq_wang)]
    assert events[0].payload["assignee_id"] == hq_wang
    stored = len(events)

    # The same changes again (the same file, and the file's content applied once more as an
    # overlapping file would carry it): nothing is stored twice.
    assert import_paths(db, [first]).count("present") == 1
    assert apply_doc(db, first) == (0, 0)
    assert len(case_events(db, case)) == stored

    # Counter 前台2 pulls the case: its own 王强 is named, not 前台1's id.
    assert apply_doc(b, first) == (4, 0)
    with b.session() as s:
        assert s.get(FailureCase, case).assignee_id == b_wang
        assert s.get(User, a_wang) is None
    assert case_events(b, case)[0].actor_id == b_wang

    # Both counters change the same version: 周经理 closes it at 前台1, 王强 offers a remedy at 前台2.
    recovery.close_case(a, case, "技师未按规范试车", "交车前试车签字", a_zhou)
    remedies.propose_remedy(b, case, "free_rework", 0, "免费返修", b_wang)
    stick = tmp_path / "usb"
    outbox.export(a, stick)
    outbox.export(b, stick)
    import_paths(db, [stick])
    [c] = open_conflicts(db)
    with db.session() as s:
        kept = s.get(SyncConflict, c.id)
        assert kept.other_event["actor_id"] == hq_wang and kept.other_snapshot["assignee_id"] == hq_wang
        [facts] = conflicts.load(s, [kept])
    assert (facts.applied.actor, facts.other.actor) == ("周经理", "王强")
    assert (facts.other.place, facts.other.counter) == ("counter", "前台2")
    zh = "\n".join(conflicts.lines(facts, Words("zh_CN")))
    assert "王强，柜台 前台2" in zh and "此处未知的人员" not in zh
    assert "someone not known here" not in "\n".join(conflicts.lines(facts, Words("en")))
    assert {e.actor_id for e in case_events(db, case)} == {hq_wang, hq_zhou}
    again = import_paths(db, [stick]).outcomes
    assert again and {o.status for o in again} == {"present"}
    assert len(open_conflicts(db)) == 1

    # Head office's 周经理 takes 前台2's version; 前台1 pulls the resolution and names its own people.
    resolve(db, c.id, "other", actor_id=hq_zhou, note="王强 spoke to the customer")
    with db.session() as s:
        assert s.get(FailureCase, case).assignee_id == hq_wang  # 前台2's snapshot, mapped
        resolution = s.scalar(select(SyncReceived.content).where(SyncReceived.counter_id == HQ_ORIGIN))
    assert apply_doc(a, resolution) == (1, 0)
    with a.session() as s:
        assert s.get(FailureCase, case).assignee_id == a_wang
        assert s.get(User, hq_zhou) is None and s.get(User, hq_wang) is None
    assert case_events(a, case)[-1].actor_id == a_zhou
    assert apply_doc(a, resolution) == (0, 0)
