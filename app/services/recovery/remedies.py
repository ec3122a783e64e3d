"""Remedies (补偿): proposed within the proposer's authority or sent for a supervisor's approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.foundation.errors import InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import fields
from app.foundation.ids import new_id
from app.models import Customer, FailureCase, Remedy, User, utcnow
from app.rules.vocab import RemedyKind, RemedyStatus, CaseStatus, Role
from app.rules.recovery import needs_approval
from app.services.recovery.callbacks import schedule_in
from app.services.cases.case_log import NotAllowed, WrongState, authority_limit, case_for_change, change, require, role_of
from app.services.uow import UnitOfWork
from app.services.changes import CALLBACKS, CASES, REMEDIES, announces

MAX_AMOUNT = 1_000_000  # a typing slip guard, far above any dealer's limit
APPROVERS = (Role.SUPERVISOR, Role.ADMIN)


@dataclass(frozen=True)
class RemedyView:
    id: str
    case_id: str
    case_number: str
    customer: str
    kind: str
    amount: int
    description: str
    status: str
    proposed_by: str  # display name
    proposed_at: datetime
    decision_note: str
    case_version: int = 0  # the case's version when read: pass it back as expected_version
    case_summary: str = ""  # the customer's words on the case, for a decision without opening it


def _remedy_view(s, r: Remedy) -> RemedyView:
    number, customer, version, words = s.execute(select(FailureCase.number, Customer.name, FailureCase.version,
                                                        FailureCase.customer_words)
                                 .join(Customer, Customer.id == FailureCase.customer_id)
                                 .where(FailureCase.id == r.case_id)).one()
    who = s.get(User, r.proposed_by) if r.proposed_by else None
    return RemedyView(r.id, r.case_id, number, customer, r.kind, r.amount, r.description, r.status,
                      who.display_name if who else "", r.proposed_at, r.decision_note, version, words)


@announces(REMEDIES | CASES)
def propose_remedy(store, case_id: str, kind: str, amount: int, description: str, actor_id: str | None, *,
                   expected_version: int | None = None, now: datetime | None = None) -> RemedyView:
    """Within the proposer's authority (remedy.limit.<role>) it may be offered at once; above it, it
    waits for a supervisor (the limit is checked here, whatever the UI shows)."""
    now = now or utcnow()
    try:
        kind = RemedyKind(kind).value
    except ValueError:
        raise InvalidInput(field="kind", problem=QT_TRANSLATE_NOOP("Errors", "not one of the offered choices")) from None
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 <= amount <= MAX_AMOUNT:
        raise InvalidInput(field="amount", problem=QT_TRANSLATE_NOOP("Errors",
                           "a whole number of yuan from 0 to 1000000"))
    if kind == RemedyKind.OTHER:
        description = require(description, "description")
    fields.check("description", (description or "").strip())
    with UnitOfWork(store, actor_id, write=True) as uow:
        case, role = case_for_change(uow, case_id, expected_version)
        if case.status == CaseStatus.CLOSED.value:
            raise WrongState(number=case.number, status=case.status, action="given a remedy")
        limit = authority_limit(uow, role)
        status = RemedyStatus.PENDING_APPROVAL if needs_approval(amount, limit) else RemedyStatus.OFFERED
        r = Remedy(id=new_id(), case_id=case.id, dealer_id=case.dealer_id, kind=kind, amount=amount,
                   description=(description or "").strip(), status=status.value, proposed_by=actor_id,
                   proposed_at=now)
        uow.session.add(r)
        change(uow, case, "remedy.proposed", {"remedy_id": r.id, "kind": kind, "amount": amount,
                                              "description": r.description, "remedy_status": status.value,
                                              "limit": limit, "role": role.value}, now)
        uow.session.flush()
        view = _remedy_view(uow.session, r)
        uow.commit()
    return view


def _decide(store, remedy_id: str, actor_id: str | None, note: str, approve: bool, now: datetime | None,
            expected_version: int | None) -> RemedyView:
    now = now or utcnow()
    fields.check("note", (note or "").strip())
    with UnitOfWork(store, actor_id, write=True) as uow:
        r = uow.session.get(Remedy, remedy_id)
        if r is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Remedy"), key=remedy_id)
        case, role = case_for_change(uow, r.case_id, expected_version)
        uow.session.refresh(r)  # again once the case is locked (a server database locks its row only now)
        if role not in APPROVERS:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "only a supervisor can approve or refuse a remedy"))
        if r.proposed_by == actor_id:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors",
                             "a remedy above your own limit needs another supervisor's decision"))
        if r.status != RemedyStatus.PENDING_APPROVAL.value:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "this remedy was already decided"))
        limit = authority_limit(uow, role)
        if approve and r.amount > limit:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors",
                             "{amount} yuan is above your authority of {limit} yuan"), amount=r.amount, limit=limit)
        r.status = (RemedyStatus.OFFERED if approve else RemedyStatus.REFUSED).value
        r.decided_by, r.decided_at, r.decision_note = actor_id, now, note.strip()
        change(uow, case, "remedy.approved" if approve else "remedy.refused",
               {"remedy_id": r.id, "amount": r.amount, "kind": r.kind, "note": r.decision_note}, now,
               responds=False)
        view = _remedy_view(uow.session, r)
        uow.commit()
    return view


@announces(REMEDIES | CASES | CALLBACKS)
def approve_remedy(store, remedy_id: str, actor_id: str | None, note: str = "", *,
                   expected_version: int | None = None, now: datetime | None = None) -> RemedyView:
    """``expected_version``: the version of the remedy's case the approver saw (RemedyView.case_version)."""
    return _decide(store, remedy_id, actor_id, note, True, now, expected_version)


