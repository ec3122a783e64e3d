"""A dealer goes live, through the windows only, on a fresh data directory: the first start creates the
administrator and joins a running `hq serve` with an enrolment code; last year's workbook (Chinese
headers, Excel's dates) comes in, refused whole for one bad row, then fixed and imported; this month's
summary is made and saved as a PDF; the store is backed up and restored. Each step's time is printed
(run with -s to see it): figures for the note, never asserted."""

from __future__ import annotations

import time
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select

from app.foundation import clock
from app.models import FeedbackForm
from app.services.backups.catalogue import list_backups
from tests.pdftext import pdf_text, row_value
from tests.ui.conftest import commit_text
from tests.ui.test_import_journey import BAD_LINE, ROWS, cell, open_import, read
from tests.ui.test_join_head_office import _connect, head_office  # noqa: F401 - the fixture
from tests.workbooks import CHINESE_HEADER, form_row, write_workbook


def workbook(path, bad: bool):
    """A year of forms up to today; this month's are the newest."""
    today = clock.today()
    rows = [form_row(today - timedelta(days=i % 365), f"RO25-{i:05d}", "ABC" if i % 7 else "ABD",
                     phone=13800000000 + i, overall=8, verified="是" if i % 3 else "否") for i in range(ROWS)]
    if bad:
        rows[BAD_LINE - 2] = form_row(today, "RO25-BAD", "AFC")  # line 1 is the header
    return write_workbook(path, CHINESE_HEADER, rows)


def test_a_dealer_goes_live(qtbot, store, ops, head_office, data_dir, tmp_path, monkeypatch):  # noqa: F811
    from app.ui.shell.shell import Shell

    steps: dict[str, float] = {}
    t = time.perf_counter()

    def step(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        steps[name] = now - t
        t = now

    server, code = head_office
    shell = Shell(ops, store=store)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.connect_dialog.isVisible)
    _connect(qtbot, dialog.connect_dialog, server.url, code())
    assert dialog.join_label.text() == "Joined head office: dealer 北京一店 (BJ01)."
    step("join head office")
    qtbot.keyClicks(dialog.admin_user, "boss")
    commit_text(dialog.admin_name, "王经理")
    qtbot.keyClicks(dialog.admin_pin, "2468")
    qtbot.keyClicks(dialog.admin_pin2, "2468")
    with qtbot.waitSignal(shell.window_shown, timeout=20000):
        qtbot.keyClick(dialog.admin_pin2, Qt.Key.Key_Return)
    w = shell.window
    qtbot.addWidget(w)
    assert w.dealer_label.text() == "Dealer: 北京一店 (BJ01)"
    step("first administrator, main window")

    book = tmp_path / "last-year.xlsx"  # typed into the path field: QTest types ASCII only
    workbook(book, bad=True)
    imp = open_import(qtbot, w)
    read(qtbot, imp, book)
    assert imp.problems.rowCount() == 1 and cell(imp.problems, 0, 0) == str(BAD_LINE)
    assert not imp.import_button.isEnabled()
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(FeedbackForm)) == 0
    step("workbook read, bad row refused")
    workbook(book, bad=False)
    qtbot.mouseClick(imp.read_button, Qt.MouseButton.LeftButton)
    assert imp.problems.rowCount() == 0
    with qtbot.waitSignal(ops.changed, timeout=60000):
        qtbot.mouseClick(imp.import_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(FeedbackForm)) == ROWS
    imp.close()
    step(f"{ROWS} forms imported")

    month = clock.today().strftime("%Y-%m")
    w.show_page(w.reports)
    view = w.reports
    view.language.setCurrentIndex(view.language.findData("en"))
    view.month.selectAll()
    qtbot.keyClicks(view.month, month)
    with qtbot.waitSignal(view.report_made, timeout=30000):
        qtbot.mouseClick(view.make_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "summary"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    with qtbot.waitSignal(view.report_saved, timeout=10000):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        this_month = s.scalar(select(func.count()).select_from(FeedbackForm)
                              .where(FeedbackForm.service_date >= clock.today().replace(day=1)))
    assert row_value(pdf_text(tmp_path / "summary.pdf"), "Forms assessed (n)") == str(this_month)
    step("this month's summary made and saved")

    w.show_page(w.settings)
    panel = w.settings.backups
    qtbot.mouseClick(panel.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=60000)
    assert panel.table.item(0, 3).text() == str(ROWS)
    step("backed up")
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible(), timeout=30000)
    with qtbot.waitSignal(shell.window_shown, timeout=60000):
        qtbot.mouseClick(panel.confirm_box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    restored = shell.window
    qtbot.addWidget(restored)
    assert restored.dealer_label.text() == "Dealer: 北京一店 (BJ01)"
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(FeedbackForm)) == ROWS
    assert [b.reason for b in list_backups(data_dir)] == ["before_restore", "manual"]
    step("restored, the desk reopened on it")
    print("\n".join(f"going live: {name}: {secs:.1f} s" for name, secs in steps.items()))
