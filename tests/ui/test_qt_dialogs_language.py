"""Qt's own dialogs in the user's language, and file dialogs that open in Documents, then in the folder last used."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPushButton

from app.services.preferences import last_folder
from app.ui.common import file_dialogs, i18n

APP = Path(__file__).resolve().parents[2] / "app"


@pytest.fixture
def chinese(qapp):
    i18n.apply_language("zh_CN")
    yield
    i18n.apply_language("en")


def test_a_message_box_and_a_file_dialog_speak_chinese(qtbot, chinese):
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = [box.button(b).text() for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                                             QMessageBox.StandardButton.Cancel)]
    assert texts == ["是(&Y)", "否(&N)", "取消"]

    dialog = QFileDialog(None, "t")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own widgets, as on a desk without a portal
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    words = {b.text() for b in buttons.findChildren(QPushButton)}
    assert words == {"保存(&S)", "取消"}, words
    # Words Qt's own catalogue lacks, from ours: "Look in", "Files of type".
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"查找范围(&L)：", "文件类型(&T)："} <= labels, labels


def test_english_again_after_switching_back(qtbot, qapp):
    i18n.apply_language("zh_CN")
    i18n.apply_language("en")
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Yes)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "&Yes"


def test_file_dialogs_start_in_documents_then_in_the_last_folder(qtbot, store, ops, tmp_path, monkeypatch):
    seen = []
    target = tmp_path / "usb" / "report.pdf"
    target.parent.mkdir()

    def save(parent, title, start, filters):
        seen.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(file_dialogs, "_last", "")
    monkeypatch.setattr(file_dialogs, "_keep", None)
    file_dialogs.use_store(store, ops)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert file_dialogs.save_file_name(None, "Save", "report.pdf") == str(target)
    assert seen[0] == str(Path(documents) / "report.pdf")
    assert last_folder(store) == str(target.parent)  # kept as the counter's preference
    file_dialogs.save_file_name(None, "Save", "next.pdf")
    assert seen[1] == str(target.parent / "next.pdf")

    # Next session: the preference read back from the store.
    monkeypatch.setattr(file_dialogs, "_last", "")
    file_dialogs.use_store(store, ops)
    assert file_dialogs.start_folder() == str(target.parent)


def test_every_file_dialog_goes_through_file_dialogs():
    users = sorted(str(p.relative_to(APP)) for p in APP.rglob("*.py")
                   if "QFileDialog" in p.read_text(encoding="utf-8"))
    assert users == ["ui/common/file_dialogs.py"]


def test_the_print_dialog_speaks_chinese(qtbot, chinese):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QCheckBox, QGroupBox, QRadioButton

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    words = {w.text() for cls in (QLabel, QPushButton, QCheckBox, QRadioButton) for w in dialog.findChildren(cls)}
    words |= {g.title() for g in dialog.findChildren(QGroupBox)}
    words = {w for w in words if w and any(ch.isalpha() for ch in w)}
    english = sorted(w for w in words if not any("\u4e00" <= ch <= "\u9fff" for ch in w))
    assert len(words) > 20 and english == []
