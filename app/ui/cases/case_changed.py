"""What the desk does when a case changed under the advisor's feet (CaseChanged from the core):
say what happened, who changed it and when, and what to do; reload every view of cases. The
caller keeps what was typed (its fields are never cleared on a failure)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.foundation.errors import CaseChanged
from app.services.changes import CASES


def advice() -> str:
    return QCoreApplication.translate("CaseChanged", "The case has been reloaded to show the change. What you "
                                      "typed is still there: check the case, then save again if it still applies.")


def tell_case_changed(parent: QWidget, ops, exc: BaseException) -> bool:
    """For CaseChanged: a message box (not blocking) and a reload; True when ``exc`` was one."""
    if not isinstance(exc, CaseChanged):
        return False
    box = QMessageBox(parent, objectName="case_changed_message")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("CaseChanged", "The case has changed"))
    box.setTextFormat(Qt.TextFormat.PlainText)  # it names a person and a case
    box.setText(exc.render(QCoreApplication.translate))
    box.setInformativeText(advice())
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("CaseChanged", "OK"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    ops.announce(CASES)  # every view of the case (detail, stepper, lists, open dialogs) reloads
    return True
