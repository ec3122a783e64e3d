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
