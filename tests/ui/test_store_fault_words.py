"""A full disk and a busy store at the desk: the advisor saving a form reads what happened and what to
do, in their language; what was typed stays on screen, nothing is stored, and saving again works."""

from __future__ import annotations

import errno
import sqlite3
from contextlib import closing

from PySide6.QtCore import Qt
from sqlalchemy import event, func, select

from app.models import FeedbackForm
from tests.ui.conftest import commit_text
from tests.ui.test_journeys import type_form


def _forms(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(FeedbackForm))


def _cap(dbapi_connection, _record):
    """As on a nearly full disk: the file may not grow by a single page."""
    pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
    dbapi_connection.execute(f"PRAGMA max_page_count={pages}")


def _save(qtbot, view) -> None:
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_full_disk_then_a_busy_store_while_saving_a_form(qtbot, window, store):
    view = window.feedback
    window.show_page(view)
    type_form(qtbot, view, ro="RO2611-0077")
    commit_text(view.comment, "异响" * 1000)  # more than a page: it needs pages the disk no longer has
    store.engine.dispose()
    with closing(sqlite3.connect(store.path, isolation_level=None)) as con:
        con.execute("VACUUM")  # no free pages left inside the file either
    event.listen(store.engine, "connect", _cap)
    _save(qtbot, view)
    qtbot.waitUntil(lambda: view.result_bar.isVisible())
    said = view.result_text.text()
    assert "is full" in said and "Free some space" in said, said
    assert view.customer_name.text() == "孙女士" and view.repair_order.text() == "RO2611-0077"  # kept
    event.remove(store.engine, "connect", _cap)
    store.engine.dispose()
    assert _forms(store) == 0

    with closing(sqlite3.connect(store.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # a second desk on the same store, in the middle of a change
        _save(qtbot, view)
        qtbot.waitUntil(lambda: "busy" in view.result_text.text(), timeout=20000)
        other.execute("ROLLBACK")
    assert "try again" in view.result_text.text()
    assert _forms(store) == 0

    with qtbot.waitSignal(view.form_saved):
        _save(qtbot, view)
    assert _forms(store) == 1


def test_the_desk_words_a_full_disk_met_while_attaching_a_file():
    from app.ui.common.ui_words import error_text

    said = error_text(OSError(errno.ENOSPC, "No space left on device", "/data/attachments/.incoming-x"))
    assert "is full" in said and "Free some space" in said and "/data/attachments/.incoming-x" in said
