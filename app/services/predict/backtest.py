"""Replaying a store's history day by day: which warnings would have fired, when, and how many were false."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from app.rules.drift import shifted_rate
from app.services.predict.history import Observation, read_history
from app.services.predict.monitor import DriftWarning, Monitor, Settings
from app.services.predict.risk import HeldOut, held_out, read_facts

# A warning counts as false when, looking back from later, its series over the weeks after the run
# began failed no more often than halfway from its baseline to a doubling of its odds (the same bar
# for every series, whatever shift its CUSUM was tuned to).
HINDSIGHT_DAYS = 45


@dataclass(frozen=True)
class Backtest:
    dealer: str
    first_day: str | None
    last_day: str | None
    watched_months: float  # months after the warm-up, when warnings could fire
    warnings: tuple[DriftWarning, ...]
    false_alarms: int
    risk: HeldOut | None = None  # the risk model on held-out months (None: no repair orders read)

    @property
    def false_alarms_per_dealer_month(self) -> float | None:
        return round(self.false_alarms / self.watched_months, 3) if self.watched_months else None

    def to_json(self) -> dict:
        return {"dealer": self.dealer, "first_day": self.first_day, "last_day": self.last_day,
                "watched_months": round(self.watched_months, 1),
                "warnings": [w.to_json() for w in self.warnings],
                "false_alarms": self.false_alarms,
                "false_alarms_per_dealer_month": self.false_alarms_per_dealer_month,
                **(self.risk or HeldOut((), None, None, ())).to_json()}


def _confirmed(w: DriftWarning, observations: list[Observation]) -> bool:
    """Whether the series really ran above its baseline after the warning's run began (hindsight)."""
    key = (w.kind, w.subject, w.item)
    end = w.since + timedelta(days=HINDSIGHT_DAYS)
    n = f = 0
    for ob in observations:
        if w.since <= ob.day < end:
            for k, failed in ob.outcomes:
                if k == key:
                    n, f = n + 1, f + failed
    return n > 0 and f / n > (w.baseline + shifted_rate(w.baseline, 2.0)) / 2


def replay(observations: list[Observation], dealer: str, conf: Settings = Settings()) -> Backtest:
    """Each day sees only the observations up to it: the monitor is fed in day order and sets each
    month's limits from what came before that month."""
    warnings = tuple(Monitor(conf).watch(observations))
    if not observations:
        return Backtest(dealer, None, None, 0.0, (), 0)
    first, last = observations[0].day, observations[-1].day
    watched = max(0.0, ((last - first).days - conf.warmup_days) / 30.44)
    false = sum(not _confirmed(w, observations) for w in warnings)
    return Backtest(dealer, first.isoformat(), last.isoformat(), watched, warnings, false)


def backtest(store, dealer_code: str | None = None) -> Backtest:
    from sqlalchemy import select

    from app.models import Dealer
    from app.services.dealer_data import reported_dealer

    code = reported_dealer(store, dealer_code)
    with store.session() as s:
        dealer_id = s.scalar(select(Dealer.id).where(Dealer.code == code))
    result = replay(read_history(store, dealer_id), code)
    # The risk of each order on the last months, from models fitted only on what came before each month.
    return replace(result, risk=held_out(read_facts(store, dealer_id, list(result.warnings))))
