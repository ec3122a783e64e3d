"""Fitting the risk model again from a view (Today's riskiest calls, the call list): one helper, one fit
at a time per view, a failure in the view's own words, nothing done to a view closed meanwhile."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from app.services.predict import elsewhere


class _View(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.fitting = False
        self.label = QLabel(self)


@pytest.fixture
def threaded_ops(qapp):
    from app.ui.common.ops import Ops

    return Ops()


def _held_fit(monkeypatch, outcome=None):
    """refit_elsewhere held until the test lets it go; it then returns, or raises ``outcome``."""
    started, go_on, calls = threading.Event(), threading.Event(), []

    def fit(store):
        calls.append(store)
        started.set()
        go_on.wait(60)
        if outcome is not None:
            raise outcome

    monkeypatch.setattr(elsewhere, "refit_elsewhere", fit)
    return started, go_on, calls


def test_one_fit_at_a_time_per_view(qtbot, threaded_ops, monkeypatch):
    from app.ui.common.refit import refit_model

    started, go_on, calls = _held_fit(monkeypatch)
    view, other = _View(), _View()
    qtbot.addWidget(view)
    qtbot.addWidget(other)
    assert refit_model(view, threaded_ops, "store", view.label, "failed: {error}")
    assert started.wait(20) and view.fitting
    assert not refit_model(view, threaded_ops, "store", view.label, "failed: {error}")  # one is running
    assert refit_model(other, threaded_ops, "other store", other.label, "failed: {error}")  # its own guard
    go_on.set()
    qtbot.waitUntil(lambda: not threaded_ops.busy, timeout=20000)
    assert not view.fitting and not other.fitting and sorted(calls) == ["other store", "store"]
    assert view.label.text() == ""
    assert refit_model(view, threaded_ops, "store", view.label, "failed: {error}")  # the next one may start
    qtbot.waitUntil(lambda: not threaded_ops.busy, timeout=20000)


def test_a_failed_fit_is_told_in_the_callers_words(qtbot, threaded_ops, monkeypatch):
    from app.ui.common.refit import refit_model

    started, go_on, _calls = _held_fit(monkeypatch, OSError("the disk is full"))
    view = _View()
    qtbot.addWidget(view)
    refit_model(view, threaded_ops, "store", view.label, "Risk not worked out: {error}")
    go_on.set()
    qtbot.waitUntil(lambda: not view.fitting, timeout=20000)
    assert view.label.text().startswith("Risk not worked out: ") and "the disk is full" in view.label.text()


def test_a_view_closed_while_its_fit_runs_is_left_alone(qtbot, threaded_ops, monkeypatch):
    from app.ui.common.refit import refit_model

    started, go_on, _calls = _held_fit(monkeypatch, OSError("late"))
    view = _View()
    refit_model(view, threaded_ops, "store", view.label, "failed: {error}")
    assert started.wait(20)
    view.deleteLater()
    qtbot.waitUntil(lambda: not isValid(view), timeout=20000)
    go_on.set()
    qtbot.waitUntil(lambda: not threaded_ops.busy, timeout=20000)  # answered: no error touching the deleted view


def test_both_views_refit_through_the_one_helper():
    import inspect

    from app.ui.feedback.calls_view import CallsView
    from app.ui.today.risky_calls_box import RiskyCallsBox

    for view in (CallsView, RiskyCallsBox):
        source = inspect.getsource(view.refit)
        assert "refit_model(" in source and "refit_elsewhere" not in source, view.__name__
