"""At the counter, the list on screen goes out to Excel as it is filtered and sorted, and the forms of a
period, read as a person reads them; an advisor's workbook masks phones."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from python_calamine import CalamineWorkbook

from app.services.demo.sample_data import fill_demo
from app.services.imports.feedback_store import import_feedback_file
from tests.workbooks import ENGLISH_HEADER, form_row, write_csv


def rows_of(path):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_the_filtered_case_list_goes_to_excel_with_phones_masked_for_an_advisor(qtbot, window, store, ops,
                                                                                tmp_path, monkeypatch):
    fill_demo(store, forms=60, cases=15)
    window.show_page(window.cases)
    view = window.cases
    view.model.refresh()
    view.status.setCurrentIndex(view.status.findData("open"))
    qtbot.waitUntil(lambda: view.model.rowCount() == view.model.total)
    shown = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    out = tmp_path / "open-cases.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists())
    rows = rows_of(out)
    assert rows[0][:3] == ["Case", "Opened", "Status"]
    assert [r[0] for r in rows[1:]] == shown and shown  # as filtered, in the order on screen
    assert {r[2] for r in rows[1:]} == {"Open"} and all("****" in r[7] for r in rows[1:])
    assert str(out) in view.export_result


def test_the_forms_of_a_period_go_to_excel(qtbot, window, store, tmp_path, monkeypatch):
    import_feedback_file(store, write_csv(tmp_path / "f.csv", ENGLISH_HEADER,
                                          [form_row(f"2026-10-{d:02d}", f"RO-{d}") for d in range(1, 31)]))
    window.show_page(window.feedback)
    qtbot.mouseClick(window.feedback.export_button, Qt.MouseButton.LeftButton)
    dialog = window.feedback.export_dialog
    qtbot.waitExposed(dialog)
    dialog.date_from.setDate(QDate(2026, 10, 11))
    dialog.date_to.setDate(QDate(2026, 10, 20))
    out = tmp_path / "october"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    saved = tmp_path / "october.xlsx"
    qtbot.waitUntil(lambda: saved.exists())
    rows = rows_of(saved)
    assert [r[1] for r in rows[1:]] == [f"RO-{d}" for d in range(11, 21)]
    assert rows[1][0] == date(2026, 10, 11) and rows[1][4] == "138****5678"
    assert "Saved 10 rows" in dialog.result.text()
