"""Head office's network at a glance: every dealer's month against the month before, the 12-month
trend, and the causes rising across dealers, from the counters' one definition of each figure."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, distinct, func, select

from app.foundation import clock
from app.models import Callback, Dealer, FailureCase
from app.reports import network
from app.reports.feedback import TrendPoint
from app.rules import scoring
from app.rules.figures import callback_completion, recovery_rate
from app.services import figures, settings
from app.services.assessment import parse_month, previous


@dataclass(frozen=True)
class Figure:
    """One figure of a dealer's month and the same figure the month before (None: nothing to count)."""
    now: float | None
    before: float | None

    @property
    def change(self) -> float | None:
        return None if self.now is None or self.before is None else self.now - self.before


@dataclass(frozen=True)
class DealerMonth:
    dealer_id: str
    code: str
    name: str
    rank: int | None  # by the month's average, best first (the network report's ranking)
    forms: int
    cases: int
    average: Figure
    failure_share: Figure
    recovery: Figure  # recovered / closed with a verdict
    callbacks: Figure  # reached / due
    overdue_now: int  # the counters' overdue rule, now (not a month's figure)

    @property
    def worsened(self) -> int:
        """How many of the four month figures got worse than the month before."""
        worse = [self.average.change is not None and self.average.change < 0,
                 self.failure_share.change is not None and self.failure_share.change > 0,
                 self.recovery.change is not None and self.recovery.change < 0,
                 self.callbacks.change is not None and self.callbacks.change < 0]
        return sum(worse)


@dataclass(frozen=True)
class CauseRise:
    cause_group: str
    failure_type: str
    this_month: int
    last_month: int
    dealers: int  # dealers with such a case this month

    @property
    def change(self) -> int:
        return self.this_month - self.last_month


@dataclass(frozen=True)
class NetworkGlance:
    month: str
    previous_month: str
    dealers: list[DealerMonth]
    rising: list[CauseRise]  # causes with more cases than the month before, most added first


def _callbacks_by_dealer(s, lo: datetime, hi: datetime) -> dict[str, tuple[int, int]]:
    """Per dealer: (callbacks reached, callbacks due) among those due in [lo, hi)."""
    q = (select(Callback.dealer_id, func.sum(case((figures.CALLBACK_REACHED, 1), else_=0)), func.count())
         .where(*figures.callbacks_due_in(lo, hi)).group_by(Callback.dealer_id))
    return {d: (int(r or 0), int(n)) for d, r, n in s.execute(q)}


def _judged_by_dealer(s, lo: datetime, hi: datetime) -> dict[str, tuple[int, int]]:
    """Per dealer: (recovered, closed with a verdict) among cases closed in [lo, hi): a recovery rate's terms."""
    C = FailureCase
    q = (select(C.dealer_id, func.sum(case((figures.RECOVERED, 1), else_=0)), func.count())
         .where(*figures.recovery_judged(lo, hi)).group_by(C.dealer_id))
    return {d: (int(r or 0), int(n)) for d, r, n in s.execute(q)}


def _dealers_per_cause(s, lo: datetime, hi: datetime) -> dict[tuple[str, str], int]:
    C = FailureCase
    q = (select(C.cause_group, C.failure_type, func.count(distinct(C.dealer_id)))
         .where(C.opened_at >= lo, C.opened_at < hi).group_by(C.cause_group, C.failure_type))
    return {(cg, ft): int(n) for cg, ft, n in s.execute(q)}


def _overdue_by_dealer(s, now: datetime) -> dict[str, int]:
    """The overdue rule's count per dealer (what app.services.figures.count_overdue gives each), in
    one grouped query."""
    q = (select(FailureCase.dealer_id, func.count()).where(figures.overdue_rule(s, now).of_network())
         .group_by(FailureCase.dealer_id))
    return {dealer_id: int(n) for dealer_id, n in s.execute(q)}


def side_by_side(db, *work):
    """Each function's answer, in order. On PostgreSQL they run at once, each on a connection of its
    own (the server works on them in parallel and a page waits for the slowest, not for their sum);
    elsewhere (a SQLite file, where one connection's reads gain nothing from another's) one after another."""
    if db.engine.dialect.name != "postgresql" or len(work) < 2:
        return [fn() for fn in work]
    with ThreadPoolExecutor(len(work) - 1) as pool:
        others = [pool.submit(fn) for fn in work[1:]]
        first = work[0]()
        return [first, *(f.result() for f in others)]


def glance(db, month: str, *, now: datetime | None = None) -> NetworkGlance:
    """Every dealer ranked by the month's average with each figure against the month before."""
    year, mon = parse_month(month)
    py, pm = previous(year, mon)
    lo, hi = network._local_bounds(year, mon)
    plo, _ = network._local_bounds(py, pm)
    now = now or clock.now()

    def report():
        return network.gather(db, f"{year:04d}-{mon:02d}", with_trend=False, with_response=False)

    def callbacks():
        with db.session() as s:
            return _callbacks_by_dealer(s, lo, hi), _callbacks_by_dealer(s, plo, lo)

    def the_rest():
        with db.session() as s:
            ids = {code: dealer_id for dealer_id, code in s.execute(select(Dealer.id, Dealer.code))}
            return ids, _judged_by_dealer(s, plo, lo), _overdue_by_dealer(s, now), _dealers_per_cause(s, lo, hi)

    this, (calls, calls_before), (ids, judged_before, overdue, spread) = side_by_side(db, report, callbacks,
                                                                                      the_rest)
    rows = []
    for d in this.dealers:
        dealer_id = ids.get(d.code, "")
        recovered, closed = judged_before.get(dealer_id, (0, 0))
        rows.append(DealerMonth(
            dealer_id, d.code, d.name, d.rank, d.forms, d.cases, Figure(d.average, d.previous_average),
            Figure(d.failure_share, scoring.failure_share(d.previous_failures, d.previous_forms)),
            Figure(recovery_rate(d.recovered, d.closed), recovery_rate(recovered, closed)),
            Figure(callback_completion(*calls.get(dealer_id, (0, 0))),
                   callback_completion(*calls_before.get(dealer_id, (0, 0)))),
            overdue.get(dealer_id, 0)))
    rising = [CauseRise(cg, ft, a, b, spread.get((cg, ft), 0)) for cg, ft, a, b in this.causes if a > b]
    rising.sort(key=lambda r: (-r.change, -r.dealers, r.cause_group, r.failure_type))
    return NetworkGlance(this.month, this.previous_month, rows, rising)


def trends(db, month: str, dealer_id: str | None = None) -> tuple[list[TrendPoint], list[TrendPoint]]:
    """The network's 12-month average trend, and the chosen dealer's (empty without one)."""
    year, mon = parse_month(month)

    def trend_of(dealer: str | None):
        with db.session() as s:
            verified_only = settings.get_all(s)["assessment.verified_only"]
            return network.summed_trend(s, year, mon, verified_only=verified_only, dealer_id=dealer)

    network_points, *dealer_points = side_by_side(db, lambda: trend_of(None),
                                                   *([lambda: trend_of(dealer_id)] if dealer_id else []))
    return network_points, (dealer_points[0] if dealer_points else [])


def recent_months(n: int = 24) -> list[str]:
    """The months the month picker offers (YYYY-MM, this month first), from the clock alone."""
    y, m = clock.today().year, clock.today().month
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        y, m = previous(y, m)
    return out
