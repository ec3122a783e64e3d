"""Today's riskiest calls and the call list: the risk model is fitted by `orders refit` in a process of its
own over the desk's data directory (its seconds of CPU never on one of the desk's threads), the model it
keeps ranks the calls; a fit that fails is said in words and keeps nothing; while the call list's fit runs,
the desk's database worker stays free."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest

from app.foundation import clock
from app.services.predict import elsewhere, risk_model
from app.ui.common.ops import Ops
from app.ui.today.risky_calls_box import RiskyCallsBox
from tests.ui.test_calls_journey import history, yesterdays_orders


def kept_model(store):
    with store.session() as s:
        return risk_model.saved_model(s, store.identity.home_dealer_id)


def test_the_box_fits_through_orders_refit_in_a_child_and_ranks_by_what_it_kept(qtbot, store, data_dir, advisor,
                                                                                  tmp_path, monkeypatch):
    history(store, tmp_path)
    yesterdays_orders(store, tmp_path)

    def not_here(*_a, **_k):
        raise AssertionError("fitted in the desk's own process")

    monkeypatch.setattr(risk_model, "refit", not_here)
    started, real_run = [], subprocess.run

    def run(argv, *a, **k):
        started.append(list(argv))
        return real_run(argv, *a, **k)

    monkeypatch.setattr(subprocess, "run", run)
    ops = Ops()
    box = RiskyCallsBox(store, ops, advisor)
    qtbot.addWidget(box)
    box.show()
    box.start()
    qtbot.waitUntil(lambda: box.list.count() == 3, timeout=120_000)  # fitted elsewhere, then announced
    assert started == [[sys.executable, "-m", "app", "--data-dir", str(data_dir), "orders", "refit", "--background"]]
    saved = kept_model(store)
    assert saved is not None and saved.day == clock.today() and saved.fitted.model.fitted_on == 40
    assert box.list.item(0).text().startswith("Y2 · ") and not box.fitting
    assert box.note.text() == "Double-click a call to make it on the call list."
    qtbot.waitUntil(lambda: not ops.busy, timeout=60_000)


def test_a_fit_that_fails_is_said_in_words_and_keeps_nothing(qtbot, store, advisor, tmp_path, monkeypatch):
    history(store, tmp_path)
    yesterdays_orders(store, tmp_path)
    monkeypatch.setattr(elsewhere, "fit_command", lambda data_dir: [
        sys.executable, "-c", "import sys; sys.stderr.write('the disk is full\\n'); sys.exit(5)"])
    ops = Ops()
    box = RiskyCallsBox(store, ops, advisor)
    qtbot.addWidget(box)
    box.show()
    box.start()
    qtbot.waitUntil(lambda: "could not be worked out" in box.note.text(), timeout=60_000)
    assert "exit 5: the disk is full" in box.note.text() and "orders refit" in box.note.text()
    assert not box.fitting and kept_model(store) is None
    qtbot.waitUntil(lambda: not ops.busy, timeout=60_000)


@pytest.fixture
def gate(tmp_path):
    """A named pipe a child waits on until the test opens it; opened at the end in any case, so a failing
    test leaves no child waiting."""
    path = tmp_path / "gate"
    os.mkfifo(path)
    yield path
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:  # nobody waits on it (any more)
        pass


def test_the_call_list_shows_yesterdays_ranking_at_once_and_fits_elsewhere_while_the_desk_saves(
        qtbot, store, data_dir, advisor, tmp_path, monkeypatch, gate):
    from app.ui.feedback.calls_view import CallsView

    history(store, tmp_path)
    yesterdays_orders(store, tmp_path)
    risk_model.refit(store, today=clock.today() - timedelta(days=1))  # the model kept yesterday

    def not_here(*_a, **_k):
        raise AssertionError("fitted in the desk's own process")

    monkeypatch.setattr(risk_model, "refit", not_here)
    real = elsewhere.fit_command
    # `orders refit` itself, started once the test opens the gate: the fit is still running until then.
    monkeypatch.setattr(elsewhere, "fit_command", lambda d: [
        sys.executable, "-c", "import os, sys; open(sys.argv[1]).read(); os.execv(sys.argv[2], sys.argv[2:])",
        str(gate), *real(d)])
    ops = Ops()
    view = CallsView(store, ops, advisor, None)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.table.rowCount() == 3 and view.fitting, timeout=60_000)
    assert view.table.item(0, 1).text() == "Y2"  # ranked by yesterday's model meanwhile
    saved = []
    ops.run(lambda: "saved", on_success=saved.append)  # the database worker, as a save at the desk takes it
    qtbot.waitUntil(lambda: saved == ["saved"], timeout=60_000)
    assert view.fitting and kept_model(store).day == clock.today() - timedelta(days=1)
    os.close(os.open(gate, os.O_WRONLY))  # the fit may go on
    qtbot.waitUntil(lambda: not view.fitting, timeout=120_000)
    assert kept_model(store).day == clock.today() and view.error.text() == ""
    qtbot.waitUntil(lambda: not ops.busy, timeout=60_000)  # the ALERTS notice's refresh answered
    assert view.table.rowCount() == 3 and view.table.item(0, 1).text() == "Y2"


def test_the_call_list_without_a_model_says_the_risk_is_coming_and_a_failed_fit_in_words(qtbot, store, advisor,
                                                                                         tmp_path, monkeypatch):
    from app.ui.feedback.calls_view import CallsView

    history(store, tmp_path)
    yesterdays_orders(store, tmp_path)
    monkeypatch.setattr(elsewhere, "fit_command", lambda data_dir: [
        sys.executable, "-c", "import sys; sys.stderr.write('the disk is full\\n'); sys.exit(5)"])
    ops = Ops()
    view = CallsView(store, ops, advisor, None)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: "could not be worked out" in view.error.text(), timeout=60_000)
    assert "exit 5: the disk is full" in view.error.text() and not view.fitting and kept_model(store) is None
    assert view.summary.text() == "3 calls to make. Working out each call's risk from this dealer's history..."
    # Every call can be made meanwhile: by its due day, its risk not known yet.
    assert [view.table.item(r, 0).text() for r in range(view.table.rowCount())] == ["-", "-", "-"]
    assert {view.table.item(r, 1).text() for r in range(3)} == {"Y1", "Y2", "Y3"}
    qtbot.waitUntil(lambda: not ops.busy, timeout=60_000)
