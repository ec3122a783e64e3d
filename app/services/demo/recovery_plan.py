"""Demo cases taken through recovery: a plan of what happened to each case, written in bulk.

Going through the recovery services case by case costs a commit (an fsync) per step, hours for
100,000 cases. So the demo plans each case's life (first response, script steps, remedy,
approval, callback, re-rating, escalation, closing), cuts it at "now", and writes exactly the
rows and events the services would have written: the same event kinds, payloads, state moves,
versions and clocks (``tests/unit/test_demo_recovery.py`` replays the same plans through the
real services and compares). The case's events stay the source of truth for its timeline and sync.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update

from app.foundation.ids import new_id
from app.models import Callback, Event, FailureCase, Remedy
from app.models.bulk import bulk_insert
from app.models.event_codec import event_row
from app.rules.vocab import CallbackState, RemedyKind, RemedyStatus, StepKind, StepOutcome, CaseStatus as S
from app.rules.recovery import judge_rerating, may_move, needs_approval
from app.scripts.choose import Script, choose
from app.scripts.pack import Pack
from app.services import settings

SKIP_REASONS = ["客户情绪平稳，无需安抚", "客户赶时间，简要说明", "客户已了解原因", "责任不在本店，未作承认"]
NOTES = ["客户表示理解", "已记录客户诉求", "客户希望尽快处理", "已向客户说明处理时限"]
REMEDY_TEXT = {
    RemedyKind.FREE_REWORK: "免费返修", RemedyKind.DISCOUNT: "本次工时费折扣", RemedyKind.VOUCHER: "保养代金券",
    RemedyKind.GOODWILL_GIFT: "赠送精品礼包", RemedyKind.REFUND: "退还多收费用", RemedyKind.OTHER: "免费代步车一天",
}
REMEDY_AMOUNTS = {
    RemedyKind.FREE_REWORK: (0, 0), RemedyKind.DISCOUNT: (50, 500), RemedyKind.VOUCHER: (100, 300),
    RemedyKind.GOODWILL_GIFT: (50, 200), RemedyKind.REFUND: (80, 1500), RemedyKind.OTHER: (100, 400),
}
APPROVAL_NOTES = ["同意，尽快安排", "同意", "同意，注意跟进回访"]
GOOD_WORDS = ["问题已解决，服务很周到", "处理及时，满意", "车辆正常了，谢谢", "态度很好，下次还来"]
BAD_WORDS = ["问题还是没解决", "处理太慢了", "补偿不够有诚意", "还是有异响"]
NOT_REACHED = ["无人接听", "关机", "客户在开会，稍后再打"]
ROOT_CAUSES = {
    "system": ("配件库存预警未生效", "完善配件库存预警，每日核对"),
    "employee": ("技师未按规范试车", "交车前试车签字确认，纳入考核"),
    "customer": ("客户未按说明使用", "交车时当面讲解使用注意事项"),
    "communication": ("未及时告知客户进度", "超时前30分钟主动电话告知客户"),
}
ESCALATE_REASONS = ["回访评分仍低，客户要求经理出面", "客户情绪激动，需要主管处理"]
CLOSE_NOT_RECOVERED = ("客户不再接受补救", "由服务经理专人回访，记入月度分析")
NEVER_REACHED = ("回访三次未联系上客户", "交车时确认客户方便接听的时间和备用电话")


@dataclass(frozen=True)
class Action:
    """One thing someone did to the case, as the services take it."""

    at: datetime
    kind: str  # step | propose | approve | reached | not_reached | escalate | close
    actor: str | None
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class DemoCase:
    """What the plan needs to know about a newly opened case (version 1, status open)."""

    id: str
    dealer_id: str
    opened_at: datetime
    failure_type: str
    cause_group: str
    severity: str
    blame: str | None
    mood: str | None
    assignee_id: str | None


def _script(pack: Pack, c: DemoCase, cache: dict) -> Script:
    key = (c.failure_type, c.cause_group, c.severity, c.blame, c.mood)
    if key not in cache:
        cache[key] = choose(pack, failure_type=c.failure_type, cause_group=c.cause_group, severity=c.severity,
                            blame=c.blame, mood=c.mood)
    return cache[key]


def _office(rnd: random.Random, t: datetime) -> datetime:
    """``t``, or the next morning when it falls outside the counter's hours (8:00-19:00 local)."""
    local = t.astimezone()
    if 8 <= local.hour < 19:
        return t
    day = local.date() + timedelta(days=1 if local.hour >= 19 else 0)
    morning = datetime(day.year, day.month, day.day, 8, rnd.randrange(60)).astimezone()
    return morning.astimezone(t.tzinfo)


