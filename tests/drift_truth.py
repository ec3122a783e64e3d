"""What the demo planted, to judge a backtest by: each planted drift's delay and the false alarms.

The issue's rule: on a store with nothing planted every warning is false; on the planted store a
warning is false when no planted drift explains it, i.e. it fired before the drift's start or on a
series (subject and item) the drift did not move. A drift moves the series whose failure it makes
more likely: one advisor's item drift that advisor's item and overall failure, the dealer's item
and every work type's failure (the advisor serves every work type); a dealer-wide item drift that
item, every advisor's item and overall failure and every work type's failure; a work type's jump
(failing forms' orders made that type) that work type only."""

from __future__ import annotations

from datetime import date, timedelta

from app.services.demo.sample_data import PLANTED_DRIFTS
from app.services.orders.demo_orders import PLANTED_WORK_TYPE_DRIFT as JUMP


def starts(today: date) -> dict[str, date]:
    """Each planted drift by name (``advisor 李娜 attitude``, ``dealer timeliness``, ``work_type bodywork``)."""
    out = {(f"advisor {d.advisor} " if d.advisor else "dealer ") + d.item: today - timedelta(days=d.days_ago)
           for d in PLANTED_DRIFTS}
    out[f"work_type {JUMP.work_type}"] = today - timedelta(days=JUMP.days_ago)
    return out


def _moves(d, kind: str, subject: str, item: str | None) -> bool:
    if kind == "work_type" and item is None:
        return True
    if kind == "item":
        return item == d.item
    return kind == "advisor" and d.advisor in (None, subject) and item in (None, d.item)


def explained(w: dict, today: date) -> bool:
    """Whether a planted drift that had started when ``w`` (a backtest JSON warning) fired moved its series."""
    fired = date.fromisoformat(w["fired_on"])
    if any(fired >= today - timedelta(days=d.days_ago) and _moves(d, w["kind"], w["subject"], w["item"])
           for d in PLANTED_DRIFTS):
        return True
    return w["kind"] == "work_type" and w["subject"] == JUMP.work_type and fired >= today - timedelta(days=JUMP.days_ago)


def delays(warnings: list[dict], today: date) -> dict[str, int | None]:
    """Days from each planted drift's start to the first warning on its own series (None: never)."""
    out = {}
    for d in PLANTED_DRIFTS:
        start = today - timedelta(days=d.days_ago)
        name = (f"advisor {d.advisor} " if d.advisor else "dealer ") + d.item
        hits = [w for w in warnings if w["item"] == d.item and (
            w["kind"] == "advisor" and w["subject"] == d.advisor if d.advisor else w["kind"] == "item")]
        out[name] = _first(hits, start)
    start = today - timedelta(days=JUMP.days_ago)
    out[f"work_type {JUMP.work_type}"] = _first(
        [w for w in warnings if w["kind"] == "work_type" and w["subject"] == JUMP.work_type], start)
    return out


def _first(hits: list[dict], start: date) -> int | None:
    days = [(date.fromisoformat(w["fired_on"]) - start).days for w in hits]
    return min((d for d in days if d >= 0), default=None)


def unexplained(warnings: list[dict], today: date) -> list[dict]:
    return [w for w in warnings if not explained(w, today)]
