"""Pure rules of service recovery: case states and their moves, authority, clocks, callbacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.rules.vocab import CaseStatus as S

# open -> in recovery -> remedy agreed -> awaiting callback -> closed, plus escalated and reopened.
# A failed re-rating sends a case back into recovery; only a closed case can be reopened.
MOVES: dict[S, frozenset[S]] = {
    S.OPEN: frozenset({S.IN_RECOVERY, S.REMEDY_AGREED, S.ESCALATED}),
    S.IN_RECOVERY: frozenset({S.REMEDY_AGREED, S.AWAITING_CALLBACK, S.ESCALATED, S.CLOSED}),
    S.REMEDY_AGREED: frozenset({S.AWAITING_CALLBACK, S.ESCALATED, S.IN_RECOVERY, S.CLOSED}),
    S.AWAITING_CALLBACK: frozenset({S.CLOSED, S.IN_RECOVERY, S.ESCALATED}),
    S.ESCALATED: frozenset({S.IN_RECOVERY, S.REMEDY_AGREED, S.AWAITING_CALLBACK, S.CLOSED}),
    S.REOPENED: frozenset({S.IN_RECOVERY, S.REMEDY_AGREED, S.AWAITING_CALLBACK, S.ESCALATED, S.CLOSED}),
    S.CLOSED: frozenset({S.REOPENED}),
}


def may_move(current: str, target: str) -> bool:
    return S(target) in MOVES[S(current)]


def needs_approval(amount: int, limit: int) -> bool:
    """Above the proposer's authority limit a remedy waits for a supervisor."""
    return amount > limit


def first_response_overdue(opened_at: datetime, first_response_at: datetime | None, now: datetime,
                           hours: int) -> bool:
    if first_response_at is not None:
        return False
    return now - opened_at > timedelta(hours=hours)


def callback_overdue(due_at: datetime, now: datetime, grace_hours: int) -> bool:
    return now - due_at > timedelta(hours=grace_hours)


@dataclass(frozen=True)
class CallbackVerdict:
    recovered: bool
    suggest_escalation: bool


def judge_rerating(rating: int, threshold: int) -> CallbackVerdict:
    """A re-rating at or above the threshold means recovered; below it, the case stays open and
    escalation is suggested."""
    if not 1 <= rating <= 10:
        raise ValueError(f"re-rating must be 1-10, got {rating!r}")
    ok = rating >= threshold
    return CallbackVerdict(recovered=ok, suggest_escalation=not ok)


def flag_after_not_reached(count: int, attempts: int) -> bool:
    return count >= attempts
