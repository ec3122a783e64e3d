"""Head office's workplace on PostgreSQL, as an analyst uses it: the dealer that got worse, one of its
cases and its timeline; a pack published to one dealer arriving after its counter syncs through a
real `hq serve`; a conflict arriving while the window is open, resolved with a note."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from app.foundation import clock
from app.hq.counters import add_dealer, issue_code
from app.hq.importer import import_paths
from app.models import Event, FailureCase, SyncConflict
from app.models.store import open_database
from app.scripts.library import bundled_pack_path
from app.services.assessment import previous
from app.services.imports.feedback_store import import_feedback_file
from app.sync import outbox
from app.services.network import month_sums
from app.sync.apply import apply_file
from app.ui.common.ops import Ops
from app.ui.hq import hq_window
from app.ui.hq.hq_window import CASES_TAB, CONFLICTS_TAB, HqWindow
from app.ui.hq.network_page import DEALER, FAILURE
from tests.synchelp import edit_case, enrol_in_process, open_cases
from tests.system.hqserver import ROOT, HqServer

HEADER = "date,repair_order,advisor,customer,phone,plate,timeliness,repair_quality,attitude,overall,verified,comment\n"



def listed(model, n: int) -> bool:
    """The case list counts n cases and holds their rows (pages arrive after the count)."""
    return model.rowCount() == n and all(model.case_at(r) is not None for r in range(n))

def _forms(store, tmp_path, name: str, rows: list[tuple[date, str, int]]) -> None:
    lines = [f"{d.isoformat()},RO-{name}-{i},李娜,客户{i},1390000{i:04d},京B{i:05d},{g},{o},no,\n"
             for i, (d, g, o) in enumerate(rows)]
    path = tmp_path / f"{name}.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    import_feedback_file(store, path)


def _to_head_office(store, db, folder) -> None:
    for f in outbox.export(store, folder):
        doc = json.loads(f.read_bytes())
        with db.session() as s, s.begin():
            apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
            month_sums.refresh(s, [doc["dealer"]["id"]], month_sums.months_of(doc["records"]))  # as the import does


@pytest.fixture
def hq_db(pg_url_at_head):
    db = open_database(pg_url_at_head)
    yield db
    db.close()


def _window(qtbot, db, poll_ms: int = 100) -> HqWindow:
    ops = Ops()
    w = HqWindow(db, ops, poll_ms=poll_ms)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _settle(qtbot, w: HqWindow) -> None:
    """No answer left to come before the window goes (one arriving after it would find it deleted)."""
    w.timer.stop()
    qtbot.waitUntil(lambda: not w.ops.busy, timeout=20000)


def test_an_analyst_finds_the_dealer_that_got_worse_and_reads_one_of_its_cases(qtbot, tmp_path, new_store, hq_db):
    db = hq_db
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(db, a, "BJ01")
    enrol_in_process(db, b, "SH02")
    today = clock.today()
    before = date(*previous(today.year, today.month), 1)
    good, poor = ("A,A,A", 10), ("A,D,C", 5)
    _forms(a, tmp_path, "a", [(before, *good)] * 4 + [(today, *good), (today, *poor), (today, *poor)])
    _forms(b, tmp_path, "b", [(before, *good)] * 3 + [(today, *good)] * 3)
    case_a, _other = open_cases(a, 2)
    edit_case(a, case_a, "brake pads not ordered")
    open_cases(b, 1, start=10)
    _to_head_office(a, db, tmp_path / "out-a")
    _to_head_office(b, db, tmp_path / "out-b")

    w = _window(qtbot, db)
    page = w.network
    assert w.tabs.currentIndex() == 0 and w.tabs.tabText(0) == "Network"
    qtbot.waitUntil(lambda: page.dealers.rowCount() == 2, timeout=20000)
    assert page.chosen_month == today.strftime("%Y-%m")
    qtbot.waitUntil(lambda: f"in {today:%Y-%m}," in page.headline.text(), timeout=20000)
    # The month picker: last month (against the month before it, which had nothing) names nobody.
    page.month.setFocus()
    qtbot.keyClick(page.month, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: f"in {before:%Y-%m}," in page.headline.text(), timeout=20000)
    assert page.headline.text().endswith("Worse on two or more figures: none"), page.headline.text()
    assert [page.dealers.item(r, 2).text() for r in range(page.dealers.rowCount())] == ["4", "3"]
    qtbot.keyClick(page.month, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: f"in {today:%Y-%m}," in page.headline.text(), timeout=20000)
    # The headline names the dealer worse on two or more figures; its row is marked.
    assert "Worse on two or more figures: BJ01" in page.headline.text()
    row = next(r for r in range(2) if page.dealers.item(r, 1).text().startswith("BJ01"))
    cells = [page.dealers.item(row, c).text() for c in range(page.dealers.columnCount())]
    assert cells[2] == "3" and cells[4].endswith("▼") and cells[6].endswith("▼"), cells
    assert page.dealers.item(row, 1).foreground().color().name() == "#b00020"
    # Choosing the dealer draws its trend next to the network's (the charting module).
    from app.ui.common.charts import series_of

    with qtbot.waitSignal(page.trend_shown, timeout=20000, check_params_cb=lambda code: code == "BJ01"):
        page.dealers.selectRow(row)
    named = dict(series_of(page.trend_chart))
    assert set(named) == {"Network", "BJ01"} and len(named["BJ01"]) == 2  # two months with forms
    # The rising causes across dealers: BJ01's two cases and SH02's one this month.
    assert page.causes.rowCount() >= 1 and page.causes.item(0, 5).text() == "2"

    # Double-click the dealer's failure share: the failure forms behind it, on the Cases page.
    def double_click(col: int) -> None:
        rect = page.dealers.visualItemRect(page.dealers.item(row, col))
        qtbot.mouseClick(page.dealers.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.dealers.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    cases = w.cases
    with qtbot.waitSignal(cases.forms.forms_shown, timeout=20000) as shown:
        double_click(FAILURE)
    assert w.tabs.currentIndex() == CASES_TAB and cases.lists.currentWidget() is cases.forms
    assert shown.args == [2] and cases.forms.scope.text() == f"BJ01: failure forms in {today:%Y-%m}: 2 forms"
    assert {cases.forms.table.item(r, 5).text() + cases.forms.table.item(r, 6).text() for r in range(2)} == {"AD"}
    # Its name: the cases opened in the month, in the list across dealers.
    w.tabs.setCurrentIndex(0)
    double_click(DEALER)
    assert w.tabs.currentIndex() == CASES_TAB and cases.lists.currentWidget() is cases.table
    qtbot.waitUntil(lambda: listed(cases.model, 2), timeout=20000)
    assert cases.dealer.currentText().startswith("BJ01")
    assert cases.scope.text().startswith(f"BJ01: cases opened in {today:%Y-%m}") and "2 cases" in cases.scope.text()
    # Searching narrows the list (the counter's search across dealers).
    number = cases.model.case_at(0).number
    qtbot.keyClicks(cases.search, number)
    qtbot.keyClick(cases.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: listed(cases.model, 1), timeout=20000)
    with qtbot.waitSignal(cases.story.story_shown, timeout=20000) as story:
        cases.table.selectRow(0)
    assert story.args[0].detail.number == number
    # The case BJ01 edited: its timeline, with where each change was made.
    cases.search.clear()
    qtbot.keyClick(cases.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: listed(cases.model, 2), timeout=20000)
    row = next(r for r in range(2) if cases.model.case_at(r).id == case_a)
    with qtbot.waitSignal(cases.story.story_shown, timeout=20000):
        cases.table.selectRow(row)
    timeline = [cases.story.timeline.item(i).text() for i in range(cases.story.timeline.count())]
    assert len(timeline) == 2 and all("counter test" in t for t in timeline), timeline
    assert "Case opened" in timeline[0]
    assert "BJ01" in cases.story.facts.text() and "Customer's words" in cases.story.facts.text()
    assert cases.story.tabs.tabText(0) == "Timeline (2)"
    _settle(qtbot, w)


@pytest.fixture
def keyring_env(tmp_path):
    return dict(os.environ, LANG="en_US.UTF-8", PYTHON_KEYRING_BACKEND="tests.fake_keyring.TestFileKeyring",
                TEST_KEYRING_FILE=str(tmp_path / "keyring.json"), PYTHONPATH=str(ROOT))


def _cli(*args, env):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_a_pack_published_to_one_dealer_arrives_after_its_counter_syncs(qtbot, tmp_path, hq_db, pg_url_at_head,
                                                                        keyring_env, monkeypatch):
    db = hq_db
    add_dealer(db, "BJ01", "北京一店")
    add_dealer(db, "SH02", "上海二店")
    server = HqServer(pg_url_at_head, tmp_path / "inbox", tmp_path / "server.log").start()
    try:
        data = ["--data-dir", str(tmp_path / "bj")]
        r = _cli(*data, "connect", "--url", server.url, "--code", issue_code(db, "BJ01"), "--label", "front-1",
                 env=keyring_env)
        assert r.returncode == 0, r.stderr
        pack = tmp_path / "spring.yaml"
        pack.write_text(bundled_pack_path().read_text(encoding="utf-8").replace("version: 1", "version: 7", 1),
                        encoding="utf-8")
        broken = tmp_path / "broken.yaml"
        broken.write_text("pack: x\nversion: two\n", encoding="utf-8")

        w = _window(qtbot, db)
        page = w.publishing
        w.tabs.setCurrentWidget(page)
        assert not page.to_all.isEnabled()
        # A broken file is refused before anything is published, with what is wrong.
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
        qtbot.mouseClick(page.choose, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.verdict.text().startswith("Not valid, nothing published"), timeout=20000)
        assert not page.to_chosen.isEnabled()
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pack), ""))
        with qtbot.waitSignal(page.previewed, timeout=20000):
            qtbot.mouseClick(page.choose, Qt.MouseButton.LeftButton)
        assert page.verdict.text().startswith("Valid script pack default, version 7")
        runs = {page.dealers.item(r, 1).text(): page.dealers.item(r, 2).text() for r in range(page.dealers.rowCount())}
        assert runs == {"BJ01 北京一店": "-", "SH02 上海二店": "-"}  # nothing of it published yet
        bj = next(r for r in range(2) if page.dealers.item(r, 1).text().startswith("BJ01"))
        page.dealers.item(bj, 0).setCheckState(Qt.CheckState.Checked)
        qtbot.mouseClick(page.to_chosen, Qt.MouseButton.LeftButton)
        box = page.box
        assert "to BJ01?" in box.text()
        with qtbot.waitSignal(page.published, timeout=20000) as done:
            qtbot.mouseClick(box.button(box.StandardButton.Yes), Qt.MouseButton.LeftButton)
        assert [(p.dealer_code, p.version) for p in done.args[0]] == [("BJ01", 7)]
        qtbot.waitUntil(lambda: page.dealers.item(bj, 2).text() == "version 7", timeout=20000)
        assert page.dealers.item(bj, 4).text() == "front-1: not yet"
        sh = 1 - bj
        assert page.dealers.item(sh, 2).text() == "-"  # published to BJ01 only

        r = _cli(*data, "sync", "--once", env=keyring_env)
        assert r.returncode == 0, r.stdout + r.stderr
        # The window notices the counter took it (polling the database) and says when.
        qtbot.waitUntil(lambda: "front-1: 20" in page.dealers.item(bj, 4).text(), timeout=20000)
        shown = _cli(*data, "scripts", "show", env=keyring_env)
        assert "7" in shown.stdout, shown.stdout
        # Counters' health: the counter was heard from just now, nothing refused.
        qtbot.waitUntil(lambda: w.counters.table.rowCount() == 1, timeout=20000)
        cells = [w.counters.table.item(0, c).text() for c in range(w.counters.table.columnCount())]
        assert cells[1] == "front-1" and cells[3] != "-" and cells[4] == "0.0"
        from app import __version__

        assert (cells[5], cells[6], cells[8]) == ("0", "0", __version__)  # as the counter said at its sync
        _settle(qtbot, w)
    finally:
        server.stop()


def test_a_conflict_arriving_while_the_window_is_open_is_resolved_with_a_note(qtbot, tmp_path, new_store, hq_db):
    db = hq_db
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(db, a)
    enrol_in_process(db, b)
    [case] = open_cases(a, 1)
    [first] = outbox.export(a, tmp_path / "a-first")
    doc = json.loads(first.read_bytes())
    with b.session() as s, s.begin():  # counter B received A's case (as a pull would bring it)
        apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
    edit_case(a, case, "at A")
    edit_case(b, case, "at B")
    stick = tmp_path / "usb"
    outbox.export(a, stick)
    outbox.export(b, stick)

    w = _window(qtbot, db)
    qtbot.waitUntil(lambda: w.tabs.tabText(CONFLICTS_TAB) == "Conflicts (0)", timeout=20000)
    qtbot.waitUntil(lambda: w.signature is not None, timeout=20000)
    # The files arrive as the intake would store them: in another transaction, with no notice to the window.
    import_paths(db, [stick])
    qtbot.waitUntil(lambda: w.tabs.tabText(CONFLICTS_TAB) == "Conflicts (1)", timeout=20000)
    page = w.conflicts
    w.tabs.setCurrentIndex(CONFLICTS_TAB)
    rect = page.conflicts.visualItemRect(page.conflicts.item(0, 0))
    qtbot.mouseClick(page.conflicts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    compared = {page.comparison.item(r, 0).text(): (page.comparison.item(r, 1).text(), page.comparison.item(r, 2).text())
                for r in range(page.comparison.rowCount())}
    assert compared["Root cause"] == ("\u201cat A\u201d", "\u201cat B\u201d")
    qtbot.mouseClick(page.take_other, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.isVisible() and "Take the change kept aside for Case BJ01-" in dialog.summary.text()
    assert "Root cause: \u201cat B\u201d" in dialog.summary.text()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # no note yet: asked for one, nothing resolved
    assert dialog.isVisible() and dialog.problem.text().startswith("Write a note")
    qtbot.keyClicks(dialog.note, "B called the customer last")
    with qtbot.waitSignal(page.conflict_resolved, timeout=20000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.tabs.tabText(CONFLICTS_TAB) == "Conflicts (0)", timeout=20000)
    with db.session() as s:
        assert s.get(FailureCase, case).root_cause == "at B"
        c = s.scalar(select(SyncConflict))
        assert c.resolution == "other: B called the customer last"
        ev = s.scalar(select(Event).where(Event.kind == "case.conflict_resolved"))
        assert ev.payload["note"] == "B called the customer last"
    # The case's timeline at head office tells the resolution with its note.
    w.cases.show_filter(w.cases.current_filter(), "")
    qtbot.waitUntil(lambda: listed(w.cases.model, 1), timeout=20000)
    with qtbot.waitSignal(w.cases.story.story_shown, timeout=20000):
        w.cases.table.selectRow(0)
    last = w.cases.story.timeline.item(w.cases.story.timeline.count() - 1).text()
    assert "head office" in last and "B called the customer last" in last
    _settle(qtbot, w)
    QApplication.processEvents()
    assert hq_window.POLL_MS >= 1000  # the window polls slowly unless told otherwise


def test_the_network_report_and_a_dealers_monthly_summary_previewed(qtbot, tmp_path, new_store, hq_db):
    from app.ui.hq.reports_page import CASES, FEEDBACK, NETWORK

    db = hq_db
    a = new_store(tmp_path / "a")
    enrol_in_process(db, a, "BJ01")
    today = clock.today()
    _forms(a, tmp_path, "a", [(today, "A,A,A", 10), (today, "A,D,C", 5)])
    _to_head_office(a, db, tmp_path / "out-a")
    w = _window(qtbot, db)
    page = w.reports
    w.tabs.setCurrentWidget(page)
    assert not page.print_button.isEnabled()
    page.month.setCurrentIndex(page.month.findText(today.strftime("%Y-%m")))
    page.language.setCurrentIndex(page.language.findData("en"))
    page.kind.setCurrentIndex(page.kind.findData(NETWORK))
    assert not page.dealer.isEnabled()
    # The header names head office's analyst, typed here; without a name nothing is made.
    qtbot.mouseClick(page.make, Qt.MouseButton.LeftButton)
    assert "Printed by" in page.status.text() and page.current is None
    qtbot.keyClicks(page.analyst, "Wu Analyst")
    with qtbot.waitSignal(page.report_made, timeout=60000) as made:
        qtbot.mouseClick(page.make, Qt.MouseButton.LeftButton)
    assert made.args[0].kind == NETWORK and made.args[0].pdf.startswith(b"%PDF")
    assert len(page.preview.pages) == made.args[0].page_count >= 1 and page.print_button.isEnabled()
    # One dealer's monthly summary, chosen from the dealers head office knows.
    page.kind.setCurrentIndex(page.kind.findData(FEEDBACK))
    qtbot.waitUntil(lambda: page.dealer.count() == 1, timeout=20000)
    assert page.dealer.isEnabled() and page.dealer.currentData() == "BJ01"
    qtbot.mouseClick(page.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.make.isEnabled(), timeout=60000)
    assert page.current.kind == FEEDBACK, page.status.text()
    from tests.pdftext import pdf_text

    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(page.current.pdf)
    assert "BJ01" in pdf_text(pdf) and "Printed by Wu Analyst on" in pdf_text(pdf)
    made = type("Made", (), {"args": [page.current]})
    assert page.status.text().startswith(f"{made.args[0].page_count} page(s).")
    page.kind.setCurrentIndex(page.kind.findData(CASES))  # and its case report
    qtbot.mouseClick(page.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.make.isEnabled(), timeout=60000)
    assert (page.current.kind, page.current.dealer) == (CASES, "BJ01"), page.status.text()
    _settle(qtbot, w)
    a.close()


def test_head_office_takes_over_an_escalated_case_with_a_note(qtbot, tmp_path, new_store, hq_db):
    from app.hq.takeover import KIND
    from app.models.event_codec import HQ_ORIGIN
    from app.models import SyncReceived
    from app.services.recovery import guide as recovery

    db = hq_db
    a = new_store(tmp_path / "a")
    enrol_in_process(db, a, "BJ01")
    [case] = open_cases(a, 1)
    recovery.escalate(a, case, "customer asks for the maker", None)
    _to_head_office(a, db, tmp_path / "out-a")

    w = _window(qtbot, db)
    w.tabs.setCurrentIndex(CASES_TAB)
    cases = w.cases
    qtbot.waitUntil(lambda: listed(cases.model, 1), timeout=20000)
    with qtbot.waitSignal(cases.story.story_shown, timeout=20000):
        cases.table.selectRow(0)
    story = cases.story
    assert story.take.isVisible()
    qtbot.mouseClick(story.take, Qt.MouseButton.LeftButton)
    dialog = story.dialog
    assert dialog.isVisible() and "BJ01" in dialog.summary.text()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # no note yet: asked for one, nothing decided
    assert dialog.isVisible() and dialog.problem.text().startswith("Write a note")
    qtbot.keyClicks(dialog.note, "regional manager calls today")
    with qtbot.waitSignal(story.story_shown, timeout=20000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    last = story.timeline.item(story.timeline.count() - 1).text()
    assert "head office" in last and "Head office took over the escalation: regional manager calls today" in last
    assert not story.take.isVisible()  # once
    with db.session() as s:  # on its way to the dealer's counters, as a resolution is
        sent = s.scalar(select(SyncReceived).where(SyncReceived.counter_id == HQ_ORIGIN))
        assert sent is not None and KIND.encode() in sent.content
    _settle(qtbot, w)


def test_an_analyst_sees_a_root_cause_rising_at_two_dealers_and_the_cases_behind_it(qtbot, tmp_path, new_store,
                                                                                     hq_db):
    from app.scripts.library import library_for
    from app.services.recovery.guide import close_case, record_step
    from tests.recovery_helpers import add_user

    db = hq_db
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(db, a, "BJ01")
    enrol_in_process(db, b, "SH02")
    # The same cause typed three ways at two dealers, and another once at one.
    for store, start, texts in ((a, 0, ["配件未到货", "配件未到货。", "advisor forgot the callback"]),
                                (b, 10, [" 配件 未到货"])):
        boss = add_user(store, "刘主管", "supervisor")
        for case_id, text in zip(open_cases(store, len(texts), start=start), texts):
            record_step(store, case_id, library_for(None).pack, 0, "noted", "客户到店", boss)
            close_case(store, case_id, text, "提前备货", boss)
    _to_head_office(a, db, tmp_path / "out-a")
    _to_head_office(b, db, tmp_path / "out-b")

    w = _window(qtbot, db)
    page = w.network
    qtbot.waitUntil(lambda: page.root_causes.rowCount() == 2, timeout=20000)
    page.cause_tabs.setCurrentIndex(1)
    assert page.cause_tabs.tabText(1) == "Root causes"
    cells = [page.root_causes.item(0, c).text() for c in range(5)]
    assert cells == ["配件未到货", "0", "3", "+3", "BJ01 2, SH02 1"], cells
    assert page.root_causes.item(0, 0).foreground().color().name() == "#b00020"  # rising at two dealers
    assert page.root_causes.item(1, 0).text() == "advisor forgot the callback"
    # Double-click: the three cases closed this month with that cause, across both dealers.
    rect = page.root_causes.visualItemRect(page.root_causes.item(0, 2))
    qtbot.mouseClick(page.root_causes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.root_causes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cases = w.cases
    assert w.tabs.currentIndex() == CASES_TAB and cases.lists.currentWidget() is cases.table
    qtbot.waitUntil(lambda: listed(cases.model, 3), timeout=20000)
    assert {cases.model.case_at(r).dealer for r in range(3)} == {"BJ01", "SH02"}
    month = clock.today().strftime("%Y-%m")
    assert cases.scope.text() == f'Cases closed in {month} with the root cause "配件未到货"  ·  3 cases', cases.scope.text()

    # Its "Last month" figure drills down to last month's cases: none.
    w.tabs.setCurrentIndex(0)
    rect = page.root_causes.visualItemRect(page.root_causes.item(0, 1))
    qtbot.mouseClick(page.root_causes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.root_causes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    before = date(*previous(clock.today().year, clock.today().month), 1)
    want = f'Cases closed in {before:%Y-%m} with the root cause "配件未到货"  ·  0 cases'
    qtbot.waitUntil(lambda: cases.scope.text() == want and cases.model.rowCount() == 0, timeout=20000)

    # One improvement action for both dealers, from the root cause: the dialog ticks the dealers that
    # share it, refuses an empty title keeping the rest, and stores a share for each dealer.
    from PySide6.QtWidgets import QDialogButtonBox

    from app.hq.improve import ENTITY
    from app.models import NetworkImprovement
    from app.ui.hq.hq_window import WARNINGS_TAB

    w.tabs.setCurrentIndex(0)
    page.root_causes.clearSelection()
    assert not page.raise_button.isEnabled()  # a root cause is chosen first
    page.root_causes.selectRow(0)
    qtbot.mouseClick(page.raise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.raise_dialog is not None and page.raise_dialog.isVisible(), timeout=20000)
    dialog = page.raise_dialog
    assert dialog.title.text() == "配件未到货" and dialog.chosen_codes() == ["BJ01", "SH02"]
    assert dialog.figure.currentData() == "cause:employee"  # the cause group its cases were filed under
    dialog.title.clear()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.text() == "Say what each dealer will change."
    qtbot.keyClicks(dialog.title, "Call the parts desk before booking the visit")
    # At BJ01 one person owns it (a dealer's people, as head office holds them); at SH02 the role.
    person = dialog.owner_at("BJ01")
    assert [person.itemText(i) for i in range(person.count())] == ["the owner role above", "刘主管"]
    person.setCurrentIndex(1)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    with db.session() as s:
        shares = s.execute(select(NetworkImprovement.dealer_id, NetworkImprovement.title, NetworkImprovement.owner_role,
                                  NetworkImprovement.owner_id, NetworkImprovement.network_id)).all()
        sent = s.scalar(select(Event.id).where(Event.entity_type == ENTITY).limit(1))
    assert len(shares) == 2 and len({r.network_id for r in shares}) == 1 and sent is not None
    assert {(r.title, r.owner_role, r.owner_id is None) for r in shares} == {
        ("Call the parts desk before booking the visit", "supervisor", True),
        ("Call the parts desk before booking the visit", None, False)}
    # Head office's early warnings page lists the action at both dealers, raised by head office.
    w.tabs.setCurrentIndex(WARNINGS_TAB)
    t = w.warnings.actions
    qtbot.waitUntil(lambda: t.rowCount() == 2, timeout=20000)
    assert {(t.item(r, 0).text(), t.item(r, 2).text(), t.item(r, 3).text(), t.item(r, 5).text())
            for r in range(2)} == {("BJ01", "head office", "刘主管", "Failure share: Employee error"),
                                   ("SH02", "head office", "Supervisor", "Failure share: Employee error")}
    _settle(qtbot, w)
