"""Nothing lost: "New form" over a half-typed form asks keep or discard; the draft stays until discarded."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.foundation import clock
from app.services.feedback import forms as feedback_forms
from app.ui.feedback.feedback_form_view import DRAFT_KIND
from tests.ui.test_journeys import type_form


def question():
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
             and w.objectName() == "discardFormQuestion"]
    return shown[0] if shown else None


def test_new_form_over_a_half_typed_form_keeps_it_or_discards_it_as_chosen(qtbot, window, advisor):
    view = window.feedback
    window.show_page(view)
    type_form(qtbot, view, grades="AD ")
    drafts, owner = window.drafts, advisor.user_id
    assert drafts.load(DRAFT_KIND, owner) is not None
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    box = question()
    assert box is not None and "RO2611-0001" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter keeps: the default is the safe answer
    qtbot.waitUntil(lambda: question() is None)
    v = view.values()
    assert (v["repair_order"], v["customer_name"], v["timeliness"], v["repair_quality"]) == ("RO2611-0001", "孙女士", "A", "D")
    assert drafts.load(DRAFT_KIND, owner).values["repair_order"] == "RO2611-0001"  # the draft file was not deleted
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    box = question()
    qtbot.mouseClick(view.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: question() is None)
    assert view.is_blank() and drafts.load(DRAFT_KIND, owner) is None


def test_new_form_on_a_blank_form_or_an_unchanged_correction_asks_nothing(qtbot, window, store, advisor):
    view = window.feedback
    window.show_page(view)
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert question() is None
    feedback_forms.enter_form(store, feedback_forms.FormEntry(
        "RO2611-0009", clock.today(), "周先生", "13900001234", "沪C77777", "A", "A", "B"), advisor)
    qtbot.keyClicks(view.repair_order, "RO2611-0009")
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.editing is not None)
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert question() is None and view.editing is None and view.is_blank()
    # A correction half made is asked about too.
    qtbot.keyClicks(view.repair_order, "RO2611-0009")
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.editing is not None)
    view.pickers["attitude"].setFocus()
    qtbot.keyClick(view.pickers["attitude"], "4")  # D
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    box = question()
    assert box is not None and "changes" in box.text()
    qtbot.mouseClick(view.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: question() is None)
    assert view.editing is not None and view.pickers["attitude"].grade() == "D"
