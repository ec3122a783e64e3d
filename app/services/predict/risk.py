"""Each repair order's risk of failing, from the dealer's own history: what was known of the order at
delivery (rules/risk.py), a model fitted on the orders before, and the months held out to measure it."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from app.models import Customer, FailureCase, FeedbackForm, RepairOrder, User
from app.rules import risk as rules
from app.rules.failure import failure_of
from app.services import settings

if TYPE_CHECKING:  # the monitor (and numpy under it) is not needed to read or score orders
    from app.services.predict.monitor import DriftWarning


@dataclass(frozen=True)
class OrderFacts:
    """What was known of one order when its car was delivered, and whether its form failed (None: no form yet)."""

    id: str
    number: str
    day: date  # delivered (local), or opened, or the form's date for an order only a form made
    advisor: str
    work_type: str | None
    comeback_days: int | None
    comeback_after_failure: bool  # the visit it came back from (within 30 days) failed
    hours_late: float | None
    stay_hours: float | None
    earlier_failure: bool
    open_case: bool
    advisor_drifting: bool
    work_type_drifting: bool
    failed: bool | None
    customer: str = ""
    delivered_at: datetime | None = None

    def features(self, usual: dict[str, float]) -> dict[str, bool]:
        x = {"comeback": self.comeback_days is not None, "comeback_after_failure": self.comeback_after_failure,
             "missed_promise": self.hours_late is not None,
             "long_stay": rules.is_long_stay(self.stay_hours, usual.get(self.work_type or "")),
             "earlier_failure": self.earlier_failure, "open_case": self.open_case,
             "advisor_drifting": self.advisor_drifting, "work_type_drifting": self.work_type_drifting}
        wf = rules.work_feature(self.work_type)
        if wf:
            x[wf] = True
        return x

    def reason_params(self, usual: dict[str, float]) -> dict[str, str]:
        """The values a reason's words name (hours and days as a person reads them)."""
        return {"days": str(self.comeback_days or 0), "late": _hours(self.hours_late),
                "stay": _hours(self.stay_hours), "usual": _hours(usual.get(self.work_type or "")),
                "advisor": self.advisor, "work_type": self.work_type or ""}


def _hours(h: float | None) -> str:
    """Hours with one decimal (the reason's words carry the unit)."""
    return "-" if h is None else f"{h:.1f}"


def usual_stays(facts: list[OrderFacts]) -> dict[str, float]:
    """The median stay of each work type over these orders."""
    from statistics import median  # here: ~3 ms to import, and the desk's start loads this module for Today

    by: dict[str, list[float]] = {}
    for f in facts:
        if f.work_type and f.stay_hours is not None:
            by.setdefault(f.work_type, []).append(f.stay_hours)
    return {k: median(v) for k, v in by.items() if len(v) >= 5}


def _drifting(warnings: list[DriftWarning], kind: str) -> dict[str, list[date]]:
    out: dict[str, list[date]] = {}
    for w in warnings:
        if w.kind == kind:
            out.setdefault(w.subject, []).append(w.fired_on)
    return {k: sorted(v) for k, v in out.items()}


def _recent(days: list[date], day: date) -> bool:
    """A warning fired within DRIFT_DAYS up to (not including) ``day``."""
    i = bisect_left(days, day)
    return i > 0 and (day - days[i - 1]).days <= rules.DRIFT_DAYS


@dataclass(frozen=True)
class DriftingNow:
    """The advisors (by name) and work types (as written) drifting now: at the desk a call is made
    today, so what is known today counts, not what was known at the order's delivery."""

    advisors: frozenset[str] = frozenset()
    work_types: frozenset[str] = frozenset()


