"""Closing the desk ends its background work: nothing queued starts, nothing new is taken, a job hung
on the network neither holds the program's exit nor answers into the closed window's views."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from shiboken6 import isValid

from tests.ui.threaded_shell import threaded_shell


def _signed_in_with_threads(qtbot, store):
    """The desk as the program runs it (real worker threads), signed in by typing the PIN."""
    ops, shell, dialog = threaded_shell(qtbot, store)
    qtbot.keyClicks(dialog.pin, "1234")
    with qtbot.waitSignal(shell.window_shown, timeout=20000):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(shell.window, "_today_filled", False), timeout=20000)
    return ops, shell


def test_closing_the_main_window_ends_its_background_work(qtbot, store, admin):
    ops, shell = _signed_in_with_threads(qtbot, store)
    window = shell.window
    threads: dict[str, threading.Thread] = {}
    started = {"db": threading.Event(), "io": threading.Event()}
    release = threading.Event()
    ran, answers = [], []

    def hung(pool: str):
        def job():
            threads[pool] = threading.current_thread()
            started[pool].set()
            release.wait(120)  # a network call that does not answer
            return pool
        return job

    ops.run(lambda: threads.setdefault("now", threading.current_thread()), pool="now")  # idle at the close
    qtbot.waitUntil(lambda: "now" in threads, timeout=20000)
    def answer(result) -> None:  # as a view's refresh does: recorded, then the window's views touched
        answers.append(result)
        window.today.objectName()

    ops.run(hung("io"), on_success=answer, pool="io")
    ops.run(hung("db"), on_success=answer, pool="db")
    ops.run(lambda: ran.append("queued"), on_success=answer)  # behind the hung database job
    assert started["io"].wait(20) and started["db"].wait(20)

    window.close()  # the person closes the desk

    assert ops.closed
    ops.run(lambda: ran.append("after close"), pool="io")  # taken no more
    # Neither hung job holds the exit: Python joins non-daemon threads when the program ends.
    assert threads["io"].is_alive() and threads["db"].is_alive()
    assert threads["io"].daemon and threads["db"].daemon
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not isValid(window)

    release.set()  # the network answers at last
    qtbot.waitUntil(lambda: not ops.busy, timeout=20000)
    QCoreApplication.processEvents()
    assert answers == []  # dropped on the UI thread, nothing delivered into the deleted window
    assert ran == []  # the job queued behind the hung one never ran, nor the one given after close
    for thread in threads.values():  # every worker of the closed desk ends, the idle one too
        qtbot.waitUntil(lambda thread=thread: not thread.is_alive(), timeout=20000)
    assert threading.current_thread() is threading.main_thread()
    shell.deleteLater()


def test_a_window_replaced_by_the_shell_leaves_the_work_running(qtbot, store, admin):
    ops, shell = _signed_in_with_threads(qtbot, store)
    old = shell.window
    shell.build_window()  # as a language switch does: the new window first, then the old one closed
    assert shell.window is not old and not ops.closed
    answers = []
    ops.run(lambda: 7, on_success=answers.append)
    qtbot.waitUntil(lambda: answers == [7], timeout=20000)
    shell.window.close()
    assert ops.closed
    shell.deleteLater()
