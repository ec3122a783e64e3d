"""The grade CUSUM: each grade A-E weighs its own evidence, and its limit keeps false alarms within the budget."""

import math
import random

import pytest

from app.rules import cusum_chain, drift, grade_cusum

USUAL = (0.56, 0.28, 0.10, 0.04, 0.02)  # the demo's grades (docs/prediction.md)


@pytest.mark.parametrize("counts, parent, strength, cautious, want", [
    ((56, 28, 10, 4, 2), (1, 1, 1, 1, 1), 0, False, (0.56, 0.28, 0.10, 0.04, 0.02)),  # its own
    ((0, 0, 0, 0, 0), (56, 28, 10, 4, 2), 40, False, (0.56, 0.28, 0.10, 0.04, 0.02)),  # nothing of its own
    ((10, 0, 0, 0, 10), (10, 0, 0, 10, 0), 20, False, (0.5, 0.0, 0.0, 0.25, 0.25)),  # halfway
    ((50, 50, 0, 0, 0), (50, 50, 0, 0, 0), 0, False,  # never D or E: the floor's share, shared by both
     (0.5 * (1 - drift.MIN_RATE), 0.5 * (1 - drift.MIN_RATE), 0.0, drift.MIN_RATE / 2, drift.MIN_RATE / 2)),
])
def test_the_usual_grades_are_the_series_own_pulled_towards_the_parents(counts, parent, strength, cautious, want):
    assert grade_cusum.baseline(counts, parent, strength, cautious) == pytest.approx(want)


@pytest.mark.parametrize("counts, strength", [((56, 28, 10, 4, 2), 0), ((500, 300, 100, 60, 40), 200)])
def test_the_cautious_baseline_raises_the_failing_share_as_the_bernoulli_one_does(counts, strength):
    pi = grade_cusum.baseline(counts, USUAL, strength)
    want = drift.cautious_rate(counts[3] + counts[4], sum(counts), 0.06, strength)
    assert grade_cusum.failing_share(pi) == pytest.approx(want)
    assert sum(pi) == pytest.approx(1.0)
    plain = grade_cusum.baseline(counts, USUAL, strength, cautious=False)
    assert pi[3] / pi[4] == pytest.approx(plain[3] / plain[4])  # D and E keep their proportion


def test_counts_that_are_not_five_grades_are_refused():
    with pytest.raises(ValueError):
        grade_cusum.baseline((1, 2, 3), USUAL, 0)


@pytest.mark.parametrize("pi0, ratio", [(USUAL, 2.0), (USUAL, 4.0), ((0.3, 0.3, 0.2, 0.15, 0.05), 3.0)])
def test_the_watched_grades_multiply_the_odds_of_d_or_e_and_weigh_worse_grades_more(pi0, ratio):
    pi1 = grade_cusum.tilted(pi0, ratio)
    odds = lambda p: p / (1 - p)  # noqa: E731
    assert odds(grade_cusum.failing_share(pi1)) == pytest.approx(ratio * odds(grade_cusum.failing_share(pi0)))
    weights = [math.log(b / a) for a, b in zip(pi0, pi1)]
    assert all(w1 < w2 for w1, w2 in zip(weights, weights[1:]))  # an E weighs more than a D, a C than a B
    assert sum(pi1) == pytest.approx(1.0)


# pi0 (.5, .2, .1, .1, .1) with weights A-C -1, D 0.6, E 1.2 and a limit of 1: one E crosses it, a D
# needs another D or an E right after it (an A-C in between starts again from 0).
@pytest.mark.parametrize("limit, n, want", [
    (1.0, 1, 0.1),
    (1.0, 2, 0.1 + 0.8 * 0.1 + 0.1 * 0.2),
    (1.3, 1, 0.0),
    (1.3, 2, 0.1 * 0.2 + 0.1 * 0.1),  # a D then an E, or an E then a D or an E (1.8 or 2.4)
    (50.0, 300, 0.0),
])
def test_false_alarm_chance_on_small_cases_worked_by_hand(limit, n, want):
    pi0, weights = (0.5, 0.2, 0.1, 0.1, 0.1), (-1.0, -1.0, -1.0, 0.6, 1.2)
    assert grade_cusum.false_alarm_chance(pi0, weights, limit, n) == pytest.approx(want, abs=1e-9)


@pytest.mark.parametrize("p0, ratio, top, n", [(0.06, 2.0, 2900, 280), (0.3, 4.0, 900, 40), (0.1, 4.0, 3100, 1500)])
def test_with_two_outcomes_the_chain_is_the_bernoulli_ones(p0, ratio, top, n):
    up, down = cusum_chain.steps(p0, drift.shifted_rate(p0, ratio))
    assert cusum_chain.run_levels((1 - p0, p0), (down, up), top, n) == pytest.approx(
        cusum_chain.run(p0, up, down, top, n)[0], rel=1e-9)