def read_facts(store, dealer_id: str, warnings: list[DriftWarning] = (), *, of_orders: list[str] | None = None,
               drifting: DriftingNow | None = None) -> list[OrderFacts]:
    """Every order of the dealer with what was known of it at delivery, in day order. With ``of_orders``
    only those orders, read with just the history their facts need (their customers' and vehicles'
    orders and cases); with ``drifting`` an advisor or work type drifts as it does now."""
    with store.session() as s:
        threshold = settings.get(s, "failure.overall_threshold")
        mine = [RepairOrder.dealer_id == dealer_id]
        case_where = [FailureCase.dealer_id == dealer_id]
        if of_orders is not None:
            # Through the customer and vehicle indexes: the dealer's own index would read its whole history
            # (``|| ''`` keeps the check but not that index).
            people, cars = _owners(s, of_orders)
            mine = [(RepairOrder.dealer_id + "") == dealer_id,
                    or_(RepairOrder.customer_id.in_(people), RepairOrder.vehicle_id.in_(cars))]
            case_where = [(FailureCase.dealer_id + "") == dealer_id, FailureCase.customer_id.in_(people)]
        rows = s.execute(
            select(RepairOrder.id, RepairOrder.number, RepairOrder.vehicle_id, RepairOrder.customer_id,
                   RepairOrder.opened_on, RepairOrder.opened_at, RepairOrder.promised_at, RepairOrder.delivered_at,
                   RepairOrder.work_type, User.display_name, Customer.name, FeedbackForm.service_date,
                   FeedbackForm.timeliness, FeedbackForm.repair_quality, FeedbackForm.attitude, FeedbackForm.overall)
            .join(Customer, Customer.id == RepairOrder.customer_id)
            .outerjoin(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
            .outerjoin(User, User.id == RepairOrder.advisor_id)
            .where(*mine)).all()
        cases = s.execute(select(FailureCase.customer_id, FailureCase.opened_at, FailureCase.closed_at)
                          .where(*case_where)).all()
    visits: dict[str, list[datetime]] = {}
    failed_visits: dict[str, list[datetime]] = {}
    failures: dict[str, list[date]] = {}
    for r in rows:
        failed = r.service_date is not None and failure_of(r, threshold)
        if r.vehicle_id and r.opened_at:
            visits.setdefault(r.vehicle_id, []).append(r.opened_at)
            if failed:
                failed_visits.setdefault(r.vehicle_id, []).append(r.opened_at)
        if failed:
            failures.setdefault(r.customer_id, []).append(r.service_date)
    for v in (*visits.values(), *failed_visits.values(), *failures.values()):
        v.sort()
    open_cases: dict[str, list[tuple[datetime, datetime | None]]] = {}
    for cid, opened, closed in cases:
        open_cases.setdefault(cid, []).append((opened, closed))
    advisors, work_types = _drifting(list(warnings), "advisor"), _drifting(list(warnings), "work_type")
    out = []
    for r in rows:
        at = r.delivered_at or r.opened_at
        day = at.astimezone().date() if at else (r.service_date or r.opened_on)
        moment = at or datetime.combine(day, datetime.min.time()).astimezone()
        start = r.opened_at.astimezone().date() if r.opened_at else r.opened_on
        earlier = visits.get(r.vehicle_id, []) if r.opened_at else []
        failed_before = failed_visits.get(r.vehicle_id, []) if r.opened_at else []
        fails = failures.get(r.customer_id, [])
        out.append(OrderFacts(
            r.id, r.number, day, r.display_name or "-", r.work_type,
            rules.comeback_days(r.opened_at, earlier[:bisect_left(earlier, r.opened_at)]) if r.opened_at else None,
            r.opened_at is not None and rules.comeback_days(
                r.opened_at, failed_before[:bisect_left(failed_before, r.opened_at)]) is not None,
            rules.hours_late(r.promised_at, r.delivered_at), rules.stay_hours(r.opened_at, r.delivered_at),
            bisect_left(fails, start) > 0,
            any(o < moment and (c is None or c > moment) for o, c in open_cases.get(r.customer_id, [])),
            (r.display_name or "-") in drifting.advisors if drifting else
            _recent(advisors.get(r.display_name or "-", []), day),
            (r.work_type or "") in drifting.work_types if drifting else
            _recent(work_types.get(r.work_type or "", []), day),
            None if r.service_date is None else failure_of(r, threshold), r.name, r.delivered_at))
    if of_orders is not None:
        wanted = set(of_orders)
        out = [f for f in out if f.id in wanted]
    out.sort(key=lambda f: (f.day, f.number))
    return out


def _owners(s, order_ids: list[str]) -> tuple[set[str], set[str]]:
    """The customers and vehicles of these orders (by their primary key: a few hundred at most)."""
    people, cars = set(), set()
    for i in range(0, len(order_ids), 500):
        for cid, vid in s.execute(select(RepairOrder.customer_id, RepairOrder.vehicle_id)
                                  .where(RepairOrder.id.in_(order_ids[i:i + 500]))):
            people.add(cid)
            if vid:
                cars.add(vid)
    return people, cars


@dataclass(frozen=True)
class Fitted:
    model: rules.Model
    usual: dict[str, float] = field(default_factory=dict)

    def risk(self, f: OrderFacts) -> float:
        return self.model.risk(f.features(self.usual))

    def reasons(self, f: OrderFacts) -> tuple[tuple[str, dict[str, str]], ...]:
        """The reasons in words to translate (context "Risk") with their values, largest first."""
        params = f.reason_params(self.usual)
        return tuple((rules.REASONS[k], params) for k in self.model.reasons(f.features(self.usual)))


def fit_on(history: list[OrderFacts]) -> Fitted:
    """The model fitted on the orders whose forms are in (refit whenever more are)."""
    known = [f for f in history if f.failed is not None]
    usual = usual_stays(known)
    return Fitted(rules.fit([f.features(usual) for f in known], [bool(f.failed) for f in known]), usual)


@dataclass(frozen=True)
class HeldOut:
    entries: tuple[dict, ...]
    lift_top_tenth: float | None
    auc: float | None
    months: tuple[str, ...]

    def to_json(self) -> dict:
        return {"held_out": list(self.entries), "held_out_months": list(self.months),
                "lift_top_tenth": None if self.lift_top_tenth is None else round(self.lift_top_tenth, 3),
                "auc": None if self.auc is None else round(self.auc, 4)}


def held_out(facts: list[OrderFacts], months: int = 3) -> HeldOut:
    """The last ``months`` months with forms, each scored by a model fitted only on the orders before it."""
    known = [f for f in facts if f.failed is not None]
    held = sorted({(f.day.year, f.day.month) for f in known})[-months:]
    entries, risks, failed = [], [], []
    for y, m in held:
        start = date(y, m, 1)
        fitted = fit_on([f for f in known if f.day < start])
        for f in known:
            if (f.day.year, f.day.month) == (y, m):
                p = fitted.risk(f)
                entries.append({"repair_order": f.number, "risk": round(p, 4), "failed": bool(f.failed)})
                risks.append(p)
                failed.append(bool(f.failed))
    return HeldOut(tuple(entries), rules.lift_top(risks, failed), rules.auc(risks, failed),
                   tuple(f"{y:04d}-{m:02d}" for y, m in held))
