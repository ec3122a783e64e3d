"""Early warning of a failure share drifting up: a Bernoulli CUSUM per series, its limit set so that
all of a dealer's series together raise about one false alarm a quarter at most.

Why a CUSUM and not a p-chart: at 5-30 forms a week a 3-sigma limit on a weekly share either never
fires (too wide) or fires often by chance; a CUSUM adds up the evidence form by form and fires as soon
as enough of it points one way (Steiner, Cook & Farewell 1999; Reynolds & Stoumbos 1999). Each
series' CUSUM is tuned to the shift its own number of forms can show within the aim
(``odds_ratio_in_reach``), and its baseline shrunk towards its parent's as far as its siblings really
are alike (``shrink_strength``); the monitor (app/services/predict/monitor.py) puts them together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable


# The shift a design watches for unless told otherwise: the odds of failure doubled (the plain CUSUM's).
ODDS_RATIO = 2.0
# Pseudo-forms of the parent rate added to a series' own history at the least (and the plain CUSUM's
# fixed strength): an advisor with 12 forms gets a baseline mostly from the dealer.
SHRINK_FORMS = 40
# A rate is never taken as lower than this: a series that never failed must still be able to warn.
MIN_RATE, MAX_RATE = 0.005, 0.6


@dataclass(eq=False)
class Design:
    """One series' CUSUM: the in-control rate, the rate it watches for, the weights and the limit.

    The limit is worked out when first asked for; until then a floor below it (one cheap run of the
    chain) answers whether a value crossed it, and most series' values never come near it."""

    p0: float
    p1: float
    up: float  # added for a failure: ln(p1 / p0)
    down: float  # added for a success: ln((1 - p1) / (1 - p0)), negative
    floor: float  # the limit is above this
    forms: int = 0  # the period's forms and the budget the limit is worked out for
    alpha: float = 0.0
    known: float | None = None  # the limit, once worked out

    def step(self, s: float, failed: bool) -> float:
        return max(0.0, s + (self.up if failed else self.down))

    @property
    def limit(self) -> float:
        from app.rules import cusum_chain  # numpy (~0.3 s to import) only where a limit is computed
        if self.known is None:
            below = max(0, round(self.floor * cusum_chain.SCALE) - 1)  # a top whose chance is above alpha
            self.known = fast_limit(self.p0, self.p1, self.forms, self.alpha, below)
        return self.known

    def crossed(self, s: float) -> bool:
        """Whether a CUSUM value is above the limit (the limit worked out only past the floor)."""
        return s > self.floor and s > self.limit


# An empirical-Bayes strength is never taken above this many pseudo-forms: siblings that look alike
# over a year still leave room for a series to differ a little from its parent.
MAX_SHRINK_FORMS = 2000


def shrink_strength(siblings: list[tuple[int, int]], floor: int = SHRINK_FORMS,
                    ceiling: int = MAX_SHRINK_FORMS) -> float:
    """How many pseudo-forms of the parent's share a series' baseline gets, estimated from how much its
    siblings' shares (``(failures, forms)`` each, e.g. every advisor's attitude) really differ
    (empirical Bayes, the beta-binomial's method of moments): the spread of their shares beyond what
    their numbers of forms explain is the true spread; none left means they are alike, and each
    series' baseline is nearly the parent's, known far more closely than its own."""
    rows = [(f, n) for f, n in siblings if n > 0]
    if len(rows) < 3:
        return floor
    total_f, total_n = sum(f for f, _ in rows), sum(n for _, n in rows)
    p = total_f / total_n
    if not 0 < p < 1:
        return floor
    shares = [f / n for f, n in rows]
    mean = sum(shares) / len(shares)
    observed = sum((x - mean) ** 2 for x in shares) / (len(shares) - 1)
    sampling = sum(p * (1 - p) / n for _, n in rows) / len(rows)
    spread = observed - sampling
    if spread <= 0:
        return ceiling
    return min(ceiling, max(floor, p * (1 - p) / spread - 1))


