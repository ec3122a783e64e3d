"""Early warnings in the store: the same warning under the same id at every store that works it out,
stored once, acknowledged by a supervisor only (a change of the form behind it), the limits' cache
on disk read with suspicion."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.foundation.errors import InvalidInput
from app.models import EarlyWarning, Event, FeedbackForm
from app.rules import drift, grade_cusum
from app.services.people import users
from app.services.demo.sample_data import PLANTED_DRIFTS, fill_demo
from app.services.predict import warnings
from tests.helpers import fresh_store

FORMS = 2500  # about ten forms a working day: enough for the dealer-wide drift to cross its limit


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    """Two stores of one dealer holding the same planted history (as two counters after a sync)."""
    stores = []
    for name in ("a", "b"):
        s = fresh_store(tmp_path_factory.mktemp(name))
        fill_demo(s, FORMS, 0, drifts=PLANTED_DRIFTS)
        stores.append(s)
    yield stores
    for s in stores:
        s.close()


def dealer_id(store):
    return store.identity.home_dealer_id


def test_every_store_works_out_the_same_warnings_under_the_same_ids_once(twins):
    a, b = twins
    made = warnings.refresh(a, dealer_id(a))
    assert made, "the planted dealer-wide drift crosses its limit"
    assert warnings.refresh(a, dealer_id(a)) == []  # stored once
    rows_a = warnings.open_warnings(a, dealer_id(a))
    assert {w.id for w in rows_a} == set(made)
    for w in rows_a:
        assert 0 < w.failures <= w.forms and w.repair_orders and w.since <= w.fired_on
        assert w.share > w.baseline  # it crossed because the share rose above the usual one
    # The other store's ids are derived from its own dealer id, which differs here (two fresh stores
    # made the dealer each): the derivation itself is what every store shares.
    made_b = warnings.refresh(b, dealer_id(b))
    by_subject = lambda rows: {(w.kind, w.subject, w.item, w.since, w.failures) for w in rows}  # noqa: E731
    assert by_subject(warnings.open_warnings(b, dealer_id(b))) == by_subject(rows_a)
    assert len(made_b) == len(made)


def test_the_warning_id_depends_on_the_dealer_series_and_start_only():
    from datetime import date

    from app.services.predict.monitor import DriftWarning

    w = DriftWarning("advisor", "李娜", "attitude", date(2026, 11, 1), date(2026, 11, 30), date(2026, 10, 20),
                     0.08, 4.2, 30, 9, ("RO-1",))
    same = DriftWarning("advisor", "李娜", "attitude", date(2026, 11, 3), date(2026, 11, 30), date(2026, 10, 20),
                        0.09, 4.4, 33, 10, ("RO-1", "RO-2"))
    assert warnings.warning_id("d1", w) == warnings.warning_id("d1", same)
    rest = (date(2026, 11, 1), date(2026, 11, 30))
    for other in (DriftWarning("advisor", "李娜", "timeliness", *rest, date(2026, 10, 20), 0.08, 4.2, 30, 9, ()),
                  DriftWarning("advisor", "王强", "attitude", *rest, date(2026, 10, 20), 0.08, 4.2, 30, 9, ()),
                  DriftWarning("item", "attitude", "attitude", *rest, date(2026, 10, 20), 0.08, 4.2, 30, 9, ()),
                  DriftWarning("advisor", "李娜", "attitude", *rest, date(2026, 10, 21), 0.08, 4.2, 30, 9, ())):
        assert warnings.warning_id("d1", other) != warnings.warning_id("d1", w)
    assert warnings.warning_id("d2", w) != warnings.warning_id("d1", w)


def test_only_a_supervisor_acknowledges_and_the_form_behind_it_carries_the_change(twins):
    a, _ = twins
    warnings.refresh(a, dealer_id(a))
    users.ensure_demo_users(a)  # the demo's own people (PIN 0000), as `demo` makes them
    advisor = users.sign_in(a, "张伟", "0000")
    boss = users.sign_in(a, "supervisor", "0000")
    [first, *_] = warnings.open_warnings(a)
    with pytest.raises(InvalidInput):
        warnings.acknowledge(a, first.id, advisor)
    with pytest.raises(InvalidInput):
        warnings.acknowledge(a, "no-such-warning", boss)
    with a.session() as s:
        row = s.get(EarlyWarning, first.id)
        version = s.get(FeedbackForm, row.form_id).version
    warnings.acknowledge(a, first.id, boss, "  talk to the workshop about promised times  ")
    assert first.id not in {w.id for w in warnings.open_warnings(a)}
    with a.session() as s:
        row = s.get(EarlyWarning, first.id)
        assert row.acknowledged_by == boss.user_id and row.note == "talk to the workshop about promised times"
        form = s.get(FeedbackForm, row.form_id)
        assert form.version == version + 1
        ev = s.scalar(select(Event).where(Event.entity_id == form.id, Event.seq == form.version))
        assert ev.kind == "warning.acknowledged" and ev.payload == {"warning_id": first.id}
        assert ev.actor_id == boss.user_id
    warnings.acknowledge(a, first.id, boss)  # twice: nothing more
    with a.session() as s:
        assert s.get(FeedbackForm, row.form_id).version == version + 1


@pytest.mark.parametrize("rows, kept", [
    ([[0.07, 230, 0.0062, 2.0, 4.31]], 1),
    ([[0.07, 230, 0.0062, 2.0, "x"]], 0),  # not a number
    ([[0.07, 230]], 0),  # too short
    ([[0.9, 230, 0.0062, 2.0, 4.31]], 0),  # a rate the method never uses
    ([[0.07, 230, 1.5, 2.0, 4.31]], 0),  # alpha out of range
    ([[0.07, 230, 0.0062, 2.0, 1e9]], 0),  # an absurd limit
    ([[0.07, 230, 0.0062, 2.0, None, 3.1]], 1),  # only a floor below the limit known
    ([[0.07, 230, 0.0062, 2.0, None]], 0),  # neither
    ([[0.07, 230, 0.0062, 2.0, None, "x"]], 0),
    ([[0.07, 230, 0.0062, 2.0, None, 3.1], [0.07, 230, 0.0062, 2.0, 4.31]], 2),  # the limit after its floor
    ([[0.07, 230, 0.0062, 2.0, 4.31], [0.07, 230, 0.0062, 2.0, None, 3.1]], 1),  # a floor tells no more
    ("not rows", 0),
])
def test_limits_from_a_cache_are_taken_only_when_they_make_sense(rows, kept, monkeypatch):
    monkeypatch.setattr(drift, "_DESIGNS", {})
    assert drift.remember(rows if isinstance(rows, list) else [rows]) == kept


def test_limits_worked_out_only_when_a_value_passes_their_floor_warn_as_limits_worked_out_at_once(twins, monkeypatch):
    from app.rules import cusum_chain
    from app.services.predict.history import read_history
    from app.services.predict.monitor import Monitor

    a, _ = twins
    history = read_history(a, dealer_id(a))
    monkeypatch.setattr(drift, "_DESIGNS", {})
    lazy = Monitor().watch(history)
    floored = [d for d in drift._DESIGNS.values() if d.known is None]
    assert floored, "most limits are never needed"
    monkeypatch.setattr(drift, "_DESIGNS", {})
    monkeypatch.setattr(cusum_chain, "floor_top", lambda *args: None)  # every limit worked out at once
    eager = Monitor().watch(history)
    assert lazy and lazy == eager
    assert all(d.known is not None for d in drift._DESIGNS.values())


def test_a_damaged_limits_cache_is_ignored_and_rewritten(tmp_path, store, monkeypatch):
    cache = store.path.parent / "cache"
    cache.mkdir()
    (cache / "warning-limits.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(drift, "_DESIGNS", {})
    monkeypatch.setattr(grade_cusum, "_DESIGNS", {})
    with warnings._limits_cache(store):
        drift.design(0.07, 230, 0.05)
    rows = json.loads((cache / "warning-limits.json").read_text("utf-8"))
    assert len(rows) == 1 and rows[0][:4] == [0.07, 230, 0.05, 2.0]


def test_the_grade_cusums_limits_are_kept_beside_the_bernoullis(store, monkeypatch):
    monkeypatch.setattr(drift, "_DESIGNS", {})
    monkeypatch.setattr(grade_cusum, "_DESIGNS", {})
    with warnings._limits_cache(store):
        drift.design(0.07, 230, 0.05)
        limit = grade_cusum.design((0.56, 0.28, 0.1, 0.04, 0.02), 280, 0.0064, 4.0).limit
    rows = json.loads((store.path.parent / "cache" / "warning-limits.json").read_text("utf-8"))
    assert [r[0] for r in rows] == [0.07, grade_cusum.TAG] and rows[1][-1] == limit
    monkeypatch.setattr(drift, "_DESIGNS", {})
    monkeypatch.setattr(grade_cusum, "_DESIGNS", {})
    with warnings._limits_cache(store):  # a later run takes both kinds back without working them out
        assert grade_cusum.design((0.56, 0.28, 0.1, 0.04, 0.02), 280, 0.0064, 4.0).known == limit


def at_head_office(store):
    """The store as head office's database looks to the warnings: no file in a data directory."""
    import dataclasses
    from pathlib import Path

    return dataclasses.replace(store, path=Path("hq.example:5432/recovery"))


