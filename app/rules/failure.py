"""What a failure is: the one test of a form, severity from the satisfaction score, the maker's CSI table."""

from __future__ import annotations

from app.rules.scoring import ITEMS, is_failure_form
from app.rules.vocab import Severity

# DOMAIN.md: the maker's survey converts a 1-10 score to a 1000-point CSI.
CSI_TABLE: dict[int, int] = {10: 1000, 9: 1000, 8: 890, 7: 780, 6: 670, 5: 560, 4: 440, 3: 330, 2: 220, 1: 110}


def failure_of(form, overall_threshold: int) -> bool:
    """DOMAIN.md: a form (anything with the three items and ``overall``: a stored form, a row read
    for it, the values about to be written) is a failure when its 1-10 overall score is below the
    threshold (the setting failure.overall_threshold) or any item is graded D or E. Every place that
    judges a form asks this; the SQL form of the rule is app.services.figures.failure_condition,
    and tests check the two agree."""
    return is_failure_form(tuple(getattr(form, item) or "" for item in ITEMS), form.overall, overall_threshold)


def csi(score: int) -> int:
    try:
        return CSI_TABLE[score]
    except KeyError:
        raise ValueError(f"satisfaction score must be 1-10, got {score!r}") from None


def severity_for_score(score: int | None) -> Severity | None:
    """The plan's bands: 1-3 severe, 4-5 serious, 6-7 moderate. 8-10 or no score: no suggestion
    (a complaint with a high score is still a failure; the advisor judges its severity)."""
    if score is None:
        return None
    if not 1 <= score <= 10:
        raise ValueError(f"satisfaction score must be 1-10, got {score!r}")
    if score <= 3:
        return Severity.SEVERE
    if score <= 5:
        return Severity.SERIOUS
    if score <= 7:
        return Severity.MODERATE
    return None


def may_set_severity(suggested: Severity | None, chosen: Severity, reason: str) -> bool:
    """An advisor may raise severity above the band for the problem's nature or the customer's
    emotion, with a reason; lowering it below the band is not allowed."""
    if suggested is None:
        return True
    if chosen.rank < suggested.rank:
        return False
    if chosen.rank > suggested.rank:
        return bool(reason.strip())
    return True
