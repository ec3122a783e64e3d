"""The risk of a repair order failing: the reasons as rules on what is known at delivery, a logistic model
(numpy) fitted on the dealer's own history, and its largest contributions as reasons in words."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules.work_types import BODYWORK, REPAIR, STANDARD, WARRANTY

COMEBACK_DAYS = 30
LONG_STAY_FACTOR = 2.0  # a stay more than twice the work type's usual one is long
DRIFT_DAYS = 30  # a warning fired within these days marks its advisor or work type as drifting

# The model's features, in the order of its coefficients (after the intercept); a work type is one of
# the three standard ones that differ from maintenance, or "other" (written otherwise).
FEATURES = ("comeback", "comeback_after_failure", "missed_promise", "long_stay", "earlier_failure", "open_case", "advisor_drifting",
            "work_type_drifting", "work_repair", "work_warranty", "work_bodywork", "work_other")
ALWAYS_SAID = ("advisor_drifting", "work_type_drifting")  # said whenever set (Model.reasons)
WORK_FEATURE = {REPAIR: "work_repair", WARRANTY: "work_warranty", BODYWORK: "work_bodywork"}

# Each reason in words (context "Risk"); the parameters come from the order (see Order.reason_params).
REASONS = {
    "comeback": QT_TRANSLATE_NOOP("Risk", "came back within 30 days (last visit {days} days before)"),
    "comeback_after_failure": QT_TRANSLATE_NOOP("Risk", "came back after a failed visit: not fixed right the first time?"),
    "missed_promise": QT_TRANSLATE_NOOP("Risk", "promised time missed by {late} h"),
    "long_stay": QT_TRANSLATE_NOOP("Risk", "long stay: {stay} h, usually {usual} h for this work"),
    "earlier_failure": QT_TRANSLATE_NOOP("Risk", "this customer had a failed visit before"),
    "open_case": QT_TRANSLATE_NOOP("Risk", "this customer has an open case"),
    "advisor_drifting": QT_TRANSLATE_NOOP("Risk", "advisor {advisor}'s failures are drifting up"),
    "work_type_drifting": QT_TRANSLATE_NOOP("Risk", "failures of {work_type} are drifting up"),
    "work_repair": QT_TRANSLATE_NOOP("Risk", "{work_type} fails more often at this dealer"),
    "work_warranty": QT_TRANSLATE_NOOP("Risk", "{work_type} fails more often at this dealer"),
    "work_bodywork": QT_TRANSLATE_NOOP("Risk", "{work_type} fails more often at this dealer"),
    "work_other": QT_TRANSLATE_NOOP("Risk", "{work_type} fails more often at this dealer"),
}


# A risk's level in words (context "Risk"), from the highest floor it reaches: a failure in one call of two
# is high (the dealer plan's failure share target is 8%, so one in five already stands out).
LEVELS = ((0.5, QT_TRANSLATE_NOOP("Risk", "high risk")), (0.2, QT_TRANSLATE_NOOP("Risk", "raised risk")),
          (0.0, QT_TRANSLATE_NOOP("Risk", "low risk")))


def level_words(risk: float) -> str:
    """The words (to translate, context "Risk") of the level a risk reaches."""
    return next(words for floor, words in LEVELS if risk >= floor)


def comeback_days(opened_at: datetime, earlier: list[datetime]) -> int | None:
    """Days since the same vehicle's last visit when it was within COMEBACK_DAYS before this one, else None."""
    before = [t for t in earlier if t < opened_at and opened_at - t <= timedelta(days=COMEBACK_DAYS)]
    return (opened_at - max(before)).days if before else None


def hours_late(promised_at: datetime | None, delivered_at: datetime | None) -> float | None:
    """How late the car was delivered against the promise (hours), or None when it was not late."""
    if promised_at is None or delivered_at is None or delivered_at <= promised_at:
        return None
    return (delivered_at - promised_at).total_seconds() / 3600


