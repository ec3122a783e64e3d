"""The demo's repair orders: one per form, valid times, and the planted patterns that docs/prediction.md
names (comebacks, missed promises, long stays and some work types failing far more often)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.models import Event, FeedbackForm, RepairOrder
from app.rules.failure import failure_of
from app.services.demo.sample_data import fill_demo
from app.services.orders.demo_orders import TYPICAL_HOURS


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from tests.helpers import fresh_store

    store = fresh_store(tmp_path_factory.mktemp("demo"))
    fill_demo(store, 3000, 0, seed=11)
    with store.session() as s:
        got = [(ro, f) for ro, f in s.execute(select(RepairOrder, FeedbackForm)
                                                .join(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id))]
        for ro, f in got:
            s.expunge(ro)
            s.expunge(f)
        events = s.scalar(select(Event.id).where(Event.entity_type == "order").limit(1))
    store.close()
    return got, events


def features(rows):
    by_vehicle: dict[str, list] = {}
    for ro, _ in rows:
        by_vehicle.setdefault(ro.vehicle_id, []).append(ro.opened_at)
    for ro, f in rows:
        yield {
            "comeback": any(timedelta(0) < ro.opened_at - t <= timedelta(days=30) for t in by_vehicle[ro.vehicle_id]),
            "missed_promise": ro.delivered_at > ro.promised_at,
            "long_stay": (ro.delivered_at - ro.opened_at).total_seconds() / 3600 > 2 * TYPICAL_HOURS[ro.work_type],
            "bodywork": ro.work_type == "bodywork",
        }, failure_of(f, 8)


def test_every_form_has_its_order_with_times_in_order_and_a_history(demo):
    rows, event = demo
    assert len(rows) == 3000 and event is not None
    now = clock.now()
    for ro, f in rows:
        assert ro.opened_at < ro.delivered_at <= now and ro.promised_at > ro.opened_at
        assert ro.opened_on <= f.service_date and ro.source == "demo" and ro.work_type in TYPICAL_HOURS


@pytest.mark.parametrize("pattern, at_least", [("comeback", 2.0), ("missed_promise", 3.0), ("long_stay", 2.0),
                                               ("bodywork", 1.5)])
def test_each_planted_pattern_fails_far_more_often(demo, pattern, at_least):
    counts = {True: [0, 0], False: [0, 0]}
    for f, failed in features(demo[0]):
        counts[f[pattern]][0] += 1
        counts[f[pattern]][1] += failed
    share = {k: fails / n for k, (n, fails) in counts.items()}
    assert share[True] >= at_least * share[False], share
