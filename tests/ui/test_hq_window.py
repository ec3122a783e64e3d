"""Head office imports a folder from a USB stick in its window: progress, outcomes with reasons,
the dealers' counters and the conflict waiting."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.models import FailureCase
from app.sync import outbox
from app.sync.apply import apply_file
from app.ui.hq.hq_window import HqWindow
from app.ui.common.ops import Ops
from tests.synchelp import edit_case, enrol_in_process, open_cases


def test_import_a_folder_and_see_outcomes_counters_and_conflicts(qtbot, tmp_path, monkeypatch, new_store, new_hq_db):
    db = new_hq_db(tmp_path / "hq.sqlite3")
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
    (stick / "half.casefile").write_bytes(first.read_bytes()[:300])

    ops = Ops()
    w = HqWindow(db, ops)
    imp, page = w.importing, w.conflicts
    qtbot.addWidget(w)
    w.show()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    with qtbot.waitSignal(imp.import_finished, timeout=20000) as done:
        qtbot.mouseClick(imp.choose, Qt.MouseButton.LeftButton)
    summary = done.args[0]
    assert (summary.count("imported"), summary.count("rejected")) == (3, 1)
    assert imp.results.rowCount() == 4
    reasons = [imp.results.item(r, 3).text() for r in range(4)]
    assert any("truncated" in t for t in reasons)
    assert imp.summary.text() == ('4 file(s): 3 imported, 0 already present, 1 rejected (moved to the folder\'s '
                                  '"rejected" subfolder with the reason).')
    assert imp.progress.value() == imp.progress.maximum() == 4
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1 and w.counters.table.rowCount() == 2)
    assert w.tabs.tabText(2) == "Conflicts (1)"
    assert page.conflicts.item(0, 4).text() == "Root cause"  # the field both counters changed
    assert not page.take_other.isEnabled()

    # The supervisor takes B's change; it becomes head office's version.
    w.tabs.setCurrentIndex(2)
    rect = page.conflicts.visualItemRect(page.conflicts.item(0, 0))
    qtbot.mouseClick(page.conflicts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # Both changes side by side, in words: the case, who, where, and each side's value.
    assert page.title.text().startswith("Case BJ01-") and ", dealer BJ01, customer C*" in page.title.text()
    compared = {page.comparison.item(r, 0).text(): (page.comparison.item(r, 1).text(), page.comparison.item(r, 2).text())
                for r in range(page.comparison.rowCount())}
    assert compared["Root cause"] == ("\u201cat A\u201d", "\u201cat B\u201d")
    assert compared["Change"] == ("Edited the case", "Edited the case")
    assert compared["Where"] == ("counter test", "counter test")
    qtbot.mouseClick(page.take_other, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.dialog.note, "B is right")
    with qtbot.waitSignal(page.conflict_resolved, timeout=10000) as resolved:
        qtbot.mouseClick(page.dialog.buttons.button(page.dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert resolved.args[0].version == 3
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0 and w.tabs.tabText(2) == "Conflicts (0)")
    with db.session() as s:
        assert s.get(FailureCase, case).root_cause == "at B"
    w.timer.stop()
    qtbot.waitUntil(lambda: not ops.busy)


def test_an_imported_files_refused_changes_are_shown_with_why(qtbot, tmp_path, monkeypatch, new_store, new_hq_db):
    """A file whose earlier file never arrived (truncated on the stick): the changes built on it are
    refused, the rest imported; the page says how many and why, not just "Imported"."""
    db = new_hq_db(tmp_path / "hq.sqlite3")
    a = new_store(tmp_path / "a")
    enrol_in_process(db, a)
    [case] = open_cases(a, 1)
    stick = tmp_path / "usb"
    [first] = outbox.export(a, tmp_path / "one")
    edit_case(a, case, "second")
    [_, second] = outbox.export(a, tmp_path / "two")
    edit_case(a, case, "third")
    edit_case(a, case, "fourth")
    [_, _, third] = outbox.export(a, tmp_path / "three")
    stick.mkdir()
    for name, path in (("1.casefile", first), ("2.casefile", second), ("3.casefile", third)):
        (stick / name).write_bytes(path.read_bytes())
    (stick / "2.casefile").write_bytes(second.read_bytes()[:300])

    ops = Ops()
    w = HqWindow(db, ops)
    imp = w.importing
    qtbot.addWidget(w)
    w.show()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    with qtbot.waitSignal(imp.import_finished, timeout=20000):
        qtbot.mouseClick(imp.choose, Qt.MouseButton.LeftButton)
    rows = {imp.results.item(r, 0).text(): [imp.results.item(r, c).text() for c in (1, 2, 3)]
            for r in range(imp.results.rowCount())}
    assert rows["2.casefile"][0] == "Rejected" and "truncated" in rows["2.casefile"][2]
    outcome, changes, reason = rows["3.casefile"]
    assert outcome == "Imported"
    assert changes == "0 (2 refused)"  # the refused case's two changes: stored and refused add up to the file's
    assert "built on version 2, which head office does not have" in reason
    assert imp.results.item(imp.results.rowCount() - 1, 3).toolTip()  # the whole reason, however long
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)  # the other pages' reads, before the window goes


def test_rows_keep_the_folders_order_whatever_order_the_files_finish_in(qtbot, tmp_path, new_hq_db):
    """Several dealers' files are imported at once (PostgreSQL) and finish in any order: each row goes
    to its file's place in the folder, as the summary lists them."""
    from app.hq.importer import FileOutcome

    ops = Ops()
    w = HqWindow(new_hq_db(tmp_path / "hq.sqlite3"), ops)
    qtbot.addWidget(w)
    imp = w.importing
    folder = tmp_path / "usb"
    finished = [folder / "b" / "2.casefile", folder / "a" / "1.casefile", folder / "b" / "1.casefile",
                folder / "a-b" / "1.casefile", folder / "a" / "2.casefile"]
    for done, path in enumerate(finished, 1):
        imp.on_import_advanced(done, len(finished), FileOutcome(str(path), "imported", events=done))
    shown = [(imp.results.item(r, 0).text(), imp.results.item(r, 2).text()) for r in range(imp.results.rowCount())]
    # The folder's order (a/ before a-b/, as `hq import` lists a folder), each with its own outcome.
    assert shown == [("1.casefile", "2"), ("2.casefile", "5"), ("1.casefile", "4"), ("1.casefile", "3"),
                     ("2.casefile", "1")]
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)  # the other pages' reads, before the window goes


