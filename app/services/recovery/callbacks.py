"""The follow-up call (三日回访): scheduled when a remedy is agreed, reached or not, re-rating."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.foundation.errors import InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import fields
from app.foundation.ids import new_id
from app.models import Callback, Customer, FailureCase, Vehicle, utcnow
from app.rules.vocab import CallbackState, CaseStatus
from app.rules.recovery import callback_is_due, callback_overdue, flag_after_not_reached, judge_rerating
from app.services import settings
from app.services.cases.case_log import WrongState, case_for_change, change, require
from app.services.uow import UnitOfWork
from app.services.changes import CALLBACKS, CASES, announces


@dataclass(frozen=True)
class CallbackView:
    id: str
    case_id: str
    case_number: str
    customer: str
    phone: str
    plate: str
    state: str
    due_at: datetime
    not_reached: int
    overdue: bool
    case_status: str
    case_version: int = 0  # the case's version when read: pass it back as expected_version
    is_due: bool = True  # False while the call is only scheduled (its due time still ahead)


@dataclass(frozen=True)
class CallbackResult:
    recovered: bool
    suggest_escalation: bool
    case_status: str


def schedule_in(uow: UnitOfWork, case: FailureCase, now: datetime, due: datetime | None = None) -> Callback:
    """The case's open callback, or a new one. ``due`` is when the customer agreed to be called
    (an open callback moves to it); without it a new callback is due recovery.callback_due_days on."""
    if due is not None and due.astimezone().date() < now.astimezone().date():
        raise InvalidInput(field="callback_due", problem=QT_TRANSLATE_NOOP(
            "Errors", "the follow-up call can't be due before today: pick today or a later day"))
    open_cb = uow.session.scalar(select(Callback).where(Callback.case_id == case.id,
                                                        Callback.state != CallbackState.REACHED.value))
    if open_cb is not None:
        if due is not None and open_cb.due_at != due:
            open_cb.due_at = due
            change(uow, case, "callback.scheduled", {"callback_id": open_cb.id, "due_at": due.isoformat()}, now)
        return open_cb
    if due is None:
        due = now + timedelta(days=settings.get(uow.session, "recovery.callback_due_days"))
    cb = Callback(id=new_id(), case_id=case.id, dealer_id=case.dealer_id, state=CallbackState.DUE.value,
                  scheduled_at=now, due_at=due, not_reached=0)
    uow.session.add(cb)
    change(uow, case, "callback.scheduled", {"callback_id": cb.id, "due_at": cb.due_at.isoformat()}, now)
    return cb


def _load(uow: UnitOfWork, callback_id: str, expected_version: int | None) -> tuple[Callback, FailureCase]:
    """The callback and its case for a change: actor re-checked, case version checked under the lock."""
    cb = uow.session.get(Callback, callback_id)
    if cb is None:
        raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Callback"), key=callback_id)
    case, _role = case_for_change(uow, cb.case_id, expected_version)
    uow.session.refresh(cb)  # again once the case is locked (a server database locks its row only now)
    if cb.state == CallbackState.REACHED.value:
        raise WrongState(number=case.number, status=case.status, action="called back")
    return cb, case


@announces(CALLBACKS | CASES)
def record_not_reached(store, callback_id: str, actor_id: str | None, note: str = "", *,
                       expected_version: int | None = None, now: datetime | None = None) -> CallbackView:
    """``expected_version``: the version of the callback's case the caller saw (CallbackView.case_version)."""
    now = now or utcnow()
    fields.check("note", (note or "").strip())
    with UnitOfWork(store, actor_id, write=True) as uow:
        cb, case = _load(uow, callback_id, expected_version)
        cb.not_reached += 1
        cb.last_attempt_at = now
        attempts = settings.get(uow.session, "recovery.callback_attempts")
        flagged = flag_after_not_reached(cb.not_reached, attempts)
        if flagged:
            cb.state = CallbackState.FLAGGED.value
        change(uow, case, "callback.not_reached",
               {"callback_id": cb.id, "attempt": cb.not_reached, "flagged": flagged, "note": note.strip()}, now)
        uow.commit()
    return _views(store, now, [callback_id])[0]


