"""Today's open alerts are read on the tables' columns (app.services.today.alerts): the same alerts, in the
same order, with the same grades, customer and "still a failure" as the mapped classes read them, for
alerts acknowledged or not, without a form, on forms corrected since, at this dealer and at another one;
and no statement of theirs goes through the ORM layer (compiling it there was most of their first read)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, select

from app.models import Alert, Customer, FeedbackForm, RepairOrder
from app.rules.failure import failure_of
from app.services import settings
from app.services.demo.sample_data import fill_demo
from app.services.today.alerts import AlertInfo, count_open_alerts, ensure_for_failing, open_alerts


def _open_alerts_before(store, limit):
    """open_alerts as it read before, on the mapped classes: the reference."""
    with store.session() as s:
        q = (select(Alert, FeedbackForm, RepairOrder.number, Customer.name)
             .outerjoin(FeedbackForm, FeedbackForm.id == Alert.form_id)
             .outerjoin(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
             .outerjoin(Customer, Customer.id == RepairOrder.customer_id)
             .where(Alert.dealer_id == store.identity.home_dealer_id, Alert.acknowledged_at.is_(None))
             .order_by(Alert.created_at.desc()).limit(limit))
        threshold = settings.get(s, "failure.overall_threshold")
        out = []
        for a, f, number, name in s.execute(q):
            grades = f"{f.timeliness}{f.repair_quality}{f.attitude}" if f else ""
            out.append(AlertInfo(a.id, a.kind, a.form_id, a.case_id, number or "", name or "", grades,
                                 f.overall if f else None, a.created_at,
                                 still_failure=f is None or failure_of(f, threshold)))
        return out


@pytest.fixture
def alerted(store):
    fill_demo(store, forms=400, cases=40, seed=3)
    fill_demo(store, forms=150, cases=10, dealer_code="OTHER", seed=4)  # another dealer's: never listed
    with store.session() as s:  # an alert for every form, failing or not (those that pass: no longer failures)
        ensure_for_failing(s, dict(s.execute(select(FeedbackForm.id, FeedbackForm.dealer_id)).all()))
        s.commit()
    con = sqlite3.connect(store.path)
    con.execute("UPDATE alert SET created_at = datetime(created_at, '-' || (rowid * 37 % 1000) || ' minutes')")
    con.execute("UPDATE alert SET acknowledged_at = created_at WHERE rowid % 5 = 0")
    # without a form: a case's alert (its form's alert kept by id only)
    con.execute("UPDATE alert SET form_id = NULL, case_id = (SELECT id FROM failure_case LIMIT 1) WHERE rowid % 7 = 1")
    # forms corrected since into forms that are no longer failures, or whose overall score was cleared
    con.execute("UPDATE feedback_form SET timeliness = 'A', repair_quality = 'A', attitude = 'A', overall = 10 "
                "WHERE id IN (SELECT form_id FROM alert WHERE rowid % 3 = 0)")
    con.execute("UPDATE feedback_form SET overall = NULL WHERE id IN (SELECT form_id FROM alert WHERE rowid % 4 = 2)")
    # alerts made at one instant: the order among them is the statement's, the same for both
    con.execute("UPDATE alert SET created_at = (SELECT max(created_at) FROM alert) WHERE rowid % 6 = 4")
    con.commit()
    con.close()
    return store


def test_the_open_alerts_are_those_the_mapped_classes_read(alerted):
    every = _open_alerts_before(alerted, None)
    assert len(every) > 50 and count_open_alerts(alerted) == len(every)
    assert any(a.form_id is None for a in every) and any(not a.still_failure for a in every)
    assert any(a.form_id and a.overall is None for a in every) and all(a.customer for a in every if a.form_id)
    for limit in (None, 1, 7, 50, len(every), len(every) + 3):
        assert open_alerts(alerted, limit) == _open_alerts_before(alerted, limit)


def test_the_open_alerts_are_read_without_the_orm_layer(alerted):
    seen = []
    listen = lambda state: seen.append(state.is_orm_statement)  # noqa: E731
    event.listen(alerted.session_factory, "do_orm_execute", listen)
    try:
        alerts, count = open_alerts(alerted), count_open_alerts(alerted)
    finally:
        event.remove(alerted.session_factory, "do_orm_execute", listen)
    assert alerts and count
    # the alerts, their count and the setting read (the failure threshold), none through the ORM layer
    assert seen == [False, False, False], seen
