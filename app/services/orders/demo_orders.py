"""The demo's repair orders: one per demo form, with the patterns docs/prediction.md describes planted
(comebacks within 30 days, missed promises and long stays failing far more often, work types that differ)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import bindparam, update

from app.models import Event, RepairOrder
from app.models.bulk import bulk_insert
from app.models.event_codec import event_row
from app.rules.failure import failure_of
from app.rules.work_types import BODYWORK, MAINTENANCE, REPAIR, WARRANTY
from app.services.feedback.form_values import FormValues

# Hours a job of each type usually keeps the car, and how a dealer's mix of work types looks.
TYPICAL_HOURS = {MAINTENANCE: 2.5, REPAIR: 6.0, WARRANTY: 20.0, BODYWORK: 70.0}
AMOUNT_YUAN = {MAINTENANCE: (380, 1600), REPAIR: (600, 6000), WARRANTY: (0, 0), BODYWORK: (1500, 18000)}


@dataclass(frozen=True)
class Planted:
    """How a failure changes the odds of each feature (docs/prediction.md's table): the share of failing
    and of good forms' orders that are comebacks, miss their promise, stay long; the work types' mix."""

    comeback: tuple[float, float] = (0.45, 0.0)  # extra comebacks made of failing forms (good: only chance ones)
    missed: tuple[float, float] = (0.42, 0.07)
    missed_late_timeliness: float = 0.75  # a form whose timeliness is D or E: promise missed this often
    long_stay: tuple[float, float] = (0.28, 0.06)
    work_mix_failing: tuple[int, int, int, int] = (36, 36, 10, 18)  # maintenance, repair, warranty, bodywork
    work_mix_good: tuple[int, int, int, int] = (55, 28, 7, 10)


PLANTED = Planted()


@dataclass(frozen=True)
class WorkTypeDrift:
    """`demo --drift`: from ``days_ago`` on, failing orders are of ``work_type`` in ``share`` of cases more
    (its failure share jumps, as when a paint booth breaks down)."""

    work_type: str
    days_ago: int
    share: float


PLANTED_WORK_TYPE_DRIFT = WorkTypeDrift(BODYWORK, 45, 0.5)
WORK_TYPES = (MAINTENANCE, REPAIR, WARRANTY, BODYWORK)


def _chance(rnd: random.Random, pair: tuple[float, float], failing: bool) -> bool:
    return rnd.random() < (pair[0] if failing else pair[1])


def plant_comebacks(rows: list[FormValues], *, seed: int, threshold: int, planted: Planted = PLANTED) -> list[FormValues]:
    """A share of the failing forms made comebacks: the customer and vehicle of a visit 3-28 days before
    (one that failed when there is one: a job not fixed right the first time comes back)."""
    rnd = random.Random(seed + 300)
    order = sorted(range(len(rows)), key=lambda i: rows[i].service_date)
    out = list(rows)
    for pos, i in enumerate(order):
        r = rows[i]
        if not (failure_of(r, threshold) and rnd.random() < planted.comeback[0]):
            continue
        earlier = [out[j] for j in order[max(0, pos - 400):pos]
                   if 3 <= (r.service_date - out[j].service_date).days <= 28]
        if not earlier:
            continue
        failed = [e for e in earlier if failure_of(e, threshold)]
        src = rnd.choice(failed if failed and rnd.random() < 0.6 else earlier)
        out[i] = replace(r, customer=src.customer, phone=src.phone, plate=src.plate)
    return out


def order_details(rows: list[FormValues], *, seed: int, now: datetime, threshold: int,
                  planted: Planted = PLANTED, drift: WorkTypeDrift | None = None) -> list[dict]:
    """For each form, its order's times (aware, UTC), work type, amount and mileage, in the order of ``rows``."""
    rnd = random.Random(seed + 200)
    drift_rnd = random.Random(seed + 201)  # its own stream: without the drift the orders are as always
    local_now = now.astimezone()
    drift_from = local_now.date() - timedelta(days=drift.days_ago) if drift else None
    out = []
    for r in rows:
        failing = failure_of(r, threshold)
        kind = rnd.choices(WORK_TYPES, weights=planted.work_mix_failing if failing else planted.work_mix_good)[0]
        if drift and failing and r.service_date >= drift_from and drift_rnd.random() < drift.share:
            kind = drift.work_type
        typical = TYPICAL_HOURS[kind]
        late_item = r.timeliness in "DE"
        missed = rnd.random() < planted.missed_late_timeliness if late_item else _chance(rnd, planted.missed, failing)
        long_stay = _chance(rnd, planted.long_stay, failing)
        stay = typical * (rnd.uniform(2.5, 4.0) if long_stay else rnd.uniform(0.7, 1.3))
        delivered = datetime(r.service_date.year, r.service_date.month, r.service_date.day,
                             rnd.randrange(10, 19), rnd.choice((0, 15, 30, 45))).astimezone()
        if delivered > local_now - timedelta(minutes=20):
            delivered = local_now - timedelta(minutes=rnd.randrange(20, 120))
        opened = delivered - timedelta(hours=stay)
        if missed:
            promised = delivered - timedelta(hours=max(0.5, stay * rnd.uniform(0.1, 0.4)))
        else:
            promised = delivered + timedelta(hours=rnd.choice((0, 0.25, 0.5, 1.0)))
        promised = max(promised, opened + timedelta(minutes=30))
        lo, hi = AMOUNT_YUAN[kind]
        out.append({"opened_at": _minute(opened), "promised_at": _minute(promised), "delivered_at": _minute(delivered),
                    "work_type": kind, "amount_cents": rnd.randrange(lo, hi + 1) * 100,
                    "mileage": rnd.randrange(800, 180_000), "opened_on": _minute(opened).astimezone().date()})
    return out


def _minute(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


def fill_orders(uow, dealer_id: str, rows: list[FormValues], details: list[dict], ro_ids: dict[str, str]) -> int:
    """Give the orders the demo's forms made their details (one executemany) and each its first event."""
    if not rows:  # a demo of cases only: an executemany of no rows would be a plain execute, and fail
        return 0
    s = uow.session
    values, events = [], []
    origin = uow.identity.store_id
    for r, d in zip(rows, details):
        ro_id = ro_ids[r.repair_order]
        values.append({"b_id": ro_id, **d, "source": "demo", "version": 1, "updated_at": d["delivered_at"]})
        events.append(event_row("order", ro_id, 1, "order.created", {
            "source": "demo", "file": "demo", "repair_order": r.repair_order,
            **{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in d.items() if k != "opened_on"},
            "advisor": r.advisor, "customer": r.customer, "phone": r.phone, "plate": r.plate},
            dealer_id=dealer_id, origin=origin, occurred_at=d["opened_at"]))
    t = RepairOrder.__table__
    stmt = (update(t).where(t.c.id == bindparam("b_id"))
            .values({k: bindparam(k, type_=t.c[k].type) for k in ("opened_at", "promised_at", "delivered_at", "work_type", "amount_cents",
                                               "mileage", "opened_on", "source", "version", "updated_at")}))
    s.connection().execute(stmt, values)
    bulk_insert(s, Event.__table__, events)
    return len(values)
