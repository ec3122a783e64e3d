"""Feedback-form scoring and the monthly assessment (意见反馈表, DOMAIN.md)."""

from __future__ import annotations

from enum import StrEnum

GRADE_POINTS: dict[str, int] = {"A": 2, "B": 1, "C": 0, "D": -1, "E": -2}
ITEMS = ("timeliness", "repair_quality", "attitude")
FAILING_GRADES = frozenset({"D", "E"})


class Outcome(StrEnum):
    REWARD = "reward"
    PENALTY = "penalty"
    NONE = "none"


def grade_points(grade: str) -> int:
    try:
        return GRADE_POINTS[grade.upper()]
    except (KeyError, AttributeError):
        raise ValueError(f"grade must be one of A, B, C, D, E; got {grade!r}") from None


def form_score(timeliness: str, repair_quality: str, attitude: str) -> int:
    """The sum of the three items' points: -6..6."""
    return grade_points(timeliness) + grade_points(repair_quality) + grade_points(attitude)


def is_failure_form(grades: tuple[str, str, str], overall: int | None, overall_threshold: int = 8) -> bool:
    """A form is a failure when its 1-10 overall score is below the threshold or any item is D or E."""
    if overall is not None and overall < overall_threshold:
        return True
    return any(g.upper() in FAILING_GRADES for g in grades)


def average(total: int, forms: int) -> float | None:
    """本月满意度均项得分 = total / n; None when the month has no assessed forms."""
    return total / forms if forms else None


def change(this_average: float | None, previous_average: float | None) -> float | None:
    if this_average is None or previous_average is None:
        return None
    # Rounded so 4.0 - 3.5 reads as 0.5, not 0.5000000000000001, in print and in JSON.
    return round(this_average - previous_average, 10)


def outcome(this_change: float | None, all_top_grades: bool = False) -> Outcome:
    """> 0 reward, < 0 penalty, = 0 neither; no change (a month without forms) is neither.

    DOMAIN.md's cut-off special case: a month whose every assessed form is all A is a reward
    even when the change is zero.
    """
    if this_change is None:
        return Outcome.NONE
    if this_change > 0:
        return Outcome.REWARD
    if this_change < 0:
        return Outcome.PENALTY
    return Outcome.REWARD if all_top_grades else Outcome.NONE


def failure_share(failures: int, forms: int) -> float | None:
    return failures / forms if forms else None
