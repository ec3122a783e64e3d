"""Verification calls (核实): a random sample of recent forms across advisors for the supervisor to
call; confirmed forms become verified, disputed ones leave the assessment until resolved."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.foundation.errors import InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import fields
from app.foundation.ids import new_id
from app.models import Customer, FeedbackForm, RepairOrder, User, VerificationCall, utcnow
from app.services import settings
from app.services.cases.case_log import NotAllowed, require, role_of
from app.services.recovery.remedies import APPROVERS
from app.services.uow import UnitOfWork
from app.rules.vocab import Verification
from app.services.changes import FORMS, announces

PENDING, CONFIRMED, DISPUTED = "pending", "confirmed", "disputed"


@dataclass(frozen=True)
class CallView:
    id: str
    form_id: str
    outcome: str
    note: str
    service_date: date
    repair_order: str
    advisor: str
    customer: str
    phone: str
    grades: str  # e.g. "ABD": timeliness, repair quality, attitude
    overall: int | None
    comment: str
    verification: str


def _supervisor(uow: UnitOfWork, actor_id: str | None) -> None:
    if role_of(uow, actor_id) not in APPROVERS:
        raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "only a supervisor makes verification calls"))


def spread_across(by_advisor: dict[str, list[str]], size: int, rnd: random.Random) -> list[str]:
    """Up to ``size`` ids, taking advisors in turns (in random order) so every advisor is sampled
    before anyone is sampled twice; which form of an advisor is random."""
    pools = {a: rnd.sample(ids, len(ids)) for a, ids in by_advisor.items()}
    order = rnd.sample(sorted(pools), len(pools))
    picked: list[str] = []
    while len(picked) < size and any(pools.values()):
        for a in order:
            if pools[a] and len(picked) < size:
                picked.append(pools[a].pop())
    return picked


@announces(FORMS)
def draw_sample(store, actor_id: str | None, *, now: datetime | None = None, seed: int | None = None) -> list[CallView]:
    """Draw verification.sample_size unverified forms of the last verification.recent_days days that
    no pending call already holds."""
    now = now or utcnow()
    rnd = random.Random(seed)
    with UnitOfWork(store, actor_id, write=True) as uow:
        _supervisor(uow, actor_id)
        s = uow.session
        size = settings.get(s, "verification.sample_size")
        since = (now - timedelta(days=settings.get(s, "verification.recent_days"))).date()
        held = select(VerificationCall.form_id).where(VerificationCall.outcome == PENDING)
        rows = s.execute(select(FeedbackForm.id, FeedbackForm.advisor_id).where(
            FeedbackForm.dealer_id == uow.identity.home_dealer_id, FeedbackForm.service_date >= since,
            FeedbackForm.verification == Verification.UNVERIFIED.value, FeedbackForm.id.not_in(held)))
        by_advisor: dict[str, list[str]] = defaultdict(list)
        for fid, advisor in rows:
            by_advisor[advisor or ""].append(fid)
        ids = []
        for fid in spread_across(by_advisor, size, rnd):
            call = VerificationCall(id=new_id(), form_id=fid, dealer_id=uow.identity.home_dealer_id, drawn_at=now,
                                    drawn_by=actor_id, outcome=PENDING)
            s.add(call)
            ids.append(call.id)
            # The call is part of the form's history: its version moves and the call travels with it.
            form = s.get(FeedbackForm, fid)
            form.version += 1
            form.updated_at, form.updated_by = now, actor_id
            uow.record("form", fid, "verification.drawn", {"call_id": call.id}, form.dealer_id, seq=form.version,
                       at=now)
        uow.commit()
    return calls(store, ids=ids)


@announces(FORMS)
def record_call(store, call_id: str, outcome: str, note: str, actor_id: str | None, *,
                now: datetime | None = None) -> CallView:
    """confirmed -> the form is verified; disputed (a note is required) -> the form is disputed and
    left out of the monthly assessment until resolve_dispute."""
    now = now or utcnow()
    if outcome not in (CONFIRMED, DISPUTED):
        raise InvalidInput(field="outcome", problem=QT_TRANSLATE_NOOP("Errors", "not one of the offered choices"))
    if outcome == DISPUTED:
        note = require(note, "note")
    fields.check("note", (note or "").strip())
    with UnitOfWork(store, actor_id, write=True) as uow:
        _supervisor(uow, actor_id)
        call = uow.session.get(VerificationCall, call_id)
        if call is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Verification call"), key=call_id)
        if call.outcome != PENDING:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "this call was already recorded"))
        call.outcome, call.note, call.called_at, call.called_by = outcome, (note or "").strip(), now, actor_id
        form = uow.session.get(FeedbackForm, call.form_id)
        state = Verification.VERIFIED if outcome == CONFIRMED else Verification.DISPUTED
        set_verification(uow, form, state, {"call_id": call.id, "note": call.note}, now,
                          "form.verified" if outcome == CONFIRMED else "form.disputed")
        uow.commit()
    return calls(store, ids=[call_id])[0]


@announces(FORMS)
def resolve_dispute(store, form_id: str, note: str, actor_id: str | None, *, now: datetime | None = None) -> str:
    """The dispute is settled and the form stands: it is verified and counts again."""
    now = now or utcnow()
    note = require(note, "note")
    with UnitOfWork(store, actor_id, write=True) as uow:
        _supervisor(uow, actor_id)
        form = uow.session.get(FeedbackForm, form_id)
        if form is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Feedback form"), key=form_id)
        if form.verification != Verification.DISPUTED.value:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "this form is not disputed"))
        set_verification(uow, form, Verification.VERIFIED, {"note": note}, now, "form.dispute_resolved")
        uow.commit()
        return form.verification


def set_verification(uow: UnitOfWork, form: FeedbackForm, state: Verification, payload: dict, now: datetime,
                      kind: str) -> None:
    payload = {**payload, "verification": state.value, "from": form.verification}
    form.verification = state.value
    form.version += 1
    form.updated_at, form.updated_by = now, uow.actor_id
    uow.record("form", form.id, kind, payload, form.dealer_id, seq=form.version, at=now)


def calls(store, *, ids: list[str] | None = None, pending_only: bool = False,
          disputed_only: bool = False) -> list[CallView]:
    """Calls, newest first; pending_only: still to make; disputed_only: disputes not yet resolved."""
    with store.session() as s:
        q = (select(VerificationCall, FeedbackForm, RepairOrder.number, Customer.name, Customer.phone, User.display_name)
             .join(FeedbackForm, FeedbackForm.id == VerificationCall.form_id)
             .join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
             .join(Customer, Customer.id == RepairOrder.customer_id)
             .outerjoin(User, User.id == FeedbackForm.advisor_id)
             .order_by(VerificationCall.drawn_at.desc(), VerificationCall.id))
        if ids is not None:
            q = q.where(VerificationCall.id.in_(ids))
        if pending_only:
            q = q.where(VerificationCall.outcome == PENDING)
        if disputed_only:
            q = q.where(VerificationCall.outcome == DISPUTED,
                        FeedbackForm.verification == Verification.DISPUTED.value)
        return [CallView(c.id, f.id, c.outcome, c.note, f.service_date, ro, advisor or "", name, phone,
                         f.timeliness + f.repair_quality + f.attitude, f.overall, f.comment, f.verification)
                for c, f, ro, name, phone, advisor in s.execute(q)]