@pytest.mark.parametrize("stored", [None, "{not json", "5", '{"rows": 1}', '[["x"]]'])
def test_head_office_keeps_the_limits_in_its_own_table_and_ignores_a_damaged_one(store, monkeypatch, stored):
    from app.models import StoreMeta

    hq = at_head_office(store)
    if stored is not None:
        with store.session() as s:
            s.add(StoreMeta(key=warnings.LIMITS_KEY, value=stored))
            s.commit()
    monkeypatch.setattr(drift, "_DESIGNS", {})
    monkeypatch.setattr(grade_cusum, "_DESIGNS", {})
    with warnings._limits_cache(hq):
        drift.design(0.07, 230, 0.05)
    with store.session() as s:
        rows = json.loads(s.get(StoreMeta, warnings.LIMITS_KEY).value)
    assert len(rows) == 1 and rows[0][:4] == [0.07, 230, 0.05, 2.0]
    assert not (store.path.parent / "cache").exists()  # nothing beside a file that isn't there
    monkeypatch.setattr(drift, "_DESIGNS", {})  # another machine of head office, or the next start
    with warnings._limits_cache(hq):
        assert drift.known_limits() == rows


def test_head_office_works_every_dealers_warnings_out_with_one_read_of_the_limits(twins, monkeypatch):
    from app.models import StoreMeta

    a, _ = twins
    hq = at_head_office(a)
    monkeypatch.setattr(drift, "_DESIGNS", {})
    monkeypatch.setattr(grade_cusum, "_DESIGNS", {})
    reads = []
    real = warnings._stored_limits
    monkeypatch.setattr(warnings, "_stored_limits", lambda st: reads.append(1) or real(st))
    warnings.refresh_network(hq)
    assert reads == [1]
    with a.session() as s:
        kept = json.loads(s.get(StoreMeta, warnings.LIMITS_KEY).value)
    assert kept == drift.known_limits() + grade_cusum.known_rows() and kept


