"""The risk model's fit and its figures, checked against what they must be by definition: the
penalised likelihood's gradient is zero at the fit (the intercept unpenalised), a large sample gives
back the coefficients it was drawn from, and AUC and lift on cases worked by hand."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from app.rules import risk
from app.rules.risk import FEATURES, auc, fit, lift_top


def _design(rows):
    X = np.ones((len(rows), len(FEATURES) + 1))
    for j, f in enumerate(FEATURES, start=1):
        X[:, j] = [1.0 if r.get(f) else 0.0 for r in rows]
    return X


def _sample(n, truth, seed=3):
    rnd = random.Random(seed)
    rows, failed = [], []
    for _ in range(n):
        x = {f: rnd.random() < 0.3 for f in FEATURES}
        z = truth[0] + sum(c for c, f in zip(truth[1:], FEATURES) if x[f])
        rows.append(x)
        failed.append(rnd.random() < 1 / (1 + np.exp(-z)))
    return rows, failed


@pytest.mark.parametrize("ridge", [0.0001, 1.0, 25.0])
def test_the_fit_is_where_the_penalised_likelihood_is_flat(ridge):
    rows, failed = _sample(600, [-1.5] + [0.8, -0.4] * (len(FEATURES) // 2) + [0.3] * (len(FEATURES) % 2))
    m = fit(rows, failed, ridge=ridge)
    X, y, b = _design(rows), np.asarray(failed, float), np.asarray(m.coef)
    p = 1 / (1 + np.exp(-(X @ b)))
    penalty = np.full(len(b), ridge)
    penalty[0] = 0.0  # the intercept is not shrunk: the fitted risks add up to the failures
    assert np.allclose(X.T @ (y - p) - penalty * b, 0, atol=1e-6)
    assert p.sum() == pytest.approx(y.sum(), abs=1e-6)
    assert (m.fitted_on, m.failures) == (600, int(y.sum()))


def test_a_large_sample_gives_back_the_coefficients_it_came_from():
    truth = [-2.0] + [round(0.15 * (i % 7) - 0.3, 2) for i in range(len(FEATURES))]
    rows, failed = _sample(40000, truth, seed=11)
    m = fit(rows, failed, ridge=0.01)
    assert np.allclose(m.coef, truth, atol=0.12), list(zip(m.coef, truth))


def test_a_stronger_ridge_shrinks_the_slopes_but_not_the_intercept_toward_zero():
    rows, failed = _sample(400, [-1.0] + [1.2] * len(FEATURES), seed=5)
    weak, strong = fit(rows, failed, ridge=0.01), fit(rows, failed, ridge=100.0)
    assert sum(abs(c) for c in strong.coef[1:]) < 0.5 * sum(abs(c) for c in weak.coef[1:])


def test_a_feature_that_always_fails_gets_a_finite_coefficient_and_an_empty_history_a_zero_model():
    rows = [{"comeback": True}] * 20 + [{}] * 80
    failed = [True] * 20 + [i % 5 == 0 for i in range(80)]
    m = fit(rows, failed)
    assert all(np.isfinite(m.coef)) and m.coef[1 + FEATURES.index("comeback")] > 2
    assert 1 > m.risk({"comeback": True}) > 0.8 and 0.3 > m.risk({}) > 0.15
    empty = fit([], [])
    assert empty.coef == (0.0,) * (len(FEATURES) + 1) and (empty.fitted_on, empty.failures) == (0, 0)
    none_failed = fit([{}] * 10, [False] * 10)  # nothing ever failed: the risk heads for zero, finite
    assert np.isfinite(none_failed.coef[0]) and none_failed.risk({}) < 1e-6


def _auc_by_pairs(risks, failed):
    pairs = [(a, b) for a, b in itertools.product(range(len(risks)), repeat=2) if failed[a] and not failed[b]]
    return sum(1.0 if risks[a] > risks[b] else 0.5 if risks[a] == risks[b] else 0.0 for a, b in pairs) / len(pairs)


@pytest.mark.parametrize("risks, failed", [
    ([0.1, 0.4, 0.35, 0.8], [False, False, True, True]),
    ([0.9, 0.1], [True, False]),
    ([0.1, 0.9], [True, False]),
    ([0.5, 0.5, 0.5], [True, False, False]),
    ([0.2, 0.2, 0.7, 0.7, 0.1, 0.9], [True, False, True, False, False, True]),
    ([0.3, 0.6, 0.6, 0.6, 0.2, 0.8, 0.8], [False, True, False, True, False, True, False]),
])
def test_auc_is_the_share_of_failing_good_pairs_ranked_right(risks, failed):
    assert auc(risks, failed) == pytest.approx(_auc_by_pairs(risks, failed))


def test_auc_and_lift_need_both_kinds():
    assert auc([0.1, 0.2], [True, True]) is None and auc([0.1, 0.2], [False, False]) is None
    assert lift_top([], []) is None and lift_top([0.1, 0.2], [False, False]) is None


@pytest.mark.parametrize("risks, failed, share, want", [
    ([0.9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.05], [True] + [False] * 9, 0.1, 10.0),
    ([0.9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.05], [False] * 9 + [True], 0.1, 0.0),
    ([0.9, 0.8, 0.1, 0.2], [True, False, True, False], 0.5, 1.0),
    ([0.9, 0.8, 0.1, 0.2], [True, True, False, False], 0.5, 2.0),
    ([0.4, 0.3], [True, False], 0.1, 2.0),  # at least one order is the top tenth
])
def test_lift_in_the_top_share(risks, failed, share, want):
    assert lift_top(risks, failed, share) == pytest.approx(want)


def test_reasons_are_the_largest_raising_features_set_on_the_order():
    coef = [0.0] * (len(FEATURES) + 1)
    for f, c in (("comeback", 0.5), ("missed_promise", 1.5), ("long_stay", 1.0), ("open_case", -2.0),
                 ("earlier_failure", 0.2)):
        coef[1 + FEATURES.index(f)] = c
    m = risk.Model(tuple(coef), 10, 3)
    x = {"comeback": True, "missed_promise": True, "long_stay": True, "open_case": True, "earlier_failure": True,
         "advisor_drifting": True}  # set, its coefficient 0: the model does not weigh it yet, the warning says it
    assert m.reasons(x) == ("missed_promise", "long_stay", "comeback", "advisor_drifting")
    assert m.reasons(x, most=1) == ("missed_promise", "advisor_drifting")
    assert m.reasons({"advisor_drifting": True}) == ("advisor_drifting",)
    assert m.reasons({"work_type_drifting": True, "earlier_failure": True}) == ("earlier_failure", "work_type_drifting")
    assert m.reasons({"long_stay": False, "advisor_drifting": False}) == ()
    assert m.reasons({"open_case": True}) == ()  # lowers the risk: never a reason
    assert m.risk({}) == 0.5 and m.risk({"missed_promise": True}) == pytest.approx(1 / (1 + np.exp(-1.5)))


@pytest.mark.parametrize("opened, delivered", [(None, None), (None, "2026-11-02 10:00"), ("2026-11-01 08:00", None)])
def test_a_stay_without_both_times_is_unknown(opened, delivered):
    from datetime import datetime

    at = lambda t: None if t is None else datetime.fromisoformat(t)  # noqa: E731
    assert risk.stay_hours(at(opened), at(delivered)) is None
