"""Case numbers: head office's counter tags, numbering after enrolment, renumbering offline cases,
search by either number, and a number minted twice by older counters kept, never refused."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from app.hq.counters import add_dealer, duplicate_case_numbers, issue_code, redeem
from app.foundation.ids import counter_tag, free_tag, new_id, parse_case_number
from app.models import Event, FailureCase, HqCounter, StoreMeta
from app.models.store import open_database
from app.services.cases.case_queries import CaseFilter, case_page
from app.services.cases.opening import open_case, timeline
from app.sync.apply import apply_file, records_for
from app.models.event_codec import event_to_wire
from app.sync.connect import _rehome
from tests.synchelp import new_case

AT = datetime(2026, 11, 18, 2, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("number, parsed", [
    ("BJ01-2611-K7-0042", ("BJ01", "2611", "K7", 42)),
    ("LOCAL-2612-3J-0001", ("LOCAL", "2612", "3J", 1)),
    ("SH-02-2612-00-10000", ("SH-02", "2612", "00", 10000)),  # a dealer code with a dash, past 9999
    ("BJ01-2611-KO-0042", None),  # O is not a readable character
    ("BJ01-261-K7-0042", None),
    ("K7-0042", None),
    ("-2611-K7-0042", None),
])
def test_case_numbers_read_back(number, parsed):
    assert parse_case_number(number) == parsed


@pytest.mark.parametrize("taken, expected", [
    (set(), "00"),
    ({"00"}, "01"),
    ({"00", "01", "03"}, "02"),
    ({a + b for a in "0123456789ABCDEFGHJKMNPQRSTVWXYZ" for b in "0123456789ABCDEFGHJKMNPQRSTVWXYZ"}, None),
])
def test_the_first_free_tag(taken, expected):
    assert free_tag(taken) == expected


@pytest.fixture
def hq(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    add_dealer(db, "BJ01", "北京一店")
    add_dealer(db, "SH02", "上海二店")
    yield db
    db.close()


def test_head_office_gives_each_counter_of_a_dealer_its_own_tag(hq):
    old = new_id()
    first = redeem(hq, issue_code(hq, "BJ01"), old)
    with hq.session() as s, s.begin():  # as if enrolled before tags were assigned: it numbers with its own
        s.get(HqCounter, old).tag = None
    tags = [redeem(hq, issue_code(hq, "BJ01"), new_id()).tag for _ in range(40)]
    assert first.tag == "00"
    assert len(set(tags)) == 40 and counter_tag(old) not in tags
    # Another dealer's counters may use the same tags: numbers also carry the dealer's code.
    assert redeem(hq, issue_code(hq, "SH02"), new_id()).tag == "00"
    # Enrolled again by head office (its keyring was lost): the same tag, so its numbers stay its own.
    again = new_id()
    t = redeem(hq, issue_code(hq, "BJ01"), again).tag
    assert redeem(hq, issue_code(hq, "BJ01", replace=again), again).tag == t


def test_a_full_dealer_refuses_the_enrolment_and_keeps_the_code(hq, monkeypatch):
    import app.hq.counters as counters

    monkeypatch.setattr(counters, "free_tag", lambda taken: None)
    code = issue_code(hq, "BJ01")
    with pytest.raises(counters.NoTagLeft):
        redeem(hq, code, new_id())
    monkeypatch.undo()
    assert redeem(hq, code, new_id()).tag == "00"  # nothing was spent


def _numbers(store) -> dict[str, str]:
    with store.session() as s:
        return dict(s.execute(select(FailureCase.id, FailureCase.number)).all())


def _enrol(store, hq, dealer="BJ01"):
    got = redeem(hq, issue_code(hq, dealer), store.identity.store_id)
    return got, _rehome(store, got.dealer.id, got.dealer.code, got.dealer.name, got.tag)


def test_offline_cases_are_renumbered_at_enrolment_with_their_running_numbers(store, hq):
    own = store.identity.tag
    ids = [open_case(store, new_case(i), None, at=AT).id for i in range(3)]
    assert sorted(_numbers(store).values()) == [f"LOCAL-2611-{own}-000{i}" for i in (1, 2, 3)]
    got, renumbered = _enrol(store, hq)
    assert store.identity.tag == got.tag == "00" and store.identity.home_dealer_code == "BJ01"
    assert {r.old: r.new for r in renumbered} == {f"LOCAL-2611-{own}-000{i}": f"BJ01-2611-00-000{i}" for i in (1, 2, 3)}
    # Each renumbering is a new version of the case with its event, so it travels and reads in the history.
    for case_id in ids:
        entries = timeline(store, case_id)
        assert [e.kind for e in entries] == ["case.opened", "case.renumbered"]
        assert entries[-1].payload["number"] == _numbers(store)[case_id]
        assert entries[-1].payload["old_number"].startswith("LOCAL-")
        with store.session() as s:
            assert s.get(FailureCase, case_id).version == 2
    # New cases continue after the highest running number, in the dealer's code and the assigned tag.
    assert open_case(store, new_case(9), None, at=AT).number == "BJ01-2611-00-0004"
    # Connecting again changes nothing.
    assert _rehome(store, got.dealer.id, "BJ01", got.dealer.name, got.tag) == []


@pytest.mark.parametrize("query, found", [
    ("LOCAL-2611-{own}-0002", ["BJ01-2611-00-0002"]),
    ("local-2611-{own}-0002", ["BJ01-2611-00-0002"]),
    ("BJ01-2611-00-0002", ["BJ01-2611-00-0002"]),
    ("BJ01-2611", ["BJ01-2611-00-0001", "BJ01-2611-00-0002"]),
    ("LOCAL-2611", ["BJ01-2611-00-0001", "BJ01-2611-00-0002"]),
    ("SH02-2611", []),
])
def test_search_finds_a_renumbered_case_by_either_number(store, hq, query, found):
    own = store.identity.tag
    for i in range(2):
        open_case(store, new_case(i), None, at=AT)
    _enrol(store, hq)
    page = case_page(store, CaseFilter(search=query.format(own=own)), sort="number", descending=False)
    assert [r.number for r in page.rows] == found


def test_running_numbers_continue_after_the_highest_stored(store):
    """A month's counter behind the stored numbers (e.g. a store restored from an older backup)
    never mints a number twice."""
    open_case(store, new_case(1), None, at=AT)
    open_case(store, new_case(2), None, at=AT)
    with store.session() as s, s.begin():
        s.get(StoreMeta, "case_seq:2611").value = "0"
    assert open_case(store, new_case(3), None, at=AT).number.endswith("-0003")


def test_cases_other_counters_opened_keep_their_numbers(store, hq):
    """Renumbering touches only the cases this counter opened."""
    open_case(store, new_case(1), None, at=AT)
    got, _ = _enrol(store, hq)
    with store.session() as s, s.begin():  # a case another counter of the dealer synced here
        cid = new_id()
        case = s.scalars(select(FailureCase)).first()
        s.add(FailureCase(**{**{c.key: getattr(case, c.key) for c in FailureCase.__table__.columns},
                             "id": cid, "number": "BJ01-2611-3J-0001", "version": 1}))
        s.add(Event(id=new_id(), entity_type="case", entity_id=cid, seq=1, kind="case.opened", payload={},
                    actor_id=None, dealer_id=got.dealer.id, origin=new_id(), occurred_at=AT))
    assert _rehome(store, got.dealer.id, "BJ01", got.dealer.name, "01") != []
    assert _numbers(store)[cid] == "BJ01-2611-3J-0001"


def test_a_number_two_older_counters_minted_is_kept_twice_and_listed(store, hq, tmp_path):
    """Two counters enrolled before head office assigned tags can share a tag, and so a number:
    head office keeps both cases (the file is not refused) and lists the number for its staff."""
    from app.models.store import open_store

    other = open_store(tmp_path / "other")
    got, _ = _enrol(store, hq)
    _rehome(other, got.dealer.id, got.dealer.code, got.dealer.name, "3J")
    _rehome(store, got.dealer.id, got.dealer.code, got.dealer.name, "3J")
    refs = [open_case(st, new_case(i), None, at=AT) for i, st in enumerate((store, other))]
    assert refs[0].number == refs[1].number == "BJ01-2611-3J-0001"
    for st in (store, other):
        with st.session() as s:
            events = list(s.scalars(select(Event)))
            records = records_for(s, events)
        with hq.session() as s, s.begin():
            res = apply_file(s, got.dealer.id, [event_to_wire(e, None) for e in events], records)
        assert res.events_new == len(events) and not res.conflicts
    with hq.session() as s:
        assert sorted(s.scalars(select(FailureCase.id))) == sorted(r.id for r in refs)
    assert duplicate_case_numbers(hq) == [("BJ01", "BJ01-2611-3J-0001", 2)]
    other.close()
