"""The desk's background children over one counter's store, one at a time: a desk signed out and in
again (or a second desk on the PC) starts `warn refresh --background` while the first child still
works; the second waits for the first, then finds the warnings worked out from the same history."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.foundation.one_process import one_at_a_time

pytestmark = pytest.mark.skipif(not Path("/proc/locks").is_file(), reason="reads who waits for a lock in /proc/locks")


def _child(data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data_dir), "warn", "refresh", "--background"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"})


def _waits_for_a_lock(pid: int) -> bool:
    """Whether ``pid`` is blocked on a file lock (the kernel lists a waiter with "->")."""
    return any("->" in line and f" {pid} " in line.replace(":", " ") for line in Path("/proc/locks").read_text().splitlines())


def _until(condition, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the child never came to the lock"
        time.sleep(0.05)


def test_a_second_child_waits_for_the_first_then_finds_the_work_done(store):
    data_dir = store.path.parent
    done = data_dir / "cache" / "warnings-worked-out.json"
    with one_at_a_time(data_dir / "cache" / "warnings.lock"):  # the first child, still working
        child = _child(data_dir)
        try:
            _until(lambda: _waits_for_a_lock(child.pid), child)
            assert not done.exists()  # it waits: nothing worked out beside the first
        except BaseException:
            child.kill()
            raise
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    assert "new warnings" in out and done.is_file()

    stamp = done.stat().st_mtime_ns
    again = _child(data_dir)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "0 new warnings" in out
    assert done.stat().st_mtime_ns == stamp  # the same history today: found done, not worked out again
