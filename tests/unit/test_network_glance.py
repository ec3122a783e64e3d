"""Head office's network at a glance: each dealer's figures are the network report's (this month
and last), callbacks made and overdue cases by the counters' rules, the causes that rose."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import update

from app.foundation import clock
from app.foundation.ids import new_id
from app.hq.network_queries import DealerMonth, Figure, glance, side_by_side, trends
from app.models import Callback, FailureCase
from app.models.store import open_database
from app.reports import network
from app.rules.figures import recovery_rate
from app.services import figures
from app.services.assessment import previous
from app.services.imports.feedback_store import import_feedback_file
from app.sync import outbox
from app.services.network import month_sums
from app.sync.apply import apply_file
from tests.synchelp import enrol_in_process, new_case

HEADER = "date,repair_order,advisor,customer,phone,plate,timeliness,repair_quality,attitude,overall,verified,comment\n"


@pytest.mark.parametrize("now,before,change", [(4.0, 3.5, 0.5), (None, 3.0, None), (2.0, None, None),
                                               (0.25, 0.25, 0.0)])
def test_a_figure_and_its_change(now, before, change):
    assert Figure(now, before).change == change


@pytest.mark.parametrize("average,failure,recovery,calls,worse", [
    ((3.0, 4.0), (0.2, 0.1), (0.5, 0.8), (0.5, 0.9), 4),  # every figure worse
    ((4.0, 3.0), (0.1, 0.2), (0.8, 0.5), (0.9, 0.5), 0),  # every figure better
    ((3.0, 4.0), (0.2, 0.2), (None, 0.8), (0.5, None), 1),  # nothing to compare counts as not worse
    ((4.0, 4.0), (0.3, 0.1), (0.8, 0.8), (0.4, 0.6), 2),
])
def test_how_many_figures_got_worse(average, failure, recovery, calls, worse):
    d = DealerMonth("id", "BJ01", "BJ01", 1, 10, 2, Figure(*average), Figure(*failure), Figure(*recovery),
                    Figure(*calls), 0)
    assert d.worsened == worse


def _forms(store, path, rows):
    lines = [f"{d.isoformat()},RO-{path.stem}-{i},李娜,客户{i},1390000{i:04d},京B{i:05d},{g},{o},no,\n"
             for i, (d, g, o) in enumerate(rows)]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    import_feedback_file(store, path)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])  # on PostgreSQL its queries run at once
def test_the_glance_is_the_network_reports_figures_with_callbacks_and_overdue(tmp_path, new_store, new_hq_db,
                                                                             backend, request, monkeypatch):
    month_start = clock.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if clock.now() - month_start < timedelta(hours=31):  # the cases opened 30 hours ago are this month's
        monkeypatch.setenv(clock.ENV, clock.setting_for(month_start + timedelta(hours=31)))
    db = (new_hq_db(tmp_path / "hq.sqlite3") if backend == "sqlite"
          else open_database(request.getfixturevalue("pg_url_at_head")))
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(db, a, "BJ01")
    enrol_in_process(db, b, "SH02")
    today = clock.today()
    before = date(*previous(today.year, today.month), 1)
    _forms(a, tmp_path / "a.csv", [(before, "A,A,A", 10)] * 3 + [(today, "A,D,A", 6), (today, "A,A,A", 9)])
    _forms(b, tmp_path / "b.csv", [(before, "B,B,B", 9)] * 2 + [(today, "A,A,A", 10)] * 2)
    from app.services.cases.opening import open_case

    opened = clock.now() - timedelta(hours=30)  # nobody answered for 30 hours: overdue
    late = [open_case(a, new_case(i), None, at=opened).id for i in range(2)]
    calm = open_case(b, new_case(5, cause_group="system"), None, at=opened).id
    with b.session() as s, s.begin():
        s.execute(update(FailureCase).where(FailureCase.id == calm).values(first_response_at=opened))
    for store in (a, b):
        for f in outbox.export(store, tmp_path / "out"):
            doc = json.loads(f.read_bytes())
            with db.session() as s, s.begin():
                apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
                month_sums.refresh(s, [doc["dealer"]["id"]], month_sums.months_of(doc["records"]))  # as the import does
    # Callbacks due this month at BJ01: one of two made; last month: both made.
    now = clock.now()
    last_month = datetime.combine(before + timedelta(days=3), time(12)).astimezone()
    with db.session() as s, s.begin():
        dealer = s.get(FailureCase, late[0]).dealer_id
        for due, state in ((now, "reached"), (now, "due"), (last_month, "reached"), (last_month, "reached")):
            s.add(Callback(id=new_id(), case_id=late[1], dealer_id=dealer, state=state, scheduled_at=due,
                           due_at=due, not_reached=0))
    month = today.strftime("%Y-%m")
    g = glance(db, month)
    report, last = network.gather(db, month), network.gather(db, before.strftime("%Y-%m"))
    assert [d.code for d in g.dealers] == [d.code for d in report.dealers]
    # The window's ranking leaves out the times to first response, and only them.
    assert network.gather(db, month, with_response=False).dealers == [
        replace(d, first_response_median=None, first_response_p90=None) for d in report.dealers]
    assert any(d.first_response_median is not None for d in report.dealers)
    rows = {d.code: d for d in g.dealers}
    for d in report.dealers:
        p = next(x for x in last.dealers if x.code == d.code)
        got = rows[d.code]
        assert (got.rank, got.forms, got.cases) == (d.rank, d.forms, d.cases)
        assert (got.average.now, got.average.before) == (d.average, d.previous_average)
        assert (got.failure_share.now, got.failure_share.before) == (d.failure_share, p.failure_share)
        assert (got.recovery.now, got.recovery.before) == (recovery_rate(d.recovered, d.closed),
                                                           recovery_rate(p.recovered, p.closed))
    with db.session() as s:
        assert rows["BJ01"].overdue_now == figures.count_overdue(s, dealer, now) == 2
    assert rows["SH02"].overdue_now == 0
    # Callbacks due in the month (by when they were due): this month 1 of 2, last month 2 of 2.
    assert (rows["BJ01"].callbacks.now, rows["BJ01"].callbacks.before) == (0.5, 1.0)
    assert rows["SH02"].callbacks.now is None
    assert rows["BJ01"].worsened >= 2
    # Causes that rose: BJ01's two employee cases (one dealer), SH02's system case.
    if opened.astimezone().month == today.month:
        rising = {(r.cause_group, r.failure_type): (r.this_month, r.last_month, r.dealers) for r in g.rising}
        assert rising[("employee", "process")] == (2, 0, 1) and rising[("system", "process")] == (1, 0, 1)
    network_trend, dealer_trend = trends(db, month, rows["BJ01"].dealer_id)
    assert [p.month for p in network_trend] == [p.month for p in dealer_trend] and len(dealer_trend) == 12
    assert dealer_trend[-1].forms == 2 and network_trend[-1].forms == 4
    a.close()
    b.close()
    db.close()


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_work_side_by_side_answers_in_order_and_raises_what_fails(dialect):
    class Db:
        class engine:
            class dialect:
                name = None
    Db.engine.dialect.name = dialect
    assert side_by_side(Db, lambda: 1, lambda: 2, lambda: 3) == [1, 2, 3]

    def fails():
        raise ValueError("no")
    with pytest.raises(ValueError):
        side_by_side(Db, lambda: 1, fails)


def _two_counters_of_one_dealer(tmp_path, new_store, new_hq_db):
    db = new_hq_db(tmp_path / "hq.sqlite3")
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(db, a, "BJ01")
    enrol_in_process(db, b, "BJ01")
    return db, a, b


def test_a_counter_silent_for_more_than_n_days_stands_out(tmp_path, new_store, new_hq_db):
    from app.hq.network_status import counter_health
    from app.hq.publish import CounterReport, since
    from app.models import HqCounter

    db, a, b = _two_counters_of_one_dealer(tmp_path, new_store, new_hq_db)
    now = clock.now()
    with db.session() as s, s.begin():
        s.get(HqCounter, a.identity.store_id).last_seen_at = now - timedelta(days=10)
        dealer_id = s.get(HqCounter, b.identity.store_id).dealer_id
    # Counter B asks for publications: its word on itself is kept, and it counts as heard from.
    since(db, dealer_id, 0, counter_id=b.identity.store_id, report=CounterReport(7, 1, "0.1.0"))
    rows = {r.counter_id: r for r in counter_health(db, now=now + timedelta(minutes=1))}
    old, new = rows[a.identity.store_id], rows[b.identity.store_id]
    assert old.silent(7) and not old.silent(14) and round(old.silent_days) == 10
    assert (old.waiting, old.problems, old.version) == (None, None, None)
    assert not new.silent(1) and (new.waiting, new.problems, new.version) == (7, 1, "0.1.0")
    a.close()
    b.close()
    db.close()


def test_a_counter_with_refused_changes_shows_how_many_and_the_last_reason(tmp_path, new_store, new_hq_db):
    """The counters page read a counter with refusals through dict() of a result, which fails (a
    result has keys(), so dict() took it for a mapping): the page then showed nothing."""
    from app.hq.network_status import counter_health
    from app.models import HqCounter, HqRefusal

    db, a, b = _two_counters_of_one_dealer(tmp_path, new_store, new_hq_db)
    now = clock.now()
    with db.session() as s, s.begin():
        dealer_id = s.get(HqCounter, a.identity.store_id).dealer_id
        for n, code in enumerate(("version_gap", "not_owner"), start=1):
            s.add(HqRefusal(counter_id=a.identity.store_id, dealer_id=dealer_id, sequence=n, code=code,
                            reason={}, event_ids=[], refused_at=now))
    rows = {r.counter_id: r for r in counter_health(db, now=now)}
    refused, clean = rows[a.identity.store_id], rows[b.identity.store_id]
    assert (refused.refusals, refused.last_refusal) == (2, "not_owner")
    assert (clean.refusals, clean.last_refusal) == (0, "")
    a.close()
    b.close()
    db.close()