def plan_case(rnd: random.Random, c: DemoCase, script: Script, supervisor_id: str | None,
              advisor_limit: int) -> list[Action]:
    """A realistic whole life for the case; the caller keeps the actions that happened before now."""
    adv = c.assignee_id
    t = c.opened_at
    r = rnd.random()
    t += timedelta(minutes=rnd.uniform(5, 90)) if r < 0.85 else timedelta(hours=rnd.uniform(2, 30))
    t = _office(rnd, t)
    out: list[Action] = []
    pending = False
    for st in script.steps:
        if st.kind == StepKind.OFFER_REMEDY:
            kind = rnd.choices(list(RemedyKind), weights=(30, 20, 20, 15, 10, 5))[0]
            lo, hi = REMEDY_AMOUNTS[kind]
            amount = rnd.randrange(lo, hi + 1, 10) if hi else 0
            out.append(Action(t, "propose", adv, {"kind": kind.value, "amount": amount,
                                                    "description": REMEDY_TEXT[kind]}))
            pending = needs_approval(amount, advisor_limit)
            t += timedelta(minutes=rnd.uniform(1, 5))
            out.append(Action(t, "step", adv, {"index": st.index, "outcome": "done", "text": ""}))
            if pending:
                t = _office(rnd, t + timedelta(hours=rnd.uniform(1, 30)))
                out.append(Action(t, "approve", supervisor_id, {"note": rnd.choice(APPROVAL_NOTES)}))
        elif st.skippable and rnd.random() < 0.08:
            out.append(Action(t, "step", adv, {"index": st.index, "outcome": "skipped",
                                               "text": rnd.choice(SKIP_REASONS)}))
        else:
            if rnd.random() < 0.1:
                out.append(Action(t, "step", adv, {"index": st.index, "outcome": "noted", "text": rnd.choice(NOTES)}))
            if st.kind == StepKind.AGREE_FOLLOW_UP and rnd.random() < 0.25:
                t = _office(rnd, t + timedelta(hours=rnd.uniform(2, 40)))  # the customer wanted to think it over
            out.append(Action(t, "step", adv, {"index": st.index, "outcome": "done", "text": ""}))
        t += timedelta(minutes=rnd.uniform(1, 8))
    # The callback is due recovery.callback_due_days after agreeing; advisors call around then.
    t = _office(rnd, t + timedelta(days=3) + timedelta(hours=rnd.uniform(-30, 40)))
    for attempt in range(3):
        if rnd.random() >= 0.2:
            break
        out.append(Action(t, "not_reached", adv, {"note": rnd.choice(NOT_REACHED)}))
        t = _office(rnd, t + timedelta(hours=rnd.uniform(20, 30)))
    else:
        # Flagged after three tries: the service manager looks at it and, mostly, closes it.
        if rnd.random() < 0.9:
            out.append(Action(_office(rnd, t + timedelta(days=rnd.uniform(2, 7))), "close", supervisor_id,
                              {"root_cause": NEVER_REACHED[0], "improvement": NEVER_REACHED[1]}))
        return out
    good = rnd.random() < 0.82
    rating = rnd.randint(8, 10) if good else rnd.randint(3, 7)
    root, improvement = ROOT_CAUSES[c.cause_group]
    out.append(Action(t, "reached", adv, {"rating": rating, "words": rnd.choice(GOOD_WORDS if good else BAD_WORDS),
                                          "root_cause": root, "improvement": improvement}))
    if good:
        return out
    if rnd.random() < 0.5:
        t = _office(rnd, t + timedelta(hours=rnd.uniform(1, 8)))
        out.append(Action(t, "escalate", adv, {"reason": rnd.choice(ESCALATE_REASONS)}))
    if rnd.random() < 0.7:
        t = _office(rnd, t + timedelta(days=rnd.uniform(2, 10)))
        out.append(Action(t, "close", supervisor_id, {"root_cause": CLOSE_NOT_RECOVERED[0],
                                                      "improvement": CLOSE_NOT_RECOVERED[1]}))
    return out