def test_two_dealers_files_are_imported_at_once_on_postgresql(qtbot, tmp_path, monkeypatch, new_store, pg_url_at_head):
    from app.hq.importer import case_files
    from app.models.store import open_database

    db = open_database(pg_url_at_head)
    monkeypatch.setattr(outbox, "BATCH", 2)
    stick = tmp_path / "usb"
    for name, dealer in (("a", "A01"), ("b", "B01")):
        store = new_store(tmp_path / name)
        enrol_in_process(db, store, dealer)
        for case in open_cases(store, 3):
            edit_case(store, case, f"at {name}")
        outbox.export(store, stick / name)
    files = case_files([stick])
    assert len(files) >= 6
    ops = Ops()
    w = HqWindow(db, ops)
    imp = w.importing
    qtbot.addWidget(w)
    w.show()
    threads: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    import threading
    from app.hq import importer

    one = importer._import_one
    monkeypatch.setattr(importer.os, "cpu_count", lambda: 4)  # whatever machine runs the test
    monkeypatch.setattr(importer, "_import_one", lambda *a: threads.append(threading.current_thread().name) or one(*a))
    with qtbot.waitSignal(imp.import_finished, timeout=30000) as done:
        qtbot.mouseClick(imp.choose, Qt.MouseButton.LeftButton)
    summary = done.args[0]
    assert summary.count("imported") == len(files) and not [o for o in summary.outcomes if o.refused]
    assert len(set(threads)) == 2  # one thread a dealer
    assert [imp.results.item(r, 0).text() for r in range(imp.results.rowCount())] == [f.name for f in files]
    assert {imp.results.item(r, 1).text() for r in range(imp.results.rowCount())} == {"Imported"}
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)
    db.close()
