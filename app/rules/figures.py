"""The product's figures as pure rules: which case is overdue, which form a failure, and the shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.rules.recovery import callback_overdue, first_response_overdue


@dataclass(frozen=True)
class OverdueReasons:
    first_response: bool  # no first response within cases.first_response_hours
    callback: bool  # a callback still to make, later than recovery.callback_overdue_hours past due
    callback_flagged: bool  # a callback not reached recovery.callback_attempts times

    def __bool__(self) -> bool:
        return self.first_response or self.callback or self.callback_flagged


def overdue_reasons(*, closed: bool, opened_at: datetime, first_response_at: datetime | None,
                    open_callbacks: Iterable[tuple[datetime, bool]], now: datetime, first_response_hours: int,
                    callback_overdue_hours: int) -> OverdueReasons:
    """Why a case is overdue (falsy when it is not). A closed case never is. ``open_callbacks``:
    (due_at, flagged) of each callback not yet reached. The SQL form is app.services.figures.OverdueRule."""
    if closed:
        return OverdueReasons(False, False, False)
    callbacks = list(open_callbacks)
    return OverdueReasons(first_response_overdue(opened_at, first_response_at, now, first_response_hours),
                          any(callback_overdue(due, now, callback_overdue_hours) for due, _ in callbacks),
                          any(flagged for _, flagged in callbacks))


def time_to(opened_at: datetime, reached_at: datetime | None) -> timedelta | None:
    """Time to first response (reached_at = first_response_at) or to resolution (resolved_at) of a
    case; None until reached. The SQL form, in hours: app.services.figures.first_response_hours and
    resolution_hours."""
    return reached_at - opened_at if reached_at is not None else None


def recovery_rate(recovered: int, judged: int) -> float | None:
    """Recovered / cases closed with a verdict (a re-rating, or a supervisor's close) in the period."""
    return recovered / judged if judged else None


def callback_completion(reached: int, due: int) -> float | None:
    """Callbacks made (the customer reached) / callbacks due in the period. The SQL form:
    app.services.figures.callbacks_due_in and CALLBACK_REACHED."""
    return reached / due if due else None
