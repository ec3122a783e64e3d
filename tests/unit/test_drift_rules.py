"""The early warnings' method: a Bernoulli CUSUM whose limit keeps false alarms within their budget."""

import math
import random

import pytest

from app.rules import cusum_chain, drift


@pytest.mark.parametrize("failures, forms, parent, strength, want", [
    (0, 0, 0.2, 40, 0.2),  # nothing of its own: the parent's share
    (10, 100, 0.1, 0, 0.1), (30, 100, 0.1, 0, 0.3),  # no shrinking: its own share
    (30, 100, 0.1, 100, 0.2),  # halfway when its forms equal the pseudo-forms
    (0, 500, 0.0, 0, drift.MIN_RATE),  # never below the floor: a series that never failed can still warn
    (100, 100, 0.9, 0, drift.MAX_RATE),
])
def test_shrunk_rate(failures, forms, parent, strength, want):
    assert drift.shrunk_rate(failures, forms, parent, strength) == pytest.approx(want)


def test_a_rate_of_more_failures_than_forms_is_refused():
    with pytest.raises(ValueError):
        drift.shrunk_rate(5, 4, 0.1)


@pytest.mark.parametrize("failures, forms", [(3, 20), (30, 400), (0, 50)])
def test_the_cautious_baseline_errs_high_and_less_so_with_more_forms(failures, forms):
    base = drift.shrunk_rate(failures, forms, 0.08)
    more = drift.cautious_rate(failures * 10, forms * 10, 0.08) - drift.shrunk_rate(failures * 10, forms * 10, 0.08)
    assert drift.cautious_rate(failures, forms, 0.08) > base
    assert 0 < more < drift.cautious_rate(failures, forms, 0.08) - base


@pytest.mark.parametrize("p0, ratio, want", [(0.1, 2.0, 2 / 11), (0.5, 3.0, 0.75), (0.2, 1.0, 0.2)])
def test_the_watched_rate_doubles_the_odds(p0, ratio, want):
    assert drift.shifted_rate(p0, ratio) == pytest.approx(want)


@pytest.mark.parametrize("p0, p1, limit, n, want", [
    (0.3, 0.6, 0.5, 1, 0.3),  # one failure crosses a limit below its weight
    (0.3, 0.6, 1.0, 1, 0.0),  # one form can't cross a limit above one failure's weight
    (0.3, 0.6, 1.0, 2, 0.09),  # two failures in a row (a success in between starts again from 0)
    (0.3, 0.6, 50.0, 200, 0.0),
])
def test_false_alarm_chance_on_small_cases_worked_by_hand(p0, p1, limit, n, want):
    # ln(0.6/0.3) = 0.69 per failure; ln(0.4/0.7) = -0.56 per success
    assert drift.false_alarm_chance(p0, p1, limit, n) == pytest.approx(want, abs=1e-9)


@pytest.mark.parametrize("p0, forms, alpha", [(0.06, 190, 0.014), (0.25, 120, 0.01), (0.1, 1500, 0.05)])
def test_the_limit_is_the_lowest_that_keeps_the_chance_within_alpha(p0, forms, alpha):
    d = drift.design(p0, forms, alpha)
    n = int(float(f"{forms:.2g}"))
    assert drift.false_alarm_chance(d.p0, d.p1, d.limit, n) <= alpha
    assert drift.false_alarm_chance(d.p0, d.p1, d.limit * 0.97, n) > alpha * 0.9
    assert d.up == pytest.approx(math.log(d.p1 / d.p0)) and d.down < 0


def test_simulated_in_control_series_cross_about_as_often_as_designed():
    d = drift.design(0.1, 300, 0.05)
    rnd = random.Random(3)
    crossed = 0
    for _ in range(2000):
        s = 0.0
        for _ in range(300):
            s = d.step(s, rnd.random() < 0.1)
            if s > d.limit:
                crossed += 1
                break
    assert 0.025 < crossed / 2000 <= 0.06  # the chain's rounding errs towards fewer alarms


@pytest.mark.parametrize("series, budget, want", [(1, 0.5, 0.5), (10, 0.5, 0.05), (40, 0.5, 0.0125), (0, 0.5, 0.5)])
def test_the_budget_is_shared_by_every_series(series, budget, want):
    assert drift.alpha_per_series(series, budget) == pytest.approx(want)


# Baselines from a series that never fails to one failing half the time, series from a dozen forms a
# quarter to a dealer's whole quarter, budgets from a few series to a network's worth, both shifts.
@pytest.mark.parametrize("p0, forms, alpha, ratio", [
    (0.005, 12, 0.25, 2.0), (0.005, 900, 0.0058, 4.0), (0.012, 40, 0.05, 2.0), (0.03, 190, 0.0064, 2.0),
    (0.056, 170, 0.0064, 2.0), (0.07, 230, 0.0062, 4.0), (0.13, 190, 0.0058, 4.0), (0.17, 13, 0.0058, 2.0),
    (0.25, 120, 0.01, 2.0), (0.34, 13, 0.0058, 4.0), (0.43, 200, 0.0058, 4.0), (0.6, 60, 0.0012, 2.0),
    (0.063, 1600, 0.0058, 4.0), (0.1, 1500, 0.05, 2.0),
])
def test_the_fast_search_finds_the_very_limit_bisection_finds(p0, forms, alpha, ratio):
    exact = drift.exact_limit(p0, forms, alpha, ratio)
    assert drift.fast_limit(p0, drift.shifted_rate(p0, ratio), forms, alpha) == exact
    floor = cusum_chain.floor_top(p0, drift.shifted_rate(p0, ratio), forms, alpha)
    assert floor is None or floor / cusum_chain.SCALE < exact  # a floor is below the limit


