"""The counter's month sums of forms (form_month) equal the forms after every way a form is written, and
Today's trend read from them equals the trend summed from the forms, under every setting value; the read
never touches feedback_form; migration 0022 sums the forms stored before it."""

from __future__ import annotations

import csv
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text, update

from app.foundation import clock
from app.models import FeedbackForm, FormMonth
from app.models.store import upgrade
from app.rules.failure import failure_of
from app.rules import scoring
from app.rules.scoring import form_score
from app.services import settings
from app.services.directory import dealer_by_code
from app.services.feedback import forms as feedback_forms
from app.services.feedback import verification
from app.services.feedback.form_values import FormValues
from app.services.feedback.form_writer import store_forms
from app.services.glance import form_month, trend
from app.services.imports.feedback import KEYS
from app.services.imports.feedback_store import import_feedback_file
from app.services.network.month_sums import THRESHOLDS
from app.services.people import users
from app.services.today.worklist import month_headline
from app.services.uow import UnitOfWork
from tests.helpers import downgrade, plans_of

GRADES = "ABCDE"
STATES = ("unverified", "verified", "disputed")


def _random_values(rnd: random.Random, n: int, prefix: str) -> list[FormValues]:
    """Forms over the last 17 months (some before the trend's 12), every grade, overall and verification."""
    today = clock.today()
    return [FormValues(i + 2, today - timedelta(days=rnd.randrange(0, 520)), f"{prefix}{i}", rnd.choice(["李娜", "王强"]),
                       f"客户{i}", f"139{rnd.randrange(10**8):08d}", f"京{prefix[:1]}{i:05d}",
                       *(rnd.choice(GRADES) for _ in range(3)), rnd.choice([None, *range(1, 11)]), rnd.choice(STATES), "")
            for i in range(n)]


def _store_random(store, rnd: random.Random, n: int, dealer_code: str | None = None, prefix: str = "R") -> str:
    with UnitOfWork(store) as uow:
        dealer = dealer_by_code(uow.session, dealer_code, uow.identity.home_dealer_id, create=True)
        store_forms(uow, dealer.id, _random_values(rnd, n, prefix), source="import")
        uow.commit()
        return dealer.id


def _sums_of_forms(s) -> dict:
    """Each (dealer, month, verification)'s sums worked out in Python, by app.rules' failure test."""
    out: dict = {}
    for f in s.scalars(select(FeedbackForm)):
        key = (f.dealer_id, f.service_date.replace(day=1), f.verification)
        acc = out.setdefault(key, [0] * (2 + len(THRESHOLDS)))
        acc[0] += 1
        acc[1] += f.score
        for i, t in enumerate(THRESHOLDS):
            acc[2 + i] += failure_of(f, t)
    return {k: tuple(v) for k, v in out.items()}


def _kept(s) -> dict:
    cols = [FormMonth.forms, FormMonth.total, *(form_month.failures_column(t) for t in THRESHOLDS)]
    return {(r[0], r[1], r[2]): tuple(r[3:]) for r in s.execute(
        select(FormMonth.dealer_id, FormMonth.month, FormMonth.verification, *cols))}  # no row of zeros either


def assert_kept(store) -> None:
    """form_month equals the forms, and the trend read from it equals the trend summed from the forms
    for every dealer, both verified_only values and every threshold the setting allows."""
    with store.session() as s:
        assert _kept(s) == _sums_of_forms(s)
        dealers = set(s.scalars(select(FeedbackForm.dealer_id).distinct()))
        start, end = date(2000, 1, 1), date(2100, 1, 1)
        for dealer in dealers:
            for verified_only in (False, True):
                for t in THRESHOLDS:
                    kw = dict(verified_only=verified_only, overall_threshold=t)
                    by_month: dict = {}
                    for day, n, total, failures in trend.sums_from_forms(s, dealer, start, end, **kw):
                        acc = by_month.setdefault(day.replace(day=1), [0, 0, 0])
                        for i, v in enumerate((n, total, failures)):
                            acc[i] += int(v or 0)
                    table = {m: [int(n), int(total), int(f)] for m, n, total, f
                             in trend.sums_from_table(s, dealer, start, end, **kw) if n or total or f}
                    assert table == {m: v for m, v in by_month.items() if any(v)}, (dealer, verified_only, t)


