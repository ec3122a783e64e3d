"""Changing a failure case: load it, check the state move, bump its version, append the event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.errors import InvalidInput, NotFound, RecoveryDeskError
from app.i18n_marks import QT_TRANSLATE_NOOP
from app.models import FailureCase, User
from app.rules.recovery import may_move
from app.services import settings
from app.services.uow import UnitOfWork
from app.vocab import CaseStatus, Role


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
    case = uow.session.get(FailureCase, case_id)
    if case is None:
        raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Case"), key=case_id)
    return case


def role_of(uow: UnitOfWork, actor_id: str | None) -> Role:
    """The actor's role from the store, not from what the UI claims; unknown people are advisors."""
    user = uow.session.get(User, actor_id) if actor_id else None
    if user is None or not user.active:
        return Role.ADVISOR
    return Role(user.role)


def authority_limit(uow: UnitOfWork, role: Role) -> int:
    return settings.get(uow.session, f"remedy.limit.{role.value}")


def require(text: str, field: str) -> str:
    if not (text or "").strip():
        raise InvalidInput(field=field, problem=QT_TRANSLATE_NOOP("Errors", "required"))
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
