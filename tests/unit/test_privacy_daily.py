"""The daily purge runs once a day with no one acting; a purge names only the dealer's own customer;
tokens say nothing of the value and are the same wherever the same customer is anonymised."""

from datetime import timedelta

from sqlalchemy import select

from app.foundation import clock
from app.models import Customer, Vehicle
from app.rules import privacy
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.privacy import purging
from app.services.uow import UnitOfWork


def _old_form(store, who, ro, name, phone, plate, days):
    feedback_forms.enter_form(store, feedback_forms.FormEntry(ro, clock.today() - timedelta(days=days), name, phone,
                                                              plate, "A", "B", "C"), who)


def test_the_daily_purge_runs_once_a_day_and_only_on_old_customers(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    _old_form(store, admin, "RO1", "李明远", "13812345678", "京A12345", 3 * 366)
    _old_form(store, admin, "RO2", "王芳", "13900000001", "京B22222", 3 * 365 - 10)  # not yet 3 years
    first = purging.purge_if_due(store)
    assert (first.customers, first.forms) == (1, 1)
    assert purging.purge_if_due(store) is None  # once a day
    with store.session() as s:
        rows = dict(s.execute(select(Customer.name, Customer.phone)).all())
        cid = s.scalar(select(Customer.id).where(Customer.name == "李"))
        vid = s.scalar(select(Vehicle.id).where(Vehicle.customer_id == cid))
        assert s.scalar(select(Vehicle.plate).where(Vehicle.id == vid)) == purging._token(vid, "plate")
    assert rows == {"李": purging._token(cid, "phone"), "王芳": "13900000001"}
    assert privacy.is_token(rows["李"]) and "13812345678" not in rows["李"]


def test_a_purge_from_a_file_touches_only_the_dealers_own_customer(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    _old_form(store, admin, "RO1", "李明远", "13812345678", "京A12345", 10)
    with store.session() as s:
        cid = s.scalar(select(Customer.id))
    payload = {"purge": "p1", "customer": cid, "name": "李", "phone": purging._token(cid, "phone"), "plates": {}}
    event = {"kind": purging.FORM_PURGED, "payload": payload}
    with UnitOfWork(store, None, write=True) as uow:
        assert purging.settle(uow.session, "another dealer", [event]) == 0
        uow.commit()
    with store.session() as s:
        assert s.scalar(select(Customer.name)) == "李明远"
    with UnitOfWork(store, None, write=True) as uow:
        assert purging.settle(uow.session, store.identity.home_dealer_id, [event, event]) == 1  # once
        uow.commit()
    with store.session() as s:
        assert s.scalar(select(Customer.name)) == "李"
