"""At the desk, an advisor or work type drifting now is a risk reason of its due calls: read from the early
warnings stored (unacknowledged, or fired within the last DRIFT_DAYS), under the reason codes the backtest
uses; another advisor's, another dealer's, an old acknowledged or a not yet fired warning is none."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.foundation.ids import new_id
from app.models import Dealer, EarlyWarning
from app.services.orders.calls import due_calls
from app.services.orders.riskiest import riskiest_calls
from app.services.predict.risk_model import refit
from tests.unit.test_riskiest_calls import stocked
from tests.unit.test_three_day_calls import order

ADVISOR = "advisor 张伟's failures are drifting up"  # the due order's advisor (tests.unit.test_three_day_calls)
WORK = "failures of maintenance are drifting up"  # its work type, 保养 as stored


def warning(dealer_id, kind, subject, days_ago, acknowledged=False):
    fired = clock.today() - timedelta(days=days_ago)
    return EarlyWarning(id=new_id(), dealer_id=dealer_id, kind=kind, subject=subject, item=None,
                        since=fired - timedelta(days=7), fired_on=fired, baseline=0.1, limit_value=2.0, forms=12,
                        failures=5, repair_orders=[], created_at=clock.now(),
                        acknowledged_at=clock.now() if acknowledged else None, note="")


CASES = [
    # (the warnings stored: (dealer, kind, subject, fired days ago, acknowledged)), the reasons of the due call
    ([], []),
    ([("home", "advisor", "张伟", 60, False)], [ADVISOR]),  # not acknowledged: still drifting, however old
    ([("home", "advisor", "张伟", 10, True)], [ADVISOR]),  # acknowledged, but recent
    ([("home", "advisor", "张伟", 30, True)], [ADVISOR]),  # the last day it counts
    ([("home", "advisor", "张伟", 31, True)], []),  # acknowledged and past
    ([("home", "advisor", "李娜", 5, False)], []),  # another advisor
    ([("home", "work_type", "maintenance", 5, False)], [WORK]),
    ([("home", "work_type", "repair", 5, False)], []),  # another work type
    ([("home", "advisor", "张伟", 5, False), ("home", "work_type", "maintenance", 40, False)], [ADVISOR, WORK]),
    ([("home", "advisor", "张伟", -1, False)], []),  # fires tomorrow: not known today
    ([("other", "advisor", "张伟", 5, False)], []),  # another dealer's advisor of the same name
    ([("home", "item", "timeliness", 5, False)], []),  # an item is no order's reason
]


@pytest.mark.parametrize("stored, reasons", CASES)
def test_the_due_calls_reasons_with_and_without_a_stored_warning(store, tmp_path, stored, reasons):
    stocked(store, tmp_path, [order("DUE", 4, i=80)])
    with store.session() as s, s.begin():
        home = s.scalar(select(Dealer.id))
        s.add(Dealer(id="other-dealer", code="D9", name="D9", created_at=clock.now()))
        s.flush()
        for dealer, kind, subject, days, ack in stored:
            s.add(warning(home if dealer == "home" else "other-dealer", kind, subject, days, ack))
    words = lambda call: [text.format(**p) for text, p in call.reasons]  # noqa: E731
    [call] = due_calls(store)  # the call list
    assert words(call) == reasons
    refit(store)
    [shown] = riskiest_calls(store).calls  # Today
    assert words(shown) == reasons and shown.risk == pytest.approx(call.risk)