def shrunk_rate(failures: int, forms: int, parent_rate: float, strength: int = SHRINK_FORMS) -> float:
    """A series' baseline: its own share pulled towards its parent's, by ``strength`` pseudo-forms."""
    if not 0 <= failures <= forms:
        raise ValueError(f"failures must be between 0 and forms, got {failures} of {forms}")
    rate = (failures + strength * parent_rate) / (forms + strength)
    return min(MAX_RATE, max(MIN_RATE, rate))


def cautious_rate(failures: int, forms: int, parent_rate: float, strength: int = SHRINK_FORMS) -> float:
    """The baseline a limit is set for: the shrunk rate plus half its posterior standard deviation.
    A baseline estimated low by chance would make every later month look like a drift; erring a
    little high keeps false alarms within their budget for a slightly later warning."""
    p = shrunk_rate(failures, forms, parent_rate, strength)
    sd = math.sqrt(p * (1 - p) / (forms + strength + 1))
    return min(MAX_RATE, p + 0.5 * sd)


def shifted_rate(p0: float, odds_ratio: float = ODDS_RATIO) -> float:
    odds = p0 / (1 - p0) * odds_ratio
    return odds / (1 + odds)


def kl_per_form(p0: float, p1: float) -> float:
    """The evidence one form adds on average to a CUSUM tuned to ``p1`` when the series really fails at
    ``p1`` (the Kullback-Leibler divergence): a CUSUM crosses a limit h after about h / this many forms."""
    return p1 * math.log(p1 / p0) + (1 - p1) * math.log((1 - p1) / (1 - p0))


# The odds ratios a series' CUSUM can be tuned to, and the evidence (in units of log-likelihood) a
# shift must bring within the aim's forms to count as catchable in time: about a limit plus overshoot.
ODDS_GRID = (1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 12.0)
AIM_EVIDENCE = 8.0


def odds_ratio_in_reach(p0: float, forms_in_aim: float, evidence: float = AIM_EVIDENCE) -> float:
    """The smallest shift (an odds ratio from ODDS_GRID) that ``forms_in_aim`` forms at the shifted rate
    would on average bring ``evidence`` for. A dealer-wide series of 250 forms in ten days can be tuned
    to a doubling; an advisor's item, with 30, only to a shift six times the odds: smaller shifts of
    so small a series can't be told from chance in time, so its CUSUM is tuned to the ones that can."""
    p0 = min(MAX_RATE, max(MIN_RATE, p0))
    for ratio in ODDS_GRID:
        if kl_per_form(p0, shifted_rate(p0, ratio)) * forms_in_aim >= evidence:
            return ratio
    return ODDS_GRID[-1]


def false_alarm_chance(p0: float, p1: float, limit: float, n: int) -> float:
    """The chance that an in-control series (failing at ``p0``) crosses ``limit`` within ``n`` forms.

    A Markov chain over the CUSUM's value (Brook & Evans 1972) on an integer grid: the weights are
    scaled and rounded, the value can't go below 0, and crossing the limit is absorbing."""
    from app.rules import cusum_chain  # numpy (~0.3 s to import) only where a limit is computed
    up, down = cusum_chain.steps(p0, p1)
    return cusum_chain.run(p0, up, down, cusum_chain.top_of(limit), n)[0]


def _two_digits(x: float) -> float:
    """``x`` rounded to two significant digits, so that designs for nearly equal series are shared."""
    return float(f"{x:.2g}")