# Usual grades from the demo's to a series that is often C or worse, an advisor's quarter (280 forms)
# to a dealer's (2,300), budgets from one advisor's item to a few series, the shifts watched for.
@pytest.mark.parametrize("pi0, forms, alpha, ratio", [
    (USUAL, 280, 0.0128, 4.0), (USUAL, 280, 0.0064, 2.0), (USUAL, 2300, 0.0128, 4.0),
    ((0.5, 0.26, 0.12, 0.08, 0.04), 190, 0.0064, 4.0), ((0.3, 0.3, 0.2, 0.15, 0.05), 60, 0.05, 3.0),
    ((0.9, 0.05, 0.03, 0.01, 0.01), 120, 0.0128, 8.0),
])
def test_the_limit_is_the_lowest_that_keeps_the_chance_within_alpha(pi0, forms, alpha, ratio):
    d = grade_cusum.design(pi0, forms, alpha, ratio)
    n = d.forms
    assert n >= forms  # rounded up: never fewer forms than the period holds
    assert d.limit == grade_cusum.exact_limit(d.pi0, n, d.alpha, ratio)  # the definition, by bisection
    assert d.alpha == pytest.approx(alpha, rel=0.05)  # to two significant digits, as drift.design takes it
    assert grade_cusum.false_alarm_chance(d.pi0, d.weights, d.limit, n) <= d.alpha
    assert grade_cusum.false_alarm_chance(d.pi0, d.weights, d.limit * 0.97, n) > d.alpha * 0.9
    assert d.floor <= d.limit


@pytest.mark.parametrize("pi0", [(0.7, 0.2, 0.0, 0.1, 0.0), (1.0, 0.0, 0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 0.5, 0.5)])
def test_a_grade_never_given_keeps_a_small_share_and_a_finite_weight(pi0):
    d = grade_cusum.design(pi0, 200, 0.01, 4.0)
    assert min(d.pi0) >= grade_cusum.GRADE_FLOOR * 0.9 and sum(d.pi0) == pytest.approx(1.0)
    assert all(math.isfinite(w) for w in d.weights) and d.weights[4] > d.weights[3] > d.weights[0]
    assert grade_cusum.false_alarm_chance(d.pi0, d.weights, d.limit, d.forms) <= d.alpha


def test_simulated_in_control_series_cross_about_as_often_as_designed():
    d = grade_cusum.design(USUAL, 300, 0.05, 4.0)
    rnd = random.Random(5)
    crossed = 0
    for _ in range(2000):
        s = 0.0
        for g in rnd.choices(grade_cusum.GRADES, weights=d.pi0, k=d.forms):
            s = d.step(s, g)
            if s > d.limit:
                crossed += 1
                break
    assert 0.025 < crossed / 2000 <= 0.06  # the chain's rounding errs towards fewer alarms


def test_a_slide_in_the_grades_is_heard_sooner_than_by_whether_they_are_d_or_e():
    # Her first ten days after a slide, in order: five E's and three D's among 27 (seed 7 of the demo).
    grades = "AEEAABAABABBBBBEDEEABBCDBCD"
    g = grade_cusum.design(USUAL, 280, 0.0128, 4.0)
    b = drift.design(0.06, 280, 0.0128, 4.0)
    sg = sb = 0.0
    for x in grades:
        sg, sb = g.step(sg, x), b.step(sb, x in "DE")
    assert sg > g.limit and sb < b.limit


def test_the_cache_keeps_grade_designs_in_rows_an_older_program_skips():
    d = grade_cusum.design((0.55, 0.28, 0.1, 0.045, 0.025), 200, 0.01, 4.0)
    _ = d.limit
    rows = grade_cusum.known_rows()
    row = next(r for r in rows if r[-1] == d.limit)
    key = (tuple(row[1:6]), row[6], row[7], row[8])
    assert grade_cusum._DESIGNS[key] is d
    del grade_cusum._DESIGNS[key]
    damaged = [[grade_cusum.TAG, "x", 1, 2], [grade_cusum.TAG, 0.5, 0.5, 0.5, 0.5, 0.5, 200, 0.01, 4.0, 7.0]]
    assert drift.remember(damaged + [row]) == 0  # the Bernoulli designs' reader skips them all
    assert grade_cusum.remember(damaged + [row]) == 1  # shares that don't add up to one are skipped
    assert grade_cusum._DESIGNS[key].limit == d.limit
    with pytest.raises((TypeError, ValueError)):
        float(row[0])  # how an older program (reading [p0, forms, alpha, ratio, limit]) skips it
