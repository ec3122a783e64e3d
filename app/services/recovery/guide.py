"""Guided recovery of a case: the script's steps and their progress, escalation, closing, clocks.

Progress lives only in the case's events (recovery.step), so leaving and coming back finds the
same step, and head office sees every step with who and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Callback, Event, FailureCase, Remedy, utcnow
from app.rules.vocab import CallbackState, RemedyStatus, StepKind, StepOutcome, CaseStatus
from app.rules.figures import overdue_reasons, time_to
from app.scripts.choose import Script, Step, choose
from app.scripts.pack import Pack
from app.services import settings
from app.services.recovery.callbacks import schedule_in
from app.services.cases.case_log import NotAllowed, WrongState, case_for_change, change, load_case, require
from app.services.recovery.remedies import APPROVERS, agree_in
from app.services.uow import UnitOfWork
from app.services.changes import CALLBACKS, CASES, announces


@dataclass(frozen=True)
class StepState:
    step: Step
    outcome: str | None  # done | skipped | None (still to do)
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Clocks:
    opened_at: datetime
    time_to_first_response: timedelta | None
    time_to_resolution: timedelta | None
    first_response_overdue: bool
    callback_overdue: bool
    callback_flagged: bool


@dataclass(frozen=True)
class Guide:
    case_id: str
    number: str
    status: str
    script: Script
    steps: tuple[StepState, ...]
    current: int  # the first step not done or skipped; len(steps) when the script is finished
    clocks: Clocks
    version: int = 0  # the case's version (its event log's last seq): pass it back as expected_version
    callback_due: datetime | None = None  # the open callback's due time, when one is scheduled
    follow_up_days: int = 3  # recovery.callback_due_days: the follow-up's default day, days from today

    @property
    def finished(self) -> bool:
        return self.current >= len(self.steps)


def script_for(case: FailureCase, pack: Pack) -> Script:
    return choose(pack, failure_type=case.failure_type, cause_group=case.cause_group, severity=case.severity,
                  blame=case.blame, mood=case.mood)


def _clocks(s, case: FailureCase, now: datetime) -> Clocks:
    conf = settings.get_all(s)
    callbacks = s.execute(select(Callback.due_at, Callback.state == CallbackState.FLAGGED.value)
                          .where(Callback.case_id == case.id, Callback.state != CallbackState.REACHED.value)).all()
    late = overdue_reasons(closed=case.status == CaseStatus.CLOSED.value, opened_at=case.opened_at,
                           first_response_at=case.first_response_at, open_callbacks=callbacks, now=now,
                           first_response_hours=conf["cases.first_response_hours"],
                           callback_overdue_hours=conf["recovery.callback_overdue_hours"])
    return Clocks(
        case.opened_at,
        time_to(case.opened_at, case.first_response_at), time_to(case.opened_at, case.resolved_at),
        late.first_response, late.callback, late.callback_flagged)


def _progress(s, case: FailureCase, script: Script) -> tuple[tuple[StepState, ...], int]:
    events = s.scalars(select(Event).where(Event.entity_type == "case", Event.entity_id == case.id,
                                           Event.kind == "recovery.step").order_by(Event.seq))
    outcome: dict[int, str] = {}
    notes: dict[int, list[str]] = {}
    for e in events:
        p = e.payload
        i = p.get("index")
        # A step counts where the script still has the same kind of step (a newer pack may differ).
        if not isinstance(i, int) or i >= len(script.steps) or script.steps[i].kind != p.get("kind"):
            continue
        if p.get("outcome") in (StepOutcome.DONE, StepOutcome.SKIPPED):
            outcome[i] = p["outcome"]
        if p.get("text"):
            notes.setdefault(i, []).append(p["text"])
    states = tuple(StepState(st, outcome.get(st.index), tuple(notes.get(st.index, ()))) for st in script.steps)
    current = next((st.step.index for st in states if st.outcome is None), len(states))
    return states, current


def guide(store, case_id: str, pack: Pack, *, now: datetime | None = None) -> Guide:
    now = now or utcnow()
    with UnitOfWork(store) as uow:
        case = load_case(uow, case_id)
        script = script_for(case, pack)
        states, current = _progress(uow.session, case, script)
        due = uow.session.scalar(select(Callback.due_at).where(Callback.case_id == case.id,
                                                               Callback.state != CallbackState.REACHED.value))
        return Guide(case.id, case.number, case.status, script, states, current, _clocks(uow.session, case, now),
                     case.version, due, settings.get(uow.session, "recovery.callback_due_days"))


@announces(CASES | CALLBACKS)
def record_step(store, case_id: str, pack: Pack, index: int, outcome: str, text: str, actor_id: str | None, *,
                expected_version: int | None = None, now: datetime | None = None,
                callback_due: datetime | None = None) -> Guide:
    """Mark step ``index`` done, skipped (``text`` is the reason) or noted (``text`` is the note).

    Done on "confirm acceptance" agrees the offered remedy (and schedules the callback); done on
    "agree the follow-up" schedules the callback for ``callback_due`` (when the customer wants the
    call; an already scheduled one moves there) and the case awaits it.
    Every case command takes ``expected_version`` (the case version the caller saw; CaseChanged
    when it moved on) and re-checks the actor's stored role and active state."""
    now = now or utcnow()
    outcome = StepOutcome(outcome)
    with UnitOfWork(store, actor_id, write=True) as uow:
        case, _role = case_for_change(uow, case_id, expected_version)
        if case.status == CaseStatus.CLOSED.value:
            raise WrongState(number=case.number, status=case.status, action="recovered")
        script = script_for(case, pack)
        if not 0 <= index < len(script.steps):
            raise InvalidInput(field="step", problem=QT_TRANSLATE_NOOP("Errors", "no such step in this script"))
        step = script.steps[index]
        text = (text or "").strip()
        if outcome == StepOutcome.SKIPPED:
            if not step.skippable:
                raise InvalidInput(field="step", problem=QT_TRANSLATE_NOOP("Errors",
                                   "this step can't be skipped; the script requires it"))
            text = require(text, "reason")
        elif outcome == StepOutcome.NOTED:
            text = require(text, "note")
        target = CaseStatus.IN_RECOVERY if case.status in (CaseStatus.OPEN, CaseStatus.REOPENED) else None
        change(uow, case, "recovery.step", {"script": script.id, "pack": script.pack, "index": index,
                                            "kind": step.kind, "outcome": outcome.value, "text": text}, now,
               status=target, action="recovered")
        if outcome == StepOutcome.DONE:
            if step.kind == StepKind.OFFER_REMEDY:
                live = uow.session.scalar(select(Remedy.id).where(
                    Remedy.case_id == case.id, Remedy.status.in_((RemedyStatus.OFFERED.value,
                                                                  RemedyStatus.PENDING_APPROVAL.value,
                                                                  RemedyStatus.AGREED.value))))
                if live is None:
                    raise InvalidInput(field="remedy", problem=QT_TRANSLATE_NOOP("Errors",
                                       "offer a remedy first, or skip this step with a reason"))
            elif step.kind == StepKind.CONFIRM_ACCEPTANCE:
                agree_in(uow, case, now)
            elif step.kind == StepKind.AGREE_FOLLOW_UP:
                schedule_in(uow, case, now, callback_due)
                if case.status != CaseStatus.ESCALATED.value:
                    change(uow, case, "recovery.finished", {"script": script.id}, now,
                           status=CaseStatus.AWAITING_CALLBACK, action="finished")
        uow.commit()
    return guide(store, case_id, pack, now=now)


