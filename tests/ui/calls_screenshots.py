"""Screenshots of the 3-day call list at 1366x768, in English and Chinese, over a demo store whose last days'
repair orders are waiting for their calls.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.calls_screenshots docs/screenshots
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build(work: Path):
    import keyring

    from app.foundation import clock
    from app.models.store import open_store
    from app.services.demo.sample_data import ADVISORS, fill_demo
    from app.services.orders.store import import_orders_file
    from app.services.people.users import DEMO_PIN, ensure_demo_users, sign_in
    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # never the user's real keyring
    store = open_store(work)
    fill_demo(store, 3000, 120, seed=5)
    ensure_demo_users(store)
    rnd = random.Random(3)
    now = clock.local_now()
    kinds = ["保养", "保养", "维修", "钣喷", "保修", "更换轮胎"]
    lines = ["repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type,amount"]
    for i in range(16):
        day = now - timedelta(days=rnd.randrange(3, 12))
        opened = day.replace(hour=rnd.randrange(8, 11), minute=0)
        stay = rnd.choice((2, 3, 4, 6, 30, 75))
        promised = opened + timedelta(hours=stay if rnd.random() < 0.6 else stay - 2)
        delivered = opened + timedelta(hours=stay)
        lines.append(f"RO{day:%y%m%d}-{i:03d},{opened:%Y-%m-%d %H:%M},{promised:%Y-%m-%d %H:%M},"
                     f"{delivered:%Y-%m-%d %H:%M},{rnd.choice(ADVISORS)},客户{i:02d},1390000{i:04d},"
                     f"京N{i:05d},{rnd.choice(kinds)},{rnd.randrange(300, 5000)}")
    f = work / "dms.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_orders_file(store, f)
    return store, sign_in(store, "李娜", DEMO_PIN)


def shoot(make_store, name: str, ready, out_dir: str) -> int:
    """The main window at 1366x768 over the store ``make_store`` makes in a temporary folder, in English and
    Chinese: ``ready(window, ops)`` brings it to what is shown, saved as ``{name}-{language}.png``
    (this script's and Today's calls screenshots alike)."""
    from PySide6.QtWidgets import QApplication

    from app.ui.common import i18n
    from app.ui.common.ops import Ops
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store, user = make_store(Path(tempfile.mkdtemp(prefix=f"{name}-shots-")))
    create_app()
    for language in ("en", "zh_CN"):
        i18n.apply_language(language)
        ops = Ops()
        w = MainWindow(store, ops, user)
        w.resize(1366, 768)
        w.show()
        ready(w, ops)
        w.grab().save(str(out / f"{name}-{language}.png"))
        w.close()
        QApplication.processEvents()
    store.close()
    return 0


def _call_list_ready(w, ops) -> None:
    from PySide6.QtTest import QTest

    def settle() -> None:
        for _ in range(1200):
            QTest.qWait(50)
            if not ops.busy:
                QTest.qWait(50)
                if not ops.busy:
                    return

    w.show_page(w.calls)
    settle()
    w.calls.table.selectRow(0)
    settle()


def main(out_dir: str) -> int:
    return shoot(build, "calls", _call_list_ready, out_dir)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
