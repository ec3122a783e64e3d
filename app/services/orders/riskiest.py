"""Today's riskiest 3-day calls, and the call list's every due call: the due calls ranked by the model the desk
last fitted (never fitted here), so they read only the due orders and the little history their reasons need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.foundation import clock
from app.services.orders.calls import DueCall, as_calls, due_rows
from app.rules import risk as rules
from app.services.predict.risk import Fitted, read_facts
from app.services.predict.risk_model import drifting_now, saved_model

SHOWN = 5  # Today lists the few to call first; the call list has them all


@dataclass(frozen=True)
class RiskiestCalls:
    # The riskiest due calls, at most ``limit``; none before a model is fitted. Without a limit (the call
    # list) every due call, and before a model is fitted too: by their due day, each risk unknown yet.
    calls: tuple[DueCall, ...]
    due: int  # every call due today
    fitted_on: date | None  # the day the model was fitted; None: never (`orders refit`, in a process of its own)


# No model yet: every risk the same, so the calls come by their due day; only a drift is a reason.
_UNFITTED = Fitted(rules.Model((0.0,) * (len(rules.FEATURES) + 1), 0, 0))


def riskiest_calls(store, limit: int | None = SHOWN, today: date | None = None) -> RiskiestCalls:
    today = today or clock.today()
    dealer_id = store.identity.home_dealer_id
    with store.session() as s:
        saved = saved_model(s, dealer_id)
        rows = due_rows(s, dealer_id, today)
        if (saved is None and limit is not None) or not rows:
            return RiskiestCalls((), len(rows), saved.day if saved else None)
        facts = read_facts(store, dealer_id, of_orders=[r.id for r in rows],
                           drifting=drifting_now(s, dealer_id, today))
        calls = as_calls(s, rows, saved.fitted if saved else _UNFITTED, facts, limit)
    return RiskiestCalls(tuple(calls), len(rows), saved.day if saved else None)
