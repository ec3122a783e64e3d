"""Helpers for sync tests: a head-office database with an enrolled counter, two counters of one dealer
with head office in this process (`two_in_process`), case edits, counting."""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import func, select

from app.foundation import secrets
from app.models import Event, FailureCase, utcnow
from app.services.cases.opening import NewCase, open_case
from app.services.uow import UnitOfWork
from app.rules.vocab import CauseGroup, Channel, FailureType, Severity
from app.sync.client import SyncClient
from tests.helpers import fresh_hq_db, fresh_store


@contextmanager
def in_process_head_office(db, inbox) -> Iterator:
    """Head office's intake app served inside this process: the transport a SyncClient takes. The
    client is entered, so every request runs on one event loop (a TestClient that is not entered
    starts a thread and a loop for each request, most of a sync round's cost in these tests)."""
    from app.hq.intake import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's note about httpx versions
        from starlette.testclient import TestClient

        client = TestClient(create_app(db, inbox))
    with client:
        yield client._transport


@contextmanager
def two_in_process(tmp_path: Path, hq_url: str | None = None) -> Iterator[tuple]:
    """Counters a and b of dealer BJ01, enrolled at a head office whose intake runs in this process on
    SQLite, or on the database at ``hq_url`` (PostgreSQL, as in production), with the apply code `hq
    serve` runs, nobody signed up at either yet: the one way unit and system tests build this network.
    Yields head office's database, the two stores and ``sync(*stores)``: a sync round of each store
    given, in turn, returning the rounds' reports."""
    if hq_url is None:
        db = fresh_hq_db(tmp_path / "hq.sqlite3")
    else:
        from app.models.store import open_database

        db = open_database(hq_url)
    a, b = fresh_store(tmp_path / "a"), fresh_store(tmp_path / "b")
    try:
        with in_process_head_office(db, tmp_path / "inbox") as net:
            for st in (a, b):
                enrol_in_process(db, st)

            def sync(*stores) -> list:
                return [SyncClient(st, url="http://hq", transport=net).run_once() for st in stores]

            yield db, a, b, sync
    finally:
        a.close()
        b.close()
        db.close()

def new_case(i: int = 0, **kw) -> NewCase:
    base = dict(customer_name=f"Customer {i}", phone=f"1380000{i:04d}", plate=f"京A{i:05d}",
                channel=Channel.ON_SITE.value, failure_type=FailureType.PROCESS.value,
                cause_group=CauseGroup.EMPLOYEE.value, severity=Severity.SEVERE.value, severity_reason="test")
    base.update(kw)
    return NewCase(**base)


def open_cases(store, n: int, start: int = 0) -> list[str]:
    return [open_case(store, new_case(start + i), None).id for i in range(n)]


def edit_case(store, case_id: str, root_cause: str) -> int:
    """A change on top of the case's current version (as the case screens will make them)."""
    with UnitOfWork(store, None) as uow:
        case = uow.session.get(FailureCase, case_id)
        case.version += 1
        case.root_cause = root_cause
        case.updated_at = utcnow()
        uow.record("case", case_id, "case.updated", {"root_cause": root_cause}, case.dealer_id, seq=case.version)
        uow.commit()
        return case.version


def enrol_in_process(db, store, dealer_code: str = "BJ01") -> str:
    """Enrol ``store`` at ``db`` without a server: the credential goes to the (test) keyring."""
    from app.hq.counters import add_dealer, issue_code, redeem
    from app.sync.connect import _rehome

    add_dealer(db, dealer_code, dealer_code + " dealer")
    got = redeem(db, issue_code(db, dealer_code), store.identity.store_id, "test")
    secrets.put(secrets.counter_key(store.identity.store_id), got.secret)
    _rehome(store, got.dealer.id, got.dealer.code, got.dealer.name, got.tag)
    return got.secret


def event_ids(db_or_store) -> set[str]:
    with db_or_store.session() as s:
        return set(s.scalars(select(Event.id)))


def count(db_or_store, model) -> int:
    with db_or_store.session() as s:
        return s.scalar(select(func.count()).select_from(model))