@pytest.mark.parametrize("top", [1, 2, 399, 400, 401, 800, 801, 1600, 2022, 3141, 3200, 3201, 6400, 6401, 12000])
def test_the_limit_bisection_would_land_on_follows_from_the_lowest_top(top):
    # bisection over the limit with the chance answered by the top alone, as the chain answers it
    lo, hi = 0.0, 2.0
    while cusum_chain.top_of(hi) < top:
        lo, hi = hi, hi * 2
    for _ in range(11):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cusum_chain.top_of(mid) < top else (lo, mid)
    assert cusum_chain.bisection_limit(top) == hi and cusum_chain.top_of(hi) >= top


@pytest.mark.parametrize("p0, ratio, top, n", [(0.17, 2.0, 1060, 13), (0.34, 4.0, 1500, 13), (0.07, 4.0, 2900, 200)])
def test_between_the_highest_state_reached_and_the_top_the_chance_is_the_same(p0, ratio, top, n):
    up, down = cusum_chain.steps(p0, drift.shifted_rate(p0, ratio))
    chance, highest = cusum_chain.run(p0, up, down, top, n, reach=True)
    assert 0 <= highest < top
    assert cusum_chain.run(p0, up, down, highest + 1, n)[0] == pytest.approx(chance, rel=1e-12)
    if highest >= top - cusum_chain._TAIL:  # a state that held mass (not the stand-in below the watched tail)
        assert cusum_chain.run(p0, up, down, highest, n)[0] > chance


@pytest.mark.parametrize("p0, p1, want", [
    (0.1, 0.1, 0.0),  # no shift: no evidence
    (0.5, 0.75, 0.75 * math.log(1.5) + 0.25 * math.log(0.5)),
    (0.06, 0.39, 0.39 * math.log(0.39 / 0.06) + 0.61 * math.log(0.61 / 0.94)),
])
def test_the_evidence_a_form_brings_on_average(p0, p1, want):
    assert drift.kl_per_form(p0, p1) == pytest.approx(want)


@pytest.mark.parametrize("p0, forms_in_aim, want", [
    (0.065, 250, 2.5),  # the dealer's item: 25 forms a day, ten days
    (0.3, 250, 2.0),  # the dealer's failure share: a doubling is in reach
    (0.07, 31, 8.0),  # one advisor's item: three forms a day
    (0.3, 31, 5.0),  # one advisor's failures
    (0.42, 33, 5.0),  # a small work type
    (0.07, 90, 4.0),
    (0.3, 2, 12.0),  # too few forms for any shift: the largest watched
    (0.0, 5000, 2.0),  # a share of nothing is taken at the floor (0.5%)
])
def test_each_series_watches_for_the_smallest_shift_its_forms_can_show_in_time(p0, forms_in_aim, want):
    assert drift.odds_ratio_in_reach(p0, forms_in_aim) == want


def test_the_shift_in_reach_brings_the_evidence_and_the_next_smaller_does_not():
    for p0, forms in [(0.065, 250), (0.07, 31), (0.3, 31), (0.42, 33)]:
        r = drift.odds_ratio_in_reach(p0, forms)
        smaller = drift.ODDS_GRID[drift.ODDS_GRID.index(r) - 1]
        assert drift.kl_per_form(p0, drift.shifted_rate(p0, r)) * forms >= drift.AIM_EVIDENCE
        assert drift.kl_per_form(p0, drift.shifted_rate(p0, smaller)) * forms < drift.AIM_EVIDENCE


@pytest.mark.parametrize("siblings, want", [
    # eight advisors' attitude over a year: their shares differ no more than chance makes them
    ([(51, 901), (56, 878), (57, 863), (51, 849), (39, 878), (44, 874), (61, 858), (50, 896)],
     drift.MAX_SHRINK_FORMS),
    ([(50, 1000)] * 8, drift.MAX_SHRINK_FORMS),  # exactly alike
    ([(30, 900), (60, 878), (90, 863), (51, 849)], pytest.approx(77.6, abs=0.1)),  # really different
    ([(10, 100), (90, 100), (50, 100)], drift.SHRINK_FORMS),  # very different: the floor, never below
    ([(5, 100), (6, 100)], drift.SHRINK_FORMS),  # two can't show a spread: the floor
    ([(0, 100), (0, 100), (0, 100)], drift.SHRINK_FORMS),  # nothing failed: no share to pull towards
    ([], drift.SHRINK_FORMS),
])
def test_the_pull_towards_the_parent_follows_how_much_siblings_really_differ(siblings, want):
    assert drift.shrink_strength(siblings) == want
