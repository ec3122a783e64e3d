"""How long sign-in waits after wrong PINs: free for the first few, then growing with every wrong try."""

from __future__ import annotations

from datetime import timedelta

FREE_TRIES = 5  # wrong PINs in a row before the next try has to wait
# The wait after the 5th, 6th, 7th... wrong PIN in a row; the last one repeats. Four-digit PINs then
# take months to guess instead of the six minutes they took without a wait.
WAITS = (timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15),
         timedelta(hours=1))


def wait_after(failures: int) -> timedelta:
    """The wait before the next try after ``failures`` wrong PINs in a row (zero below FREE_TRIES)."""
    if failures < FREE_TRIES:
        return timedelta(0)
    return WAITS[min(failures - FREE_TRIES, len(WAITS) - 1)]
