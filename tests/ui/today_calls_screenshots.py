"""Screenshots of Today at 1366x768 with the riskiest 3-day calls and the month's call figures, in English
and Chinese, over the call list's demo store (a few of its calls made, one not reached).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.today_calls_screenshots docs/screenshots
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build(work: Path):
    from app.services.orders.calls import due_calls, record_attempt
    from tests.ui.calls_screenshots import build as calls_store

    store, user = calls_store(work)
    calls = due_calls(store)  # fits the model (`orders refit`) and keeps it, as opening the call list has it done
    for c in calls[-3:]:
        record_attempt(store, c.repair_order_id, user.user_id, reached=True)
    record_attempt(store, calls[-4].repair_order_id, user.user_id, reached=False)
    return store, user


def _today_ready(w, ops) -> None:
    from PySide6.QtTest import QTest

    for _ in range(1200):  # Today's figures, then the riskiest calls
        QTest.qWait(50)
        if not ops.busy and w.today.is_filled and w.today.risky_calls.list.count():
            break
    QTest.qWait(100)


def main(out_dir: str) -> int:
    from tests.ui.calls_screenshots import shoot

    return shoot(build, "today-calls", _today_ready, out_dir)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
