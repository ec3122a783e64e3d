"""Screenshots of every page of head office's window at 1366x768, in English and Chinese, over a
throwaway PostgreSQL holding three demo dealers and one conflict.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.hq_screenshots docs/screenshots
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _memory_keyring() -> None:
    import keyring

    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # never the user's real keyring


def build(url: str, work: Path):
    from sqlalchemy import select

    from app.hq.importer import import_paths
    from app.models import FailureCase
    from app.models.store import open_database, open_store
    from app.services.demo.sample_data import fill_demo
    from app.sync import outbox
    from app.sync.apply import apply_file
    from tests.synchelp import edit_case, enrol_in_process

    db = open_database(url)
    stores = []
    for i, code in enumerate(("BJ01", "SH02", "GZ03")):
        store = open_store(work / code)
        enrol_in_process(db, store, code)
        fill_demo(store, 400 + 150 * i, 40 + 10 * i, dealer_code=code, seed=11 + i)
        stores.append(store)
    # A second counter of BJ01 has the first one's cases; both edit the same case: one conflict waits.
    second = open_store(work / "BJ01-2")
    enrol_in_process(db, second, "BJ01")
    for f in outbox.export(stores[0], work / "bj01"):
        doc = json.loads(f.read_bytes())
        with second.session() as s, s.begin():
            apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
    with stores[0].session() as s:
        case_id = s.scalar(select(FailureCase.id).order_by(FailureCase.opened_at.desc()).limit(1))
    edit_case(stores[0], case_id, "parts ordered late")
    edit_case(second, case_id, "customer not told of the delay")
    for store in stores + [second]:
        outbox.export(store, work / "usb")
        store.close()
    import_paths(db, [work / "usb"])
    return db


def shoot(db, out: Path, language: str) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.common import i18n
    from app.ui.common.ops import Ops
    from app.ui.common.qt_app import create_app
    from app.ui.hq.hq_window import HqWindow

    app = create_app()
    i18n.apply_language(language)
    ops = Ops()
    w = HqWindow(db, ops, analyst="Wu")
    w.resize(1366, 768)
    w.show()

    def settle() -> None:
        from PySide6.QtTest import QTest

        for _ in range(1200):  # at most a minute
            QTest.qWait(50)
            if not ops.busy:
                QTest.qWait(50)
                if not ops.busy:
                    return

    settle()
    w.network.dealers.selectRow(0)
    settle()
    names = ["network", "cases", "conflicts", "counters", "publish", "reports", "import"]
    # The forms behind the first dealer's failure share (a drill-down), shot with the Cases page too.
    from app.ui.hq.network_page import FAILURE

    w.network.on_dealers_cell_double_clicked(0, FAILURE)
    settle()
    w.grab().save(str(out / f"hq-forms-{language}.png"))
    for i, name in enumerate(names):
        w.tabs.setCurrentIndex(i)
        if name == "cases":
            w.cases.lists.setCurrentIndex(0)
            rows = [w.cases.model.case_at(r) for r in range(min(w.cases.model.rowCount(), 100))]
            # An escalated case shows head office's one decision on a case (taking it over).
            chosen = next((i for i, r in enumerate(rows) if r is not None and r.status == "escalated"),
                          next((i for i, r in enumerate(rows) if r is not None and r.status == "closed"), 0))
            w.cases.table.selectRow(chosen)
            settle()
            if w.cases.story.take.isVisible():
                w.cases.story.on_take_clicked()
                settle()
                w.cases.story.dialog.grab().save(str(out / f"hq-takeover-{language}.png"))
                w.cases.story.dialog.reject()
        if name == "conflicts" and w.conflicts.conflicts.rowCount():
            w.conflicts.conflicts.selectRow(0)
        if name == "publish":
            from app.scripts.library import bundled_pack_path

            pack = Path(tempfile.mkdtemp()) / "spring.yaml"
            pack.write_text(bundled_pack_path().read_text(encoding="utf-8").replace("version: 1", "version: 3", 1),
                            encoding="utf-8")
            w.publishing.check(pack)
        if name == "reports":
            w.reports.on_make_clicked()
        settle()
        w.grab().save(str(out / f"hq-{name}-{language}.png"))
    # The root causes grouped across dealers, head office's one action for the dealers sharing the
    # first, raised (once, in the first language shot), and the early warnings page listing it.
    w.tabs.setCurrentIndex(0)
    w.network.cause_tabs.setCurrentIndex(1)
    w.network.root_causes.selectRow(0)
    settle()
    w.grab().save(str(out / f"hq-rootcauses-{language}.png"))
    w.network.on_raise_clicked()
    settle()
    dialog = w.network.raise_dialog
    dialog.grab().save(str(out / f"hq-raise-action-{language}.png"))
    if language == "en":
        dialog.on_buttons_accepted()
        settle()
    dialog.close()
    from app.ui.hq.hq_window import WARNINGS_TAB

    w.tabs.setCurrentIndex(WARNINGS_TAB)
    settle()
    w.grab().save(str(out / f"hq-improvements-{language}.png"))
    w.timer.stop()
    settle()
    w.close()
    QApplication.processEvents()


def main(out_dir: str) -> int:
    from tests.pg import start_postgres

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _memory_keyring()
    root = Path(tempfile.mkdtemp(prefix="hq-shots-pg-"))
    server = start_postgres(root)
    work = Path(tempfile.mkdtemp(prefix="hq-shots-"))
    try:
        db = build(server.new_database(), work)
        for language in ("en", "zh_CN"):
            shoot(db, out, language)
        db.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
