"""Pure rules of service recovery: case states and their moves, authority, clocks, callbacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.rules.vocab import CaseStatus as S
from app.rules.vocab import DayPart

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


# The first hour of each part of the day a customer may ask to be called in ("any time" is the
# working day's start), local time at the counter.
DAY_PART_STARTS = {DayPart.ANY: time(9), DayPart.MORNING: time(9), DayPart.AFTERNOON: time(14),
                   DayPart.EVENING: time(18)}


def callback_due_at(day: date, part: str) -> datetime:
    """The moment a follow-up call agreed for ``day`` and ``part`` of it becomes due (aware, local)."""
    return datetime.combine(day, DAY_PART_STARTS[DayPart(part)]).astimezone()


def callback_is_due(due_at: datetime, now: datetime) -> bool:
    """A callback is due from its due time on; before that it is only scheduled."""
    return now >= due_at


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
