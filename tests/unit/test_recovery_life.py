"""Cases of every failure type, cause and severity walked through their whole life; every change
lands in the case's timeline with who and when."""

from datetime import timedelta
from itertools import product

import pytest

from app.foundation.errors import InvalidInput
from app.models import Callback, FailureCase
from app.rules.vocab import StepKind, CauseGroup, FailureType, Severity
from app.scripts.library import library_for
from app.services import settings
from app.services.recovery.callbacks import callbacks_due, record_not_reached, record_reached
from app.services.cases.case_log import NotAllowed, WrongState
from app.services.cases.case_queries import CaseFilter, case_page, count_cases
from app.services.cases.opening import timeline
from app.services.recovery.guide import close_case, escalate, guide, record_step, reopen
from app.services.recovery.overdue import count_overdue, overdue_cases
from app.services.recovery.remedies import approve_remedy, pending_approvals, propose_remedy, refuse_remedy
from tests.recovery_helpers import T0, add_user, case_for, d_graded_form

PACK = library_for(None).pack


@pytest.fixture
def people(store):
    return {"advisor": add_user(store, "张伟", "advisor"), "supervisor": add_user(store, "刘主管", "supervisor"),
            "supervisor2": add_user(store, "陈经理", "supervisor")}


def follow_script(store, case_id, actor, at, *, remedy=("discount", 200), until=None):
    """Do every step in order, offering ``remedy`` just before the offer step; returns the time used."""
    g = guide(store, case_id, PACK, now=at)
    for st in g.steps[g.current:]:
        if until is not None and st.step.kind == until:
            return at
        at += timedelta(minutes=2)
        if st.step.kind == StepKind.OFFER_REMEDY and remedy:
            propose_remedy(store, case_id, remedy[0], remedy[1], "", actor, now=at)
        g = record_step(store, case_id, PACK, st.step.index, "done", "", actor, now=at)
    assert g.finished
    return at


def assert_timeline_whole(store, case_id, actors):
    tl = timeline(store, case_id)
    assert [e.seq for e in tl] == list(range(1, len(tl) + 1))
    assert all(e.actor_id in actors and e.occurred_at is not None for e in tl)
    assert [e.occurred_at for e in tl] == sorted(e.occurred_at for e in tl)
    with store.session() as s:
        assert s.get(FailureCase, case_id).version == tl[-1].seq
    return tl


@pytest.mark.parametrize("failure_type,cause_group,severity", list(product(FailureType, CauseGroup, Severity)))
def test_whole_life_recovered(store, tmp_path, people, failure_type, cause_group, severity):
    adv = people["advisor"]
    case_id = case_for(store, adv, failure_type=failure_type, cause_group=cause_group, severity=severity,
                       mood="angry" if severity == "severe" else "calm")
    at = follow_script(store, case_id, adv, T0)
    g = guide(store, case_id, PACK, now=at)
    assert g.status == "awaiting_callback" and g.clocks.time_to_first_response == timedelta(minutes=2)
    [cb] = callbacks_due(store, now=at)
    assert cb.case_id == case_id and cb.due_at - at < timedelta(days=3) and cb.due_at - at > timedelta(days=2, hours=23)
    res = record_reached(store, cb.id, 9, "这次修好了，谢谢", adv, root_cause="检测设备未校准",
                         improvement="每周校准检测设备", now=cb.due_at)
    assert (res.recovered, res.case_status) == (True, "closed")
    tl = assert_timeline_whole(store, case_id, {adv})
    kinds = [e.kind for e in tl]
    steps = [e for e in tl if e.kind == "recovery.step"]
    assert len(steps) == len(g.steps) and all(e.payload["outcome"] == "done" for e in steps)
    assert [e.payload["kind"] for e in steps] == [s.step.kind for s in g.steps]
    for k in ("case.opened", "remedy.proposed", "remedy.agreed", "callback.scheduled", "recovery.finished",
              "callback.reached", "case.closed"):
        assert k in kinds, k
    assert tl[-1].payload["root_cause"] == "检测设备未校准"
    with store.session() as s:
        case = s.get(FailureCase, case_id)
        assert (case.recovered, case.status, case.resolved_at - case.opened_at) == (True, "closed", cb.due_at - T0)


