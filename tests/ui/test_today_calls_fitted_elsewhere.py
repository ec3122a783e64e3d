"""Today's riskiest calls: the risk model is fitted by `orders refit` in a process of its own over the
desk's data directory (its seconds of CPU never on one of the desk's threads), the model it keeps ranks
the calls; a fit that fails is said in words and keeps nothing."""

from __future__ import annotations

import subprocess
import sys

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
