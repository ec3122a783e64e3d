"""What a purge looks up at head office, on SQLite and PostgreSQL: the conflicts of the customer's cases
and forms by their index (never every conflict), the kept case files holding the customer by the
kept-file index (never every file of the dealer), and still no kept file naming a purged value while
another customer's files stay as they were. Migration 0020 notes the files kept before it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import inspect, select

from app.foundation import clock
from app.hq.receive import receive
from app.models import SyncReceived, SyncReceivedCustomer
from app.models.store import open_database
from app.services.customers import merging
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.privacy import kept_files, purging
from app.sync import outbox
from tests.helpers import downgrade, plans_of
from tests.synchelp import enrol_in_process

OLD = ("李明远", "13812345678", "京A12345")
KEPT = ("王芳", "13900000001", "京B22222")


def _form(store, who, ro, person, days):
    name, phone, plate = person
    feedback_forms.enter_form(store, feedback_forms.FormEntry(ro, clock.today() - timedelta(days=days), name, phone,
                                                              plate, "A", "B", "C"), who)


def _send(store, db, out) -> None:
    for f in outbox.export(store, out):
        receive(db, f.read_bytes())


def _kept(db) -> list[bytes]:
    with db.session() as s:
        return list(s.scalars(select(SyncReceived.content)))


def test_a_purge_arriving_reads_only_the_customers_files_by_index(tmp_path, store, hq_db):
    enrol_in_process(hq_db, store)
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    _form(store, admin, "RO-OLD", OLD, 4 * 365)
    _form(store, admin, "RO-NEW", KEPT, 20)
    _send(store, hq_db, tmp_path / "out1")
    with hq_db.session() as s:  # each kept file noted with the customers it holds
        noted = s.execute(select(SyncReceivedCustomer.customer_id, SyncReceivedCustomer.n)).all()
    assert len({c for c, _ in noted}) == 2
    assert any(OLD[1].encode() in c for c in _kept(hq_db)) and any(KEPT[1].encode() in c for c in _kept(hq_db))

    assert purging.purge_if_due(store).customers == 1
    plans = plans_of(hq_db, lambda: _send(store, hq_db, tmp_path / "out2"))

    kept = _kept(hq_db)
    for value in OLD:
        assert not any(value.encode() in c for c in kept), value
    for value in KEPT:  # the other customer's files keep their values
        assert any(value.encode() in c for c in kept), value
    # the purge's read of the conflicts by entity (the import's own reads of sync_conflict go by event id)
    conflicts = ["\n".join(p) for st, p in plans if "WHERE sync_conflict.entity_id" in st]
    # (its reads: each kept file's customers are noted by an insert, on PostgreSQL with the file's row)
    files = ["\n".join(p) for st, p in plans if "sync_received_customer" in st
             and "INSERT INTO sync_received_customer" not in st]
    assert conflicts and files  # the purge asked both
    if hq_db.engine.dialect.name == "postgresql":
        assert all("ix_sync_conflict_entity_id" in p for p in conflicts), conflicts
        for p in files:
            assert "pk_sync_received_customer" in p and "pk_sync_received " in p + " ", p
            assert "Seq Scan" not in p and "ix_sync_received_dealer_id" not in p, p
    else:
        assert all("USING INDEX ix_sync_conflict_entity_id" in p for p in conflicts), conflicts
        for p in files:
            assert "USING COVERING INDEX sqlite_autoindex_sync_received_customer_1" in p \
                or "USING PRIMARY KEY" in p or "pk_sync_received_customer" in p, p
            assert "SEARCH sync_received USING INTEGER PRIMARY KEY (rowid=?)" in p, p
            assert "SCAN sync_received" not in p, p


def test_only_the_files_holding_the_customer_or_a_record_merged_into_them_are_read(tmp_path, store, hq_db):
    enrol_in_process(hq_db, store)
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    _form(store, admin, "RO-OLD", OLD, 10)
    _send(store, hq_db, tmp_path / "out1")
    _form(store, admin, "RO-NEW", KEPT, 10)
    _send(store, hq_db, tmp_path / "out2")  # a file of its own
    with hq_db.session() as s:
        by_customer = dict(s.execute(select(SyncReceivedCustomer.customer_id, SyncReceivedCustomer.n)).all())
        old_id, kept_id = sorted(by_customer, key=lambda c: by_customer[c])
        # The kept customer's file names a value of the old one: it is not the old customer's file.
        assert kept_files.scrub(s, store.identity.home_dealer_id, {old_id}, {KEPT[1]: "x"}) == 0
        # Once the kept customer is merged into the old one, their files are the old one's too.
        merging._remember(s, store.identity.home_dealer_id, [("2026-01-01", "m1", kept_id, old_id)])
        assert kept_files.scrub(s, store.identity.home_dealer_id, {old_id}, {KEPT[1]: "x"}) == 1
        s.rollback()


def test_customers_of_a_files_records():
    records = {"customer": [{"id": "c1"}], "vehicle": [{"id": "v1", "customer_id": "c2"}],
               "failure_case": [{"id": "k1", "customer_id": "c3"}], "user": [{"id": "u1"}], "remedy": [{"id": "r1"}]}
    assert kept_files.customers_of(records) == {"c1", "c2", "c3"}
    assert kept_files.customers_of({}) == set() and kept_files.customers_of(None) == set()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_migration_notes_the_files_kept_before_it(tmp_path, store, request, kind):
    url = request.getfixturevalue("sqlite_hq_url" if kind == "sqlite" else "pg_url_at_head")
    db = open_database(url)
    try:
        enrol_in_process(db, store)
        admin = users.create_first_admin(store, "admin", "管理员", "1234")
        _form(store, admin, "RO-OLD", OLD, 10)
        _send(store, db, tmp_path / "out")
        with db.session() as s:
            before = set(s.execute(select(SyncReceivedCustomer.customer_id, SyncReceivedCustomer.n)).all())
        assert before
        downgrade(db.engine, "0019_warning_figure")
        assert "sync_received_customer" not in inspect(db.engine).get_table_names()
    finally:
        db.close()
    db = open_database(url)  # upgrades to the head
    try:
        with db.session() as s:
            assert set(s.execute(select(SyncReceivedCustomer.customer_id, SyncReceivedCustomer.n)).all()) == before
    finally:
        db.close()


@pytest.mark.parametrize("body,old", [
    ({"name": "李明远", "phone": "13812345678", "n": [1, "13812345678", {"x": "李明远"}]}, {"李明远": "李", "13812345678": "T1"}),
    ({"13812345678": "13812345678", "k": ["13812345678"]}, {"13812345678": "T1"}),  # a key stays as it is
    ({"a": 'say "hi"\\', "b": "line\nbreak\t", "c": "\u0001"}, {'say "hi"\\': "q", "line\nbreak\t": "", "\u0001": "z"}),
    ({"a": "李明远x", "b": "x李明远", "c": None, "d": 5, "e": True}, {"李明远": "李"}),  # only whole strings
    ({"vin": "LSV123", "plates": {"v1": "京A12345"}}, {"LSV123": "", "京A12345": "京Z0001"}),
    ({"a": ",x", "b": ["}y", "]z", ":w", ""]}, {",x": "1", "}y": "2", "]z": "3", ":w": "4", "": "5"}),  # never misaligned
])
def test_a_kept_file_rewritten_in_its_bytes_is_the_canonical_file_with_the_values_replaced(body, old):
    from app.foundation import signing

    content = signing.canonical(body) + b"\n"
    assert kept_files.replaced(content, old) == signing.canonical(purging._replaced(body, old)) + b"\n"


def test_a_real_case_file_rewritten_in_its_bytes_is_the_same_as_through_json(tmp_path, store, sqlite_hq_url):
    import json

    from app.foundation import signing

    db = open_database(sqlite_hq_url)
    enrol_in_process(db, store)
    db.close()
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    _form(store, admin, "RO-OLD", OLD, 10)
    _form(store, admin, "RO-NEW", KEPT, 10)
    (path,) = outbox.export(store, tmp_path / "out")
    content = path.read_bytes()
    old = dict(zip(OLD, ("李", "T1", "T2")))
    new = kept_files.replaced(content, old)
    assert new != content and new == signing.canonical(purging._replaced(json.loads(content), old)) + b"\n"
