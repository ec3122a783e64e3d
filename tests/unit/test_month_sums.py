"""Head office's month sums give the figures the forms give: the network report's per-dealer month
pairs and the 12-month trend, for every basis and failure threshold, on SQLite and PostgreSQL,
after files arrive through the import, after a form is corrected at a counter and sent again, and
after a file arrives twice."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.helpers import downgrade
from app.foundation import clock
from app.hq.receive import receive
from app.models import FeedbackForm, HqFormMonth
from app.models.store import open_database
from app.reports.feedback import TREND_MONTHS, months_back, trend
from app.reports.figures import month_pair_by
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.assessment import previous
from app.services.imports.feedback_store import import_feedback_file
from app.services.network import month_sums
from app.sync import outbox
from tests.synchelp import enrol_in_process

HEADER = "date,repair_order,advisor,customer,phone,plate,timeliness,repair_quality,attitude,overall,verified,comment\n"
GRADES = ["A,A,A", "A,D,A", "B,B,B", "A,A,E", "C,B,A", "A,A,A"]
OVERALL = ["10", "", "6", "9", "7", "8"]


@pytest.fixture(params=["sqlite", "postgresql"])
def hq(request, tmp_path):
    url = (request.getfixturevalue("sqlite_hq_url") if request.param == "sqlite"
           else request.getfixturevalue("pg_url_at_head"))
    db = open_database(url)
    yield db
    db.close()


def _import(store, path, rows, actor_id):
    lines = [f"{d.isoformat()},RO-{path.stem}-{i},李娜,客户{i},1390000{i:04d},京B{i:05d},{g},{o},{v},\n"
             for i, (d, g, o, v) in enumerate(rows)]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    import_feedback_file(store, path, actor_id=actor_id)


def _send(store, db, out) -> list[str]:
    """Every waiting file of the counter through head office's import (files sent before come again)."""
    return [receive(db, f.read_bytes()).status for f in outbox.export(store, out)]


def _months():
    today = clock.today()
    this = (today.year, today.month)
    return this, previous(*this), previous(*previous(*this))


def _assert_sums_are_the_forms(db):
    this, _last, _ = _months()
    with db.session() as s:
        for verified_only in (False, True):
            for threshold in month_sums.THRESHOLDS:
                summed = month_sums.month_pair_by_dealer(s, *this, verified_only=verified_only,
                                                         overall_threshold=threshold)
                rows = month_pair_by(s, FeedbackForm.dealer_id, [], *this, verified_only=verified_only,
                                     overall_threshold=threshold)
                assert summed == rows, (verified_only, threshold)
            months = months_back(*this, TREND_MONTHS)
            for dealer_id in [None, *s.scalars(select(FeedbackForm.dealer_id).distinct())]:
                filters = [FeedbackForm.dealer_id == dealer_id] if dealer_id else []
                from_rows = [(p.month, p.forms, p.average) for p in trend(s, filters, *this,
                                                                          verified_only=verified_only)]
                summed = month_sums.averages(month_sums.month_trend(s, months, verified_only=verified_only,
                                                                    dealer_id=dealer_id))
                assert summed == from_rows


def _all_sums(db):
    with db.session() as s:
        return sorted(tuple(r) for r in s.execute(select(*HqFormMonth.__table__.c)))


