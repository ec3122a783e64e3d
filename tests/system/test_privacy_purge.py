"""Personal data kept no longer than needed: a customer whose last case or form is older than the
retention period is anonymised at the counter that purges, at head office and at the dealer's other
counter; afterwards no byte of any SQLite file, its WAL or the newest backup holds their name, phone
or plate, searches don't find them, and the month's figures are the same. Head office's intake runs in
this process on SQLite here (the apply code `hq serve` runs); PostgreSQL: tests/system/test_privacy_network.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.foundation.errors import InvalidInput
from app.models import Customer, Event, Vehicle
from app.rules import privacy
from app.services import assessment
from app.services.cases import case_queries
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.cases.case_log import NotAllowed
from app.services.cases.opening import open_case
from app.services.privacy.purging import purge
from tests.synchelp import new_case, two_in_process
from tests.system.two_counters import newest_backup_bytes, sqlite_bytes, store_bytes

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")

OLD = ("李明远", "13812345678", "京A12345", "LFV2A21K8D4012345")  # last seen four years ago
NEW = ("王芳", "13900000001", "京B22222")  # seen last month


@pytest.mark.parametrize("name,family", [("王小明", "王"), ("李明", "李"), ("John Smith", "Smith"),
                                         ("  欧阳 娜娜 ", "娜娜"), ("Madonna", "M"), ("", "")])
def test_a_name_keeps_its_family_name(name, family):
    assert privacy.family_name(name) == family


@pytest.mark.parametrize("today,years,cutoff", [
    ("2026-12-05", 3, "2023-12-05"), ("2028-02-29", 3, "2025-02-28"), ("2026-01-01", 1, "2025-01-01")])
def test_the_retention_cutoff(today, years, cutoff):
    from datetime import date

    assert privacy.retention_cutoff(date.fromisoformat(today), years) == date.fromisoformat(cutoff)


def test_tokens_are_random_and_fit_a_plate():
    a, b = (privacy.token(h) for h in ("0123456789ab", "ba9876543210"))
    assert a != b and len(a) == 16 and privacy.is_token(a) and not privacy.is_token("13812345678")
    assert privacy.mask_phone(a) == "****" and privacy.mask_phone("13812345678") == "138****5678"


def _figures(store, month):
    s = assessment.month_summary(store, month)
    return (s.forms, s.total, s.average, s.failures)


def test_an_old_customer_is_anonymised_everywhere_and_the_figures_stay(tmp_path):
    with two_in_process(tmp_path) as (db, a, b, sync):
        admin = users.create_first_admin(a, "admin", "管理员", "1234")
        sup = users.create_user(a, "sup", "赵主管", "2468", "supervisor", actor_id=admin.user_id)
        long_ago = clock.today() - timedelta(days=4 * 365)
        old_month = long_ago.strftime("%Y-%m")
        name, phone, plate, vin = OLD
        feedback_forms.enter_form(a, feedback_forms.FormEntry("RO-OLD-1", long_ago, name, phone, plate,
                                                              "A", "D", "C", overall=5), admin)
        open_case(a, new_case(customer_name=name, phone=phone, plate=plate, vin=vin, customer_words="刹车异响"),
                  admin.user_id, at=clock.now() - timedelta(days=4 * 365))
        feedback_forms.enter_form(a, feedback_forms.FormEntry("RO-NEW-1", clock.today() - timedelta(days=30),
                                                              *NEW, "A", "A", "B"), admin)
        sync(a, b, a)
        before = [_figures(st, old_month) for st in (a, b)]
        assert _figures(a, old_month)[0] == 1
        with pytest.raises(NotAllowed):
            purge(a, sup.user_id)  # an administrator's
        dry = purge(a, admin.user_id, dry_run=True)
        assert (dry.customers, dry.cases, dry.forms) == (1, 1, 1)
        with a.session() as s:
            assert s.scalar(select(Customer.name).where(Customer.phone == phone)) == name  # nothing changed yet
        done = purge(a, admin.user_id)
        assert (done.customers, done.cases, done.forms, done.dry_run) == (1, 1, 1, False)
        sync(b, a, b)

        for st in (a, b, db):
            with st.session() as s:
                people = sorted(s.execute(select(Customer.name, Customer.phone)).all())
                assert [p[0] for p in people] == ["李", "王芳"], people
                assert privacy.is_token(people[0][1])
                assert all(privacy.is_token(p) or p == NEW[2] for p in s.scalars(select(Vehicle.plate)))
                assert not [e for e in s.scalars(select(Event))
                            if any(v in str(e.payload) for v in OLD)], "an event still names the customer"
        assert [_figures(st, old_month) for st in (a, b)] == before
        assert case_queries.find_customers(a, phone) == [] and case_queries.find_customers(a, "京A12") == []
        assert [m.name for m in case_queries.find_customers(a, "1390000")] == ["王芳"]  # the others stay
        purge(a, admin.user_id)  # nothing more is due: nothing changes
        kept = b"".join(f.read_bytes() for f in (tmp_path / "inbox").rglob("*.casefile"))
        assert not [v for v in OLD if v.encode() in kept], "head office's inbox keeps a file naming them"
        for where, data in (("counter a", store_bytes(a.path.parent)), ("counter b", store_bytes(b.path.parent)),
                            ("head office", sqlite_bytes(tmp_path / "hq.sqlite3")),
                            ("counter a's newest backup", newest_backup_bytes(a.path.parent)),
                            ("counter b's newest backup", newest_backup_bytes(b.path.parent))):
            for value in OLD:
                assert value.encode() not in data, f"{where} still holds {value}"
            assert NEW[0].encode() in data or "backup" in where, where  # the search itself can find text
