"""What a background job holds is let go on the UI thread: its closure (often a view), its answer,
and the cycles it leaves. Qt objects deleted on a worker crashed the suite at random."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from app.ui.common.ops import Ops, settle
from app.ui.common.qt_app import create_app


class View(QObject):
    """Stands for a closed window whose only reference left is a job's lambda."""


def released_on(obj) -> list[str]:
    """The name of the thread that lets ``obj`` go, once it has."""
    threads: list[str] = []
    weakref.finalize(obj, lambda: threads.append(threading.current_thread().name))
    return threads


def test_a_views_last_reference_in_a_jobs_closure_is_let_go_on_the_ui_thread(qtbot):
    create_app()
    ops = Ops()
    answers = []
    for pool in ("db", "io"):
        view = View()
        threads = released_on(view)
        ops.run(lambda view=view: type(view).__name__, on_success=answers.append, pool=pool)
        del view  # the window closed: only the job's lambda holds it now
        qtbot.waitUntil(lambda: not ops.busy)
        settle()
        assert threads == [threading.main_thread().name]
    assert answers == ["View", "View"]


def test_a_jobs_answer_is_let_go_on_the_ui_thread(qtbot):
    create_app()
    ops = Ops()
    seen = []

    def make():
        view = View()
        seen.append(released_on(view))
        return view

    ops.run(make, on_success=lambda view: None)
    qtbot.waitUntil(lambda: not ops.busy)
    settle()
    gc.collect()
    assert seen[0] == [threading.main_thread().name]


def test_a_cycle_holding_a_view_is_collected_on_the_ui_thread_while_a_job_allocates(qtbot):
    create_app()  # the desk's application: cycles are collected on its thread only
    ops = Ops()
    gc.collect()
    view = View()
    view.me = view  # a cycle (a view and its own lambdas, in the desk): only a collection frees it
    threads = released_on(view)
    del view

    def allocate():  # a query's worth of small objects: far past the collector's threshold
        return len([[i] for i in range(300_000)])

    ops.run(allocate)
    ops.wait_idle()  # this thread allocates nothing while the job runs
    settle()
    gc.collect()
    assert threads == [threading.main_thread().name]


def test_an_ops_dropped_while_its_job_runs_neither_hangs_nor_answers_off_thread(qtbot):
    create_app()
    started, go_on = threading.Event(), threading.Event()
    answers = []

    def slow():
        started.set()
        go_on.wait(10)
        return "done"

    ops = Ops()
    ops.run(slow, on_success=answers.append)
    assert started.wait(10)
    del ops  # the window that owned it closed
    gc.collect()
    go_on.set()
    settle()
    assert answers == ["done"]  # answered on the UI thread, as any other
