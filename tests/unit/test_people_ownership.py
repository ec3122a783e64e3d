"""A counter sends only its own dealer's people and writes only its own audit trail: head office's
ownership check and a counter's check of pulled files refuse the rest (table-driven)."""

from __future__ import annotations

import pytest

from app.foundation.ids import new_id
from app.hq.counters import add_dealer
from app.hq.ownership import check
from app.models import Event, User, utcnow
from app.models.event_codec import event_row, to_wire
from app.sync import pulled_check
from app.sync.tables import said
from tests.helpers import fresh_hq_db

MY_COUNTER, OTHER_COUNTER = new_id(), new_id()


@pytest.fixture
def hq(tmp_path):
    db = fresh_hq_db(tmp_path / "hq.sqlite3")
    a, b = add_dealer(db, "BJ01", "北京一店"), add_dealer(db, "SH02", "上海二店")
    theirs = new_id()
    with db.session() as s, s.begin():
        s.add(User(id=theirs, dealer_id=a.id, username="li", display_name="李娜", role="admin",
                   password_hash="scrypt$1$1$1$AA==$AA==", active=True, created_at=utcnow(), version=1))
    yield db, a.id, b.id, theirs
    db.close()


def person(uid: str, dealer_id: str, **kw) -> dict:
    rec = {"id": uid, "dealer_id": dealer_id, "username": "wang", "display_name": "王伟", "role": "advisor",
           "password_hash": "scrypt$16384$8$1$AA==$AA==", "active": True, "created_at": utcnow().isoformat(),
           "version": 1}
    rec.update(kw)
    return rec


def event(etype: str, eid: str, dealer_id: str, kind: str, origin: str = MY_COUNTER) -> dict:
    return to_wire(Event(**event_row(etype, eid, 1, kind, {}, dealer_id=dealer_id, origin=origin)))


# (what SH02's counter sends) -> the refusal's code, or None when it is stored
CASES = [
    ("its own new person", lambda a, b, theirs, me: ([event("user", me, b, "user.added")], [person(me, b)]), None),
    ("its own audit trail", lambda a, b, theirs, me: ([event("counter", MY_COUNTER, b, "setting.changed")], []), None),
    ("BJ01's person under SH02's name",
     lambda a, b, theirs, me: ([event("user", theirs, b, "user.deactivated")], [person(theirs, b, username="li")]),
     "foreign_row"),
    ("a change to BJ01's person alone", lambda a, b, theirs, me: ([event("user", theirs, b, "user.pin_reset")], []),
     "foreign_row"),
    ("a person named as BJ01's", lambda a, b, theirs, me: ([event("user", me, b, "user.added")], [person(me, a)]),
     "foreign_record"),
    ("another counter's audit trail",
     lambda a, b, theirs, me: ([event("counter", OTHER_COUNTER, b, "setting.changed")], []), "foreign_history"),
]


@pytest.mark.parametrize("name, build, refused", CASES, ids=[c[0] for c in CASES])
def test_head_office_keeps_people_and_audit_trails_to_their_owners(hq, name, build, refused):
    db, a, b, theirs = hq
    events, people = build(a, b, theirs, new_id())
    with db.session() as s:
        got = check(s, b, "SH02", events, {"user": people})
    codes = [r.code for r in got.refused]
    assert codes == ([] if refused is None else [refused]), [r.render() for r in got.refused]


def test_a_counter_refuses_a_pulled_file_carrying_another_dealers_person(store):
    home = store.identity.home_dealer_id
    with store.session() as s:
        assert pulled_check.refusal(s, home, 7, [], {"user": [person(new_id(), home)]}) is None
        text, params = pulled_check.refusal(s, home, 7, [], {"user": [person(new_id(), new_id())]})
    assert text == pulled_check.NOT_OURS and params["what"] == said("user") == "a person"


@pytest.mark.parametrize("records, en, zh", [
    ('{"user": [{"note": "a\\u0000b"}]}',  # the wire rule's sentence inside the brackets, without its full stop
     "records.user[0].note holds a character no database can store (U+0000) at position 2",
     "records.user[0].note 第 2 个位置含有数据库无法保存的字符（U+0000）"),
    ('{"x": [NaN]}', "a value holds NaN, which is not a number JSON allows",
     "某个值 含有 NaN，这不是 JSON 允许的数字"),
], ids=["nul", "nan"])
def test_a_pulled_file_holding_what_the_store_cant_hold_is_refused_in_the_readers_words(store, records, en, zh):
    from app.foundation.translation import Words
    from app.sync.problems import list_problems, problem_text

    content = '{"dealer": {"id": "%s"}, "events": [], "records": %s}' % (store.identity.home_dealer_id, records)
    assert pulled_check.document(store, {"n": 8, "content": content}) is None
    [p] = list_problems(store)
    assert problem_text(p, Words("en")) == ("A file from head office (number 8) holds a value this counter can't "
                                            f"store ({en}); nothing of it was applied.")
    assert problem_text(p, Words("zh_CN")) == f"来自总部的文件（编号 8）含有本前台无法保存的值（{zh}）；其中内容均未应用。"


@pytest.mark.parametrize("records, said", [
    ('{"x": [%s]}' % ("9" * 30), "99999999999999999999..."),  # its limits are numbers: kept as numbers
    ('{"x": %s1%s}' % ("[" * 40, "]" * 40), "32"),
], ids=["long-number", "too-deep"])
def test_a_pulled_file_refused_for_a_limit_names_it(store, records, said):
    from app.foundation.translation import Words
    from app.sync.problems import list_problems, problem_text

    content = '{"dealer": {"id": "%s"}, "events": [], "records": %s}' % (store.identity.home_dealer_id, records)
    assert pulled_check.document(store, {"n": 9, "content": content}) is None
    [p] = list_problems(store)
    for words in (Words("en"), Words("zh_CN")):
        assert said in problem_text(p, words) and "(number 9)" in problem_text(p, Words("en"))