def test_outcome_scripts_lead_with_remedy_process_scripts_with_apology(store, people):
    def order(ft):
        g = guide(store, case_for(store, people["advisor"], failure_type=ft), PACK)
        kinds = [s.step.kind for s in g.steps]
        return kinds.index("offer_remedy"), kinds.index("apologise")
    remedy, apology = order("outcome")
    assert remedy < apology
    remedy, apology = order("process")
    assert apology < remedy


def test_remedy_above_limit_refused_then_approved_by_a_supervisor(store, tmp_path, people):
    adv, sup, sup2 = people["advisor"], people["supervisor"], people["supervisor2"]
    form_id, ro_id = d_graded_form(store, tmp_path)
    case_id = case_for(store, adv, form_id=form_id, ro_id=ro_id)
    at = follow_script(store, case_id, adv, T0, until=StepKind.OFFER_REMEDY)
    big = propose_remedy(store, case_id, "voucher", 1000, "", adv, now=at)  # advisor's limit is 300
    assert big.status == "pending_approval"
    assert [r.id for r in pending_approvals(store)] == [big.id]
    offer_step = guide(store, case_id, PACK).current
    g = record_step(store, case_id, PACK, offer_step, "done", "", adv, now=at)  # offered, waiting: may go on
    confirm = next(s.step.index for s in g.steps if s.step.kind == "confirm_acceptance")
    with pytest.raises(NotAllowed, match="waiting for a supervisor"):
        record_step(store, case_id, PACK, confirm, "done", "", adv, now=at)
    with pytest.raises(NotAllowed, match="only a supervisor"):
        approve_remedy(store, big.id, adv)
    with pytest.raises(InvalidInput):
        refuse_remedy(store, big.id, sup, "  ")
    refused = refuse_remedy(store, big.id, sup, "超出本店补偿标准，改为免费返修加小额代金券", now=at + timedelta(minutes=5))
    assert refused.status == "refused" and pending_approvals(store) == []
    with pytest.raises(NotAllowed, match="already decided"):
        approve_remedy(store, big.id, sup2)
    again = propose_remedy(store, case_id, "voucher", 500, "", adv, now=at + timedelta(minutes=6))
    with pytest.raises(NotAllowed, match="above your authority"):
        settings_put(store, "remedy.limit.supervisor", 400)
        approve_remedy(store, again.id, sup)
    settings_put(store, "remedy.limit.supervisor", 3000)
    assert approve_remedy(store, again.id, sup, "同意", now=at + timedelta(minutes=8)).status == "offered"
    g = record_step(store, case_id, PACK, confirm, "done", "", adv, now=at + timedelta(minutes=9))
    assert g.status == "remedy_agreed"
    tl = assert_timeline_whole(store, case_id, {adv, sup})
    by_kind = {e.kind: e for e in tl}
    assert by_kind["remedy.refused"].actor_id == sup and "超出" in by_kind["remedy.refused"].payload["note"]
    assert by_kind["remedy.approved"].actor_id == sup and by_kind["remedy.agreed"].payload["amount"] == 500
    proposals = [e for e in tl if e.kind == "remedy.proposed"]
    assert [(p.payload["amount"], p.payload["remedy_status"], p.payload["limit"]) for p in proposals] == \
        [(1000, "pending_approval", 300), (500, "pending_approval", 300)]


def settings_put(store, key, value):
    with store.session() as s, s.begin():
        settings.put(s, key, value)


def test_supervisor_cannot_approve_their_own_proposal(store, people):
    sup = people["supervisor"]
    case_id = case_for(store, sup)
    r = propose_remedy(store, case_id, "refund", 5000, "", sup)
    assert r.status == "pending_approval"
    with pytest.raises(NotAllowed, match="another supervisor"):
        approve_remedy(store, r.id, sup)