@announces(CASES)
def escalate(store, case_id: str, reason: str, actor_id: str | None, *, expected_version: int | None = None,
             now: datetime | None = None) -> str:
    return _move_for_reason(store, case_id, reason, actor_id, expected_version, now, CaseStatus.ESCALATED, "escalated")


@announces(CASES)
def close_case(store, case_id: str, root_cause: str, improvement: str, actor_id: str | None, *,
               expected_version: int | None = None, now: datetime | None = None) -> str:
    """Close without a successful callback (not recovered): a supervisor's decision, with the root
    cause and improvement recorded for head office. A good re-rating closes through callbacks."""
    now = now or utcnow()
    root_cause, improvement = require(root_cause, "root_cause"), require(improvement, "improvement")
    with UnitOfWork(store, actor_id, write=True) as uow:
        case, role = case_for_change(uow, case_id, expected_version)
        if role not in APPROVERS:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "only a supervisor can close a case that was not "
                                                      "recovered"))
        case.recovered, case.resolved_at, case.closed_at = False, now, now
        case.root_cause, case.improvement = root_cause, improvement
        change(uow, case, "case.closed", {"recovered": False, "root_cause": root_cause, "improvement": improvement},
               now, status=CaseStatus.CLOSED, action="closed")
        uow.commit()
        return case.status


@announces(CASES)
def reopen(store, case_id: str, reason: str, actor_id: str | None, *, expected_version: int | None = None,
           now: datetime | None = None) -> str:
    return _move_for_reason(store, case_id, reason, actor_id, expected_version, now, CaseStatus.REOPENED, "reopened")


def _move_for_reason(store, case_id: str, reason: str, actor_id: str | None, expected_version: int | None,
                     now: datetime | None, status: CaseStatus, action: str) -> str:
    """Escalating and reopening: anyone working the case may, with a reason; a reopened case is open again."""
    now = now or utcnow()
    reason = require(reason, "reason")
    with UnitOfWork(store, actor_id, write=True) as uow:
        case, _role = case_for_change(uow, case_id, expected_version)
        change(uow, case, f"case.{action}", {"reason": reason}, now, status=status, action=action)
        if status == CaseStatus.REOPENED:
            case.closed_at, case.recovered = None, None
        uow.commit()
        return case.status
