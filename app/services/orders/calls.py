"""The 3-day call (三日回访): every delivered repair order is called on day 3, attempts recorded as events of
the order, the call expiring on day 15 as unreachable; the list sorted by risk, and the month's call figures."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, exists, func, literal_column, select

from app.foundation import clock
from app.foundation.errors import RiskNotFitted
from app.models import Customer, Event, FeedbackForm, RepairOrder, User, Vehicle
from app.services import settings
from app.services.changes import FORMS, announces
from app.services.figures import failure_condition
from app.services.orders.call_log import ATTEMPTED, add_call, order_for_call
from app.services.predict.risk import Fitted, OrderFacts, read_facts
from app.services.predict.elsewhere import refit_elsewhere
from app.services.predict.risk_model import drifting_now, saved_model
from app.services.uow import UnitOfWork

log = logging.getLogger(__name__)


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


def due_rows(s, dealer_id: str, today: date):
    """The dealer's calls due ``today``: delivered orders without a form, from their due day until they expire,
    not reached yet; one range of the (dealer, delivered, id, reached) index, the form by its key."""
    due_day, expire_day = _days(s)
    lo = datetime.combine(today - timedelta(days=expire_day - 1), time()).astimezone()
    hi = datetime.combine(today - timedelta(days=due_day - 1), time()).astimezone()
    # The orders not reached from the index alone, grouped by id: their forms are then asked in the order
    # of the form's unique (order) index, each probe next to the last, not in the orders' delivery order,
    # each a jump to another page of it. At 100k cases (6,590 orders in the range, every one with a form)
    # 9.2 -> 8.0 ms on a fresh connection. An order without a form is then read by its rowid (a counter's
    # store, SQLite), as the delivery index's entry led to it before.
    # On the tables' columns: EarlyReads reads this before sign-in, and Core compiles and runs a statement
    # of columns only without the ORM layer (see app.services.today.worklist).
    order, form, customer, vehicle, user = (m.__table__ for m in (RepairOrder, FeedbackForm, Customer, Vehicle, User))
    o = order.c
    ids = (select(o.id, literal_column("repair_order.rowid").label("rid"))
           .where(o.dealer_id == dealer_id, o.delivered_at >= lo, o.delivered_at < hi, ~o.call_reached)
           .group_by(o.id).subquery())
    # The form asked of the form's unique (order) index alone: a left join's ``form.id IS NULL`` read every
    # form's row too (at 100k cases about 4x the CPU: 105 ms against 28 ms for the ~6,500 orders of the range).
    has_form = select(form.c.repair_order_id).where(form.c.repair_order_id == ids.c.id).exists()
    return s.execute(
        select(o.id, o.number, o.version, o.delivered_at, o.work_type, customer.c.name, customer.c.phone,
               vehicle.c.plate, user.c.display_name)
        .join_from(ids, order, literal_column("repair_order.rowid") == ids.c.rid)
        .join(customer, customer.c.id == o.customer_id)
        .outerjoin(vehicle, vehicle.c.id == o.vehicle_id)
        .outerjoin(user, user.c.id == o.advisor_id)
        .where(~has_form)).all()


def attempts_of(s, ids: list[str]) -> dict[str, int]:
    """Calls made and not reached, per order."""
    out: dict[str, int] = {}
    for i in range(0, len(ids), 500):
        out.update(s.execute(select(Event.entity_id, func.count())
                             .where(Event.entity_type == "order", Event.entity_id.in_(ids[i:i + 500]),
                                    Event.kind == ATTEMPTED)
                             .group_by(Event.entity_id)).all())
    return out


def as_calls(s, rows, fitted: Fitted, facts: list[OrderFacts], limit: int | None = None) -> list[DueCall]:
    """The due rows as calls with their risk and reasons, the riskiest first (the first ``limit``: only their
    reasons are put in words and their attempts read)."""
    due_day, expire_day = _days(s)
    by_id = {f.id: f for f in facts}
    ranked = []
    for r in rows:
        delivered = r.delivered_at.astimezone().date()
        ranked.append((-fitted.risk(by_id[r.id]), delivered, r.number, r))
    ranked.sort(key=lambda t: t[:3])
    ranked = ranked[:limit]
    attempts = attempts_of(s, [t[3].id for t in ranked])
    out = []
    for minus_risk, delivered, _number, r in ranked:
        out.append(DueCall(r.id, r.number, r.version, r.name, r.phone, r.plate or "", r.display_name or "",
                           r.work_type or "", delivered, delivered + timedelta(days=due_day),
                           delivered + timedelta(days=expire_day), attempts.get(r.id, 0), -minus_risk,
                           fitted.reasons(by_id[r.id])))
    return out


def due_calls(store, today: date | None = None) -> list[DueCall]:
    """The calls to make today, the riskiest first, for a caller that can wait for a fit: the model fitted
    today (refitted on the dealer's history as it is now by `orders refit` in a child process when it was
    last fitted on an earlier day, and kept; RiskNotFitted when that failed and no model was kept before),
    each order's facts with the advisors and work types drifting now. The desk's call list reads the model
    kept (riskiest.riskiest_calls) and has it fitted in the background instead."""
    today = today or clock.today()
    dealer_id = store.identity.home_dealer_id
    with store.session() as s:
        saved = saved_model(s, dealer_id)
    # Refitting reads every order (seconds of CPU at a year's history): once a day, in a process of its own.
    if saved is None or saved.day != today:
        try:
            refit_elsewhere(store)
        except RiskNotFitted:
            if saved is None:
                raise  # nothing to rank the calls by
            log.warning("the calls are ranked by the model of %s: the fit failed", saved.day, exc_info=True)
        else:
            with store.session() as s:
                saved = saved_model(s, dealer_id) or saved
    fitted = saved.fitted
    with store.session() as s:
        rows = due_rows(s, dealer_id, today)
        drifting = drifting_now(s, dealer_id, today)
        facts = read_facts(store, dealer_id, of_orders=[r.id for r in rows], drifting=drifting) if rows else []
        return as_calls(s, rows, fitted, facts)


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
    """The figures of the calls due from ``first`` to ``last`` (days), as they stand ``today``; a call whose
    due day is still to come is not counted yet (mid-month, the month so far). The one definition: the
    monthly summary, its PDF and Today all read it. One statement over a range of the (dealer, delivered,
    id, reached) index: the calls due and reached counted from the index alone, a form looked up only for
    the orders reached (its failure) or expired (whether it has one). Today reads it on the way from the
    PIN: a lookup of every order's reached call in the event index and of its form's row was most of
    its read at 100k cases (25 ms of 84 for the ~3,300 orders of a month's first week)."""
    today = today or clock.today()
    due_day, expire_day = _days(session)
    threshold = settings.get(session, "failure.overall_threshold")
    last = min(last, today)
    lo = datetime.combine(first - timedelta(days=due_day), time()).astimezone()
    hi = datetime.combine(last - timedelta(days=due_day - 1), time()).astimezone()
    # Expired unreachable: today on or after the local delivery day + expire_day, i.e. delivered before
    # the local midnight that starts the day after today - expire_day.
    expired_before = datetime.combine(today - timedelta(days=expire_day - 1), time()).astimezone()
    # On the tables' columns: Today reads it, and Core compiles a statement of columns only without the
    # ORM layer (see app.services.today.worklist).
    order = RepairOrder.__table__
    form = FeedbackForm.__table__.c.repair_order_id == order.c.id
    reached = order.c.call_reached
    # Each CASE tests the order's own columns first: a form is read for the few orders that need one.
    due, n_reached, expired, found = session.execute(
        select(func.count(),
               func.count(case((reached, 1))),
               func.count(case((and_(~reached, order.c.delivered_at < expired_before), case(
                   (~exists().where(form), 1))))),
               func.count(case((reached, case((exists().where(form, failure_condition(threshold)), 1))))))
        .select_from(order)
        .where(order.c.dealer_id == dealer_id, order.c.delivered_at >= lo, order.c.delivered_at < hi)
    ).one()
    return CallFigures(due, n_reached, expired, found)
