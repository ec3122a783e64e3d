"""Head office imports a folder from a USB stick in its window: progress, outcomes with reasons,
the dealers' counters and the conflict waiting."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from sqlalchemy import func, select

from app.models import FailureCase, HqRefusal
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
    # The refused file comes chosen, its whole reason under the table (the cell cuts it); another row, its own.
    half = imp.results.currentRow()
    assert imp.results.item(half, 0).text() == "half.casefile"
    assert imp.details.toPlainText() == f"half.casefile: Rejected; changes: 0\n{imp.results.item(half, 3).text()}"
    other = next(r for r in range(4) if r != half)
    qtbot.mouseClick(imp.results.viewport(), Qt.MouseButton.LeftButton,
                     pos=imp.results.visualRect(imp.results.model().index(other, 0)).center())
    assert imp.details.toPlainText().startswith(f"{imp.results.item(other, 0).text()}: Imported; changes: ")
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
    """A file whose earlier file never arrived (truncated on the stick) waits; taken anyway, the changes
    built on the missing file are refused, the rest imported; the page says how many and why, not just
    "Imported"."""
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
    assert rows["3.casefile"][0] == "Waiting" and "has not received file(s) 2 of counter" in rows["3.casefile"][2]
    w.tabs.setCurrentWidget(imp)
    assert imp.import_anyway.isVisible()
    with qtbot.waitSignal(imp.import_finished, timeout=20000):
        qtbot.mouseClick(imp.import_anyway, Qt.MouseButton.LeftButton)
    rows = {imp.results.item(r, 0).text(): [imp.results.item(r, c).text() for c in (1, 2, 3)]
            for r in range(imp.results.rowCount())}
    outcome, changes, reason = rows["3.casefile"]
    assert outcome == "Imported"
    assert changes == "0 (2 refused)"  # the refused case's two changes: stored and refused add up to the file's
    assert "built on version 2, which head office does not have" in reason
    assert imp.results.item(imp.results.rowCount() - 1, 3).toolTip()  # the whole reason, however long
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)  # the other pages' reads, before the window goes


def _stick_missing_a_file(tmp_path, new_store, db):
    """Counter a's files 1, 2, 4, 5 on a stick (3 not copied), each with the next change of one case
    (each builds on the one before), and another dealer's counter's file; a's five files, b's, the case."""
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(db, a)
    enrol_in_process(db, b, "SH01")
    [case] = open_cases(a, 1)
    for n in range(4):
        outbox.export(a, tmp_path / "a-out")
        edit_case(a, case, f"change {n}")
    files = outbox.export(a, tmp_path / "a-out")
    assert len(files) == 5
    open_cases(b, 1)
    stick = tmp_path / "usb"
    [b_file] = outbox.export(b, stick / "b")
    (stick / "a").mkdir()
    for path in files[:2] + files[3:]:
        (stick / "a" / path.name).write_bytes(path.read_bytes())
    return stick, files, b_file, case


def _import_page(qtbot, db, ops):
    w = HqWindow(db, ops)
    qtbot.addWidget(w)
    w.show()
    w.tabs.setCurrentWidget(w.importing)
    return w, w.importing


def _rows(imp) -> dict[str, tuple[str, str]]:
    return {imp.results.item(r, 0).text(): (imp.results.item(r, 1).text(), imp.results.item(r, 3).text())
            for r in range(imp.results.rowCount())}


def test_files_after_one_missing_from_the_stick_wait_unless_taken_anyway(qtbot, tmp_path, new_store, new_hq_db):
    """A counter's files 1, 2, 4, 5 on the stick (3 not copied): 4 and 5 wait, named with the file to
    bring, left where they are; another dealer's file goes in. The missing file brought, all go in;
    or, lost for good, the waiting files are taken anyway with a button."""
    db = new_hq_db(tmp_path / "hq.sqlite3")
    stick, files, b_file, case = _stick_missing_a_file(tmp_path, new_store, db)
    ops = Ops()
    w, imp = _import_page(qtbot, db, ops)
    assert not imp.import_anyway.isVisible() and not imp.waiting_note.isVisible()
    with qtbot.waitSignal(imp.import_finished, timeout=20000):
        imp.import_folder(stick)
    rows = _rows(imp)
    assert [rows[p.name][0] for p in files[:2] + files[3:]] == ["Imported", "Imported", "Waiting", "Waiting"]
    assert rows[b_file.name][0] == "Imported"
    assert "Head office has not received file(s) 3 of counter test (" in rows[files[3].name][1]
    assert "of dealer BJ01" in rows[files[4].name][1] and "Bring the counter's files 3" in rows[files[4].name][1]
    assert imp.summary.text() == ('5 file(s): 3 imported, 0 already present, 0 rejected (moved to the folder\'s '
                                  '"rejected" subfolder with the reason), 2 waiting (left where they are).')
    assert imp.import_anyway.isVisible() and imp.import_anyway.text() == "Import the waiting files anyway"
    assert imp.waiting_note.isVisible() and "lost for good" in imp.waiting_note.text()
    assert all((stick / "a" / p.name).exists() for p in files[3:])  # not set aside
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(HqRefusal)) == 0

    # 3 brought: every change goes in, none refused.
    (stick / "a" / files[2].name).write_bytes(files[2].read_bytes())
    with qtbot.waitSignal(imp.import_finished, timeout=20000) as done:
        imp.import_folder(stick)
    summary = done.args[0]
    assert (summary.count("imported"), summary.count("present"), summary.count("waiting")) == (3, 3, 0)
    assert not [o for o in summary.outcomes if o.refused] and not imp.import_anyway.isVisible()
    with db.session() as s:
        assert s.get(FailureCase, case).root_cause == "change 3"
        assert s.scalar(select(func.count()).select_from(HqRefusal)) == 0
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)


def test_the_waiting_files_are_taken_anyway_with_the_button(qtbot, tmp_path, new_store, new_hq_db):
    db = new_hq_db(tmp_path / "hq.sqlite3")
    stick, files, b_file, _ = _stick_missing_a_file(tmp_path, new_store, db)
    ops = Ops()
    w, imp = _import_page(qtbot, db, ops)
    with qtbot.waitSignal(imp.import_finished, timeout=20000):
        imp.import_folder(stick)
    with qtbot.waitSignal(imp.import_finished, timeout=20000) as done:
        qtbot.mouseClick(imp.import_anyway, Qt.MouseButton.LeftButton)
    # The folder again (its attachments go with the files that name them): what went in before is present.
    assert {Path(o.path).name: o.status for o in done.args[0].outcomes} == {
        **{p.name: "present" for p in files[:2]}, **{p.name: "imported" for p in files[3:]}, b_file.name: "present"}
    rows = _rows(imp)
    assert rows[files[3].name][0] == "Imported" and "which head office does not have" in rows[files[3].name][1]
    assert not imp.import_anyway.isVisible() and "0 waiting" not in imp.summary.text()
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)


def test_a_waiting_files_attachment_goes_in_with_it_when_taken_anyway(qtbot, tmp_path, new_store, new_hq_db):
    """A photo of a case opened in the file that waits travels in the stick's attachments folder, and
    another dealer delivered the same photo before: taken anyway, the file's attachment is stored as
    its dealer's, not refused as a file its counters never delivered."""
    from app.hq.importer import import_paths
    from app.models import Attachment
    from app.services.cases.attachments import add_attachment

    db = new_hq_db(tmp_path / "hq.sqlite3")
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(db, a)
    enrol_in_process(db, b, "SH01")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the scratch")
    [elsewhere] = open_cases(b, 1)
    add_attachment(b, elsewhere, photo, None)
    outbox.export(b, tmp_path / "b-stick")
    assert import_paths(db, [tmp_path / "b-stick"]).count("imported") == 1
    [first] = open_cases(a, 1)
    outbox.export(a, tmp_path / "out")  # file 1
    edit_case(a, first, "change")  # file 2
    outbox.export(a, tmp_path / "out")
    [second] = open_cases(a, 1, start=1)
    add_attachment(a, second, photo, None)
    files = outbox.export(a, tmp_path / "out")  # file 3, its photo in the attachments folder beside
    assert len(files) == 3
    stick = tmp_path / "usb" / "a"
    shutil.copytree(tmp_path / "out" / "attachments", stick / "attachments")
    for f in (files[0], files[2]):  # file 2 not copied
        shutil.copy(f, stick / f.name)
    third = files[2]
    ops = Ops()
    w, imp = _import_page(qtbot, db, ops)
    with qtbot.waitSignal(imp.import_finished, timeout=20000):
        imp.import_folder(stick.parent)
    assert _rows(imp)[third.name][0] == "Waiting"
    with qtbot.waitSignal(imp.import_finished, timeout=20000):
        qtbot.mouseClick(imp.import_anyway, Qt.MouseButton.LeftButton)
    assert _rows(imp)[third.name][0] == "Imported"
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(HqRefusal)) == 0
        assert s.scalar(select(func.count()).select_from(Attachment).where(Attachment.case_id == second)) == 1
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)


def test_the_waiting_files_are_named_in_chinese(qtbot, tmp_path, new_store, new_hq_db):
    from app.ui.common.i18n import apply_language

    db = new_hq_db(tmp_path / "hq.sqlite3")
    stick, files, _, _ = _stick_missing_a_file(tmp_path, new_store, db)
    ops = Ops()
    apply_language("zh_CN")
    try:
        w, imp = _import_page(qtbot, db, ops)
        with qtbot.waitSignal(imp.import_finished, timeout=20000):
            imp.import_folder(stick)
    finally:
        apply_language("en")
    outcome, reason = _rows(imp)[files[3].name]
    assert outcome == "等待中" and "总部尚未收到经销商 BJ01 的柜台 test (" in reason and "请带来该柜台的第 3 号文件" in reason
    assert imp.import_anyway.text() == "仍然导入等待中的文件"
    assert "等待 2 个" in imp.summary.text() and "waiting" not in imp.summary.text()
    assert "--allow-gaps" not in imp.waiting_note.text() and "lost for good" not in imp.waiting_note.text()
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)


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
