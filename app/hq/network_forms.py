"""The feedback forms behind a dealer's month at head office: those a month's average counts, or its
failure forms (the same counted and failure conditions as the monthly assessment)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.models import Customer, Dealer, FeedbackForm, RepairOrder, User
from app.services import settings
from app.services.assessment import counted_condition, month_bounds, parse_month
from app.services.figures import failure_condition

LIMIT = 2000  # a dealer's month is a few hundred forms; the count says when there are more


@dataclass(frozen=True)
class FormFilter:
    dealer_id: str
    month: str  # YYYY-MM
    failures_only: bool = False


@dataclass(frozen=True)
class FormRow:
    dealer: str
    service_date: date
    repair_order: str
    advisor: str
    customer: str
    timeliness: str
    repair_quality: str
    attitude: str
    score: int
    overall: int | None
    verification: str
    comment: str


def forms_behind(db, f: FormFilter, limit: int = LIMIT) -> tuple[int, list[FormRow]]:
    """(how many, the first ``limit`` by service date) of the dealer's counted forms in the month."""
    start, end = month_bounds(*parse_month(f.month))
    F = FeedbackForm
    with db.session() as s:
        conf = settings.get_all(s)
        conds = [F.dealer_id == f.dealer_id, F.service_date >= start, F.service_date < end,
                 counted_condition(conf["assessment.verified_only"])]
        if f.failures_only:
            conds.append(failure_condition(conf["failure.overall_threshold"]))
        n = s.scalar(select(func.count()).select_from(F).where(*conds)) or 0
        q = (select(Dealer.code, F.service_date, RepairOrder.number, User.display_name, Customer.name, F.timeliness,
                    F.repair_quality, F.attitude, F.score, F.overall, F.verification, F.comment)
             .join(Dealer, Dealer.id == F.dealer_id).join(RepairOrder, RepairOrder.id == F.repair_order_id)
             .join(Customer, Customer.id == RepairOrder.customer_id).outerjoin(User, User.id == F.advisor_id)
             .where(*conds).order_by(F.service_date, RepairOrder.number).limit(limit))
        return n, [FormRow(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11] or "")
                   for r in s.execute(q)]
