"""Screenshots of each view of the desk in one language, on a fresh demo store.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python packaging/screenshots.py zh_CN docs/screenshots
"""

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.models.store import open_store
from app.services import users
from app.services.demo import fill_demo
from app.ui.application import apply_language, create_app
from app.ui.main_window import MainWindow
from app.ui.ops import Ops
from app.ui.sign_in_dialog import SignInDialog


def main(lang: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    apply_language(lang)
    store = open_store(Path(tempfile.mkdtemp()))
    fill_demo(store, 600, 120)
    users.ensure_demo_users(store)
    who = users.sign_in(store, "supervisor", users.DEMO_PIN)
    ops = Ops(inline=True)

    def commit(w, text):
        ev = QInputMethodEvent()
        ev.setCommitString(text)
        QApplication.sendEvent(w, ev)

    def snap(widget, name):
        app.processEvents()
        widget.grab().save(str(out / f"{name}-{lang}.png"))

    s = SignInDialog(store, ops)
    s.show()
    snap(s, "sign-in")
    w = MainWindow(store, ops, who)
    w.resize(1366, 768)
    w.show()
    snap(w, "today")
    w.show_page(w.cases)
    w.cases.table.selectRow(0)
    snap(w, "cases")
    v = w.feedback
    w.show_page(v)
    QTest.keyClicks(v.repair_order, "RO2611-0888")
    commit(v.customer_name, "孙丽")
    QTest.keyClicks(v.phone, "13700002222")
    commit(v.plate, "京B12345")
    for item, g in zip(("timeliness", "repair_quality", "attitude"), "BDA"):
        QTest.keyClick(v.pickers[item], g)
    snap(w, "feedback-form")
    v.on_save_clicked()
    snap(w, "feedback-form-saved")
    v.on_open_case_clicked()
    v.complaint.resize(940, 600)
    snap(v.complaint, "complaint-from-form")
    v.complaint.cause_group.setCurrentIndex(0)
    commit(v.complaint.customer_words, "维修后异响仍在，第二次来修了。")
    v.complaint.on_save_clicked()
    w.show_page(w.cases)
    w.cases.search.setText("B12345")
    w.cases.apply_filter()
    w.cases.table.selectRow(0)
    w.cases.detail.tabs.setCurrentIndex(1)
    snap(w, "case-timeline")
    w.cases.detail.tabs.setCurrentIndex(2)
    snap(w, "case-history")
    w.cases.search.clear()
    w.cases.apply_filter()
    w.cases.on_new_clicked()
    dlg = w.cases.complaint
    QTest.keyClicks(dlg.search, "13")
    dlg.on_search_timer_timeout()
    snap(dlg, "complaint-search")
    dlg.on_discard_clicked()
    dlg.reject()
    w.show_page(w.settings)
    snap(w, "settings")
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
