"""The figures' rules, table by table: failure (Python and SQL alike), overdue, recovery rate."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.models import FeedbackForm, RepairOrder
from app.rules.figures import callback_completion, overdue_reasons, recovery_rate, time_to
from app.rules.failure import failure_of
from app.services import figures
from app.services.feedback.form_values import FormValues
from app.services.feedback.form_writer import store_forms
from app.services.uow import UnitOfWork

# DOMAIN.md: a failure when the overall score is below 8 or any item is graded D or E.
FAILURES = [
    # grades, overall, threshold, failure
    ("AAA", None, 8, False), ("AAA", 10, 8, False), ("AAA", 8, 8, False), ("AAA", 7, 8, True),
    ("AAA", 1, 8, True), ("BBB", 9, 8, False), ("CCC", None, 8, False), ("CCC", 8, 8, False),
    ("DAA", None, 8, True), ("ADA", 10, 8, True), ("AAD", 9, 8, True), ("EAA", 10, 8, True),
    ("AEA", None, 8, True), ("AAE", 8, 8, True), ("EED", 2, 8, True), ("BCB", 7, 8, True),
    ("aad", None, 8, True), ("AAA", 8, 9, True), ("AAA", 9, 9, False), ("AAA", 7, 7, False),
]


@pytest.mark.parametrize("grades,overall,threshold,failure", FAILURES)
def test_failure_of_a_form(grades, overall, threshold, failure):
    form = SimpleNamespace(timeliness=grades[0], repair_quality=grades[1], attitude=grades[2], overall=overall)
    assert failure_of(form, threshold) is failure


@pytest.mark.parametrize("threshold", [7, 8, 9])
def test_the_sql_failure_rule_is_the_python_one(store, threshold):
    """The database's failure condition (every count, share and list) picks the forms failure_of picks."""
    rows = [FormValues(i + 2, clock.today(), f"RO-{i}", "李娜", "王伟", f"1380000{i:04d}", f"京A{i:05d}",
                    g[0].upper(), g[1].upper(), g[2].upper(), overall, "unverified", "")
            for i, (g, overall, _t, _f) in enumerate(FAILURES)]
    with UnitOfWork(store) as uow:
        store_forms(uow, store.identity.home_dealer_id, rows, source="import")
        uow.commit()
    with store.session() as s:
        forms = {f.id: f for f in s.scalars(select(FeedbackForm))}
        by_sql = set(s.scalars(select(FeedbackForm.id).where(figures.failure_condition(threshold))))
        numbers = dict(s.execute(select(FeedbackForm.id, RepairOrder.number)
                                 .join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)).all())
    by_rule = {i for i, f in forms.items() if failure_of(f, threshold)}
    assert by_sql == by_rule
    assert 0 < len(by_rule) < len(forms)
    assert "RO-14" in {numbers[i] for i in by_rule}  # E/E/D, overall 2


T = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
H = timedelta(hours=1)


@pytest.mark.parametrize("closed,opened_h,responded,callbacks,want", [
    # hours before T the case opened; callbacks: (hours before T it was due, flagged)
    (False, 1, False, [], (False, False, False)),  # within 2 hours: not yet late
    (False, 3, False, [], (True, False, False)),  # no first response after 3 hours
    (False, 2, False, [], (False, False, False)),  # exactly 2 hours: not later than allowed
    (False, 300, True, [], (False, False, False)),  # old and answered, no callback: not overdue
    (False, 300, True, [(23, False)], (False, False, False)),  # due 23 h ago: within the 24 h grace
    (False, 300, True, [(25, False)], (False, True, False)),  # due 25 h ago: late
    (False, 300, True, [(-48, True)], (False, False, True)),  # flagged, though not due yet
    (False, 300, False, [(30, True)], (True, True, True)),
    (True, 300, False, [(30, True)], (False, False, False)),  # closed: never overdue
])
def test_overdue_reasons(closed, opened_h, responded, callbacks, want):
    got = overdue_reasons(closed=closed, opened_at=T - opened_h * H,
                          first_response_at=T - H if responded else None,
                          open_callbacks=[(T - h * H, flagged) for h, flagged in callbacks], now=T,
                          first_response_hours=2, callback_overdue_hours=24)
    assert (got.first_response, got.callback, got.callback_flagged) == want
    assert bool(got) is any(want)


@pytest.mark.parametrize("recovered,judged,rate", [(0, 0, None), (8, 12, 8 / 12), (0, 5, 0.0), (3, 3, 1.0)])
def test_recovery_rate(recovered, judged, rate):
    assert recovery_rate(recovered, judged) == rate


@pytest.mark.parametrize("reached,due,share", [(0, 0, None), (3, 4, 0.75), (0, 2, 0.0), (5, 5, 1.0)])
def test_callback_completion(reached, due, share):
    assert callback_completion(reached, due) == share


def test_time_to_first_response_or_resolution():
    assert time_to(T, None) is None
    assert time_to(T, T + 90 * timedelta(minutes=1)) == timedelta(hours=1.5)
