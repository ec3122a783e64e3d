"""Demo cases written in bulk match what the recovery services write for the same plan; the demo has
cases in every state, older ones mostly closed."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import select

from app.models import Callback, Event, FailureCase, Remedy
from app.scripts.library import library_for
from app.services.recovery import callbacks
from app.services.recovery import guide as recovery
from app.services.recovery import remedies
from app.services.cases.opening import NewCase, open_case_in, timeline
from app.services.demo.sample_data import fill_demo
from app.services.demo.recovery_plan import BulkRecovery, DemoCase, plan_case
from app.services.uow import UnitOfWork
from app.rules.vocab import CaseStatus
from tests.recovery_helpers import T0, add_user, case_for

FACTS = [("outcome", "system", "serious", "dealer", "disappointed"),
         ("process", "employee", "severe", "dealer", "angry"),
         ("outcome", "customer", "moderate", "customer", "calm"),
         ("process", "communication", "minor", "third_party", "anxious")]


def _replay(store, pack, case_id: str, actions) -> None:
    """The same plan through the real services, one call per action."""
    for a in actions:
        x = a.args
        if a.kind == "step":
            recovery.record_step(store, case_id, pack, x["index"], x["outcome"], x["text"], a.actor, now=a.at)
        elif a.kind == "propose":
            remedies.propose_remedy(store, case_id, x["kind"], x["amount"], x["description"], a.actor, now=a.at)
        elif a.kind == "approve":
            rid = next(r.id for r in remedies.remedies_for(store, case_id) if r.status == "pending_approval")
            remedies.approve_remedy(store, rid, a.actor, x["note"], now=a.at)
        elif a.kind in ("reached", "not_reached"):
            with store.session() as s:
                cb = s.scalar(select(Callback.id).where(Callback.case_id == case_id, Callback.state != "reached"))
            if a.kind == "reached":
                callbacks.record_reached(store, cb, x["rating"], x["words"], a.actor, root_cause=x["root_cause"],
                                         improvement=x["improvement"], now=a.at)
            else:
                callbacks.record_not_reached(store, cb, a.actor, x["note"], now=a.at)
        elif a.kind == "escalate":
            recovery.escalate(store, case_id, x["reason"], a.actor, now=a.at)
        elif a.kind == "close":
            recovery.close_case(store, case_id, x["root_cause"], x["improvement"], a.actor, now=a.at)
        else:
            raise AssertionError(a.kind)


def _written(store, case_id: str):
    """Everything about a case, with its own ids replaced by their order of appearance."""
    with store.session() as s:
        c = s.get(FailureCase, case_id)
        case = (c.status, c.version, c.first_response_at, c.resolved_at, c.closed_at, c.recovered, c.root_cause,
                c.improvement, c.updated_at)
        rem = s.scalars(select(Remedy).where(Remedy.case_id == case_id).order_by(Remedy.proposed_at)).all()
        cbs = s.scalars(select(Callback).where(Callback.case_id == case_id).order_by(Callback.scheduled_at)).all()
        names = {r.id: f"remedy{i}" for i, r in enumerate(rem)} | {b.id: f"callback{i}" for i, b in enumerate(cbs)}
        rem_rows = [(r.kind, r.amount, r.description, r.status, r.proposed_by, r.proposed_at, r.decided_by,
                     r.decided_at, r.decision_note, r.agreed_at) for r in rem]
        cb_rows = [(b.state, b.scheduled_at, b.due_at, b.not_reached, b.last_attempt_at, b.rating, b.words,
                    b.reached_at, b.reached_by) for b in cbs]
        events = [(e.seq, e.kind, e.actor_id, e.occurred_at, e.dealer_id, e.origin,
                   {k: names.get(v, v) if isinstance(v, str) else v for k, v in e.payload.items() if k != "number"})
                  for e in s.scalars(select(Event).where(Event.entity_id == case_id).order_by(Event.seq))]
    return case, rem_rows, cb_rows, events


def demo_new_case(store, case_id: str) -> NewCase:
    """The complaint behind a case, to open it again the way fill_demo opens its cases."""
    with store.session() as s:
        opened = s.scalar(select(Event).where(Event.entity_id == case_id, Event.seq == 1)).payload
    fields = {f.name for f in dataclasses.fields(NewCase)}
    return NewCase(**{k: v for k, v in opened.items() if k in fields and k not in ("customer_id", "assignee_id")})


def test_bulk_demo_writes_what_the_services_write(store):
    pack = library_for(store.path.parent).pack
    adv = add_user(store, "张伟", "advisor")
    sup = add_user(store, "周经理", "supervisor")
    rnd = random.Random(3)
    statuses = Counter()
    kinds = set()
    # Which moves a plan makes depends on the counter's local hours (so on the time zone): cases are
    # added until every kind has been exercised, each one checked against the services.
    for i in range(120):
        if i >= 28 and len(kinds) == 7 and len(statuses) >= 4:
            break
        facts = FACTS[i % len(FACTS)]
        opened = T0 + timedelta(days=i)
        by_service = case_for(store, adv, **dict(zip(("failure_type", "cause_group", "severity", "blame", "mood"),
                                                     facts)), at=opened)
        with UnitOfWork(store) as uow:  # no actor, as fill_demo: the advisor opens it, named per case
            new = demo_new_case(store, by_service)
            in_bulk = open_case_in(uow, new, opened, actor_id=adv).id
            bulk = BulkRecovery(uow.session, uow.identity.store_id, pack)
            dc = DemoCase(in_bulk, store.identity.home_dealer_id, opened, *facts, adv)
            plan = plan_case(rnd, dc, bulk.script(dc), sup, bulk.limits["advisor"])
            actions = plan[:rnd.randint(0, len(plan))] if i % 3 else plan  # cut as "now" cuts a plan
            bulk.apply(dc, actions)
            bulk.flush()
            uow.commit()
        _replay(store, pack, by_service, actions)
        assert _written(store, in_bulk) == _written(store, by_service), (i, [a.kind for a in actions])
        statuses[_written(store, in_bulk)[0][0]] += 1
        kinds |= {a.kind for a in actions}
    # The plans exercised every kind of move and left cases in several states.
    assert kinds == {"step", "propose", "approve", "reached", "not_reached", "escalate", "close"}
    assert len(statuses) >= 4, statuses


def test_demo_has_cases_in_every_state_older_ones_mostly_closed(store):
    now = datetime(2026, 11, 30, 15, 0).astimezone()  # mid-afternoon at the counter
    fill_demo(store, 2000, 600, now=now)
    with store.session() as s:
        rows = s.execute(select(FailureCase.id, FailureCase.status, FailureCase.opened_at, FailureCase.recovered,
                                FailureCase.version, FailureCase.first_response_at)).all()
        pending = s.scalar(select(Remedy.id).where(Remedy.status == "pending_approval").limit(1))
        flagged = s.scalar(select(Callback.id).where(Callback.state == "flagged").limit(1))
    by_status = Counter(r.status for r in rows)
    for status in CaseStatus:
        if status is not CaseStatus.REOPENED:  # only a person reopens a case
            assert by_status[status] > 0, (status, by_status)
    assert {r.recovered for r in rows if r.status == "closed"} == {True, False}
    old = [r for r in rows if r.opened_at < now - timedelta(days=30)]
    recent = [r for r in rows if r.opened_at >= now - timedelta(days=7)]
    assert sum(r.status == "closed" for r in old) / len(old) > 0.85
    assert sum(r.status != "closed" for r in recent) / len(recent) > 0.5
    assert pending is not None and flagged is not None
    # Waiting for a first response is the exception, not the rule.
    assert 0 < sum(r.first_response_at is None for r in rows) < len(rows) * 0.05
    # The event log is the case's history: its last event is the case's version.
    for r in rows[::25]:
        assert timeline(store, r.id)[-1].seq == r.version


def test_demo_case_timeline_starts_with_the_advisor_who_recorded_it(store):
    """The case detail's first line is "when · who": a demo case names its advisor, not "-"."""
    from app.services.cases.case_queries import case_detail
    from app.services.demo.sample_data import ADVISORS

    fill_demo(store, 300, 40, now=datetime(2026, 11, 30, 15, 0).astimezone())
    with store.session() as s:
        ids = list(s.scalars(select(FailureCase.id)))
    assert len(ids) == 40
    for case_id in ids:
        d = case_detail(store, case_id)
        first = d.timeline[0]
        assert first.kind == "case.opened"
        assert first.actor in ADVISORS and first.actor == d.assignee, (first.actor, d.assignee)
