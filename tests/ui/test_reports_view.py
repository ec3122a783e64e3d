"""A supervisor makes the month's feedback PDF in the Reports view, previews it and saves it.

Waits are on signals (one event loop each) rather than waitUntil polling: PySide6 6.12 on
Python 3.11 drops a reference to None on every processEvents()/qWait() call.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.services.imports.feedback_store import import_feedback_file
from app.ui.shell.main_window import MainWindow
from app.ui.common.ops import Ops
from tests.helpers import csv_file, worked_example_rows
from tests.pdftext import pdf_pages, pdf_text, row_value


def open_reports(qtbot, store):
    ops = Ops()
    with qtbot.waitSignal(ops.busy_changed, check_params_cb=lambda busy: not busy, timeout=10000):
        w = MainWindow(store, ops)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    row = next(i for i in range(w.nav.count()) if w.nav.item(i).text() == "Reports")
    rect = w.nav.visualItemRect(w.nav.item(row))
    qtbot.mouseClick(w.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.pages.currentWidget() is w.reports
    return w, ops


def test_make_preview_and_save_the_monthly_summary(qtbot, store, tmp_path, monkeypatch):
    import_feedback_file(store, csv_file(tmp_path / "ex.csv", worked_example_rows()))
    w, ops = open_reports(qtbot, store)
    view = w.reports
    # "All advisors" and 张伟, loaded off the UI thread when the page is first opened
    qtbot.waitUntil(lambda: view.advisor.count() == 2)
    view.language.setCurrentIndex(view.language.findData("en"))
    view.month.selectAll()
    qtbot.keyClicks(view.month, "2026-05")
    with qtbot.waitSignal(view.report_made, timeout=20000):
        qtbot.mouseClick(view.make_button, Qt.MouseButton.LeftButton)
        assert not view.make_button.isEnabled() and view.progress.isVisible()  # busy while it works
    # The worked example's month: two pages (checked against the saved file below).
    assert len(view.preview.pages) == 2
    assert view.status.text() == "Pages: 2. Save or print it." and view.save_button.isEnabled()
    assert view.preview.pages[0].pixmap().width() > 500
    qtbot.waitUntil(view.preview.pages[0].isVisible, timeout=2000)  # shown on the next event-loop turn

    target = tmp_path / "may"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    with qtbot.waitSignal(view.report_saved, timeout=10000):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "may.pdf"
    assert view.status.text() == f"Saved to {saved}."
    assert pdf_pages(saved) == 2
    text = pdf_text(saved)
    assert row_value(text, "Average score (total / n)") == "4.00"
    assert row_value(text, "Change against the previous month") == "+0.50"
    ops.wait_idle()


def test_a_wrong_month_is_explained_next_to_the_field_and_keeps_the_preview(qtbot, store, tmp_path):
    import_feedback_file(store, csv_file(tmp_path / "ex.csv", worked_example_rows()))
    w, ops = open_reports(qtbot, store)
    view = w.reports
    view.month.selectAll()
    qtbot.keyClicks(view.month, "2026-05")
    with qtbot.waitSignal(view.report_made, timeout=20000):
        qtbot.keyClick(view.month, Qt.Key.Key_Return)
    shown = len(view.preview.pages)
    view.month.selectAll()
    qtbot.keyClicks(view.month, "2026-13")
    qtbot.mouseClick(view.make_button, Qt.MouseButton.LeftButton)
    assert view.month_error.isVisible() and "YYYY-MM" in view.month_error.text()
    assert view.month.text() == "2026-13"  # what was typed stays there to be corrected
    assert len(view.preview.pages) == shown and view.save_button.isEnabled()
    qtbot.keyClicks(view.month, "\b\b12")  # correcting it hides the message
    assert not view.month_error.isVisible()
    ops.wait_idle()


def test_case_report_for_an_advisor_choice_is_disabled(qtbot, store):
    w, ops = open_reports(qtbot, store)
    view = w.reports
    view.kind.setCurrentIndex(view.kind.findData("cases"))
    assert not view.advisor.isEnabled()
    with qtbot.waitSignal(view.report_made, timeout=20000):
        qtbot.mouseClick(view.make_button, Qt.MouseButton.LeftButton)
    # No case at all: the case report is its one page saying so.
    assert len(view.preview.pages) == 1
    assert view.status.text() == "Pages: 1. Save or print it."
    ops.wait_idle()


def test_printing_puts_every_page_on_the_printer(qtbot, store, tmp_path):
    """The print path without its dialog: the report's pages drawn onto a PDF printer."""
    import io

    from PySide6.QtPrintSupport import QPrinter

    from app.reports import feedback
    from app.foundation.translation import Words
    from app.ui.common.pdf_preview import page_images, print_images
    from tests.pdftext import pdf_pages

    import_feedback_file(store, csv_file(tmp_path / "ex.csv", worked_example_rows()))
    buf = io.BytesIO()
    feedback.render(feedback.gather(store, "2026-05"), buf, Words("en"), "Tester")
    src = tmp_path / "report.pdf"
    src.write_bytes(buf.getvalue())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    images = page_images(buf.getvalue(), 100)
    print_images(printer, images)
    assert len(images) == pdf_pages(src) == pdf_pages(tmp_path / "printed.pdf")


def test_a_long_report_previews_its_first_pages_and_says_how_many_there_are(qtbot, store, tmp_path):
    from app.ui.common.pdf_preview import PREVIEW_PAGES
    from tests.pdftext import month_rows, store_rows

    store_rows(store, month_rows(3000, 2026, 5, seed=9))
    w, ops = open_reports(qtbot, store)
    view = w.reports
    view.language.setCurrentIndex(view.language.findData("en"))
    view.month.selectAll()
    qtbot.keyClicks(view.month, "2026-05")
    with qtbot.waitSignal(view.report_made, timeout=30000):
        qtbot.mouseClick(view.make_button, Qt.MouseButton.LeftButton)
    assert len(view.preview.pages) == PREVIEW_PAGES < view.current.page_count
    assert view.status.text() == (f"Pages: {view.current.page_count}; the preview shows the first {PREVIEW_PAGES}. "
                                  "Save or print it for all of them.")
    ops.wait_idle()


def test_the_month_starts_at_the_last_complete_month_and_steps_with_the_arrows(qtbot, store):
    from app.foundation import clock
    from app.ui.reports.reports_view import ReportsView, step_month

    view = ReportsView(store, Ops(inline=True))
    qtbot.addWidget(view)
    view.show()
    today = clock.today()
    last = f"{today.year - (today.month == 1):04d}-{(today.month - 2) % 12 + 1:02d}"
    assert view.month.text() == last  # the program's clock is 2026-11-18 in tests: 2026-10
    view.month.setFocus()
    qtbot.keyClick(view.month, Qt.Key.Key_Up)
    assert view.month.text() == step_month(last, -1)
    qtbot.mouseClick(view.later, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.later, Qt.MouseButton.LeftButton)
    assert view.month.text() == step_month(last, 1)
    assert [step_month("2026-01", -1), step_month("2025-12", 1), step_month("2026-05", -17)] == [
        "2025-12", "2026-01", "2024-12"]
