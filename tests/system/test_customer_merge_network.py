"""A merge across the network, through the public command line and real processes: head office on
PostgreSQL behind `hq serve`, two counters of dealer BJ01. A customer recorded twice at counter 1,
a complaint under the second record at counter 2 while it is offline, a supervisor's
`customers merge` at counter 1: after the sync rounds every place holds one record, with every
case and repair order of the customer on it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Customer, FailureCase, RepairOrder
from app.models.store import open_database
from tests.system.test_network_scenario import sync
from tests.system.two_counters import network_of_two

pytestmark = pytest.mark.slow


def found(net, data_dir, text: str) -> list[list[str]]:
    out = net.cli("--data-dir", data_dir, "customers", "find", text).stdout
    return [line.split("\t") for line in out.splitlines() if line.strip()]


def test_a_merge_at_one_counter_reaches_head_office_and_the_other_counter(tmp_path, pg_url_at_head, secret_service):
    hq_db = pg_url_at_head
    with network_of_two(tmp_path, hq_db, secret_service, people2=[["bj2adv", "周顾问", "advisor"]]) as (net, c1, c2):
        # 李明 twice at counter 1: a complaint, and a form under another phone and car.
        first = net.act(c1, "complaint", who="bj1admin", name="李明", phone="13812345678", plate="京A12345",
                        words="异响")
        net.act(c1, "form", who="bj1admin", ro="RO-7", day=net.day(1), grades=["A", "B", "C"], name="李明",
                phone="13900000001", plate="京B22222")
        sync(net, c1)
        sync(net, c2)
        assert len(found(net, c2, "李明")) == 2
        # Counter 2 records a complaint of his under the second record before it hears of the merge.
        late = net.act(c2, "complaint", who="bj2adv", name="李明", phone="13900000001", plate="京B22222",
                       words="又来了")
        keep = next(r[0] for r in found(net, c1, "13812345678"))
        other = next(r[0] for r in found(net, c1, "13900000001"))
        r = net.cli("--data-dir", c1, "customers", "merge", "--keep", keep, "--merge", other, "--as", "bj1admin")
        assert "1 forms moved" in r.stdout
        for d in (c1, c2, c1, c2):
            sync(net, d)

        for d in (c1, c2):
            assert {r[0] for r in found(net, d, "李明")} == {keep}, d.name
        db = open_database(hq_db)
        try:
            with db.session() as s:
                assert list(s.scalars(select(Customer.id).where(Customer.name == "李明"))) == [keep]
                assert set(s.scalars(select(FailureCase.customer_id).where(
                    FailureCase.id.in_([first["case_id"], late["case_id"]])))) == {keep}
                assert s.scalar(select(RepairOrder.customer_id).where(RepairOrder.number == "RO-7")) == keep
        finally:
            db.close()