@announces(CALLBACKS | CASES)
def record_reached(store, callback_id: str, rating: int | None, words: str, actor_id: str | None, *,
                   root_cause: str = "", improvement: str = "", expected_version: int | None = None,
                   now: datetime | None = None) -> CallbackResult:
    """The customer re-rates 1-10. At or above recovery.success_threshold the case closes as recovered
    (root cause and improvement are required then: the learning loop); below, it goes back into
    recovery and escalation is suggested."""
    now = now or utcnow()
    if rating is None:  # nothing chosen: the re-rating has no default that could decide the outcome
        raise InvalidInput(field="rating", problem=QT_TRANSLATE_NOOP("Errors", "choose the customer's re-rating from 1 to 10"))
    if not isinstance(rating, int) or not 1 <= rating <= 10:
        raise InvalidInput(field="rating", problem=QT_TRANSLATE_NOOP("Errors", "a whole number from 1 to 10"))
    fields.check("words", (words or "").strip())
    fields.check("root_cause", (root_cause or "").strip())
    fields.check("improvement", (improvement or "").strip())
    with UnitOfWork(store, actor_id, write=True) as uow:
        cb, case = _load(uow, callback_id, expected_version)
        if case.status == CaseStatus.CLOSED.value:
            raise WrongState(number=case.number, status=case.status, action="called back")
        verdict = judge_rerating(rating, settings.get(uow.session, "recovery.success_threshold"))
        if verdict.recovered:
            root_cause = require(root_cause, "root_cause")
            improvement = require(improvement, "improvement")
        cb.state, cb.rating, cb.words = CallbackState.REACHED.value, rating, words.strip()
        cb.reached_at, cb.reached_by = now, actor_id
        change(uow, case, "callback.reached", {"callback_id": cb.id, "rating": rating, "words": cb.words,
                                               "recovered": verdict.recovered}, now)
        if verdict.recovered:
            case.recovered, case.resolved_at, case.closed_at = True, now, now
            case.root_cause, case.improvement = root_cause, improvement
            change(uow, case, "case.closed", {"recovered": True, "root_cause": root_cause,
                                              "improvement": improvement}, now, status=CaseStatus.CLOSED,
                   action="closed")
        else:
            change(uow, case, "recovery.rerating_failed", {"rating": rating, "suggest_escalation": True}, now,
                   status=CaseStatus.IN_RECOVERY if case.status != CaseStatus.ESCALATED.value else None,
                   action="sent back into recovery")
        status = case.status
        uow.commit()
    return CallbackResult(verdict.recovered, verdict.suggest_escalation, status)


def _views(store, now: datetime, ids: list[str] | None = None) -> list[CallbackView]:
    with store.session() as s:
        grace = settings.get(s, "recovery.callback_overdue_hours")
        # Columns, not Callback objects: the page lists every callback still to make, and building
        # ORM objects for them cost more than the query.
        q = (select(Callback.id, Callback.case_id, Callback.state, Callback.due_at, Callback.not_reached,
                    FailureCase.number, FailureCase.status, Customer.name, Customer.phone, Vehicle.plate,
                    FailureCase.version)
             .join(FailureCase, FailureCase.id == Callback.case_id)
             .join(Customer, Customer.id == FailureCase.customer_id)
             .outerjoin(Vehicle, Vehicle.id == FailureCase.vehicle_id))
        if ids is not None:
            q = q.where(Callback.id.in_(ids))
        else:
            # The dealer's: read in due order from the partial (dealer, due_at) index, no sort.
            q = q.where(Callback.dealer_id == store.identity.home_dealer_id,
                        Callback.state != CallbackState.REACHED.value,
                        FailureCase.status != CaseStatus.CLOSED.value).order_by(Callback.due_at)
        return [CallbackView(cb_id, case_id, number, name, phone, plate or "", state, due_at, not_reached,
                             state != CallbackState.REACHED.value and callback_overdue(due_at, now, grace),
                             status, version, callback_is_due(due_at, now))
                for cb_id, case_id, state, due_at, not_reached, number, status, name, phone, plate, version
                in s.execute(q)]


def callback_view(store, callback_id: str, *, now: datetime | None = None) -> CallbackView | None:
    """One callback as it stands now (None once it is gone from the store)."""
    found = _views(store, now or utcnow(), [callback_id])
    return found[0] if found else None


def success_threshold(store) -> int:
    with store.session() as s:
        return settings.get(s, "recovery.success_threshold")


def callbacks_due(store, *, now: datetime | None = None, within_days: int | None = None) -> list[CallbackView]:
    """Callbacks still to make, earliest first (flagged ones too); within_days limits to those due soon."""
    now = now or utcnow()
    views = _views(store, now)
    if within_days is not None:
        views = [v for v in views if v.due_at <= now + timedelta(days=within_days)]
    return views