def info(dealer, kind, subject, item=None):
    from datetime import date

    return warnings.WarningInfo("id", dealer, kind, subject, item, date(2026, 11, 1), date(2026, 11, 9),
                                0.08, 4.0, 30, 9, ("RO-1",))


@pytest.mark.parametrize("rows, want", [
    ([], []),
    ([info("BJ01", "item", "timeliness", "timeliness")], []),  # one dealer: its own matter
    ([info("BJ01", "item", "timeliness", "timeliness"), info("SH02", "item", "timeliness", "timeliness")],
     [("item", "timeliness", ("BJ01", "SH02"))]),
    # an advisor's drift on an item counts for the item at that dealer; the advisor is not grouped
    ([info("BJ01", "advisor", "李娜", "attitude"), info("SH02", "item", "attitude", "attitude")],
     [("item", "attitude", ("BJ01", "SH02"))]),
    ([info("BJ01", "advisor", "李娜", None), info("SH02", "advisor", "李娜", None)], []),
    # the same dealer twice is one dealer
    ([info("BJ01", "cause", "parts"), info("BJ01", "cause", "parts")], []),
    ([info("BJ01", "cause", "parts"), info("SH02", "cause", "parts"), info("GZ03", "cause", "parts"),
      info("BJ01", "cause", "waiting"), info("SH02", "cause", "waiting")],
     [("cause", "parts", ("BJ01", "GZ03", "SH02")), ("cause", "waiting", ("BJ01", "SH02"))]),
])
def test_what_rises_at_several_dealers(rows, want):
    got = [(r.kind, r.subject, r.dealers) for r in warnings.rising_at_several(rows)]
    assert got == want


