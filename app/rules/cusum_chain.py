"""The Markov chain behind a CUSUM's limit, and the lowest limit within a false-alarm chance found in a few runs of it.

The chain (Brook & Evans 1972) runs on an integer grid of ``SCALE`` steps per unit of log-likelihood:
a limit matters only through its top state ``ceil(SCALE * limit)``, and the chance of crossing it
falls as the top rises. Bisection over the limit runs the chain 12-15 times per design; most of a
first refresh's time went there. The search here finds the same lowest top in about four runs:
a Newton step on the log of the chance (whose slope the walk's own steps give), and, after each
run, the chain's highest state that ever held mass: no path goes between it and the top, so the
chance is the same for every top in between and the search skips them.
"""

from __future__ import annotations

import math

import numpy as np

SCALE = 400  # integer steps per unit of log-likelihood
_TAIL = 128  # the states below the top watched for mass (see run)
# Where a limit's floor is tried, as a share of the first guess: few series' values come within 70%
# of their limit in a month (5% at a 6,000-form dealer), and the guess is rarely off by 30%.
_FLOOR_SHARE = 0.7


def steps(p0: float, p1: float) -> tuple[int, int]:
    """The walk's steps on the grid, both rounded up (a failure counts a little more, a success a
    little less than it does), so the chain never underestimates the chance of a false alarm."""
    up = max(1, math.ceil(SCALE * math.log(p1 / p0)))
    down = math.ceil(SCALE * math.log((1 - p1) / (1 - p0)))  # negative
    return up, down


def top_of(limit: float) -> int:
    return max(1, math.ceil(SCALE * limit))


def run(p0: float, up: int, down: int, top: int, n: int, reach: bool = False) -> tuple[float, int]:
    """The chance that an in-control walk (failing at ``p0``) from 0 reaches ``top`` within ``n``
    forms; with ``reach``, also a state below which every state from it up to ``top`` never held
    mass (the highest that did, when it is among the last ``_TAIL`` states; else -1)."""
    state = np.zeros(top)
    state[0] = 1.0
    nxt, moved = np.empty(top), np.empty(top)  # written in place: no array made per step
    tail = min(top, _TAIL)
    seen = np.zeros(tail) if reach else None
    crossed = 0.0
    k, q = -down, 1 - p0
    for _ in range(n):
        # a success: every value moves down by |down|, values at the floor pile up at 0
        if k < top:
            np.multiply(state[k:], q, out=nxt[:top - k])
            nxt[top - k:] = 0.0
            nxt[0] += q * state[:k].sum()
        else:
            nxt.fill(0.0)
            nxt[0] += q * state.sum()
        # a failure: every value moves up; what lands at or above the top has crossed it
        if up < top:
            np.multiply(state[:top - up], p0, out=moved[:top - up])
            nxt[up:] += moved[:top - up]
            crossed += p0 * state[top - up:].sum()
        else:
            crossed += p0 * state.sum()
        state, nxt = nxt, state
        if seen is not None:
            seen += state[top - tail:]
    if seen is None:
        return float(crossed), -1
    held = np.flatnonzero(seen)
    # Only the tail is watched (watching every state cost a quarter of the run): with nothing held
    # there, the state just below it stands in for the highest.
    return float(crossed), top - tail + (int(held[-1]) if held.size else -1)


def _theta(p0: float, up: int, down: int) -> float:
    """How fast the chance of reaching a top falls as the top rises: the root θ > 0 of
    p0·e^(θ·up) + (1-p0)·e^(θ·down) = 1 (per grid step; about 1/SCALE for the exact weights)."""
    return _theta_levels((p0, 1 - p0), (up, down))


def _guess(p0: float, up: int, down: int, n: int, alpha: float) -> int:
    """A first guess at the lowest top, from the size of the series, the walk's mean step and the
    budget (fitted on real designs: within about 0.4 units of log-likelihood)."""
    drift = -(p0 * up + (1 - p0) * down) / SCALE
    return max(1, round(SCALE * (math.log(max(n * drift, 1e-9) / alpha) - 0.8)))