def design(p0: float, forms_per_period: float, alpha: float, odds_ratio: float = ODDS_RATIO) -> Design:
    """The series' CUSUM whose chance of a false alarm within one period (``forms_per_period`` forms at
    ``p0``) is at most ``alpha``: the lowest such limit, found by bisection on the Markov chain.
    The rate and the number of forms are taken to two significant digits (a baseline is not known
    more closely than that), the number rounded up so the limit errs towards fewer false alarms."""
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    p0 = _two_digits(min(MAX_RATE, max(MIN_RATE, p0)))
    n = max(1, round(forms_per_period))
    scale = 10 ** max(0, len(str(n)) - 2)
    return _design(p0, -(-n // scale) * scale, _two_digits(alpha), odds_ratio)


# Designs already made, by (p0, forms, alpha, odds ratio): each costs runs of the chain, and the same
# few come back every month and at every store (see known_limits / remember).
_DESIGNS: dict[tuple[float, int, float, float], Design] = {}


def _design(p0: float, n: int, alpha: float, odds_ratio: float) -> Design:
    from app.rules import cusum_chain  # numpy (~0.3 s to import) only where a limit is computed
    key = (p0, n, alpha, odds_ratio)
    if key not in _DESIGNS:
        p1 = shifted_rate(p0, odds_ratio)
        floor = cusum_chain.floor_top(p0, p1, n, alpha)
        _DESIGNS[key] = _made(key, floor / cusum_chain.SCALE if floor else None)
    return _DESIGNS[key]


def _made(key: tuple[float, int, float, float], floor: float | None, limit: float | None = None) -> Design:
    """The design of ``key`` with what is known of its limit: the limit itself, or a floor below it
    (with neither, the limit is worked out now)."""
    p0, n, alpha, odds_ratio = key
    p1 = shifted_rate(p0, odds_ratio)
    d = Design(p0, p1, math.log(p1 / p0), math.log((1 - p1) / (1 - p0)), 0.0, n, alpha, limit)
    d.floor = d.limit if floor is None else floor  # a limit known is its own floor
    return d


def fast_limit(p0: float, p1: float, n: int, alpha: float, above: int = 0) -> float:
    """The limit ``exact_limit`` finds, in about a third of the chain's runs (``above``: a top known
    to be below it)."""
    from app.rules import cusum_chain  # numpy (~0.3 s to import) only where a limit is computed
    return cusum_chain.bisection_limit(cusum_chain.lowest_top(p0, p1, n, alpha, above))


def exact_limit(p0: float, n: int, alpha: float, odds_ratio: float) -> float:
    """The lowest limit within ``alpha`` by bisection on the chain (the method's definition; the
    tests hold ``fast_limit`` to it)."""
    p1 = shifted_rate(p0, odds_ratio)
    return lowest_limit(lambda limit: false_alarm_chance(p0, p1, limit, n) <= alpha)


def lowest_limit(within: Callable[[float], bool]) -> float:
    """The lowest limit ``within`` the budget, by doubling then 11 halvings (the chance of a false
    alarm falls as the limit rises; a limit is known to 1/2048 of the first span that holds it)."""
    lo, hi = 0.0, 2.0
    while not within(hi):
        lo, hi = hi, hi * 2
    for _ in range(11):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if within(mid) else (mid, hi)
    return hi


def known_limits() -> list[list]:
    """What is known of every design so far, for a cache on disk: ``[p0, forms, alpha, odds ratio,
    limit]`` rows, and ``[p0, forms, alpha, odds ratio, null, floor]`` for a limit only floored."""
    return [[*key, d.known] if d.known is not None else [*key, None, d.floor] for key, d in _DESIGNS.items()]


def remember(rows) -> int:
    """Take what was worked out earlier (rows of ``known_limits``); rows that don't fit are skipped
    (an earlier program skips floor rows the same way). How many told something new."""
    new = 0
    for row in rows if isinstance(rows, list) else ():
        try:
            key = (float(row[0]), int(row[1]), float(row[2]), float(row[3]))
            limit = None if row[4] is None and len(row) == 6 else float(row[4])
            floor = float(row[5]) if limit is None else limit
        except (TypeError, ValueError, IndexError, KeyError):
            continue
        p0, _n, alpha, _ratio = key
        if not (MIN_RATE <= p0 <= MAX_RATE and 0 < alpha < 1 and 0 < floor < 1e3):
            continue
        have = _DESIGNS.get(key)
        if have is None:
            _DESIGNS[key] = _made(key, floor, limit)
            new += 1
        elif limit is not None and have.known is None:
            have.known, have.floor = limit, limit
            new += 1
    return new


def alpha_per_series(series: int, false_alarms_per_period: float = 0.5) -> float:
    """Each series' share of the dealer's false-alarm budget (Bonferroni): together the expected
    number of false alarms in a period stays within ``false_alarms_per_period``."""
    return min(0.5, false_alarms_per_period / max(1, series))
