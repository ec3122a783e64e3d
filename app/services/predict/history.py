"""What the warnings watch, read from a store: each form's day, advisor, work type and failures, each case's cause."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.models import FailureCase, FeedbackForm, User
from app.rules.failure import failure_of
from app.rules.grade_cusum import GRADES
from app.rules.scoring import FAILING_GRADES, ITEMS
from app.services import settings


@dataclass(frozen=True)
class Observation:
    """One form (or one case, for the cause series) on its day: the series it feeds and whether it failed there."""

    day: date
    repair_order: str
    outcomes: tuple[tuple[tuple[str, str, str | None], bool], ...]  # ((kind, subject, item), failed)
    grades: tuple[tuple[str, str], ...] = ()  # (item, grade A-E) of a form, for the grade CUSUMs


def _form_outcomes(advisor: str, grades: dict[str, str], failed: bool, work_type: str | None = None):
    out = [(("advisor", advisor, None), failed)]
    if work_type:  # the work type as the orders have it (a standard one by its key)
        out.append((("work_type", work_type, None), failed))
    for item in ITEMS:
        bad = grades[item] in FAILING_GRADES
        out.append((("item", item, item), bad))
        out.append((("advisor", advisor, item), bad))
    return tuple(out)


def read_history(store, dealer_id: str) -> list[Observation]:
    """Every form of the dealer and every case with a cause, in day order (forms before cases on a day)."""
    from app.models import RepairOrder

    with store.session() as s:
        threshold = settings.get(s, "failure.overall_threshold")
        forms = s.execute(
            select(FeedbackForm.service_date, RepairOrder.number, User.display_name, FeedbackForm.timeliness,
                   FeedbackForm.repair_quality, FeedbackForm.attitude, FeedbackForm.overall, RepairOrder.work_type)
            .join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
            .outerjoin(User, User.id == FeedbackForm.advisor_id)
            .where(FeedbackForm.dealer_id == dealer_id)).all()
        cases = s.execute(select(FailureCase.opened_at, FailureCase.number, FailureCase.cause_group)
                          .where(FailureCase.dealer_id == dealer_id, FailureCase.cause_group != "")).all()
    out = []
    for day, number, advisor, t, q, a, overall, work_type in forms:
        grades = {"timeliness": t, "repair_quality": q, "attitude": a}
        failed = failure_of(_Row(t, q, a, overall), threshold)
        out.append(Observation(day, number, _form_outcomes(advisor or "-", grades, failed, work_type),
                               tuple((item, g.upper()) for item, g in grades.items() if g and g.upper() in tuple(GRADES))))
    causes = sorted({c for _, _, c in cases})
    for opened_at, number, cause in cases:
        out.append(Observation(opened_at.astimezone().date(), number,
                               tuple((("cause", c, None), c == cause) for c in causes)))
    out.sort(key=lambda o: (o.day, o.outcomes[0][0][0] == "cause"))
    return out


@dataclass(frozen=True)
class _Row:
    timeliness: str
    repair_quality: str
    attitude: str
    overall: int | None