@announces(REMEDIES | CASES)
def refuse_remedy(store, remedy_id: str, actor_id: str | None, note: str, *, expected_version: int | None = None,
                  now: datetime | None = None) -> RemedyView:
    require(note, "note")  # the advisor needs to know why, to tell the customer something else
    return _decide(store, remedy_id, actor_id, note, False, now, expected_version)


def agree_in(uow: UnitOfWork, case: FailureCase, now: datetime) -> Remedy | None:
    """The customer accepts the latest remedy that may be offered: it is agreed, the case moves to
    remedy agreed and the callback is scheduled. None when no remedy was offered."""
    rows = uow.session.scalars(select(Remedy).where(Remedy.case_id == case.id).order_by(Remedy.proposed_at.desc()))
    remedies = list(rows)
    offered = next((r for r in remedies if r.status == RemedyStatus.OFFERED.value), None)
    if offered is None:
        if any(r.status == RemedyStatus.PENDING_APPROVAL.value for r in remedies):
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "the remedy is still waiting for a supervisor's "
                                                      "approval; come back to this step when it is decided"))
        return None
    offered.status, offered.agreed_at = RemedyStatus.AGREED.value, now
    for other in remedies:  # earlier offers that were not taken up
        if other is not offered and other.status == RemedyStatus.OFFERED.value:
            other.status = RemedyStatus.WITHDRAWN.value
    change(uow, case, "remedy.agreed", {"remedy_id": offered.id, "kind": offered.kind, "amount": offered.amount},
           now, status=CaseStatus.REMEDY_AGREED, action="given a remedy")
    schedule_in(uow, case, now)
    return offered


def remedies_for(store, case_id: str) -> list[RemedyView]:
    with store.session() as s:
        return [_remedy_view(s, r) for r in
                s.scalars(select(Remedy).where(Remedy.case_id == case_id).order_by(Remedy.proposed_at))]


def pending_approvals(store) -> list[RemedyView]:
    """Remedies waiting for a supervisor, oldest first."""
    with store.session() as s:
        return [_remedy_view(s, r) for r in
                s.scalars(select(Remedy).where(Remedy.status == RemedyStatus.PENDING_APPROVAL.value)
                          .order_by(Remedy.proposed_at))]


def authority_of(store, actor_id: str | None) -> tuple[str, int]:
    """The actor's role and remedy limit, for the UI to say before they propose."""
    with UnitOfWork(store, actor_id) as uow:
        role = role_of(uow, actor_id)
        return role.value, authority_limit(uow, role)