def test_overdue_first_response_and_callback(store, people):
    adv = people["advisor"]
    untouched = case_for(store, adv)
    assert overdue_cases(store, now=T0 + timedelta(hours=1)) == []  # cases.first_response_hours = 2
    [late] = overdue_cases(store, now=T0 + timedelta(hours=3))
    assert (late.case_id, late.first_response, late.callback) == (untouched, True, False)
    assert guide(store, untouched, PACK, now=T0 + timedelta(hours=3)).clocks.first_response_overdue
    answered = case_for(store, adv)
    at = follow_script(store, answered, adv, T0 + timedelta(minutes=30))
    assert count_cases(store, CaseFilter(overdue=True), now=at) == 0
    [cb] = callbacks_due(store, now=at)
    assert not cb.overdue
    later = cb.due_at + timedelta(hours=25)
    [cb] = callbacks_due(store, now=later)
    assert cb.overdue
    flags = {o.case_id: o for o in overdue_cases(store, now=later)}
    assert count_overdue(store, now=later) == len(flags) == 2
    assert [o.case_id for o in overdue_cases(store, now=later, limit=1)] == [untouched]  # oldest first
    assert flags[answered].callback and not flags[answered].first_response
    assert guide(store, answered, PACK, now=later).clocks.callback_overdue
    # The case list's "overdue only" filter shows the late callback too.
    assert count_cases(store, CaseFilter(overdue=True), now=cb.due_at) == 1  # only the untouched one
    assert count_cases(store, CaseFilter(overdue=True), now=later) == 2
    rows = {r.id: r.overdue for r in case_page(store, CaseFilter(), now=cb.due_at).rows}
    assert rows == {untouched: True, answered: False}  # each row of the list carries its flag
    assert all(r.overdue for r in case_page(store, CaseFilter(), now=later).rows)


def test_failed_rerating_then_escalation_then_recovered(store, people):
    adv, sup = people["advisor"], people["supervisor"]
    case_id = case_for(store, adv, failure_type="process", cause_group="employee", severity="severe", mood="angry")
    at = follow_script(store, case_id, adv, T0, remedy=("goodwill_gift", 100))
    [cb] = callbacks_due(store, now=at)
    res = record_reached(store, cb.id, 5, "态度还是不满意", adv, now=cb.due_at)
    assert (res.recovered, res.suggest_escalation, res.case_status) == (False, True, "in_recovery")
    assert callbacks_due(store, now=cb.due_at) == []
    with pytest.raises(InvalidInput):
        escalate(store, case_id, "", adv)
    assert escalate(store, case_id, "回访仍不满意，请服务经理出面", adv, now=cb.due_at + timedelta(hours=1)) == "escalated"
    at = cb.due_at + timedelta(hours=2)
    propose_remedy(store, case_id, "voucher", 800, "服务经理登门致歉并赠送保养券", sup, now=at)
    g = guide(store, case_id, PACK)
    confirm = next(s.step.index for s in g.steps if s.step.kind == "confirm_acceptance")
    g = record_step(store, case_id, PACK, confirm, "done", "客户接受", sup, now=at + timedelta(minutes=1))
    assert g.status == "remedy_agreed"
    [cb2] = callbacks_due(store, now=at)
    assert cb2.id != cb.id
    with pytest.raises(InvalidInput, match="root_cause"):
        record_reached(store, cb2.id, 8, "满意", sup, now=cb2.due_at)
    res = record_reached(store, cb2.id, 8, "满意", sup, root_cause="员工服务意识差", improvement="全员服务礼仪培训",
                         now=cb2.due_at)
    assert res.case_status == "closed"
    tl = assert_timeline_whole(store, case_id, {adv, sup})
    kinds = [e.kind for e in tl]
    assert kinds.index("recovery.rerating_failed") < kinds.index("case.escalated") < kinds.index("case.closed")
    assert [e.payload["rating"] for e in tl if e.kind == "callback.reached"] == [5, 8]