class BulkRecovery:
    """Applies plans as the recovery services would, collecting rows for a few bulk inserts."""

    def __init__(self, session, store_id: str, pack: Pack) -> None:
        self.session, self.origin, self.pack = session, store_id, pack
        conf = settings.get_all(session)
        self.due_days = conf["recovery.callback_due_days"]
        self.threshold = conf["recovery.success_threshold"]
        self.attempts = conf["recovery.callback_attempts"]
        self.limits = {r: conf[f"remedy.limit.{r}"] for r in ("advisor", "supervisor", "admin")}
        self.events: list[dict] = []
        self.remedies: dict[str, dict] = {}
        self.callbacks: dict[str, dict] = {}
        self.cases: list[dict] = []
        self._scripts: dict = {}

    def script(self, c: DemoCase) -> Script:
        return _script(self.pack, c, self._scripts)

    def apply(self, c: DemoCase, actions: list[Action]) -> str:
        """Write ``actions`` for case ``c`` (just opened: version 1, open); returns its final status."""
        self._c = {"id": c.id, "dealer_id": c.dealer_id, "status": S.OPEN.value, "version": 1,
                   "first_response_at": None, "resolved_at": None, "closed_at": None, "recovered": None,
                   "root_cause": "", "improvement": "", "updated_at": c.opened_at}
        self._case_remedies: list[dict] = []
        self._callback: dict | None = None
        script = self.script(c)
        for a in actions:
            getattr(self, "_" + a.kind)(a, script, **a.args)
        self.cases.append(self._c)
        return self._c["status"]

    # -- the services' moves (app/services/cases/case_log.change and friends) --
    def _change(self, a: Action, kind: str, payload: dict, *, status: S | None = None, responds: bool = True,
                at: datetime | None = None) -> None:
        c, now = self._c, at or a.at
        if status is not None and status.value != c["status"]:
            assert may_move(c["status"], status), (c["status"], status)
            payload = {**payload, "status": status.value, "from_status": c["status"]}
            c["status"] = status.value
        if responds and c["first_response_at"] is None:
            c["first_response_at"] = now
        c["version"] += 1
        c["updated_at"] = now
        self.events.append(event_row("case", c["id"], c["version"], kind, payload, actor_id=a.actor,
                                     dealer_id=c["dealer_id"], origin=self.origin, occurred_at=now))

    def _schedule(self, a: Action) -> None:
        if self._callback is not None and self._callback["state"] != CallbackState.REACHED.value:
            return
        cb = {"id": new_id(), "case_id": self._c["id"], "dealer_id": self._c["dealer_id"],
              "state": CallbackState.DUE.value, "scheduled_at": a.at, "due_at": a.at + timedelta(days=self.due_days),
              "not_reached": 0, "last_attempt_at": None, "rating": None, "words": "", "reached_at": None,
              "reached_by": None}
        self.callbacks[cb["id"]] = self._callback = cb
        self._change(a, "callback.scheduled", {"callback_id": cb["id"], "due_at": cb["due_at"].isoformat()})

    def _step(self, a: Action, script: Script, index: int, outcome: str, text: str) -> None:
        step = script.steps[index]
        target = S.IN_RECOVERY if self._c["status"] in (S.OPEN, S.REOPENED) else None
        self._change(a, "recovery.step", {"script": script.id, "pack": script.pack, "index": index,
                                          "kind": step.kind, "outcome": outcome, "text": text}, status=target)
        if outcome != StepOutcome.DONE:
            return
        if step.kind == StepKind.CONFIRM_ACCEPTANCE:
            offered = [r for r in self._case_remedies if r["status"] == RemedyStatus.OFFERED.value]
            if offered:
                agreed = offered[-1]
                agreed["status"], agreed["agreed_at"] = RemedyStatus.AGREED.value, a.at
                for other in offered[:-1]:
                    other["status"] = RemedyStatus.WITHDRAWN.value
                self._change(a, "remedy.agreed", {"remedy_id": agreed["id"], "kind": agreed["kind"],
                                                  "amount": agreed["amount"]}, status=S.REMEDY_AGREED)
                self._schedule(a)
        elif step.kind == StepKind.AGREE_FOLLOW_UP:
            self._schedule(a)
            if self._c["status"] != S.ESCALATED.value:
                self._change(a, "recovery.finished", {"script": script.id}, status=S.AWAITING_CALLBACK)

    def _propose(self, a: Action, script: Script, kind: str, amount: int, description: str) -> None:
        limit = self.limits["advisor"]
        status = RemedyStatus.PENDING_APPROVAL if needs_approval(amount, limit) else RemedyStatus.OFFERED
        r = {"id": new_id(), "case_id": self._c["id"], "dealer_id": self._c["dealer_id"], "kind": kind,
             "amount": amount, "description": description, "status": status.value, "proposed_by": a.actor,
             "proposed_at": a.at, "decided_by": None, "decided_at": None, "decision_note": "", "agreed_at": None}
        self.remedies[r["id"]] = r
        self._case_remedies.append(r)
        self._change(a, "remedy.proposed", {"remedy_id": r["id"], "kind": kind, "amount": amount,
                                            "description": description, "remedy_status": status.value,
                                            "limit": limit, "role": "advisor"})

    def _approve(self, a: Action, script: Script, note: str) -> None:
        r = next(r for r in self._case_remedies if r["status"] == RemedyStatus.PENDING_APPROVAL.value)
        r["status"], r["decided_by"], r["decided_at"], r["decision_note"] = \
            RemedyStatus.OFFERED.value, a.actor, a.at, note
        self._change(a, "remedy.approved", {"remedy_id": r["id"], "amount": r["amount"], "kind": r["kind"],
                                            "note": note}, responds=False)

    def _not_reached(self, a: Action, script: Script, note: str) -> None:
        cb = self._callback
        cb["not_reached"] += 1
        cb["last_attempt_at"] = a.at
        flagged = cb["not_reached"] >= self.attempts
        if flagged:
            cb["state"] = CallbackState.FLAGGED.value
        self._change(a, "callback.not_reached", {"callback_id": cb["id"], "attempt": cb["not_reached"],
                                                 "flagged": flagged, "note": note})

    def _reached(self, a: Action, script: Script, rating: int, words: str, root_cause: str,
                 improvement: str) -> None:
        cb, c = self._callback, self._c
        recovered = judge_rerating(rating, self.threshold).recovered
        cb.update(state=CallbackState.REACHED.value, rating=rating, words=words, reached_at=a.at, reached_by=a.actor)
        self._change(a, "callback.reached", {"callback_id": cb["id"], "rating": rating, "words": words,
                                             "recovered": recovered})
        if recovered:
            c.update(recovered=True, resolved_at=a.at, closed_at=a.at, root_cause=root_cause, improvement=improvement)
            self._change(a, "case.closed", {"recovered": True, "root_cause": root_cause, "improvement": improvement},
                         status=S.CLOSED)
        else:
            self._change(a, "recovery.rerating_failed", {"rating": rating, "suggest_escalation": True},
                         status=S.IN_RECOVERY if c["status"] != S.ESCALATED.value else None)

    def _escalate(self, a: Action, script: Script, reason: str) -> None:
        self._change(a, "case.escalated", {"reason": reason}, status=S.ESCALATED)

    def _close(self, a: Action, script: Script, root_cause: str, improvement: str) -> None:
        self._c.update(recovered=False, resolved_at=a.at, closed_at=a.at, root_cause=root_cause,
                       improvement=improvement)
        self._change(a, "case.closed", {"recovered": False, "root_cause": root_cause, "improvement": improvement},
                     status=S.CLOSED)

    def flush(self) -> None:
        """Write what was collected: case state by primary key, then the new rows."""
        s = self.session
        if self.cases:
            cols = [k for k in self.cases[0] if k != "id"]
            s.connection().execute(update(FailureCase.__table__).where(
                FailureCase.__table__.c.id == _bind("b_id")).values({k: _bind("b_" + k) for k in cols}),
                [{"b_" + k: v for k, v in row.items()} for row in self.cases])
        bulk_insert(s, Remedy.__table__, list(self.remedies.values()))
        bulk_insert(s, Callback.__table__, list(self.callbacks.values()))
        bulk_insert(s, Event.__table__, self.events)
        self.cases, self.events, self.remedies, self.callbacks = [], [], {}, {}


def _bind(name: str):
    from sqlalchemy import bindparam

    return bindparam(name)
