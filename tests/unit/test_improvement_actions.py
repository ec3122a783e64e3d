"""Improvement actions: raised by a supervisor from a closed case's root cause, open then overdue,
completed by its owner, and judged after the due date on the figure it should move, counted with the
same series and failure rule as the early warnings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.foundation.errors import InvalidInput
from app.models import Event, FailureCase, FeedbackForm, User
from app.rules.scoring import FAILING_GRADES
from app.services.people import users
from app.services.demo.sample_data import fill_demo
from app.services.predict import improvements as imp
from app.services.predict.improvements import Figure


@pytest.mark.parametrize("n, k, p, lower, want", [
    (10, 0, 0.5, True, 0.5 ** 10),
    (10, 10, 0.5, False, 0.5 ** 10),
    (10, 10, 0.5, True, 1.0),
    (4, 1, 0.25, True, 0.75 ** 4 + 4 * 0.25 * 0.75 ** 3),
    (5, 0, 0.0, True, 1.0),
    (5, 1, 0.0, False, 0.0),
    (3000, 300, 0.1, True, None),  # a year of forms: no overflow, about a half
])
def test_binomial_tails(n, k, p, lower, want):
    got = imp._tail(n, k, p, lower)
    if want is None:
        assert 0.4 < got < 0.6
    else:
        assert got == pytest.approx(want)


@pytest.mark.parametrize("before, after, due, want", [
    (Figure(100, 20), Figure(100, 5), False, "not_due"),
    (Figure(100, 20), None, True, "not_due"),
    (Figure(100, 20), Figure(19, 0), True, "too_few"),  # under the floor the warnings watch from
    (Figure(19, 5), Figure(100, 5), True, "too_few"),
    (Figure(100, 20), Figure(100, 8), True, "better"),
    (Figure(100, 20), Figure(100, 14), True, "unchanged"),
    (Figure(100, 20), Figure(100, 33), True, "worse"),
    (Figure(100, 0), Figure(40, 0), True, "unchanged"),
])
def test_whether_the_figure_moved(before, after, due, want):
    assert imp.judge(before, after, due=due) == want


@pytest.fixture
def dealer(store):
    fill_demo(store, 1500, 80)
    users.ensure_demo_users(store)
    with store.session() as s:
        case = s.scalar(select(FailureCase).where(FailureCase.closed_at.is_not(None), FailureCase.root_cause != "")
                        .order_by(FailureCase.closed_at).limit(1))
        open_case = s.scalar(select(FailureCase.id).where(FailureCase.closed_at.is_(None)).limit(1))
        owner = s.scalar(select(User.id).where(User.username == "张伟"))
    return store, case, open_case, owner


def test_raise_rules(dealer):
    store, case, open_case, owner = dealer
    boss = users.sign_in(store, "supervisor", "0000")
    advisor = users.sign_in(store, "张伟", "0000")
    soon = clock.today() + timedelta(days=30)
    for args, who in (((case.id, "Follow the parts order daily", owner, soon), advisor),  # not a supervisor
                      ((case.id, "   ", owner, soon), boss),  # says nothing
                      ((case.id, "Follow the parts order daily", owner, clock.today()), boss),  # due today
                      ((open_case, "Follow the parts order daily", owner, soon), boss),  # not closed
                      (("no-such-case", "x", owner, soon), boss),
                      ((case.id, "x", "someone-else", soon), boss)):
        with pytest.raises(InvalidInput):
            imp.raise_action(store, *args, who)
    # A figure nothing measures: stored, and listed as "before -, after -" for ever (cause:x was).
    for kind, subject in (("item", "speed"), ("cause", "nonsense group"), ("", "x"), ("shares", "system")):
        with pytest.raises(InvalidInput) as err:
            imp.raise_action(store, case.id, "x", owner, soon, boss, figure_kind=kind, figure_subject=subject)
        assert err.value.params["field"] == "figure"
    assert imp.actions(store) == []


def test_an_action_from_raising_to_its_verdict(dealer, monkeypatch):
    store, case, _, owner = dealer
    boss = users.sign_in(store, "supervisor", "0000")
    due = clock.today() + timedelta(days=20)
    aid = imp.raise_action(store, case.id, "Daily parts-order check at the morning meeting", owner, due, boss)
    with store.session() as s:
        ev = s.scalar(select(Event).where(Event.entity_id == case.id).order_by(Event.seq.desc()).limit(1))
        assert ev.kind == "improvement.raised" and ev.payload == {"improvement_id": aid}  # travels with the case
    [a] = imp.actions(store)
    assert a.verdict == "open" and a.owner == "张伟" and a.figure_kind == "cause" and a.figure_subject == case.cause_group
    assert a.before.forms > 0 and a.after is None

    monkeypatch.setenv(clock.ENV, clock.setting_for(clock.now() + timedelta(days=25)))
    [a] = imp.actions(store)
    assert a.verdict == "overdue" and a.after is not None
    someone = users.sign_in(store, "李娜", "0000")
    with pytest.raises(InvalidInput):
        imp.complete_action(store, aid, someone)  # neither its owner nor a supervisor
    assert imp.complete_action(store, aid, users.sign_in(store, "张伟", "0000"), "checked every morning since")
    # Done again with another note: nothing changes, and the caller is told (the command said "Done.").
    assert not imp.complete_action(store, aid, users.sign_in(store, "张伟", "0000"), "another note")
    [a] = imp.actions(store)
    assert a.done_at is not None and a.done_note == "checked every morning since"
    assert a.verdict in ("too_few", "better", "worse", "unchanged")


def test_the_figure_uses_the_warnings_series_and_failure_rule(dealer):
    """An item's figure counts the forms graded D or E on that item (the rule the warnings' item series
    use), a cause's the cases of that cause among the cases with a cause: counted here from the rows."""
    store, case, _, owner = dealer
    boss = users.sign_in(store, "supervisor", "0000")
    due = clock.today() + timedelta(days=10)
    imp.raise_action(store, case.id, "Promised times checked at handover", owner, due, boss,
                     figure_kind="item", figure_subject="timeliness")
    imp.raise_action(store, case.id, "Parts ordered at booking", owner, due, boss)
    found = {a.figure_kind: a for a in imp.actions(store)}
    start, end = clock.today() - timedelta(days=imp.BEFORE_DAYS), clock.today()
    with store.session() as s:
        forms = s.execute(select(FeedbackForm.timeliness).where(FeedbackForm.service_date >= start,
                                                                FeedbackForm.service_date < end)).scalars().all()
        cases = s.execute(select(FailureCase.opened_at, FailureCase.cause_group)
                          .where(FailureCase.cause_group != "")).all()
    assert found["item"].before == Figure(len(forms), sum(g in FAILING_GRADES for g in forms))
    in_window = [g for at, g in cases if start <= at.astimezone().date() < end]
    assert found["cause"].before == Figure(len(in_window), sum(g == case.cause_group for g in in_window))


