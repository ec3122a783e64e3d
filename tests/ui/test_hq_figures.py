"""Head office's network page shows each dealer's month with the network report's figures."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import update

from app.foundation import clock
from app.models import FailureCase
from app.reports import network
from app.services.cases.opening import open_case
from app.services.imports.feedback_store import import_feedback_file
from app.services.recovery.overdue import count_overdue
from app.sync import outbox
from app.services.network import month_sums
from app.sync.apply import apply_file
from app.ui.hq.hq_window import HqWindow
from app.ui.common.ops import Ops
from tests.synchelp import enrol_in_process, new_case

HEADER = "date,repair_order,advisor,customer,phone,plate,timeliness,repair_quality,attitude,overall,verified,comment\n"


def test_the_network_page_shows_the_network_reports_figures(qtbot, tmp_path, new_store, new_hq_db):
    db = new_hq_db(tmp_path / "hq.sqlite3")
    a = new_store(tmp_path / "a")
    enrol_in_process(db, a)
    day = clock.today().isoformat()
    rows = [f"{day},RO-{i},李娜,客户{i},1390000{i:04d},京B{i:05d},{g},{o},no,\n"
            for i, (g, o) in enumerate([("A,A,A", 9), ("A,D,A", 9), ("A,A,A", 6), ("B,B,B", 8)])]
    (tmp_path / "f.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    import_feedback_file(a, tmp_path / "f.csv")
    opened = clock.now() - timedelta(hours=5)  # two cases nobody answered for 5 hours: overdue
    for i in range(2):
        open_case(a, new_case(i), None, at=opened)
    assert count_overdue(a) == 2
    answered = [open_case(a, new_case(10 + i), None, at=opened).id for i in range(3)]
    with a.session() as s, s.begin():  # answered after 1, 2 and 4 hours
        for cid, h in zip(answered, (1, 2, 4)):
            s.execute(update(FailureCase).where(FailureCase.id == cid)
                      .values(first_response_at=opened + timedelta(hours=h)))
    for f in outbox.export(a, tmp_path / "out"):
        doc = json.loads(f.read_bytes())
        with db.session() as s, s.begin():
            apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
            month_sums.refresh(s, [doc["dealer"]["id"]], month_sums.months_of(doc["records"]))  # as the import does
    report = network.gather(db, clock.today().strftime("%Y-%m"))
    [row] = report.dealers
    assert (row.forms, row.failures) == (4, 2)

    w = HqWindow(db, Ops())
    qtbot.addWidget(w)
    w.show()
    page = w.network
    qtbot.waitUntil(lambda: page.dealers.rowCount() == 1)
    assert w.tabs.tabText(0) == "Network"
    cells = [page.dealers.item(0, c).text() for c in range(page.dealers.columnCount())]
    assert cells[1:6] == [f"{row.code} {row.code} dealer", "4", f"{row.average:.2f}", "-", "50.0%"]
    assert cells[11] == "2"  # overdue now: the counter's own count
    w.timer.stop()
    qtbot.waitUntil(lambda: not w.ops.busy)
    a.close()
    db.close()
