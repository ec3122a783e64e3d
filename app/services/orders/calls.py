"""The 3-day call (三日回访): every delivered repair order is called on day 3, attempts recorded as events of
the order, the call expiring on day 15 as unreachable; the list sorted by risk, and the month's call figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from app.foundation import clock
from app.models import Customer, Event, FeedbackForm, RepairOrder, User, Vehicle
from app.rules.failure import failure_of
from app.services import settings
from app.services.changes import FORMS, announces
from app.services.orders.call_log import ATTEMPTED, REACHED, add_call, order_for_call
from app.services.predict.risk import fit_on, read_facts
from app.services.uow import UnitOfWork



@dataclass(frozen=True)
class DueCall:
    repair_order_id: str
    repair_order: str
    version: int
    customer: str
    phone: str
    plate: str
    advisor: str
    work_type: str
    delivered_on: date
    due_on: date
    expires_on: date
    attempts: int
    risk: float
    reasons: tuple[tuple[str, dict], ...]  # (words to translate, context "Risk"; their values), largest first


def _days(s) -> tuple[int, int]:
    return settings.get(s, "calls.due_day"), settings.get(s, "calls.expire_day")


def due_calls(store, today: date | None = None) -> list[DueCall]:
    """The calls to make today: delivered orders without a form, from their due day until they expire,
    not reached yet; the riskiest first (the model refitted on the dealer's history as it is now)."""
    today = today or clock.today()
    with store.session() as s:
        dealer_id = store.identity.home_dealer_id
        due_day, expire_day = _days(s)
        latest = today - timedelta(days=due_day)
        earliest = today - timedelta(days=expire_day - 1)
        rows = s.execute(
            select(RepairOrder.id, RepairOrder.number, RepairOrder.version, RepairOrder.delivered_at,
                   RepairOrder.work_type, Customer.name, Customer.phone, Vehicle.plate, User.display_name)
            .join(Customer, Customer.id == RepairOrder.customer_id)
            .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .outerjoin(User, User.id == RepairOrder.advisor_id)
            .outerjoin(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
            .where(RepairOrder.dealer_id == dealer_id, RepairOrder.delivered_at.is_not(None),
                   FeedbackForm.id.is_(None))).all()
        rows = [r for r in rows if earliest <= r.delivered_at.astimezone().date() <= latest]
        ids = [r.id for r in rows]
        attempts: dict[str, int] = {}
        reached: set[str] = set()
        for i in range(0, len(ids), 500):
            for eid, kind, n in s.execute(select(Event.entity_id, Event.kind, func.count())
                                          .where(Event.entity_type == "order", Event.entity_id.in_(ids[i:i + 500]),
                                                 Event.kind.in_((ATTEMPTED, REACHED)))
                                          .group_by(Event.entity_id, Event.kind)):
                if kind == REACHED:
                    reached.add(eid)
                else:
                    attempts[eid] = n
    facts = read_facts(store, dealer_id)
    fitted = fit_on(facts)
    by_id = {f.id: f for f in facts}
    out = []
    for r in rows:
        if r.id in reached:
            continue
        f = by_id[r.id]
        delivered = r.delivered_at.astimezone().date()
        out.append(DueCall(r.id, r.number, r.version, r.name, r.phone, r.plate or "", r.display_name or "",
                           r.work_type or "", delivered, delivered + timedelta(days=due_day),
                           delivered + timedelta(days=expire_day), attempts.get(r.id, 0), fitted.risk(f),
                           fitted.reasons(f)))
    out.sort(key=lambda c: (-c.risk, c.due_on, c.repair_order))
    return out


@announces(FORMS)
def record_attempt(store, repair_order_id: str, actor_id: str | None, *, reached: bool, form_id: str | None = None,
                   note: str = "", expected_version: int | None = None) -> int:
    """A call made: not reached (another attempt later), or reached (its form saved). An event of the order
    on ``expected_version`` (the version the call list showed; OrderChanged when it moved on, nothing
    written); returns the order's new version. A call reached with its form typed there goes with the
    form (app.services.feedback.forms.enter_form)."""
    with UnitOfWork(store, actor_id, write=True) as uow:
        ro = order_for_call(uow, repair_order_id, expected_version)
        version = add_call(uow, ro, reached=reached, form_id=form_id, note=note)
        uow.commit()
        return version


@dataclass(frozen=True)
class CallFigures:
    """The month's 3-day calls: due (their due day in the month), reached, expired unreachable, and the
    failures the reached calls found (the source documents' callback KPIs)."""

    due: int
    reached: int
    unreachable: int
    failures_found: int

    @property
    def completion_rate(self) -> float | None:
        return (self.reached + self.unreachable) / self.due if self.due else None

    @property
    def reach_rate(self) -> float | None:
        return self.reached / self.due if self.due else None

    def to_json(self) -> dict:
        return {"calls_due": self.due, "calls_reached": self.reached, "calls_unreachable": self.unreachable,
                "call_failures_found": self.failures_found,
                "call_completion_rate": None if self.completion_rate is None else round(self.completion_rate, 4),
                "call_reach_rate": None if self.reach_rate is None else round(self.reach_rate, 4)}


def call_figures(session, dealer_id: str, first: date, last: date, today: date | None = None) -> CallFigures:
    """The figures of the calls due from ``first`` to ``last`` (days), as they stand ``today``."""
    today = today or clock.today()
    due_day, expire_day = _days(session)
    threshold = settings.get(session, "failure.overall_threshold")
    rows = session.execute(
        select(RepairOrder.id, RepairOrder.delivered_at, FeedbackForm.timeliness, FeedbackForm.repair_quality,
               FeedbackForm.attitude, FeedbackForm.overall, FeedbackForm.id.label("form_id"))
        .outerjoin(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
        .where(RepairOrder.dealer_id == dealer_id, RepairOrder.delivered_at.is_not(None))).all()
    rows = [r for r in rows if first <= r.delivered_at.astimezone().date() + timedelta(days=due_day) <= last]
    ids = [r.id for r in rows]
    reached: set[str] = set()
    for i in range(0, len(ids), 500):
        reached.update(session.scalars(select(Event.entity_id).where(
            Event.entity_type == "order", Event.entity_id.in_(ids[i:i + 500]), Event.kind == REACHED)))
    n_reached = sum(r.id in reached for r in rows)
    expired = sum(r.id not in reached and r.form_id is None
                  and today >= r.delivered_at.astimezone().date() + timedelta(days=expire_day) for r in rows)
    found = sum(r.id in reached and r.form_id is not None and failure_of(r, threshold) for r in rows)
    return CallFigures(len(rows), n_reached, expired, found)