def _enter(store, rnd, admin, *_, n=3):
    for v in _random_values(rnd, n, "E"):
        feedback_forms.enter_form(store, feedback_forms.FormEntry(
            v.repair_order, v.service_date, v.customer, v.phone, v.plate, v.timeliness, v.repair_quality, v.attitude,
            overall=v.overall), admin)


def _ids(store, n, rnd) -> list[str]:
    with store.session() as s:
        ids = sorted(s.scalars(select(FeedbackForm.id)))
    return rnd.sample(ids, min(n, len(ids)))


def _correct(store, rnd, admin, *_):
    """Corrections at the counter: grades and overall (so the score), and verification by a supervisor."""
    _enter(store, rnd, admin, n=4)
    with store.session() as s:
        entered = s.execute(select(FeedbackForm.id, FeedbackForm.version).where(FeedbackForm.source == "counter")).all()
    for (fid, version), changes in zip(entered, [{"timeliness": "E", "overall": 3}, {"attitude": "A", "overall": None},
                                                 {"verification": "disputed"}, {"verification": "verified", "overall": 9}]):
        feedback_forms.correct_form(store, fid, changes, admin, expected_version=version)


def _dispute_resolved(store, rnd, admin, *_):
    fid = _ids(store, 1, rnd)[0]
    with store.session() as s, s.begin():
        s.execute(update(FeedbackForm).where(FeedbackForm.id == fid).values(verification="disputed"))
    verification.resolve_dispute(store, fid, "the customer confirmed", admin.user_id)


def _column_updates(column):
    """Any writer's update of one column the sums depend on, to random values (table-driven below)."""
    def run(store, rnd, *_):
        other = _store_random(store, rnd, 1, "ZZ09", prefix="Z")  # a second dealer to move forms to
        for fid in _ids(store, 40, rnd):
            value = {"service_date": clock.today() - timedelta(days=rnd.randrange(0, 520)),
                     "dealer_id": other, "verification": rnd.choice(STATES), "overall": rnd.choice([None, *range(1, 11)]),
                     "timeliness": rnd.choice(GRADES), "attitude": rnd.choice(GRADES)}[column]
            with store.session() as s, s.begin():
                form = s.get(FeedbackForm, fid)
                setattr(form, column, value)
                form.score = form_score(form.timeliness, form.repair_quality, form.attitude)
    return run


def _delete(store, rnd, *_):
    with store.session() as s, s.begin():
        s.execute(text("PRAGMA defer_foreign_keys=ON"))
        s.execute(FeedbackForm.__table__.delete().where(FeedbackForm.id.in_(_ids(store, 50, rnd))))


def _no_change(store, rnd, *_):
    """An update naming the summed columns with the values they hold, and one of a column they don't read."""
    with store.session() as s, s.begin():
        s.execute(text("UPDATE feedback_form SET score = score, verification = verification, comment = 'x'"))


def _import(store, rnd, admin, tmp_path):
    path = tmp_path / "forms.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(KEYS)
        for v in _random_values(rnd, 60, "C"):
            w.writerow([v.service_date.isoformat(), v.repair_order, v.advisor, v.customer, v.phone, v.plate, v.timeliness,
                        v.repair_quality, v.attitude, v.overall or "", "yes" if v.verification == "verified" else "no", ""])
    import_feedback_file(store, path, actor_id=admin.user_id)
    import_feedback_file(store, path, "BJ77", actor_id=admin.user_id)  # the same file for another dealer


def _purge(store, rnd, admin, *_):
    feedback_forms.enter_form(store, feedback_forms.FormEntry("RO-OLD", clock.today() - timedelta(days=4 * 366), "李明远",
                                                              "13812345678", "京A12345", "A", "D", "C", overall=5), admin)
    from app.services.privacy import purging

    assert purging.purge(store, admin.user_id).forms == 1


def _demo(store, rnd, *_):
    from app.services.demo.sample_data import fill_demo

    fill_demo(store, 150, 10, seed=rnd.randrange(100))


