"""The demo's cases opened in bulk are the cases open_case_in opens one by one: the same numbers,
customers (returning ones found, new ones added once), vehicles, rows and events, recovery after."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select

from app.models import Customer, Event, FailureCase, StoreMeta, User, Vehicle
from app.services.cases.opening import open_case_in
from app.services.demo import sample_data
from app.services.demo.sample_data import fill_demo

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)


class OneByOne:
    """The opening as it was: open_case_in for each case, at once."""

    def __init__(self, uow, dealer) -> None:
        self.uow = uow

    def open(self, new, when, *, actor_id=None):
        return open_case_in(self.uow, new, when, actor_id=actor_id)

    def flush(self) -> None:
        pass


def untagged(number: str) -> str:
    """The number without the counter's tag (a copied store is another counter, with its own tag)."""
    dealer, month, _tag, running = number.split("-")
    return f"{dealer}-{month}-{running}"


IDS = {"customer_id", "vehicle_id", "repair_order_id", "form_id", "assignee_id", "id"}


def content(store) -> dict:
    with store.session() as s:
        who = dict(s.execute(select(User.id, User.username)).all())  # each store made its advisors: ids differ
        cases = sorted((untagged(r[0]), *r[1:8], who.get(r[8]), r[9] is not None, r[10] is not None, *r[11:]) for r in s.execute(
            select(FailureCase.number, FailureCase.status, FailureCase.severity, FailureCase.channel,
                   FailureCase.opened_at, FailureCase.first_response_at, FailureCase.closed_at, FailureCase.version,
                   FailureCase.assignee_id, FailureCase.form_id, FailureCase.repair_order_id, Customer.name, Customer.phone,
                   Vehicle.plate, Vehicle.model, Vehicle.vin)
            .join(Customer, Customer.id == FailureCase.customer_id).join(Vehicle, Vehicle.id == FailureCase.vehicle_id)).all())
        events = sorted((e.entity_type, e.kind, e.seq, e.occurred_at, who.get(e.actor_id),
                         sorted((k, untagged(v) if k == "number" else str(v)) for k, v in e.payload.items() if k not in IDS)
                         if e.kind == "case.opened" else [])
                        for e in s.scalars(select(Event).where(Event.entity_type == "case")))
        opened = sorted((untagged(e.payload["number"]), e.payload["phone"], e.payload["plate"])
                        for e in s.scalars(select(Event).where(Event.kind == "case.opened")))
        return {"cases": cases, "events": events, "opened": opened,
                "customers": s.scalar(select(func.count()).select_from(Customer)),
                "vehicles": s.scalar(select(func.count()).select_from(Vehicle)),
                "numbers": sorted(s.execute(select(StoreMeta.key, StoreMeta.value)
                                            .where(StoreMeta.key.like("case_seq%"))).all())}


def test_bulk_opening_stores_what_one_by_one_did(store, data_dir, tmp_path, monkeypatch):
    import shutil

    from app.models.store import STORE_FILE, open_store

    twin_dir = tmp_path / "twin"
    twin_dir.mkdir()
    shutil.copyfile(store.path, twin_dir / STORE_FILE)  # the same store id, dealer and people
    twin = open_store(twin_dir)
    fill_demo(store, forms=500, cases=300, seed=11, now=NOW)
    monkeypatch.setattr(sample_data, "BulkOpening", OneByOne)
    monkeypatch.setattr(sample_data._Recovery, "BATCH", 70)  # batches that end mid-way differ nowhere
    fill_demo(twin, forms=500, cases=300, seed=11, now=NOW)
    bulk, one = content(store), content(twin)
    assert bulk["cases"] and len(bulk["cases"]) == 300
    for key in one:
        if bulk[key] != one[key] and isinstance(one[key], list):
            diff = [(a, b) for a, b in zip(bulk[key], one[key]) if a != b][:1]
            raise AssertionError((key, diff))
        assert bulk[key] == one[key], key
    twin.close()
