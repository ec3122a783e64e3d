"""The desk's risk model: fitted on the dealer's history off the UI thread and kept in the store, so Today reads
it without fitting; the advisors and work types drifting now, from the early warnings stored."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select

from app.foundation import clock
from app.models import Dealer, EarlyWarning, RepairOrder, StoreMeta
from app.rules import risk as rules
from app.services.predict.risk import DriftingNow, Fitted, OrderFacts, fit_on, read_facts

_KEY = "risk.model."  # store_meta: + the dealer's id; the model last fitted (JSON)
DRIFT_KINDS = ("advisor", "work_type")  # the warnings that become a risk reason


@dataclass(frozen=True)
class SavedModel:
    fitted: Fitted
    day: date  # the day it was fitted (the program's clock)


@dataclass(frozen=True)
class _Fired:
    """A stored warning as the history reads it: which series, and the day it fired."""

    kind: str
    subject: str
    fired_on: date


def stored_warnings(session, dealer_id: str) -> list[_Fired]:
    """The advisor and work-type warnings stored for the dealer, each known from the day it fired."""
    return [_Fired(k, s, d) for k, s, d in session.execute(
        select(EarlyWarning.kind, EarlyWarning.subject, EarlyWarning.fired_on)
        .where(EarlyWarning.dealer_id == dealer_id, EarlyWarning.kind.in_(DRIFT_KINDS)))]


def drifting_now(session, dealer_id: str, today: date | None = None) -> DriftingNow:
    """Advisors and work types with a stored warning no supervisor has acknowledged yet, or one that fired
    within the last ``rules.DRIFT_DAYS`` days (acknowledged or not: the drift is still recent)."""
    today = today or clock.today()
    rows = session.execute(
        select(EarlyWarning.kind, EarlyWarning.subject)
        .where(EarlyWarning.dealer_id == dealer_id, EarlyWarning.kind.in_(DRIFT_KINDS),
               EarlyWarning.fired_on <= today,
               or_(EarlyWarning.acknowledged_at.is_(None),
                   EarlyWarning.fired_on >= today - timedelta(days=rules.DRIFT_DAYS)))).all()
    return DriftingNow(frozenset(s for k, s in rows if k == "advisor"),
                       frozenset(s for k, s in rows if k == "work_type"))


def saved_model(session, dealer_id: str) -> SavedModel | None:
    """The model last fitted for the dealer, or None (never fitted here, or a damaged row: fit again)."""
    row = session.get(StoreMeta, _KEY + dealer_id)
    if row is None:
        return None
    try:
        d = json.loads(row.value)
        coef = tuple(float(c) for c in d["coef"])
        if len(coef) != len(rules.FEATURES) + 1:  # fitted by a program with other features
            return None
        model = rules.Model(coef, int(d["fitted_on"]), int(d["failures"]))
        usual = {str(k): float(v) for k, v in d["usual"].items()}
        return SavedModel(Fitted(model, usual), date.fromisoformat(d["day"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def refit(store, dealer_id: str | None = None, today: date | None = None) -> tuple[Fitted, list[OrderFacts]]:
    """Fit the model on the dealer's whole history as it is now and keep it; the model and the history.
    Reads every order: run it off the UI thread."""
    dealer_id = dealer_id or store.identity.home_dealer_id
    with store.session() as s:
        fired = stored_warnings(s, dealer_id)
    facts = read_facts(store, dealer_id, fired)
    fitted = fit_on(facts)
    value = json.dumps({"coef": list(fitted.model.coef), "fitted_on": fitted.model.fitted_on,
                        "failures": fitted.model.failures, "usual": fitted.usual,
                        "day": (today or clock.today()).isoformat()})
    with store.session() as s, s.begin():  # this counter's own cache of a result: no event, nothing travels
        row = s.get(StoreMeta, _KEY + dealer_id)
        if row is None:
            s.add(StoreMeta(key=_KEY + dealer_id, value=value))
        elif row.value != value:
            row.value = value
    return fitted, facts


@dataclass(frozen=True)
class Refitted:
    """A dealer's model fitted and kept: on how many orders with a form, how many of them failed."""

    dealer: str  # its code
    fitted_on: int  # orders with a form the model learnt from
    failures: int


def refit_every(store, dealer_code: str | None = None, today: date | None = None) -> list[Refitted]:
    """`orders refit`, which the desk runs in a process of its own: the model fitted and kept for the dealer
    named (DealerNotHere when the store can't give it), else for the store's own dealer and every other
    dealer whose repair orders it holds."""
    if dealer_code:
        from app.services.dealer_data import reported_dealer

        dealer_code = reported_dealer(store, dealer_code)  # as the store spells it
    with store.session() as s:
        if dealer_code:
            dealers = [s.scalar(select(Dealer.id).where(Dealer.code == dealer_code))]
        else:
            held = set(s.scalars(select(RepairOrder.dealer_id).distinct()))
            dealers = [store.identity.home_dealer_id, *sorted(held - {store.identity.home_dealer_id})]
        codes = dict(s.execute(select(Dealer.id, Dealer.code).where(Dealer.id.in_(dealers))).all())
    out = []
    for d in dealers:
        fitted, _facts = refit(store, d, today)
        out.append(Refitted(codes.get(d, d), fitted.model.fitted_on, fitted.model.failures))
    return out