def stay_hours(opened_at: datetime | None, delivered_at: datetime | None) -> float | None:
    if opened_at is None or delivered_at is None:
        return None
    return (delivered_at - opened_at).total_seconds() / 3600


def is_long_stay(stay: float | None, usual: float | None) -> bool:
    return stay is not None and bool(usual) and stay > LONG_STAY_FACTOR * usual


def work_feature(work_type: str | None) -> str | None:
    """Which work-type feature an order sets (None for maintenance or none given)."""
    if not work_type:
        return None
    if work_type in STANDARD:
        return WORK_FEATURE.get(work_type)
    return "work_other"


@dataclass(frozen=True)
class Model:
    """Coefficients of the logistic model (intercept first, then FEATURES); ``fitted_on`` orders."""

    coef: tuple[float, ...]
    fitted_on: int
    failures: int

    def risk(self, x: dict[str, bool]) -> float:
        z = self.coef[0] + sum(c for c, f in zip(self.coef[1:], FEATURES) if x.get(f))
        return 1.0 / (1.0 + math.exp(-z))

    def reasons(self, x: dict[str, bool], most: int = 3) -> tuple[str, ...]:
        """The features set on this order that raise its risk most (their contributions largest first), then
        a drift the model does not weigh yet: a warning is evidence of its own, and the history a model
        learns a drift's weight from grows only after the warnings have fired."""
        raised = sorted(((c, f) for c, f in zip(self.coef[1:], FEATURES) if x.get(f) and c > 0), reverse=True)
        out = [f for _c, f in raised[:most]]
        return tuple(out + [f for f in ALWAYS_SAID if x.get(f) and f not in out])


def fit(rows: list[dict[str, bool]], failed: list[bool], *, ridge: float = 1.0, iterations: int = 25) -> Model:
    """A logistic model by Newton's method with a small ridge (so a feature no order has, or one that
    always fails, still gets a finite coefficient); the intercept is not shrunk."""
    import numpy as np  # here and in auc only: numpy's import (~0.3 s) stays off start-up's path to Today

    n = len(rows)
    y = np.asarray(failed, dtype=float)
    if n == 0:
        return Model((0.0,) * (len(FEATURES) + 1), 0, 0)
    X = np.ones((n, len(FEATURES) + 1))
    for j, f in enumerate(FEATURES, start=1):
        X[:, j] = [1.0 if r.get(f) else 0.0 for r in rows]
    prior = (y.sum() + 0.5) / (n + 1.0)
    beta = np.zeros(X.shape[1])
    beta[0] = math.log(prior / (1 - prior))
    penalty = np.full(X.shape[1], ridge)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(X @ beta)))
        grad = X.T @ (y - p) - penalty * beta
        w = p * (1 - p)
        hess = (X.T * w) @ X + np.diag(penalty) + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(hess, grad)
        beta += step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return Model(tuple(float(b) for b in beta), n, int(y.sum()))


def auc(risks: list[float], failed: list[bool]) -> float | None:
    """The chance a failing order is ranked above a good one (ties count half); None without both kinds."""
    import numpy as np

    pos = sum(failed)
    neg = len(failed) - pos
    if not pos or not neg:
        return None
    order = np.argsort(np.asarray(risks), kind="mergesort")
    r = np.asarray(risks)[order]
    ranks = np.empty(len(r))
    i = 0
    while i < len(r):  # average ranks over ties
        j = i
        while j + 1 < len(r) and r[j + 1] == r[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    pos_ranks = ranks[np.asarray(failed)[order].astype(bool)].sum()
    return float((pos_ranks - pos * (pos + 1) / 2) / (pos * neg))


def lift_top(risks: list[float], failed: list[bool], share: float = 0.1) -> float | None:
    """The failure share among the riskiest ``share`` of orders over the failure share of all of them."""
    n = len(risks)
    total = sum(failed)
    if not n or not total:
        return None
    k = max(1, round(n * share))
    top = sorted(range(n), key=lambda i: -risks[i])[:k]
    return (sum(failed[i] for i in top) / k) / (total / n)
