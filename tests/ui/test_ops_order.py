"""The database worker takes what a person sees first before the rest: a job waiting with a lower order
runs before every waiting job of a higher one, first in, first out within one order."""

from __future__ import annotations

import threading

from app.ui.common.ops import IN_TURN, SEEN_FIRST, SEEN_NEXT, Ops
from app.ui.common.workers import Workers


def test_waiting_jobs_run_by_order_then_as_they_came():
    pool = Workers(1, "test-order")
    held, ran = threading.Event(), []
    first = pool.submit(lambda _: held.wait(20), None)  # the worker is busy: the rest wait
    futures = [pool.submit(ran.append, name, order)
               for name, order in (("later-1", 2), ("next-1", 1), ("first-1", 0), ("later-2", 2), ("first-2", 0),
                                   ("next-2", 1))]
    held.set()
    for f in [first, *futures]:
        f.result(20)
    assert ran == ["first-1", "first-2", "next-1", "next-2", "later-1", "later-2"]
    pool.shutdown()


def test_shutdown_cancels_waiting_jobs_in_the_order_they_would_have_run():
    pool = Workers(1, "test-order-shutdown")
    held = threading.Event()
    running = pool.submit(lambda _: held.wait(20), None)
    for name, order in (("b", 2), ("a", 0), ("c", 2)):
        pool.submit(lambda _: None, name, order)
    assert pool.shutdown() == ["a", "b", "c"]
    held.set()
    running.result(20)


def test_todays_first_reads_pass_the_queue_of_ops(qtbot):
    ops = Ops()
    held, ran = threading.Event(), []
    ops.run(lambda: held.wait(20))
    ops.run(lambda: ran.append("notices"))  # the default: in turn
    ops.run(lambda: ran.append("riskiest calls"), order=SEEN_NEXT)
    ops.run(lambda: ran.append("figures"), order=SEEN_FIRST)
    ops.run(lambda: ran.append("glance"), order=IN_TURN)
    ops.run(lambda: ran.append("overdue"), order=SEEN_FIRST)
    held.set()
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)
    assert ran == ["figures", "overdue", "riskiest calls", "notices", "glance"]


def test_jobs_submitted_together_run_beside_each_other_up_to_the_pools_size():
    """The store opening and the main window's code loading are asked for together on one pool of
    four: the second runs beside the first, not after it (a thread just started counted as free)."""
    pool = Workers(4, "test-beside")
    first_running, second_ran = threading.Event(), threading.Event()

    def first(_):
        first_running.set()
        return second_ran.wait(20)  # the second job must run while this one holds its thread

    held = pool.submit(first, None)
    beside = pool.submit(lambda _: second_ran.set(), None)
    assert held.result(30), "the second job waited for the first"
    beside.result(20)
    pool.shutdown()


def test_first_reads_done_once_every_read_asked_first_is_answered(qtbot):
    """What no box of Today needs waits for ``first_reads_done``: told after the last answer of a job
    asked for SEEN_FIRST or SEEN_NEXT, not while one is still to come, and not for jobs in turn."""
    ops = Ops()
    held, told = threading.Event(), []
    ops.first_reads_done.connect(lambda: told.append(sorted(ran)))
    ran = []
    ops.run(lambda: held.wait(20) and ran.append("figures"), order=SEEN_FIRST)
    ops.run(lambda: ran.append("trend"), order=SEEN_NEXT, pool="io")
    ops.run(lambda: ran.append("notices"))  # in turn: not waited for
    assert ops.first_reads == 2
    qtbot.waitUntil(lambda: "trend" in ran, timeout=20000)
    held.set()
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)
    assert told == [["figures", "trend"]] or told == [["figures", "notices", "trend"]]
    assert ops.first_reads == 0


def test_a_thread_readied_ahead_takes_the_job_a_person_waits_for():
    """The PIN check's thread is started while the names are listed: the check then starts at once,
    not after a thread's start (~40 ms while the main window's code loads beside it)."""
    pool = Workers(1, "test-ready")
    pool.ready()
    pool.ready()  # one free thread is enough: no second, whatever the size
    readied = list(pool._threads)
    assert len(readied) == 1 and readied[0].is_alive()
    ran_on = pool.submit(lambda _: threading.current_thread(), None).result(20)
    assert ran_on is readied[0] and pool._threads == readied
    big = Workers(4, "test-ready-busy")
    held = threading.Event()
    busy = big.submit(lambda _: held.wait(20), None)
    big.ready()  # its one thread is busy: another waits for the next job
    assert len(big._threads) == 2
    held.set()
    busy.result(20)
    pool.shutdown(), big.shutdown()
    pool.ready()
    assert pool._threads == readied  # none after a shutdown


def test_the_pin_checks_thread_is_started_once_the_store_is_open(qtbot, tmp_path):
    from app.models.store import open_store
    from app.ui.common.qt_app import create_app
    from app.ui.shell.shell import Shell

    create_app()
    ops = Ops()
    try:
        assert ops._now._threads == []
        dialog = Shell(ops, store=open_store(tmp_path)).start()
        qtbot.addWidget(dialog)
        assert [t.is_alive() for t in ops._now._threads] == [True]
    finally:
        qtbot.waitUntil(lambda: not ops.busy, timeout=20000)
        ops.close()
