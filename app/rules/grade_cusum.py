"""Early warning of an item's grades sliding: a CUSUM on the grade itself (A-E), not only on whether it is D or E.

A slide moves a series' grades towards the worse end; the Bernoulli CUSUM (app/rules/drift.py) hears
only whether each form's grade is D or E, so an E counts no more than a D and a run of C's where A's
were usual counts nothing. Here each grade adds the log-likelihood ratio of the shifted distribution
to the usual one: the usual distribution ``pi0`` (the series' own grades shrunk towards its parent's,
as the Bernoulli baselines are), the shifted one its exponential tilt towards worse grades
(``pi1(g) ∝ pi0(g)·e^(θ·g)``, grades scored A 0 ... E 4), θ chosen so that the odds of D or E are
multiplied by the design's ratio (so a design is comparable with the Bernoulli CUSUM watching the
same ratio). The limit is worked out exactly as the Bernoulli's, by the Markov chain over the value
(Brook & Evans 1972) with five outcomes instead of two (``cusum_chain.run_levels``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.rules import drift

GRADES = "ABCDE"
FAILING = (3, 4)  # D and E: the failure rule's grades (app/rules/scoring.py)
GRADE_FLOOR = drift.MIN_RATE / 2  # no grade's usual share is taken as lower than this


def failing_share(pi) -> float:
    return sum(pi[i] for i in FAILING)


def baseline(counts, parent, strength: float, cautious: bool = True) -> tuple[float, ...]:
    """A series' usual grade distribution: its own ``counts`` (per grade A-E) pulled towards the
    ``parent``'s distribution by ``strength`` pseudo-forms; with ``cautious``, its share of D and E
    raised as ``drift.cautious_rate`` raises the Bernoulli baseline (the other grades scaled down)."""
    if len(counts) != 5 or len(parent) != 5 or min(counts) < 0:
        raise ValueError(f"counts and parent must have one entry per grade A-E, got {counts}, {parent}")
    n = sum(counts)
    total = sum(parent)
    parent = [p / total for p in parent] if total > 0 else [0.2] * 5
    pi = [(c + strength * p) / (n + strength) if n + strength > 0 else p for c, p in zip(counts, parent)]
    bad = failing_share(pi)
    fails = sum(counts[i] for i in FAILING)
    want = (drift.cautious_rate if cautious else drift.shrunk_rate)(fails, n, failing_share(parent), strength)
    return _with_failing_share(pi, want if bad > 0 else max(want, drift.MIN_RATE))


def _with_failing_share(pi, share: float) -> tuple[float, ...]:
    """``pi`` with D and E (together) at ``share``, each side keeping its own proportions."""
    bad = failing_share(pi)
    good = 1 - bad
    out = []
    for i, p in enumerate(pi):
        if i in FAILING:
            out.append(p * share / bad if bad > 0 else share / len(FAILING))
        else:
            out.append(p * (1 - share) / good if good > 0 else (1 - share) / (5 - len(FAILING)))
    return tuple(out)


def tilted(pi0, odds_ratio: float) -> tuple[float, ...]:
    """The distribution a design watches for: ``pi0`` tilted towards worse grades until the odds of
    D or E are ``odds_ratio`` times the usual."""
    want = drift.shifted_rate(failing_share(pi0), odds_ratio)
    lo, hi = 0.0, 1.0
    while failing_share(_tilt(pi0, hi)) < want:
        lo, hi = hi, hi * 2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if failing_share(_tilt(pi0, mid)) < want else (lo, mid)
    return _tilt(pi0, hi)


def _tilt(pi0, theta: float) -> tuple[float, ...]:
    w = [p * math.exp(theta * g) for g, p in enumerate(pi0)]
    z = sum(w)
    return tuple(x / z for x in w)


@dataclass(eq=False)
class GradeDesign:
    """One grade series' CUSUM: the usual and the watched distributions, each grade's weight and the
    limit (worked out when first asked for; a floor below it answers until then, as for
    ``drift.Design``)."""

    pi0: tuple[float, ...]
    pi1: tuple[float, ...]
    weights: tuple[float, ...]  # ln(pi1 / pi0) per grade A-E
    floor: float
    forms: int = 0
    alpha: float = 0.0
    known: float | None = None

    @property
    def p0(self) -> float:
        """The usual share of D and E (what a warning says the share is usually)."""
        return failing_share(self.pi0)

    def step(self, s: float, grade: str) -> float:
        return max(0.0, s + self.weights[GRADES.index(grade)])

    @property
    def limit(self) -> float:
        if self.known is None:
            from app.rules import cusum_chain  # numpy only where a limit is computed
            below = max(0, round(self.floor * cusum_chain.SCALE) - 1)  # a top whose chance is above alpha
            top = cusum_chain.lowest_top_levels(self.pi0, cusum_chain.steps_of(self.weights), self.forms,
                                                self.alpha, below)
            self.known = cusum_chain.bisection_limit(top)
        return self.known

    def crossed(self, s: float) -> bool:
        return s > self.floor and s > self.limit


def false_alarm_chance(pi0, weights, limit: float, n: int) -> float:
    """The chance that an in-control series (grades drawn from ``pi0``) crosses ``limit`` within ``n``
    forms, by the chain."""
    from app.rules import cusum_chain
    return cusum_chain.run_levels(pi0, cusum_chain.steps_of(weights), cusum_chain.top_of(limit), n)


def exact_limit(pi0, n: int, alpha: float, odds_ratio: float) -> float:
    """The lowest limit within ``alpha`` by bisection over the limit on the chain (the definition the
    tests hold a design's limit to)."""
    pi1 = tilted(pi0, odds_ratio)
    weights = [math.log(b / a) for a, b in zip(pi0, pi1)]
    return drift.lowest_limit(lambda limit: false_alarm_chance(pi0, weights, limit, n) <= alpha)


def key_of(pi0, forms_per_period: float, alpha: float, odds_ratio: float) -> tuple:
    """A design's key: each grade's share to two significant digits (not known more closely; the
    failing grades' rounded up, so the limit errs towards fewer false alarms), the forms as
    ``drift.design`` rounds them."""
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    bad = min(drift.MAX_RATE, max(drift.MIN_RATE, failing_share(pi0)))
    pi0 = _with_failing_share(pi0, bad)
    # A grade never given in the baseline window (a dealer whose forms are all A, B or D) may still
    # come: it keeps a small share, so that its weight is finite and the chain knows it can happen.
    pi0 = [max(GRADE_FLOOR, p) for p in pi0]
    shares = tuple(_up2(p) if i in FAILING else float(f"{p:.2g}") for i, p in enumerate(pi0))
    n = max(1, round(forms_per_period))
    scale = 10 ** max(0, len(str(n)) - 2)
    return (shares, -(-n // scale) * scale, float(f"{alpha:.2g}"), odds_ratio)


def _up2(p: float) -> float:
    """``p`` rounded up to two significant digits."""
    e = math.floor(math.log10(p)) - 1
    return math.ceil(round(p / 10 ** e, 9)) * 10 ** e


def made(key: tuple, floor: float | None, limit: float | None = None) -> GradeDesign:
    """The design of ``key`` (``key_of``) with what is known of its limit."""
    shares, n, alpha, odds_ratio = key
    total = sum(shares)
    pi0 = tuple(p / total for p in shares)
    pi1 = tilted(pi0, odds_ratio)
    d = GradeDesign(pi0, pi1, tuple(math.log(b / a) for a, b in zip(pi0, pi1)), 0.0, n, alpha, limit)
    if limit is not None:
        d.floor = limit
    elif floor is not None:
        d.floor = floor
    else:
        d.floor = _floor(d)
    return d


def _floor(d: GradeDesign) -> float:
    """A value below the limit, shown by one run of the chain at 70% of a first guess over a quarter
    of the forms (as ``cusum_chain.floor_top``); the limit itself when that does not show it."""
    from app.rules import cusum_chain
    steps = cusum_chain.steps_of(d.weights)
    top = max(1, round(0.7 * cusum_chain.guess_levels(d.pi0, steps, d.forms, d.alpha)))
    m = max(1, d.forms // 4)
    if 1 - (1 - cusum_chain.run_levels(d.pi0, steps, top, m)) ** (d.forms // m) > d.alpha:
        return top / cusum_chain.SCALE
    return d.limit


# Designs already made, by key (``key_of``): as drift's, kept across months and stores, and in the
# limits' cache as rows ``["grades", pA, pB, pC, pD, pE, forms, alpha, odds ratio, limit]`` (``null``
# and a floor after it for a limit only floored); a program that knows only Bernoulli rows skips them.
_DESIGNS: dict[tuple, GradeDesign] = {}
TAG = "grades"


def design(pi0, forms_per_period: float, alpha: float, odds_ratio: float) -> GradeDesign:
    """The grade CUSUM whose chance of a false alarm within one period (``forms_per_period`` forms
    graded as ``pi0``) is at most ``alpha``."""
    key = key_of(pi0, forms_per_period, alpha, odds_ratio)
    if key not in _DESIGNS:
        _DESIGNS[key] = made(key, None)
    return _DESIGNS[key]


def known_rows() -> list[list]:
    out = []
    for (shares, n, alpha, ratio), d in _DESIGNS.items():
        tail = [d.known] if d.known is not None else [None, d.floor]
        out.append([TAG, *shares, n, alpha, ratio, *tail])
    return out


def remember(rows) -> int:
    """Take the grade rows of a cache (the others are drift.remember's); how many told something new."""
    return sum(remember_row(r) for r in rows if isinstance(r, list) and r[:1] == [TAG]) if isinstance(rows, list) else 0


def remember_row(row) -> bool:
    """Take one cached row (``known_rows``); False when it doesn't fit or tells nothing new."""
    try:
        shares = tuple(float(x) for x in row[1:6])
        key = (shares, int(row[6]), float(row[7]), float(row[8]))
        limit = None if row[9] is None and len(row) == 11 else float(row[9])
        floor = float(row[10]) if limit is None else limit
    except (TypeError, ValueError, IndexError):
        return False
    if not (min(shares) > 0 and 0.99 < sum(shares) < 1.01 and 0 < key[2] < 1 and key[3] > 1 and 0 < floor < 1e3):
        return False
    have = _DESIGNS.get(key)
    if have is None:
        _DESIGNS[key] = made(key, floor, limit)
        return True
    if limit is not None and have.known is None:
        have.known, have.floor = limit, limit
        return True
    return False