def test_not_reached_three_times_is_flagged(store, people):
    adv = people["advisor"]
    case_id = case_for(store, adv)
    at = follow_script(store, case_id, adv, T0)
    [cb] = callbacks_due(store, now=at)
    for i in range(1, 4):
        view = record_not_reached(store, cb.id, adv, "无人接听", now=cb.due_at + timedelta(hours=i))
        assert view.not_reached == i
    assert view.state == "flagged"
    [flag] = overdue_cases(store, now=cb.due_at + timedelta(hours=4))
    assert flag.callback_flagged
    tl = timeline(store, case_id)
    assert [e.payload["flagged"] for e in tl if e.kind == "callback.not_reached"] == [False, False, True]
    res = record_reached(store, cb.id, 10, "之前出差了，现在很满意", adv, root_cause="r", improvement="i",
                         now=cb.due_at + timedelta(days=1))
    assert res.recovered


def test_closing_unrecovered_is_a_supervisors_decision_and_reopen(store, people):
    adv, sup = people["advisor"], people["supervisor"]
    case_id = case_for(store, adv)
    follow_script(store, case_id, adv, T0)
    with pytest.raises(NotAllowed):
        close_case(store, case_id, "客户失联", "回访前先确认联系方式", adv)
    assert close_case(store, case_id, "客户失联", "回访前先确认联系方式", sup) == "closed"
    with pytest.raises(WrongState):
        record_step(store, case_id, PACK, 0, "noted", "x", adv)
    assert reopen(store, case_id, "客户来电要求重新处理", adv) == "reopened"
    g = record_step(store, case_id, PACK, 0, "noted", "客户再次到店", adv)
    assert g.status == "in_recovery"
    with store.session() as s:
        assert s.get(FailureCase, case_id).recovered is None


def test_skip_needs_a_reason_and_leaving_keeps_the_step(store, people):
    adv = people["advisor"]
    case_id = case_for(store, adv, cause_group="customer", blame="customer")
    g = guide(store, case_id, PACK)
    assert g.current == 0 and g.status == "open"
    listen = g.steps[0].step
    assert not listen.skippable
    with pytest.raises(InvalidInput, match="can't be skipped"):
        record_step(store, case_id, PACK, 0, "skipped", "忙", adv)
    record_step(store, case_id, PACK, 0, "noted", "客户说车在高速上抖动", adv)
    assert guide(store, case_id, PACK).current == 0  # a note doesn't finish the step
    record_step(store, case_id, PACK, 0, "done", "", adv)
    skippable = next(s.step for s in guide(store, case_id, PACK).steps if s.step.skippable)
    with pytest.raises(InvalidInput, match="reason"):
        record_step(store, case_id, PACK, skippable.index, "skipped", " ", adv)
    with pytest.raises(InvalidInput, match="remedy"):
        offer = next(s.step for s in guide(store, case_id, PACK).steps if s.step.kind == "offer_remedy")
        record_step(store, case_id, PACK, offer.index, "done", "", adv)
    recorded = []
    for st in guide(store, case_id, PACK).steps[1:]:
        if st.step.kind == "confirm_acceptance":
            break
        recorded.append("skipped" if st.step.skippable else "done")
        if st.step.skippable:
            record_step(store, case_id, PACK, st.step.index, "skipped", "客户不需要", adv)
        else:
            record_step(store, case_id, PACK, st.step.index, "done", "", adv)
    # Come back later: the same step, with the earlier note kept.
    g = guide(store, case_id, PACK)
    assert g.steps[g.current].step.kind == "confirm_acceptance"
    assert g.steps[0].notes == ("客户说车在高速上抖动",)
    assert "skipped" in recorded  # the pack has a skippable step before the acceptance, or this proves nothing
    assert [s.outcome for s in g.steps[1:g.current]] == recorded
    g = record_step(store, case_id, PACK, g.current, "done", "", adv)  # no remedy offered: nothing to agree
    g = record_step(store, case_id, PACK, g.current, "done", "", adv)
    assert g.finished and g.status == "awaiting_callback"
    with store.session() as s:
        assert s.query(Callback).filter_by(case_id=case_id).count() == 1
