"""Today's other boxes (the riskiest calls, warnings, improvement actions, the trend) are read once
before sign-in for the first window: after the PIN none of them is read again, and they show what a
window reading its own shows, refreshed on the same change notices."""

from __future__ import annotations

from app.services.cases.complaints import record_complaint
from app.services.demo.sample_data import fill_demo
from app.ui.shell.main_window import MainWindow
from tests.synchelp import new_case
from tests.ui.test_prepared_window import _settle
from tests.ui.test_today_read_once import _sign_in
from tests.ui.threaded_shell import threaded_shell

READS = (("app.services.orders.riskiest", "riskiest_calls"), ("app.services.predict.warnings", "open_warnings"),
         ("app.services.predict.improvements", "open_actions"), ("app.services.glance.trend", "month_trend"))


def _counted(monkeypatch) -> dict:
    import importlib

    calls = {}
    for module_name, name in READS:
        module = importlib.import_module(module_name)
        real = getattr(module, name)
        calls[name] = 0

        def counted(*a, _real=real, _name=name, **kw):
            calls[_name] += 1
            return _real(*a, **kw)

        monkeypatch.setattr(module, name, counted)
    return calls


def _boxes(window) -> tuple:
    """What the other boxes of Today show, as a person reads them."""
    today = window.today
    items = lambda lst: [lst.item(i).text() for i in range(lst.count())]  # noqa: E731
    return (today.risky_calls.title(), items(today.risky_calls.list), today.warnings_box.title(),
            items(today.warnings_box.list), today.improvements_box.title(), items(today.improvements_box.list),
            today.trend.points)


def _in(window) -> bool:
    today = window.today
    return bool(today.risky_calls.title() and today.warnings_box.title() and today.improvements_box.title()
                and today.trend.points is not None)


def test_the_first_windows_other_boxes_are_read_before_sign_in_and_not_again(qtbot, store, admin, monkeypatch):
    fill_demo(store, forms=80, cases=30, seed=3)
    calls = _counted(monkeypatch)
    ops, shell, dialog = threaded_shell(qtbot, store)
    reference = None
    try:
        qtbot.waitUntil(lambda: shell._early is not None and shell._early.parts is not None, timeout=20000)
        assert set(calls.values()) == {1}  # read while the names are listed, before any PIN
        w = _sign_in(qtbot, shell, dialog)
        assert w.user.is_supervisor  # every box shown
        qtbot.waitUntil(lambda: _in(w), timeout=20000)
        for _ in range(3):  # every start-up read of the window done
            ops.wait_idle()
            qtbot.wait(20)
        assert set(calls.values()) == {1}  # none read again after the PIN

        # A window reading its own shows the same.
        reference = MainWindow(store, ops, w.user)
        qtbot.addWidget(reference)
        reference.today.trend.start()  # read when first shown; this one is never shown
        qtbot.waitUntil(lambda: _in(reference), timeout=20000)
        assert reference.early_reads is None and set(calls.values()) == {2}
        assert _boxes(w) == _boxes(reference)

        # A change refreshes both, alike.
        ops.run(lambda: record_complaint(store, new_case(902), None))
        for _ in range(5):
            ops.wait_idle()
            qtbot.wait(20)
        assert _boxes(w) == _boxes(reference)
        assert calls["open_actions"] == 4  # the change of a case refreshed the actions of both windows
    finally:
        if reference is not None:
            reference.close()
        _settle(qtbot, ops, shell)