def test_open_actions_never_read_the_history(dealer, monkeypatch):
    """Today's box lists open and overdue actions on every change of a case: the list it reads never
    touches the dealer's form history, and gives the rows and fields the box shows as the full list does."""
    store, case, _, owner = dealer
    boss = users.sign_in(store, "supervisor", "0000")
    today = clock.today()
    imp.raise_action(store, case.id, "Parts ordered at booking", owner, today + timedelta(days=5), boss)
    imp.raise_action(store, case.id, "Promised times checked at handover", None, today + timedelta(days=40), boss)
    done = imp.raise_action(store, case.id, "Courtesy car booked with the job", owner, today + timedelta(days=3), boss)
    imp.complete_action(store, done, boss, "booked with every job now")
    monkeypatch.setenv(clock.ENV, clock.setting_for(clock.now() + timedelta(days=10)))  # the first is overdue now

    shown = lambda a: (a.id, a.case_id, a.case_number, a.title, a.owner, a.due_on, a.overdue)  # noqa: E731
    full = [shown(a) for a in imp.actions(store) if a.done_at is None]

    def no_history(*_args, **_kw):
        raise AssertionError("the dealer's history was read")

    monkeypatch.setattr(imp, "read_history", no_history)
    listed = imp.open_actions(store)
    assert [shown(a) for a in listed] == full
    assert [a.verdict for a in listed] == ["overdue", "open"] and all(a.before is None and a.after is None for a in listed)
    assert [a.owner for a in listed] == ["张伟", ""]
    with pytest.raises(AssertionError):
        imp.actions(store)  # the patch does stand in the way of the full list


def test_head_offices_share_is_judged_by_the_same_rules_as_the_dealers_own(dealer, monkeypatch):
    """A share of head office's action (as it arrives from head office) with the dealer's own action's
    figure and dates: the same before, after and verdict; completed by a supervisor or the role."""
    from app.foundation.ids import new_id
    from app.models import NetworkImprovement, utcnow

    store, case, _, owner = dealer
    boss = users.sign_in(store, "supervisor", "0000")
    due = clock.today() + timedelta(days=20)
    own = imp.raise_action(store, case.id, "Parts ordered at booking", owner, due, boss)
    with store.session() as s, s.begin():
        a = s.get(imp.ImprovementAction, own)
        share = new_id()
        s.add(NetworkImprovement(id=share, dealer_id=a.dealer_id, network_id=new_id(), title="Parts ordered at booking",
                                 owner_role="advisor", due_on=due, figure_kind="cause", figure_subject=a.figure_subject,
                                 created_at=a.created_at, done_note="", version=1, updated_at=utcnow()))
    for days in (0, 25):  # before the due date, then after it (done, judged)
        monkeypatch.setenv(clock.ENV, clock.setting_for(clock.now() + timedelta(days=days)))
        if days:
            imp.complete_action(store, own, boss)
            imp.complete_action(store, share, users.sign_in(store, "李娜", "0000"))  # an advisor: the role owns it
        got = {a.from_head_office: a for a in imp.actions(store)}
        assert got[True].case_id == "" and got[True].owner_role == "advisor" and got[False].case_id == case.id
        assert (got[True].before, got[True].after, got[True].verdict) == (got[False].before, got[False].after,
                                                                         got[False].verdict)
    assert got[True].after is not None and got[True].verdict in ("too_few", "better", "worse", "unchanged")
    with store.session() as s:
        assert s.get(NetworkImprovement, share).version == 2
        ev = s.scalar(select(Event).where(Event.entity_id == share))
        assert (ev.entity_type, ev.kind, ev.seq) == ("improvement", "improvement.completed", 2)
