"""A failure no caller handles is shown in a message box in the user's words; what a job changed is announced."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.foundation.errors import InvalidInput
from app.services.changes import ALERTS, FORMS, announces
from app.ui.common.ops import Ops


def failure_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == "failure_message"]


@pytest.fixture(params=[True, False], ids=["inline", "threaded"])
def ops(request, qtbot):
    from app.ui.common.qt_app import create_app

    create_app()
    o = Ops(inline=request.param)
    yield o
    o.wait_idle()
    for box in failure_boxes():
        box.close()


def run_and_wait(qtbot, ops, fn, **kw):
    if ops.inline:
        ops.run(fn, **kw)
    else:
        with qtbot.waitSignal(ops.busy_changed, check_params_cb=lambda busy: not busy, timeout=10000):
            ops.run(fn, **kw)


@pytest.mark.parametrize("error, words", [
    (InvalidInput(field="phone", problem="11 digits, starting with 1"), "phone: 11 digits, starting with 1"),
    (RuntimeError("the disk is full"), "Something went wrong: the disk is full"),
])
def test_an_unhandled_failure_is_shown_to_the_user(qtbot, ops, error, words):
    shown = []
    ops.failure_shown.connect(shown.append)

    def fail():
        raise error

    run_and_wait(qtbot, ops, fail)
    assert shown == [words]
    [box] = failure_boxes()
    assert box.text() == words and box.isVisible()
    assert box.icon() == QMessageBox.Icon.Warning


def test_a_handled_failure_is_left_to_its_handler(qtbot, ops):
    handled = []

    def fail():
        raise RuntimeError("boom")

    run_and_wait(qtbot, ops, fail, on_failure=handled.append)
    assert [str(e) for e in handled] == ["boom"] and failure_boxes() == []


@announces(FORMS)
def _write_form():
    return "form"


@announces(ALERTS)
def _write_alert():
    return "alert"


def test_what_the_job_changed_is_announced_once_even_when_it_then_fails(qtbot, ops):
    heard = []
    ops.changed.connect(heard.append)
    run_and_wait(qtbot, ops, lambda: (_write_form(), _write_alert()))
    assert heard == [FORMS | ALERTS]

    def half():
        _write_form()  # committed before the failure: still on screen
        raise RuntimeError("then it broke")

    heard.clear()
    run_and_wait(qtbot, ops, half, on_failure=lambda _e: None)
    assert heard == [FORMS]
    heard.clear()
    run_and_wait(qtbot, ops, lambda: 42)  # a read changes nothing: no notice
    assert heard == []


def test_a_view_closed_while_its_job_ran_is_not_called_and_the_change_still_announced(qtbot):
    """A page closed (deleted by Qt) before its read answered: its method is not called on a dead widget,
    a failure is still shown, and what the job changed is still announced."""
    from shiboken6 import delete
    from PySide6.QtWidgets import QLabel

    from app.ui.common.qt_app import create_app

    create_app()
    ops = Ops()
    changes, shown = [], []
    ops.changed.connect(changes.append)
    ops.failure_shown.connect(shown.append)
    gone = QLabel()
    delete(gone)  # the C++ widget is gone; the Python object and its bound method remain

    def fails():
        raise RuntimeError("the disk is full")

    with qtbot.waitSignal(ops.busy_changed, check_params_cb=lambda busy: not busy, timeout=10000):
        ops.run(_write_form, on_success=gone.setText)
    with qtbot.waitSignal(ops.busy_changed, check_params_cb=lambda busy: not busy, timeout=10000):
        ops.run(fails, on_failure=gone.setText)
    assert changes == [FORMS]
    assert shown == ["Something went wrong: the disk is full"]
    for box in failure_boxes():
        box.close()
