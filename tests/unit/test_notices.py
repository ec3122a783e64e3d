"""Notices for the person concerned: who hears of a remedy decided, an approval wanted, an escalation,
a case opened for them and a new alert; read marks per person; old news left to the timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.models import utcnow
from app.services.recovery import remedies
from app.services.people import users
from app.services.notices import inbox
from app.services.recovery.guide import escalate
from tests.recovery_helpers import case_for


@pytest.fixture
def people(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    li = users.create_user(store, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    wang = users.create_user(store, "wang", "王强", "5678", "advisor", actor_id=admin.user_id)
    zhou = users.create_user(store, "zhou", "周主管", "5678", "supervisor", actor_id=admin.user_id)
    return admin, li, wang, zhou


def kinds(store, person) -> list[str]:
    return [n.kind for n in inbox.notices_for(store, person.user_id)]


@pytest.mark.parametrize("approve, heard", [(True, inbox.APPROVED), (False, inbox.REFUSED)])
def test_the_proposer_hears_of_the_decision_and_no_one_else(store, people, approve, heard):
    admin, li, wang, zhou = people
    case_id = case_for(store, li.user_id, at=None)
    r = remedies.propose_remedy(store, case_id, "voucher", 800, "保养代金券", li.user_id)
    assert kinds(store, zhou) == [inbox.APPROVAL_WANTED] and kinds(store, li) == []
    (remedies.approve_remedy if approve else remedies.refuse_remedy)(store, r.id, zhou.user_id, "按规定")
    assert kinds(store, li) == [heard]
    n = inbox.notices_for(store, li.user_id)[0]
    assert (n.case_id, n.by, n.summary, n.read) == (case_id, "周主管", "车还有异响", False)
    assert kinds(store, wang) == []  # another advisor's remedy is not his news
    assert kinds(store, zhou) == []  # the request was decided (by himself): nothing waits any more
    assert inbox.APPROVAL_WANTED not in kinds(store, admin)


def test_escalation_reaches_supervisors_and_the_case_owner_not_the_one_who_escalated(store, people):
    admin, li, wang, zhou = people
    case_id = case_for(store, li.user_id, at=None)
    escalate(store, case_id, "客户要求经理出面", wang.user_id)
    assert kinds(store, zhou) == [inbox.ESCALATED] and kinds(store, admin) == [inbox.ESCALATED]
    assert kinds(store, li) == [inbox.ESCALATED]
    assert kinds(store, wang) == []


def test_a_case_opened_for_someone_else_is_their_news(store, people):
    from app.services.cases.opening import NewCase, open_case

    admin, li, wang, zhou = people
    new = NewCase(customer_name="王芳", phone="13812345678", plate="京A12345", channel="on_site",
                  failure_type="outcome", cause_group="system", severity="serious", customer_words="车还有异响",
                  mood="angry", blame="dealer", score=5, assignee_id=li.user_id)
    open_case(store, new, zhou.user_id)
    assert kinds(store, li) == [inbox.ASSIGNED]
    assert kinds(store, zhou) == [] and kinds(store, wang) == []


def test_read_marks_are_per_person_and_kept(store, people):
    admin, li, wang, zhou = people
    case_id = case_for(store, li.user_id, at=None)
    escalate(store, case_id, "客户要求经理出面", wang.user_id)
    assert inbox.unread_count(store, zhou.user_id) == 1 and inbox.unread_count(store, admin.user_id) == 1
    inbox.mark_read(store, zhou.user_id, [n.id for n in inbox.notices_for(store, zhou.user_id)])
    assert inbox.unread_count(store, zhou.user_id) == 0
    assert [n.read for n in inbox.notices_for(store, zhou.user_id)] == [True]  # kept, marked read
    assert inbox.unread_count(store, admin.user_id) == 1
    inbox.mark_all_read(store, admin.user_id)
    assert inbox.unread_count(store, admin.user_id) == 0


def test_old_news_is_left_to_the_timeline(store, people):
    admin, li, wang, zhou = people
    long_ago = utcnow() - timedelta(days=inbox.KEEP_DAYS + 1)
    case_id = case_for(store, li.user_id, at=long_ago)
    escalate(store, case_id, "客户要求经理出面", wang.user_id, now=long_ago)
    assert kinds(store, zhou) == []
    recent = case_for(store, li.user_id, at=None)
    escalate(store, recent, "客户要求经理出面", wang.user_id)
    assert kinds(store, zhou) == [inbox.ESCALATED]


def test_a_new_failure_alert_is_news_for_supervisors_until_read(store, people, tmp_path):
    from app.foundation import clock
    from app.services.imports.feedback_store import import_feedback_file
    from tests.helpers import csv_file, form_line

    admin, li, wang, zhou = people
    # served today: a form older than the alert window raises no alert, whatever day the run is on
    import_feedback_file(store, csv_file(tmp_path / "d.csv", [form_line(clock.today().isoformat(), "RO-D-7", "BDB",
                                                                        overall="5", comment="异响没修好")]))
    alerts = [n for n in inbox.notices_for(store, zhou.user_id) if n.kind == inbox.ALERT]
    assert [(n.case_number, n.summary) for n in alerts] == [("RO-D-7", "BDB")]
    assert kinds(store, li) == []
    inbox.mark_read(store, zhou.user_id, [alerts[0].id])
    assert inbox.unread_count(store, zhou.user_id) == 0 and inbox.unread_count(store, admin.user_id) == 1


def test_a_pack_head_office_published_is_news_for_everyone_once(store, people):
    from pathlib import Path

    from app.scripts.library import bundled_pack_path, library_for

    admin, li, wang, zhou = people
    assert inbox.PACK not in kinds(store, li)
    text = bundled_pack_path().read_text(encoding="utf-8").replace("version: 1", "version: 7", 1)
    library_for(Path(store.path).parent).install_bytes(text.encode("utf-8"), "default@7", "hq",
                                                       published_at=utcnow().isoformat())
    for person in (li, zhou, admin):
        [pack] = [n for n in inbox.notices_for(store, person.user_id) if n.kind == inbox.PACK]
        assert "7" in pack.summary and not pack.read
    inbox.mark_read(store, li.user_id, [pack.id])
    assert [n.read for n in inbox.notices_for(store, li.user_id) if n.kind == inbox.PACK] == [True]
    assert [n.read for n in inbox.notices_for(store, zhou.user_id) if n.kind == inbox.PACK] == [False]


def test_only_the_events_that_may_be_news_are_read(store, people):
    """A dealer's month holds every case's opening and remedies: the inbox reads the few that may be
    the person's news, not all of them (at 100,000 cases all of them held ~330 MB in the desk)."""
    from sqlalchemy import event

    from app.models import Event

    admin, li, wang, zhou = people
    for _ in range(3):
        r = remedies.propose_remedy(store, case_for(store, li.user_id, at=None), "voucher", 800, "保养代金券",
                                    li.user_id)
        remedies.approve_remedy(store, r.id, zhou.user_id, "按规定")
    escalate(store, case_for(store, li.user_id, at=None), "客户要求经理出面", wang.user_id)
    loaded = []

    def on_load(target, _context) -> None:
        loaded.append(target.kind)

    event.listen(Event, "load", on_load)
    try:
        assert kinds(store, wang) == [] and loaded == []  # nothing of his: no event read at all
        assert sorted(kinds(store, li)) == [inbox.APPROVED] * 3 + [inbox.ESCALATED]  # the case is hers
        assert sorted(loaded) == ["case.escalated"] + ["remedy.approved"] * 3  # not openings nor proposals
        loaded.clear()
        assert kinds(store, zhou) == [inbox.ESCALATED] and loaded == ["case.escalated"]
    finally:
        event.remove(Event, "load", on_load)