def floor_top(p0: float, p1: float, n: int, alpha: float) -> int | None:
    """A top below the lowest top within the budget, shown by one run of the chain at 70% of the
    first guess (about a tenth of a search); None when the chance
    there is already within ``alpha`` (then only the search tells)."""
    up, down = steps(p0, p1)
    top = max(1, round(_FLOOR_SHARE * _guess(p0, up, down, n, alpha)))
    # Most floors are shown by a quarter of the forms: from wherever a block of m forms starts, the
    # walk crosses at least as often as from 0 (it only starts higher), so the chance within n is
    # at least 1 - (1 - chance within m) ** (n // m).
    m = max(1, n // 4)
    if 1 - (1 - run(p0, up, down, top, m)[0]) ** (n // m) > alpha:
        return top
    return top if m < n and run(p0, up, down, top, n)[0] > alpha else None


def lowest_top(p0: float, p1: float, n: int, alpha: float, above: int = 0) -> int:
    """The lowest top whose chance of a false alarm within ``n`` forms is at most ``alpha`` (known
    to be above ``above``, a top whose chance is not)."""
    up, down = steps(p0, p1)
    theta = _theta(p0, up, down)
    guess = max(above + 1, _guess(p0, up, down, n, alpha))  # the Newton steps below do the rest
    lo, hi = above, None  # the chance at `lo` is above alpha (at 0 it is 1), at `hi` within it
    points: list[tuple[int, float]] = []
    top = guess
    while hi is None or hi - lo > 1:
        chance, highest = run(p0, up, down, top, n, reach=True)
        if chance <= alpha:
            hi = min(hi if hi is not None else top, max(highest + 1, lo + 1))
        else:
            lo = max(lo, top)
        if hi is not None and hi - lo <= 1:
            break
        if chance > 0:
            points.append((top, math.log(chance)))
        top = _next(points, alpha, theta, lo, hi)
    return hi


def _next(points, alpha: float, theta: float, lo: int, hi: int | None) -> int:
    """Where to run next: where the log of the chance meets log(alpha) on the line through the
    last two runs (or with slope -θ after one), kept strictly inside the bracket."""
    target = math.log(alpha)
    if len(points) >= 2 and points[-1][0] != points[-2][0] and points[-1][1] != points[-2][1]:
        (t1, c1), (t2, c2) = points[-2], points[-1]
        # a stretch where the chance jumps (or stays flat) would send the next run too near (or
        # too far): the slope is kept within a factor of 4 of the walk's own
        slope = min(-theta / 4, max(-theta * 4, (c2 - c1) / (t2 - t1)))
    elif points:
        t2, c2 = points[-1]
        slope = -theta
    else:
        return lo + 1 if hi is None else (lo + hi) // 2
    # Aim a little above the crossing: a run at or above it is the one that also shows the flat stretch.
    want = t2 + (target - c2) / slope + 1
    if hi is None:
        return max(lo + 1, math.ceil(want))
    if hi - lo <= 2:
        return lo + 1
    return min(hi - 1, max(lo + 1, math.ceil(want)))


def bisection_limit(top: int) -> float:
    """The limit that bisection over the limit (doubling from 2, then 11 halvings) lands on when
    ``top`` is the lowest top within the budget: the chance only depends on the limit's top, and
    falls as it rises, so each comparison the bisection makes is answered by ``top`` alone."""
    lo, hi = 0.0, 2.0
    while top_of(hi) < top:
        lo, hi = hi, hi * 2
    for _ in range(11):
        mid = (lo + hi) / 2
        if top_of(mid) < top:
            lo = mid
        else:
            hi = mid
    return hi


# A CUSUM over more than two outcomes (a grade A-E, each with its own weight): the same chain, each
# outcome a shift of the whole grid by its step with its chance (app/rules/grade_cusum.py).

def steps_of(weights) -> tuple[int, ...]:
    """Each outcome's step on the grid, rounded up as ``steps`` rounds them (the chain's walk is
    never below the CUSUM's, so its chance of a false alarm is never underestimated)."""
    return tuple(math.ceil(SCALE * w) for w in weights)


def run_levels(probs, steps, top: int, n: int) -> float:
    """The chance that an in-control walk (outcome i with chance ``probs[i]`` adding ``steps[i]``)
    from 0 reaches ``top`` within ``n`` outcomes."""
    state = np.zeros(top)
    state[0] = 1.0
    nxt = np.empty(top)
    crossed = 0.0
    for _ in range(n):
        nxt.fill(0.0)
        for p, s in zip(probs, steps):
            if p == 0.0:
                continue
            if s <= 0:  # down (or not at all): values at the floor pile up at 0
                k = -s
                if k < top:
                    nxt[:top - k] += p * state[k:]
                    nxt[0] += p * state[:k].sum()
                else:
                    nxt[0] += p * state.sum()
            elif s < top:  # up: what lands at or above the top has crossed it
                nxt[s:] += p * state[:top - s]
                crossed += p * state[top - s:].sum()
            else:
                crossed += p * state.sum()
        state, nxt = nxt, state
    return float(crossed)


def guess_levels(probs, steps, n: int, alpha: float) -> int:
    """A first guess at the lowest top, as ``_guess`` makes it for two outcomes."""
    mean = -sum(p * s for p, s in zip(probs, steps)) / SCALE
    return max(1, round(SCALE * (math.log(max(n * mean, 1e-9) / alpha) - 0.8)))


def _theta_levels(probs, steps) -> float:
    """How fast the chance of reaching a top falls as the top rises (per grid step): the root θ > 0
    of Σ p·e^(θ·step) = 1, by bisection."""
    f = lambda t: sum(p * math.exp(t * s) for p, s in zip(probs, steps)) - 1  # noqa: E731
    lo, hi = 1e-9, 1.0 / max(steps)
    while f(hi) < 0:
        hi *= 2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) < 0 else (lo, mid)
    return hi


def lowest_top_levels(probs, steps, n: int, alpha: float, above: int = 0) -> int:
    """The lowest top whose chance of a false alarm within ``n`` outcomes is at most ``alpha`` (known
    to be above ``above``). The chance falls as the top rises, about as e^(-θ·top): from a first
    guess one step along that line, then a bracket around where it lands, halved to one state."""
    theta = _theta_levels(probs, steps)
    top = max(above + 1, guess_levels(probs, steps, n, alpha))
    chance = run_levels(probs, steps, top, n)
    if chance > 0:
        top = max(above + 1, top + math.ceil((math.log(chance) - math.log(alpha)) / theta))
    width = max(2, SCALE // 40)
    if run_levels(probs, steps, top, n) > alpha:
        lo, hi = top, top + width
        while run_levels(probs, steps, hi, n) > alpha:
            lo, hi, width = hi, hi + 2 * width, 2 * width
    else:
        lo, hi = max(above, top - width), top
        while lo > above and run_levels(probs, steps, lo, n) <= alpha:
            lo, hi, width = max(above, lo - 2 * width), lo, 2 * width
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if run_levels(probs, steps, mid, n) > alpha:
            lo = mid
        else:
            hi = mid
    return hi
