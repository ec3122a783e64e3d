"""Screenshots of Today at 1366x768 with the riskiest 3-day calls and the month's call figures, in English
and Chinese, over the call list's demo store (a few of its calls made, one not reached).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.today_calls_screenshots docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
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


def shoot(store, user, out: Path, language: str) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.ui.common import i18n
    from app.ui.common.ops import Ops
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    create_app()
    i18n.apply_language(language)
    ops = Ops()
    w = MainWindow(store, ops, user)
    w.resize(1366, 768)
    w.show()
    for _ in range(1200):  # Today's figures, then the riskiest calls
        QTest.qWait(50)
        if not ops.busy and w.today.is_filled and w.today.risky_calls.list.count():
            break
    QTest.qWait(100)
    w.grab().save(str(out / f"today-calls-{language}.png"))
    w.close()
    QApplication.processEvents()


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store, user = build(Path(tempfile.mkdtemp(prefix="today-calls-shots-")))
    for language in ("en", "zh_CN"):
        shoot(store, user, out, language)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