def _restore(store, rnd, admin, *_):
    from app.services.backups.open_store import restore_open_store
    from app.services.backups.taking import back_up_now

    backup = back_up_now(store).path
    _enter(store, rnd, admin, n=3)
    _store_random(store, rnd, 30, prefix="B")
    restore_open_store(store, backup, force=True)  # the forms since the backup go, and their sums with them


WRITES = {
    "form entry": _enter,
    "corrections and verification": _correct,
    "dispute resolved": _dispute_resolved,
    **{f"update of {c}": _column_updates(c) for c in ("service_date", "dealer_id", "verification", "overall",
                                                      "timeliness", "attitude")},
    "update changing nothing summed": _no_change,
    "delete": _delete,
    "CSV import": _import,
    "privacy purge": _purge,
    "demo fill": _demo,
    "restore of a backup": _restore,
}


@pytest.mark.parametrize("write", list(WRITES))
def test_the_sums_equal_the_forms_after_each_way_forms_are_written(store, tmp_path, write):
    rnd = random.Random(write)
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    _store_random(store, rnd, 300)
    _store_random(store, rnd, 80, "BJ02", prefix="S")
    assert_kept(store)
    WRITES[write](store, rnd, admin, tmp_path)
    assert_kept(store)


def test_another_counters_forms_applied_from_sync_and_the_dealer_renamed_at_enrolment(tmp_path):
    """Forms entered before enrolment move to head office's dealer id; counter b's sums then count a's forms."""
    from tests.helpers import fresh_store
    from tests.synchelp import enrol_in_process, two_in_process

    rnd = random.Random(5)
    with two_in_process(tmp_path) as (db, a, b, sync):
        admin = users.create_first_admin(a, "admin", "管理员", "1234")
        _enter(a, rnd, admin, n=5)
        _store_random(b, rnd, 20, prefix="P")
        sync(a, b, a)
        with b.session() as s:
            assert s.scalar(select(FeedbackForm.id).where(FeedbackForm.source == "counter")) is not None  # a's, applied
        assert_kept(a)
        assert_kept(b)
        c = fresh_store(tmp_path / "c")
        _store_random(c, rnd, 30, prefix="Q")
        before = c.identity.home_dealer_id
        enrol_in_process(db, c, "BJ03")
        with c.session() as s:
            assert s.scalar(select(FormMonth.forms).where(FormMonth.dealer_id == before)) is None  # not even zeros
        assert_kept(c)
        c.close()


@pytest.mark.parametrize("verified_only", [False, True])
@pytest.mark.parametrize("threshold", list(THRESHOLDS))
def test_todays_trend_from_the_sums_is_the_trend_from_the_forms(store, monkeypatch, verified_only, threshold):
    _store_random(store, random.Random(threshold), 400)
    with store.session() as s, s.begin():
        settings.put(s, "assessment.verified_only", verified_only)
        settings.put(s, "failure.overall_threshold", threshold)
    kept = trend.month_trend(store)
    assert sum(p.forms for p in kept) > 0
    monkeypatch.setattr(trend, "kept_sums", lambda *_: False)
    assert kept == trend.month_trend(store)


@pytest.mark.parametrize("verified_only", [False, True])
@pytest.mark.parametrize("threshold", list(THRESHOLDS))
def test_todays_month_headline_from_the_sums_is_what_the_forms_say(store, verified_only, threshold):
    """Today's month box (this month against the last), worked out in Python from the forms by the
    assessment's counting rule and app.rules' failure test, under every setting."""
    dealer = _store_random(store, random.Random(100 + threshold), 600)
    _store_random(store, random.Random(200 + threshold), 100, dealer_code="OTHER", prefix="O")  # not counted
    # Whatever day the clock says, forms of every state on this month's first and last month's last day.
    day = clock.today()
    edges = [day.replace(day=1), day.replace(day=1) - timedelta(days=1)]
    rnd = random.Random(300 + threshold)
    with UnitOfWork(store) as uow:
        store_forms(uow, dealer, [replace(v, service_date=edges[i % 2], verification=STATES[i % 3])
                                  for i, v in enumerate(_random_values(rnd, 60, "E"))], source="import")
        uow.commit()
    with store.session() as s, s.begin():
        settings.put(s, "assessment.verified_only", verified_only)
        settings.put(s, "failure.overall_threshold", threshold)
    with store.session() as s:
        headline = month_headline(s, dealer, day)
        forms = [f for f in s.scalars(select(FeedbackForm).where(FeedbackForm.dealer_id == dealer))
                 if (f.verification == "verified" if verified_only else f.verification != "disputed")]
    last = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    this = [f for f in forms if (f.service_date.year, f.service_date.month) == (day.year, day.month)]
    before = [f for f in forms if (f.service_date.year, f.service_date.month) == last]
    assert this and before
    assert (headline.month, headline.forms, headline.total, headline.failures, headline.previous_forms) == (
        day.strftime("%Y-%m"), len(this), sum(f.score for f in this), sum(failure_of(f, threshold) for f in this),
        len(before))
    assert headline.previous_average == scoring.average(sum(f.score for f in before), len(before))


