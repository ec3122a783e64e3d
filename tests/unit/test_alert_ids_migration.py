"""Migration figures_alert_ids: alerts stored before get the id derived from their form, one per form."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, text

from app.foundation import clock
from app.foundation.ids import new_id
from app.models import Alert
from app.models.store import _alembic_config, upgrade
from app.services.today import alerts
from app.services.feedback.form_values import FormValues
from app.services.feedback.form_writer import store_forms
from app.services.uow import UnitOfWork
from tests.helpers import downgrade


def test_old_alerts_are_rekeyed_and_a_second_one_for_a_form_is_dropped(store):
    from alembic import command

    dealer = store.identity.home_dealer_id
    with UnitOfWork(store) as uow:
        store_forms(uow, dealer, [FormValues(i + 2, clock.today(), f"RO-{i}", "李娜", "王伟", f"1380000{i:04d}",
                                          f"京A{i:05d}", "E", "A", "A", None, "unverified", "") for i in range(2)],
                    source="import")
        uow.commit()
    downgrade(store.engine, "0005_today")
    t = clock.now()
    with store.session() as s, s.begin():
        f0, f1 = sorted(s.scalars(text("SELECT id FROM feedback_form")))
        # Form 0: alerted twice before (two routes); the acknowledged one is kept. Form 1: once.
        old = [(new_id(), f0, t, None), (new_id(), f0, t + timedelta(minutes=1), t), (new_id(), f1, t, None)]
        for aid, fid, at, ack in old:
            s.execute(text("INSERT INTO alert (id, dealer_id, kind, form_id, text, created_at, acknowledged_at) "
                           "VALUES (:id, :d, 'failure_form', :f, '', :at, :ack)"),
                      {"id": aid, "d": dealer, "f": fid, "at": at.isoformat(sep=" "),
                       "ack": ack.isoformat(sep=" ") if ack else None})
    upgrade(store.engine)
    with store.session() as s:
        got = {a.form_id: (a.id, a.acknowledged_at is not None) for a in s.scalars(select(Alert))}
        assert got == {f0: (alerts.alert_id_for_form(f0), True), f1: (alerts.alert_id_for_form(f1), False)}
        assert alerts.ensure_for_forms(s, dealer, [f0, f1]) == []
