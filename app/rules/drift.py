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

import numpy as np

# The shift a design watches for unless told otherwise: the odds of failure doubled (the plain CUSUM's).
ODDS_RATIO = 2.0
# Pseudo-forms of the parent rate added to a series' own history at the least (and the plain CUSUM's
# fixed strength): an advisor with 12 forms gets a baseline mostly from the dealer.
SHRINK_FORMS = 40
# A rate is never taken as lower than this: a series that never failed must still be able to warn.
MIN_RATE, MAX_RATE = 0.005, 0.6
# Integer steps per unit of log-likelihood in the Markov chain that sets the limit.
_SCALE = 400


@dataclass(frozen=True)
class Design:
    """One series' CUSUM: the in-control rate, the rate it watches for, the weights and the limit."""

    p0: float
    p1: float
    up: float  # added for a failure: ln(p1 / p0)
    down: float  # added for a success: ln((1 - p1) / (1 - p0)), negative
    limit: float

    def step(self, s: float, failed: bool) -> float:
        return max(0.0, s + (self.up if failed else self.down))


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
    # Rounded up both: a failure counts a little more and a success a little less than it does, so
    # the chain never underestimates the chance (the limit errs on the side of fewer false alarms).
    up = max(1, math.ceil(_SCALE * math.log(p1 / p0)))
    down = math.ceil(_SCALE * math.log((1 - p1) / (1 - p0)))  # negative
    top = max(1, math.ceil(_SCALE * limit))
    state = np.zeros(top)
    state[0] = 1.0
    crossed = 0.0
    for _ in range(n):
        nxt = np.zeros(top)
        # a success: every value moves down by |down|, values at the floor pile up at 0
        k = -down
        if k < top:
            nxt[:top - k] += (1 - p0) * state[k:]
            nxt[0] += (1 - p0) * state[:k].sum()
        else:
            nxt[0] += (1 - p0) * state.sum()
        # a failure: every value moves up; what lands at or above the limit has crossed it
        if up < top:
            nxt[up:] += p0 * state[:top - up]
            crossed += p0 * state[top - up:].sum()
        else:
            crossed += p0 * state.sum()
        state = nxt
    return float(crossed)


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


# Designs already worked out, by (p0, forms, alpha, odds ratio): each costs a few hundred runs of the
# chain, and the same few come back every month and at every store (see known_limits / remember).
_DESIGNS: dict[tuple[float, int, float, float], Design] = {}


def _design(p0: float, n: int, alpha: float, odds_ratio: float) -> Design:
    key = (p0, n, alpha, odds_ratio)
    if key not in _DESIGNS:
        _DESIGNS[key] = _made(p0, odds_ratio, _limit(p0, n, alpha, odds_ratio))
    return _DESIGNS[key]


def _made(p0: float, odds_ratio: float, limit: float) -> Design:
    p1 = shifted_rate(p0, odds_ratio)
    return Design(p0, p1, math.log(p1 / p0), math.log((1 - p1) / (1 - p0)), limit)


def _limit(p0: float, n: int, alpha: float, odds_ratio: float) -> float:
    p1 = shifted_rate(p0, odds_ratio)
    lo, hi = 0.0, 2.0
    while false_alarm_chance(p0, p1, hi, n) > alpha:
        lo, hi = hi, hi * 2
    for _ in range(11):
        mid = (lo + hi) / 2
        if false_alarm_chance(p0, p1, mid, n) > alpha:
            lo = mid
        else:
            hi = mid
    return hi


def known_limits() -> list[list[float]]:
    """Every limit worked out so far, as ``[p0, forms, alpha, odds ratio, limit]`` rows (for a cache on disk)."""
    return [[*key, d.limit] for key, d in _DESIGNS.items()]


def remember(rows) -> int:
    """Take limits worked out earlier (rows of ``known_limits``); rows that don't fit are skipped. How many were new."""
    new = 0
    for row in rows:
        try:
            p0, n, alpha, ratio, limit = (float(row[0]), int(row[1]), float(row[2]), float(row[3]), float(row[4]))
        except (TypeError, ValueError, IndexError):
            continue
        if (p0, n, alpha, ratio) not in _DESIGNS and MIN_RATE <= p0 <= MAX_RATE and 0 < alpha < 1 and 0 < limit < 1e3:
            _DESIGNS[(p0, n, alpha, ratio)] = _made(p0, ratio, limit)
            new += 1
    return new


def alpha_per_series(series: int, false_alarms_per_period: float = 0.5) -> float:
    """Each series' share of the dealer's false-alarm budget (Bonferroni): together the expected
    number of false alarms in a period stays within ``false_alarms_per_period``."""
    return min(0.5, false_alarms_per_period / max(1, series))