def test_the_month_sums_are_the_forms_figures_through_imports_corrections_and_repeats(tmp_path, new_store, hq):
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(hq, a, "BJ01")
    enrol_in_process(hq, b, "SH02")
    admin_a = users.create_first_admin(a, "admin", "管理员", "1234")
    admin_b = users.create_first_admin(b, "admin", "管理员", "1234")
    this, last, older = _months()
    day = lambda ym, d: date(ym[0], ym[1], d)  # noqa: E731
    rows_a = [(day(ym, 1 + i % 20), GRADES[i % 6], OVERALL[(i * 5) % 6], "yes" if i % 3 else "no")
              for ym in (this, last, older) for i in range(9)]
    rows_b = [(day(ym, 2 + i % 20), GRADES[(i + 2) % 6], OVERALL[i % 6], "yes" if i % 2 else "no")
              for ym in (this, last) for i in range(7)]
    rows_a = [r for r in rows_a if r[0] <= clock.today()]
    rows_b = [r for r in rows_b if r[0] <= clock.today()]
    _import(a, tmp_path / "a.csv", rows_a, admin_a.user_id)
    _import(b, tmp_path / "b.csv", rows_b, admin_b.user_id)
    assert set(_send(a, hq, tmp_path / "out-a")) == {"stored"}
    assert set(_send(b, hq, tmp_path / "out-b")) == {"stored"}
    _assert_sums_are_the_forms(hq)
    incremental = _all_sums(hq)
    assert sum(r[3] for r in incremental) == len(rows_a) + len(rows_b)

    # A correction at the counter (grades, overall, verification: a failure becomes none, a form is
    # disputed) travels as a new version of the form: its month is summed again, not twice.
    with a.session() as s:
        forms = list(s.execute(select(FeedbackForm.id, FeedbackForm.version).order_by(FeedbackForm.service_date.desc())))
    (f1, v1), (f2, v2) = forms[0], forms[1]
    feedback_forms.correct_form(a, f1, {"timeliness": "A", "repair_quality": "A", "attitude": "A", "overall": 10},
                                admin_a, expected_version=v1)
    feedback_forms.correct_form(a, f2, {"verification": "disputed"}, admin_a, expected_version=v2)
    statuses = _send(a, hq, tmp_path / "out-a2")
    assert "stored" in statuses and "duplicate" in statuses  # the first files came again: nothing twice
    _assert_sums_are_the_forms(hq)
    corrected = _all_sums(hq)
    assert corrected != incremental
    assert sum(r[3] for r in corrected) == len(rows_a) + len(rows_b)

    # Rebuilt from nothing (a migration, a database filled in bulk), the sums are the same rows.
    with hq.session() as s, s.begin():
        month_sums.refresh_all(s)
    assert _all_sums(hq) == corrected


@pytest.mark.parametrize("value,month", [(date(2026, 3, 17), date(2026, 3, 1)), ("2026-12-31", date(2026, 12, 1)),
                                         ("2026-1", None), ("2026-13-01", None), (None, None), (17, None), ("", None)])
def test_the_month_of_a_date_or_a_records_text(value, month):
    assert month_sums.month_of(value) == month


def test_a_files_months_are_its_forms_service_dates():
    records = {"feedback_form": [{"service_date": "2026-11-30"}, {"service_date": "2026-12-01"},
                                 {"service_date": "2026-12-09"}, {"id": "x"}, "junk"],
               "failure_case": [{"opened_at": "2025-01-01T00:00:00"}]}
    assert month_sums.months_of(records) == {date(2026, 11, 1), date(2026, 12, 1)}
    assert month_sums.months_of({}) == set()


def test_the_sums_hold_every_threshold_the_setting_allows_and_no_other(sqlite_hq_url):
    db = open_database(sqlite_hq_url)
    try:
        with db.session() as s:
            for bad in (0, 11):
                with pytest.raises(ValueError):
                    month_sums.month_pair_by_dealer(s, 2026, 11, verified_only=False, overall_threshold=bad)
    finally:
        db.close()
    assert list(month_sums.THRESHOLDS) == list(range(1, 11))
    assert {f"failures_{t}" for t in month_sums.THRESHOLDS} <= set(HqFormMonth.__table__.c.keys())


def test_the_migration_sums_the_forms_already_held(store):
    """A database upgraded to the sums' revision holding forms gets their sums (as the import would have kept them)."""
    from alembic import command

    from app.models.store import _alembic_config, upgrade
    from app.services.feedback.form_values import FormValues
    from app.services.feedback.form_writer import store_forms
    from app.services.uow import UnitOfWork

    today = clock.today()
    with UnitOfWork(store) as uow:
        store_forms(uow, store.identity.home_dealer_id,
                    [FormValues(i + 2, today, f"RO-{i}", "李娜", "王伟", f"1380000{i:04d}", f"京A{i:05d}",
                                "E" if i % 2 else "A", "A", "A", 9 if i % 3 else None, "unverified", "")
                     for i in range(5)], source="import")
        uow.commit()
    downgrade(store.engine, "0012_improvement_actions")
    upgrade(store.engine)
    _assert_sums_are_the_forms(store)
    assert sum(r[3] for r in _all_sums(store)) == 5
