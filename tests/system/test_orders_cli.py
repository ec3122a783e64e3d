"""`orders import` through the command line: a DMS export with Chinese headers in GB18030 stored once
however often it is imported, a changed order updated, a bad file refused whole (exit 2, nothing stored),
and on a store with people it runs as the one `--as` names."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import Event, RepairOrder
from app.models.store import open_store
from tests.helpers import csv_file
from tests.system.test_cli_acting import cli, staffed  # noqa: F401 - the fixture

HEADER = "工单号,开单时间,承诺交车时间,交车时间,服务顾问,客户,电话,车牌,VIN/车架号,维修类型,金额,里程"


def rows(amount="680"):
    return [f"RO-1,2026-11-02 09:10,2026-11-02 17:00,2026-11-02 16:40,李娜,王芳,13812345678,京A12345,,保养,{amount},15230",
            "RO-2,2026-11-03 08:30,2026-11-03 12:00,2026-11-04 10:15,李娜,陈杰,13912345678,沪B54321,,钣喷,5200,40211"]


def stored(data_dir):
    store = open_store(data_dir)
    try:
        with store.session() as s:
            return (s.scalar(select(func.count()).select_from(RepairOrder)),
                    list(s.execute(select(Event.kind, Event.actor_id).where(Event.entity_type == "order")
                                   .order_by(Event.occurred_at, Event.seq))))
    finally:
        store.close()


def test_an_export_imported_twice_is_stored_once_and_a_change_is_an_event(data_dir, tmp_path):
    f = tmp_path / "dms.csv"
    f.write_bytes(("\n".join([HEADER, *rows()]) + "\n").encode("gb18030"))
    r = cli(data_dir, "orders", "import", str(f))
    assert r.returncode == 0, r.stderr
    assert "2 repair orders read, 2 new" in r.stdout
    r = cli(data_dir, "orders", "import", str(f))
    assert r.returncode == 0 and "2 already stored" in r.stdout
    f.write_bytes(("\n".join([HEADER, *rows("720")]) + "\n").encode("gb18030"))
    r = cli(data_dir, "orders", "import", str(f))
    assert r.returncode == 0 and "1 changed" in r.stdout
    n, events = stored(data_dir)
    assert n == 2 and [k for k, _ in events] == ["order.created", "order.created", "order.updated"]


def test_a_bad_file_is_refused_whole_with_every_problem(data_dir, tmp_path):
    bad = csv_file(tmp_path / "bad.csv", [*rows(), "RO-3,tomorrow,,,李娜,赵敏,123,粤C11111,,保养,=1+1,"],
                   header=HEADER)
    r = cli(data_dir, "orders", "import", str(bad))
    assert r.returncode == 2
    # each column as the management system's export heads it
    assert "line 4, column 开单时间" in r.stderr and "line 4, column 金额" in r.stderr
    assert "line 4, column 电话" in r.stderr and "nothing was imported" in r.stderr
    assert stored(data_dir)[0] == 0


def test_on_a_store_with_people_it_runs_as_the_one_named(data_dir, tmp_path, staffed):  # noqa: F811
    f = csv_file(tmp_path / "dms.csv", rows(), header=HEADER)
    r = cli(data_dir, "orders", "import", str(f))
    assert r.returncode == 2 and "--as NAME" in r.stderr
    r = cli(data_dir, "orders", "import", str(f), "--as", "li", pin="1357")  # an advisor may import orders
    assert r.returncode == 0, r.stderr
    n, events = stored(data_dir)
    assert n == 2 and all(actor for _, actor in events)
