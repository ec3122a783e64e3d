"""Head office's window shows each dealer's month with the network report's figures."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import update

from app.foundation import clock
from app.models import FailureCase
from app.reports import cases as case_report
from app.reports import network
from app.services.cases import open_case
from app.services.imports.feedback_store import import_feedback_file
from app.services.recovery import count_overdue
from app.sync import outbox
from app.sync.apply import apply_file
from app.ui.hq.hq_window import HqWindow
from app.ui.common.ops import Ops
from tests.synchelp import enrol_in_process, new_case

HEADER = "date,repair_order,advisor,customer,phone,plate,timeliness,repair_quality,attitude,overall,verified,comment\n"


def test_the_figures_tab_shows_the_network_reports_figures(qtbot, tmp_path, new_store, new_hq_db):
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
    report = network.gather(db, clock.today().strftime("%Y-%m"))
    [row] = report.dealers
    assert (row.forms, row.failures) == (4, 2)

    w = HqWindow(db, Ops())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.figures.rowCount() == 1)
    assert w.tabs.tabText(3) == "Figures"
    cells = [w.figures.item(0, c).text() for c in range(w.figures.columnCount())]
    assert cells[:6] == [row.code, "4", f"{row.average:.2f}", "2", "50.0%", str(row.cases)]
    assert cells[8] == "2"  # overdue now: the counter's own count
    # Time to first response as the dealer's own case report computes it.
    month = clock.today().strftime("%Y-%m")
    if row.cases:  # (5 hours ago may be last month, just after midnight on the 1st)
        own = case_report.gather(a, month)
        assert cells[6] == f"{own.first_response_median:.1f}" == "2.0"
    a.close()
    db.close()