def test_worked_out_in_a_process_of_its_own_the_warnings_are_those_worked_out_here(twins, tmp_path):
    import shutil

    from app.models.store import open_store
    from app.services.changes import ALERTS
    from app.services.predict.elsewhere import refresh_elsewhere

    a, _ = twins
    warnings.refresh(a, dealer_id(a))
    from datetime import date

    every = lambda st: {(w.id, w.failures, w.forms) for w in warnings.warnings_since(st, date(2000, 1, 1))}  # noqa: E731
    here = every(a)  # acknowledged ones too: the copy has no acknowledgements
    copy = tmp_path / "copy"
    copy.mkdir()
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(a.path, isolation_level=None)) as con:  # the same history, its warnings dropped below
        con.execute("VACUUM INTO ?", (str(copy / a.path.name),))
    other = open_store(copy)
    try:
        with other.session() as s:
            s.query(EarlyWarning).delete()
            s.commit()
        from app.services.changes import collecting

        with collecting() as seen:
            assert refresh_elsewhere(other)
        assert seen.value == ALERTS  # the views hear of it through the change notice
        assert every(other) == here and here
        assert (copy / "cache" / "warning-limits.json").is_file()  # the child kept its limits
    finally:
        other.close()
        shutil.rmtree(copy, ignore_errors=True)


def test_a_child_that_fails_is_a_clear_error_and_changes_nothing(store, monkeypatch):
    import sys

    from app.foundation.errors import WarningsNotWorkedOut
    from app.services.predict import elsewhere

    monkeypatch.setattr(elsewhere, "command", lambda data_dir: [
        sys.executable, "-c", "import sys; sys.stderr.write('the store is busy\\n'); sys.exit(3)"])
    with pytest.raises(WarningsNotWorkedOut) as caught:
        elsewhere.refresh_elsewhere(store)
    assert "exit 3: the store is busy" in str(caught.value) and "warn refresh" in str(caught.value)
    assert warnings.open_warnings(store) == []


def test_the_desk_works_them_out_again_only_when_the_history_or_the_day_changed(twins, tmp_path, monkeypatch):
    """The desk asks after every sign-in: the child runs when today's history is new to it, and the
    views are told only when it stored new warnings."""
    import sqlite3
    from contextlib import closing
    from datetime import date, timedelta

    from app.foundation import clock
    from app.models.store import open_store
    from app.services.changes import ALERTS, NOTHING, collecting
    from app.services.predict import elsewhere

    a, _ = twins
    copy = tmp_path / "copy"
    copy.mkdir()
    with closing(sqlite3.connect(a.path, isolation_level=None)) as con:
        con.execute("VACUUM INTO ?", (str(copy / a.path.name),))
    other = open_store(copy)
    started, real = [], elsewhere.command
    monkeypatch.setattr(elsewhere, "command", lambda data_dir: started.append(data_dir) or real(data_dir))

    def ask():
        with collecting() as seen:
            stored = elsewhere.refresh_elsewhere(other)
        return stored, seen.value, len(started)

    try:
        with other.session() as s:
            s.query(EarlyWarning).delete()
            s.commit()
        assert ask() == (True, ALERTS, 1)  # worked out, stored, told
        found = {w.id for w in warnings.warnings_since(other, date(2000, 1, 1))}
        assert found
        assert ask() == (False, NOTHING, 1)  # signed in again: the same history today, nothing run, nothing told
        fill_demo(other, 10, 0)  # new forms (through the writer, each with its event)
        assert ask() == (False, NOTHING, 2)  # worked out again; nothing new fired: nobody told
        assert ask() == (False, NOTHING, 2)
        monkeypatch.setenv(clock.ENV, clock.setting_for(clock.now() + timedelta(days=1)))
        assert ask() == (False, NOTHING, 3)  # a new day: again
        assert {w.id for w in warnings.warnings_since(other, date(2000, 1, 1))} >= found
    finally:
        other.close()