@pytest.mark.parametrize("who", ["li", "zhou"])
def test_news_is_read_from_the_persons_cases_and_the_escalations_not_the_dealers_events(store, people, who):
    """By the event type's index (or the dealer's cases') the read walked every case event of the
    dealer: 2 million at 100,000 cases, 0.6-1.1 s a read, and the bell reads on every change. Each
    read starts from the person's cases, the remedies (their events by case) or the escalations' own
    index."""
    from tests.helpers import plans_of

    admin, li, wang, zhou = people
    person = {"li": li, "zhou": zhou}[who]
    escalate(store, case_for(store, li.user_id, at=None), "客户要求经理出面", wang.user_id)
    plans = [lines for sql, lines in plans_of(store, lambda: inbox.notices_for(store, person.user_id))
             if "FROM event" in sql]
    assert len(plans) == (3 if who == "zhou" else 1)  # an approver's: escalations, approvals waiting
    ways = set()
    for lines in plans:
        on_event = [line for line in lines if " event USING" in line or "SCAN event" in line]
        assert len(on_event) == 1, lines
        ways |= {i for i in ("ix_event_entity", "ix_event_escalated") if i in on_event[0]}
        assert not any(line.startswith("SCAN failure_case") for line in lines), lines
    assert ways == ({"ix_event_entity", "ix_event_escalated"} if who == "zhou" else {"ix_event_entity"})
    assert inbox.ESCALATED in kinds(store, person)


def test_an_escalation_of_an_approvers_own_case_is_told_once(store, people):
    """An approver hears of escalations on any case, and of those on their own cases: once."""
    admin, li, wang, zhou = people
    escalate(store, case_for(store, zhou.user_id, at=None), "客户要求经理出面", wang.user_id)
    assert kinds(store, zhou) == [inbox.ESCALATED] and kinds(store, admin) == [inbox.ESCALATED]
