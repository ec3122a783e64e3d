"""Changing a failure case: load it, check the state move, bump its version, append the event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.foundation.errors import CaseChanged, InvalidInput, NotFound, RecoveryDeskError, VersionChanged
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import fields
from app.models import Event, FailureCase, User
from app.models.event_codec import HQ_ORIGIN
from app.rules.recovery import may_move
from app.services import settings
from app.rules.authority import CEILING, capped
from app.services.uow import UnitOfWork
from app.rules.vocab import CaseStatus, Role


class NotAllowed(RecoveryDeskError):
    """The signed-in person may not do this (role or authority); enforced here, not only in the UI."""

    text = QT_TRANSLATE_NOOP("Errors", "Not allowed: {reason}")

    def render(self, translate=None) -> str:
        text = translate("Errors", self.text) if translate else self.text
        reason = translate("Errors", self.params["reason"]) if translate else self.params["reason"]
        return text.format(reason=reason.format(**self.params))


class WrongState(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "Case {number} is {status}; it can't be {action} now.")


def load_case(uow: UnitOfWork, case_id: str) -> FailureCase:
    # FOR UPDATE on a server database; SQLite has no row locks (a writing UnitOfWork holds the store's).
    case = uow.session.get(FailureCase, case_id, with_for_update=uow.write or None)
    if case is None:
        raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Case"), key=case_id)
    return case


class AccountInactive(NotAllowed):
    """The signed-in person was deactivated (or removed) meanwhile: the desk locks itself."""


def acting_role(uow: UnitOfWork, actor_id: str | None) -> Role:
    """The actor's role as stored now, checked on every case command: a person deactivated (or
    removed) while signed in is refused; a role lowered while signed in counts at once.
    No actor (command line, demo data) acts with an advisor's authority."""
    return Role.ADVISOR if actor_id is None else stored_role(uow.session, actor_id)


def stored_role(session, actor_id: str) -> Role:
    """The signed-in person's role as stored now; AccountInactive once they are deactivated or gone."""
    user = session.get(User, actor_id)
    if user is None or not user.active:
        raise AccountInactive(reason=QT_TRANSLATE_NOOP("Errors", "your account is no longer active on this counter; "
                                                  "ask an administrator, then sign in again"))
    return Role(user.role)


def check_version(uow: UnitOfWork, case: FailureCase, expected_version: int | None) -> None:
    """Refuse with CaseChanged when the case moved on from the version the caller saw (its event
    log's last ``seq``). None: the caller doesn't care (command line, demo data, tests)."""
    if expected_version is None or case.version == expected_version:
        return
    who, name, at = changed_by(uow, "case", case.id, case.updated_at)
    raise CaseChanged(number=case.number, seen=expected_version, version=case.version, who=who, name=name, at=at)


def changed_by(uow: UnitOfWork, entity_type: str, entity_id: str, updated_at: datetime) -> tuple[str, str, datetime]:
    """Who made an entity's last change and when, as a VersionChanged names them: (who, name, at)."""
    last = uow.session.scalar(select(Event).where(Event.entity_type == entity_type, Event.entity_id == entity_id)
                              .order_by(Event.seq.desc()).limit(1))
    name, who = "", VersionChanged.BY_SOMEONE
    at = last.occurred_at if last is not None else updated_at
    if last is not None:
        user = uow.session.get(User, last.actor_id) if last.actor_id else None
        name = user.display_name if user is not None else ""
        local = last.origin == uow.identity.store_id
        if last.origin == HQ_ORIGIN:
            who = VersionChanged.BY_HEAD_OFFICE
        elif local and last.actor_id is not None and last.actor_id == uow.actor_id:
            who = VersionChanged.BY_YOU
        elif local:
            who = VersionChanged.BY_NAME if name else VersionChanged.BY_SOMEONE
        else:
            who = VersionChanged.BY_NAME_ELSEWHERE if name else VersionChanged.BY_ELSEWHERE
    return who, name, at


def case_for_change(uow: UnitOfWork, case_id: str, expected_version: int | None) -> tuple[FailureCase, Role]:
    """The start of every command that changes a case: the actor's current role (refused when no
    longer active), the case read under the write lock, and its version checked."""
    role = acting_role(uow, uow.actor_id)
    case = load_case(uow, case_id)
    check_version(uow, case, expected_version)
    return case, role


def role_of(uow: UnitOfWork, actor_id: str | None) -> Role:  # for reads; commands use acting_role
    """The actor's role from the store, not from what the UI claims; unknown people are advisors."""
    user = uow.session.get(User, actor_id) if actor_id else None
    if user is None or not user.active:
        return Role.ADVISOR
    return Role(user.role)


def authority_limit(uow: UnitOfWork, role: Role) -> int:
    """The role's remedy limit in force: the counter's, never above head office's ceiling."""
    return capped(settings.get(uow.session, f"remedy.limit.{role.value}"), settings.get(uow.session, CEILING))


def require(text: str, field: str) -> str:
    if not (text or "").strip():
        raise InvalidInput(field=field, problem=QT_TRANSLATE_NOOP("Errors", "required"))
    if field in fields.FIELDS:
        fields.check(field, text.strip())
    return text.strip()


def change(uow: UnitOfWork, case: FailureCase, kind: str, payload: dict[str, Any], now: datetime, *,
           status: CaseStatus | None = None, action: str = "changed", responds: bool = True) -> None:
    """One change to ``case``: optional state move, first response clock, version and event."""
    if status is not None and status.value != case.status:
        if not may_move(case.status, status):
            raise WrongState(number=case.number, status=case.status, action=action)
        payload = {**payload, "status": status.value, "from_status": case.status}
        case.status = status.value
    if responds and case.first_response_at is None:
        case.first_response_at = now
    case.version += 1
    case.updated_at = now
    uow.record("case", case.id, kind, payload, case.dealer_id, seq=case.version, at=now)