@pytest.mark.parametrize("read", ["trend", "headline"])
def test_the_trend_and_the_headline_read_the_sums_not_the_forms(store, read):
    dealer = _store_random(store, random.Random(1), 50)

    def headline():
        with store.session() as s:
            return month_headline(s, dealer, clock.today())

    plans = plans_of(store, (lambda: trend.month_trend(store)) if read == "trend" else headline)
    lines = [line for _, plan in plans for line in plan]
    assert not [line for line in lines if "feedback_form" in line], lines
    assert [line for line in lines if line.startswith("SEARCH form_month USING") and "(dealer_id=? AND month>" in line], lines


def test_new_forms_are_summed_from_their_rows_alone(store):
    """Adding a file's forms reads those forms (a range of rowids), not every form of the store."""
    _store_random(store, random.Random(2), 300)
    with store.session() as s:
        last = form_month.newest_form(s)
        plans = plans_of(store, lambda: s.execute(form_month.new_sums(last - 10, last)).all())
    lines = [line for _, plan in plans for line in plan]
    assert [line for line in lines if line.startswith("SEARCH feedback_form USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)")], lines
    assert not [line for line in lines if line.startswith("SCAN feedback_form")], lines


def test_the_stores_triggers_are_the_ones_written_now(store):
    """A store's triggers hold today's failure condition and columns (a change to either needs a migration
    calling install again), and a migration rebuilding feedback_form did not drop them."""
    with store.engine.connect() as c:
        found = dict(c.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                       "AND tbl_name = 'feedback_form'").all())
        assert found == form_month.trigger_sql(c.dialect)


def test_migration_0022_sums_the_forms_stored_before_it(store):
    rnd = random.Random(22)
    _store_random(store, rnd, 200)
    _store_random(store, rnd, 150, "BJ02", prefix="S")
    downgrade(store.engine, "0021_order_calls_index")
    with store.engine.connect() as c:
        assert not c.exec_driver_sql("SELECT name FROM sqlite_master WHERE name LIKE 'form_month%'").all()
    with store.session() as s, s.begin():  # forms changed with no sums to follow them
        s.execute(text("PRAGMA defer_foreign_keys=ON"))
        s.execute(text("DELETE FROM feedback_form WHERE rowid % 7 = 0"))
        s.execute(text("UPDATE feedback_form SET verification = 'disputed', overall = 3 WHERE rowid % 5 = 0"))
        s.execute(text("UPDATE feedback_form SET service_date = date(service_date, '-40 days') WHERE rowid % 3 = 0"))
        left = s.scalar(text("SELECT count(*) FROM feedback_form"))
    upgrade(store.engine)
    with store.session() as s:
        assert sum(v[0] for v in _kept(s).values()) == left == 300
    assert_kept(store)


def test_head_office_postgresql_has_the_table_but_no_sums_to_read(pg_url_at_head):
    """Head office has no Today: the table is there (one schema), no trigger keeps it, the trend would read the forms."""
    from sqlalchemy import inspect

    from app.models.store import open_database

    db = open_database(pg_url_at_head)
    try:
        with db.session() as s:
            assert "form_month" in inspect(s.get_bind()).get_table_names()
            assert s.scalar(text("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'feedback_form'::regclass "
                                 "AND NOT tgisinternal")) == 0
            assert not trend.kept_sums(s, 8)
    finally:
        db.close()
