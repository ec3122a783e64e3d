"""A dealer brings last year's forms in from the desk: a workbook with Chinese headers and Excel's dates,
one bad row first refused whole with its line named, fixed, imported; a file whose headers the desk
doesn't know is placed column by column, and the next file of that shape is placed as before."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.models import FeedbackForm
from tests.workbooks import CHINESE_HEADER, form_row, write_workbook

ROWS = 5000
BAD_LINE = 4321


def stored_forms(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(FeedbackForm))


def last_year(path, bad: bool, header=CHINESE_HEADER):
    rows = [form_row(date(2026, 1 + i % 10, 1 + i % 28), f"RO25-{i:05d}", "ABC", phone=13800000000 + i,
                     overall=8, verified="是" if i % 3 else "否") for i in range(ROWS)]
    if bad:
        rows[BAD_LINE - 2] = form_row(date(2026, 3, 3), "RO25-BAD", "AFC")  # line 1 is the header
    return write_workbook(path, header, rows)


def open_import(qtbot, window):
    window.show_page(window.feedback)
    qtbot.mouseClick(window.feedback.import_button, Qt.MouseButton.LeftButton)
    dialog = window.feedback.import_dialog
    qtbot.waitExposed(dialog)
    return dialog


def read(qtbot, dialog, path):
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(path))
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)


def cell(table, row, col):
    return table.item(row, col).text()


def test_a_workbook_is_refused_whole_with_the_bad_line_named_then_fixed_and_imported(qtbot, window, store, ops,
                                                                                      tmp_path):
    book = tmp_path / "last-year.xlsx"
    last_year(book, bad=True)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, book)
    assert dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.problems.rowCount() == 1
    assert (cell(dialog.problems, 0, 0), cell(dialog.problems, 0, 1)) == (str(BAD_LINE), "Repair quality (A-E)")
    assert '"F" is not a grade' in cell(dialog.problems, 0, 2)
    assert not dialog.import_button.isEnabled() and "Nothing will be imported" in dialog.summary.text()
    # The preview shows the rows as they will be read: Excel's date cell as a date, the phone as digits.
    assert (cell(dialog.preview, 0, 0), cell(dialog.preview, 0, 1), cell(dialog.preview, 0, 5)) == \
        ("2", "2026-01-01", "13800000000")
    assert stored_forms(store) == 0

    last_year(book, bad=False)  # fixed in Excel, saved over the same file
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    assert dialog.problems.rowCount() == 0 and dialog.import_button.isEnabled()
    assert dialog.import_button.text() == f"Import these forms ({ROWS})"
    with qtbot.waitSignal(ops.changed) as notice:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert notice.args[0].forms  # the views showing forms refresh
    assert f"Imported {ROWS} forms" in dialog.status.text()
    assert stored_forms(store) == ROWS
    assert not dialog.import_button.isEnabled()  # the same rows are not offered twice


def test_unknown_headers_are_placed_by_the_person_and_remembered_for_the_next_file(qtbot, window, store, tmp_path):
    header = ["到店日期", *CHINESE_HEADER[1:3], "手机号码", *CHINESE_HEADER[4:]]
    first = last_year(tmp_path / "export-1.xlsx", bad=False, header=header)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, first)
    assert dialog.pages.currentWidget() is dialog.map_page
    assert "Service date" in dialog.map_intro.text() and "Phone" in dialog.map_intro.text()
    assert dialog.map_combos["date"].currentIndex() == 0  # "(not in this file)" until chosen
    assert dialog.map_combos["customer"].currentText() == "客户姓名"  # what was recognised is already placed
    for key, header_text in (("date", "到店日期"), ("phone", "手机号码")):
        combo = dialog.map_combos[key]
        combo.setCurrentIndex(combo.findText(header_text))
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.preview_page and dialog.problems.rowCount() == 0
    assert cell(dialog.preview, 0, 1) == "2026-01-01"
    dialog.reject()

    second = tmp_path / "export-2.xlsx"
    write_workbook(second, header, [form_row(date(2026, 2, 2), "RO26-1", phone=13900000000)])
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, second)
    assert dialog.pages.currentWidget() is dialog.preview_page  # placed as the first file was, no question
    assert dialog.problems.rowCount() == 0 and dialog.import_button.text() == "Import these forms (1)"


def test_cancel_while_a_long_file_is_read_off_the_ui_thread_stores_nothing(qtbot, store, advisor, tmp_path):
    """With the real background workers: progress arrives from the reading thread, Cancel stops it, nothing
    is stored; reading it again to the end then offers the import."""
    from app.ui.common.ops import Ops
    from app.ui.common.qt_app import create_app
    from app.ui.feedback.import_dialog import FeedbackImportDialog

    create_app()
    ops = Ops()
    book = write_workbook(tmp_path / "long.xlsx", CHINESE_HEADER,
                          [form_row(date(2026, 1, 1 + i % 28), f"RO-{i}", phone=13800000000 + i) for i in range(40_000)])
    dialog = FeedbackImportDialog(store, ops, advisor)
    qtbot.addWidget(dialog)
    dialog.show()
    read(qtbot, dialog, book)
    assert dialog.bar.isVisible() and dialog.cancel_button.isVisible()
    with qtbot.waitSignal(dialog.progress_relay.moved, timeout=60_000):
        pass  # the first 2,000 rows are read: the bar moves
    assert dialog.bar.value() > 0
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not ops.busy, timeout=60_000)
    assert dialog.status.text() == "Cancelled: nothing was imported."
    assert not dialog.import_button.isEnabled() and stored_forms(store) == 0
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not ops.busy, timeout=60_000)
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import these forms (40000)"
    ops.wait_idle()


def test_a_failed_formula_is_named_in_the_preview_not_taken_for_an_empty_cell(qtbot, window, store, tmp_path):
    """A VLOOKUP that found nothing (#N/A) in the phone column: the preview names the error on its line
    and column, shows the cell as Excel does, and offers nothing to import."""
    from tests.workbooks import ExcelError

    rows = [form_row(date(2026, 5, 1), "RO-1"), form_row(date(2026, 5, 2), "RO-2", phone=ExcelError("#N/A"))]
    book = write_workbook(tmp_path / "vlookup.xlsx", CHINESE_HEADER, rows)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, book)
    assert dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.problems.rowCount() == 1
    assert cell(dialog.problems, 0, 0) == "3"
    assert "holds the spreadsheet error #N/A" in cell(dialog.problems, 0, 2)
    assert "empty" not in cell(dialog.problems, 0, 2)
    assert cell(dialog.preview, 1, 5) == "#N/A"
    assert not dialog.import_button.isEnabled() and stored_forms(store) == 0
