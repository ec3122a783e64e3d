"""The risk of a repair order: each reason's rule on what is known at delivery, table-driven; the model
turns the reasons set on an order into a risk and names the largest as reasons; lift and AUC as defined."""

from datetime import datetime, timedelta, timezone

import pytest

from app.rules import risk

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
H = timedelta(hours=1)
D = timedelta(days=1)


@pytest.mark.parametrize("earlier, want", [
    ([], None),
    ([T0 - 10 * D], 10),
    ([T0 - 30 * D], 30),  # the 30th day still counts
    ([T0 - 30 * D - H], None),
    ([T0 - 40 * D, T0 - 3 * D], 3),  # the latest visit counts
    ([T0 + D], None),  # a later visit is no comeback of this one
    ([T0], None),  # the order itself
])
def test_comeback_is_the_same_vehicle_back_within_30_days(earlier, want):
    assert risk.comeback_days(T0, earlier) == want


@pytest.mark.parametrize("promised, delivered, want", [
    (T0 + 4 * H, T0 + 3 * H, None),
    (T0 + 4 * H, T0 + 4 * H, None),  # on time
    (T0 + 4 * H, T0 + 6 * H, 2.0),
    (None, T0 + 6 * H, None),  # no promise recorded: nothing missed
    (T0 + 4 * H, None, None),  # not delivered yet
])
def test_missed_promise_is_delivery_after_the_promised_time(promised, delivered, want):
    assert risk.hours_late(promised, delivered) == want


@pytest.mark.parametrize("stay, usual, want", [
    (5.0, 2.5, False), (5.1, 2.5, True), (1.0, 2.5, False), (None, 2.5, False), (100.0, None, False),
    (100.0, 0.0, False),
])
def test_long_stay_is_more_than_twice_the_usual_stay_of_the_work_type(stay, usual, want):
    assert risk.is_long_stay(stay, usual) is want


@pytest.mark.parametrize("work_type, feature", [
    ("maintenance", None), ("repair", "work_repair"), ("warranty", "work_warranty"), ("bodywork", "work_bodywork"),
    ("电瓶更换", "work_other"), ("", None), (None, None),
])
def test_work_types_as_features(work_type, feature):
    assert risk.work_feature(work_type) == feature


def planted(n=4000, seed=3):
    """Orders whose failure odds each reason multiplies by a known factor."""
    import random

    rnd = random.Random(seed)
    rows, failed = [], []
    for _ in range(n):
        x = {f: rnd.random() < 0.2 for f in ("comeback", "missed_promise", "long_stay", "earlier_failure", "open_case",
                                              "advisor_drifting", "work_type_drifting")}
        x["comeback_after_failure"] = x["comeback"] and rnd.random() < 0.3
        z = -2.0 + 1.0 * x["comeback"] + 2.0 * x["missed_promise"] + 0.8 * x["long_stay"] + 0.6 * x["earlier_failure"] \
            + 0.6 * x["open_case"]
        rows.append(x)
        failed.append(rnd.random() < 1 / (1 + pow(2.718281828, -z)))
    return rows, failed


@pytest.mark.parametrize("reason", ["comeback", "missed_promise", "long_stay", "earlier_failure", "open_case"])
def test_each_reason_raises_the_risk_and_is_named(reason):
    model = risk.fit(*planted())
    x = {reason: True}
    assert model.risk(x) > model.risk({}) * 1.3
    assert model.reasons(x) == (reason,)
    assert risk.REASONS[reason]


def test_the_reasons_come_largest_first_and_a_reason_that_lowers_risk_is_never_one():
    model = risk.fit(*planted())
    everything = {f: True for f in risk.FEATURES}
    reasons = model.reasons(everything)
    assert reasons[0] == "missed_promise" and len(reasons) <= 5
    coef = dict(zip(risk.FEATURES, model.coef[1:]))
    weighed = [r for r in reasons if r not in risk.ALWAYS_SAID]
    assert len(weighed) == 3 and all(coef[r] > 0 for r in weighed)
    assert set(risk.ALWAYS_SAID) <= set(reasons)  # a drift is said even when the model gives it no weight


def test_a_fit_without_history_or_of_one_kind_stays_finite():
    assert risk.fit([], []).risk({"comeback": True}) == 0.5
    m = risk.fit([{"comeback": True}] * 30, [True] * 30)
    assert 0 < m.risk({}) < 1 and 0 < m.risk({"comeback": True}) < 1


@pytest.mark.parametrize("risks, failed, auc", [
    ([0.9, 0.8, 0.2, 0.1], [True, True, False, False], 1.0),
    ([0.1, 0.2, 0.8, 0.9], [True, True, False, False], 0.0),
    ([0.5, 0.5, 0.5, 0.5], [True, False, True, False], 0.5),
    ([0.9, 0.1], [True, True], None),
])
def test_auc(risks, failed, auc):
    assert risk.auc(risks, failed) == auc


def test_lift_in_the_top_tenth():
    risks = [i / 100 for i in range(100)]
    failed = [i >= 90 for i in range(100)]  # the ten riskiest fail, nobody else
    assert risk.lift_top(risks, failed) == pytest.approx(10.0)
    assert risk.lift_top(risks, [True] * 100) == pytest.approx(1.0)
    assert risk.lift_top(risks, [False] * 100) is None
