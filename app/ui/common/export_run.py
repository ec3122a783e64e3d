"""Saving a list as an Excel workbook from any page: where to save, then the export off the UI thread with
a progress dialog and Cancel (a cancelled export leaves no file), and what was written in words."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.ui.common.ops import Ops
from app.ui.common import file_dialogs

# (path, progress(rows written), cancelled()) -> rows written
Job = Callable[[Path, Callable[[int], None], Callable[[], bool]], int]


class _Relay(QObject):
    moved = Signal(int)


def ask_path(parent: QWidget, default_name: str) -> Path | None:
    path = file_dialogs.save_file_name(
        parent, QCoreApplication.translate("ExportRun", "Save as an Excel workbook"), default_name,
        QCoreApplication.translate("ExportRun", "Excel workbook (*.xlsx)"))
    if not path:
        return None
    return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")


def tell(widget: QWidget, text: str) -> None:
    """Say what an export did in the window's status bar, for a while (a window without one: nothing)."""
    window = widget.window()
    bar = getattr(window, "statusBar", None)
    if callable(bar):
        bar().showMessage(text, 20000)


def run_export(parent: QWidget, ops: Ops, path: Path, job: Job, total: int | None,
               on_done: Callable[[str], None]) -> None:
    """Run ``job`` on the database worker with a progress dialog; ``on_done`` gets what happened, in words."""
    flag = threading.Event()
    dialog = QProgressDialog(QCoreApplication.translate("ExportRun", "Writing {file}...").format(file=path.name),
                             QCoreApplication.translate("ExportRun", "Cancel"), 0, total or 0, parent)
    dialog.setObjectName("exportProgress")
    dialog.setWindowTitle(QCoreApplication.translate("ExportRun", "Export to Excel"))
    dialog.setMinimumDuration(400)  # a short export shows no dialog at all
    dialog.canceled.connect(flag.set)
    relay = _Relay(dialog)
    relay.moved.connect(lambda n: dialog.setValue(min(n, dialog.maximum())) if dialog.maximum() else None)

    def success(n: int) -> None:
        dialog.reset()
        dialog.deleteLater()
        on_done(QCoreApplication.translate("ExportRun", "Saved {n} rows to {file}.").format(n=n, file=path))

    def failure(error: BaseException) -> None:
        from app.services.exports.workbook import ExportCancelled
        from app.ui.common.ui_words import error_text

        dialog.reset()
        dialog.deleteLater()
        if isinstance(error, ExportCancelled):
            on_done(QCoreApplication.translate("ExportRun", "Cancelled: no file was written."))
        else:
            on_done(QCoreApplication.translate("ExportRun", "The workbook was not saved: {error}")
                    .format(error=error_text(error)))

    ops.run(lambda: job(path, relay.moved.emit, flag.is_set), on_success=success, on_failure=failure)
