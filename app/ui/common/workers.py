"""A small pool of daemon worker threads: ``Ops``'s queues, which never hold the program's exit.

``concurrent.futures.ThreadPoolExecutor``'s threads are not daemons: Python joins each of them when
the program ends, so one job hung on the network kept a closed desk's process alive until the job
gave up. These threads run the same way (jobs in order, as many at once as the pool's size, a
``Future`` per job), but a job still running when the program ends does not delay it. A job may be
given an order: a lower one is taken before every higher one still waiting (what a person sees first
before the rest), jobs of one order first in, first out.
"""

from __future__ import annotations

import itertools
import queue
import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from concurrent.futures import Future

_STOP = None  # put once per thread: that thread ends
LAST = 1 << 30  # the order of a stop: after every job already waiting, as first in, first out had it


def _serve(jobs: "queue.PriorityQueue", idle: list[int], lock: threading.Lock) -> None:
    """One worker: take jobs until told to stop. It keeps no reference to a job between jobs (a
    job's argument may hold a view, which must be let go on the UI thread, not here). ``idle``: the
    threads free for a job, and the jobs not taken yet (see Workers.submit)."""
    while True:
        item = jobs.get()[2]  # (order, sequence, job): the sequence keeps one order first in, first out
        with lock:
            idle[0] -= 1
            if item is not _STOP:
                idle[1] -= 1
        if item is _STOP:
            return
        future, fn, arg = item
        del item
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(fn(arg))
            except BaseException as exc:  # noqa: BLE001 - kept in the future, as ThreadPoolExecutor does
                future.set_exception(exc)
        del future, fn, arg
        with lock:
            idle[0] += 1


def _stop_all(jobs: "queue.PriorityQueue", threads: list, sequence) -> None:
    for _ in threads:
        jobs.put((LAST, next(sequence), _STOP))


class Workers:
    """``size`` daemon threads started as work comes, taking jobs by order, then first in, first out."""

    def __init__(self, size: int, name: str) -> None:
        self.size, self.name = size, name
        self._jobs: queue.PriorityQueue = queue.PriorityQueue()
        self._sequence = itertools.count()
        self._threads: list[threading.Thread] = []
        # Threads free for a job and jobs not taken yet, each changed under the lock (a list: shared
        # with the threads, never with self). A job a thread has just taken from the queue counts as not
        # taken, and that thread as free, until the thread says so: the two stay in step.
        self._idle = [0, 0]
        self._lock = threading.Lock()
        self._shut = False
        # A pool nobody closed but everybody dropped still lets its threads end.
        weakref.finalize(self, _stop_all, self._jobs, self._threads, self._sequence)

    def submit(self, fn: Callable[[Any], Any], arg: Any, order: int = 0) -> Future:
        """Run ``fn(arg)`` on a worker, before every waiting job of a higher ``order``; refused
        (RuntimeError) once the pool is shut down."""
        from concurrent.futures import Future  # with the first job, not before the first window (see ops)

        future: Future = Future()
        with self._lock:
            if self._shut:
                raise RuntimeError(f"{self.name}: shut down")
            self._jobs.put((order, next(self._sequence), (future, fn, arg)))
            self._idle[1] += 1
            # A thread more when the jobs not taken outnumber the threads free to take them. Testing
            # only for "no thread free" left a second job submitted before a thread just started had
            # taken the first (the main window's code loading, asked for with the store's opening)
            # waiting for the first instead of running beside it.
            if self._idle[1] > self._idle[0] and len(self._threads) < self.size:
                self._start_thread()
        return future

    def ready(self) -> None:
        """Start a thread now if none is free, before the job it waits for: a thread's start waits
        for the interpreter (~40 ms while the main window's code loads beside it)."""
        with self._lock:
            if not self._shut and self._idle[0] <= self._idle[1] and len(self._threads) < self.size:
                self._start_thread()

    def _start_thread(self) -> None:
        self._idle[0] += 1  # counted before it starts: the next job doesn't start another
        thread = threading.Thread(target=_serve, args=(self._jobs, self._idle, self._lock),
                                  name=f"{self.name}_{len(self._threads)}", daemon=True)
        self._threads.append(thread)
        thread.start()

    def shutdown(self) -> list:
        """Take no more work; cancel what has not started and return those jobs' arguments (in the
        order they would have run); every thread ends once its current job does. Never waits."""
        dropped = []
        with self._lock:
            self._shut = True
            while True:
                try:
                    item = self._jobs.get_nowait()[2]
                except queue.Empty:
                    break
                if item is not _STOP and item[0].cancel():
                    dropped.append(item[2])
            _stop_all(self._jobs, self._threads, self._sequence)
        return dropped

    @property
    def is_shut(self) -> bool:
        return self._shut
