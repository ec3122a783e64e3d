"""`orders refit` through the command line, as the desk starts it in a process of its own: the risk model
fitted on the dealer's history and kept in the store (exit 0); a dealer the store doesn't hold refused
(exit 2, nothing stored); a store that stays busy is an error in words (exit 1, nothing stored), which
the desk reads as RiskNotFitted."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.models import StoreMeta
from app.models.store import open_store
from app.services.imports.feedback_store import import_feedback_file
from app.services.orders.store import import_orders_file
from app.services.predict.risk_model import saved_model
from tests.helpers import csv_file, form_line
from tests.system.test_cli_acting import cli
from tests.unit.test_three_day_calls import HEADER, at, order


def kept(data_dir) -> dict[str, str]:
    store = open_store(data_dir)
    try:
        with store.session() as s:
            return dict(s.execute(select(StoreMeta.key, StoreMeta.value).where(StoreMeta.key.like("risk.model.%"))).all())
    finally:
        store.close()


@pytest.fixture
def history(data_dir, tmp_path):
    """Forty orders of last month with their forms (the late ones failed) and one due now; the store closed."""
    rows = [order(f"H{i}", 40, late=i % 2 == 1, i=i) for i in range(40)] + [order("D5", 5, late=True, i=52)]
    forms = [form_line(at(40, 0)[:10], f"H{i}", "ADA" if i % 2 else "AAA", customer=f"客户{i}",
                       phone=f"1381234{i:04d}", plate=f"京A{i:05d}") for i in range(40)]
    store = open_store(data_dir)
    try:
        import_orders_file(store, csv_file(tmp_path / "o.csv", rows, header=HEADER))
        import_feedback_file(store, csv_file(tmp_path / "f.csv", forms))
        dealer = store.identity.home_dealer_id
    finally:
        store.close()
    return dealer


def test_the_model_is_fitted_and_kept_for_the_dealer(data_dir, history):
    assert kept(data_dir) == {}
    r = cli(data_dir, "orders", "refit", "--background")
    assert r.returncode == 0, r.stderr
    assert "risk model fitted on 40 repair orders with a form, 20 of them failed." in r.stdout
    assert list(kept(data_dir)) == ["risk.model." + history]
    store = open_store(data_dir)
    try:
        with store.session() as s:
            saved = saved_model(s, history)
    finally:
        store.close()
    assert saved is not None and saved.day == clock.today()
    assert (saved.fitted.model.fitted_on, saved.fitted.model.failures) == (40, 20)


def test_a_dealer_the_store_does_not_hold_is_refused_and_nothing_is_stored(data_dir, history):
    r = cli(data_dir, "orders", "refit", "--dealer", "NOPE")
    assert r.returncode == 2
    assert 'Dealer "NOPE" is not in this store' in r.stderr
    assert kept(data_dir) == {}


def test_a_store_that_stays_busy_is_an_error_and_nothing_is_stored(data_dir, history):
    from app.foundation.errors import RiskNotFitted
    from app.services.predict.elsewhere import refit_elsewhere

    with closing(sqlite3.connect(data_dir / "store.sqlite3", isolation_level=None)) as con:
        con.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the busy timeout
        r = cli(data_dir, "orders", "refit")
        assert r.returncode == 1
        assert "The store is busy with another change" in r.stderr
        store = open_store(data_dir)
        try:
            with pytest.raises(RiskNotFitted) as caught:  # the desk's words for the same failure
                refit_elsewhere(store)
        finally:
            store.close()
        con.execute("ROLLBACK")
    assert "The store is busy" in str(caught.value) and "orders refit" in str(caught.value)
    assert kept(data_dir) == {}


def test_every_dealer_whose_orders_the_store_holds_is_fitted_or_the_one_named(data_dir, history, tmp_path):
    rows = [order(f"S{i}", 40, late=i < 3, i=100 + i) for i in range(10)]
    forms = [form_line(at(40, 0)[:10], f"S{i}", "ADA" if i < 3 else "AAA", customer=f"客户{100 + i}",
                       phone=f"1381234{100 + i:04d}", plate=f"京A{100 + i:05d}") for i in range(10)]
    store = open_store(data_dir)
    try:
        import_orders_file(store, csv_file(tmp_path / "o2.csv", rows, header=HEADER), dealer_code="D2")
        import_feedback_file(store, csv_file(tmp_path / "f2.csv", forms), dealer_code="D2")
        with store.session() as s:
            from app.models import Dealer

            other = s.scalar(select(Dealer.id).where(Dealer.code == "D2"))
    finally:
        store.close()
    r = cli(data_dir, "orders", "refit", "--dealer", "D2")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Dealer D2: risk model fitted on 10 repair orders with a form, 3 of them failed."
    assert list(kept(data_dir)) == ["risk.model." + other]
    r = cli(data_dir, "orders", "refit")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.strip().splitlines()) == 2 and "fitted on 40 " in r.stdout and "fitted on 10 " in r.stdout
    assert set(kept(data_dir)) == {"risk.model." + history, "risk.model." + other}
