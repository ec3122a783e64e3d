"""Screenshots of the capture and Today views (Today with its trend and "N more", the navigation's
counts, the case list's status bar, the complaint dialog with a returning customer, the full list,
New form's question) in one language at one screen size, on a fresh demo store.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python packaging/screenshots_capture.py zh_CN 1920x1080 docs/screenshots
"""

import sys
import tempfile
from pathlib import Path

import keyring

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # beside it: the desk's screenshot helpers

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from app.models.store import open_store  # noqa: E402
from app.services.people import users  # noqa: E402
from app.services.demo.sample_data import fill_demo  # noqa: E402
from app.ui.common.i18n import apply_language  # noqa: E402
from app.ui.common.ops import Ops  # noqa: E402
from app.ui.common.qt_app import create_app  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from screenshots import MemoryKeyring, commit  # noqa: E402


def main(lang: str, size: str, out: Path) -> None:
    width, height = (int(x) for x in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    create_app()
    apply_language(lang)
    store = open_store(Path(tempfile.mkdtemp()) / "counter")
    fill_demo(store, 600, 120)
    users.ensure_demo_users(store)
    ops = Ops(inline=True)

    def snap(widget, name):
        QTest.qWait(300)  # charts and delayed layouts settle as a user would see them
        path = out / f"{name}-{lang}-{size}.png"
        widget.grab().save(str(path))
        print(path)

    w = MainWindow(store, ops, users.sign_in(store, "supervisor", users.DEMO_PIN))
    w.resize(width, height)
    w.show()
    for _ in range(50):  # the charts are drawn after the first paint
        if w.today.trend.charts:
            break
        QTest.qWait(100)
    snap(w, "today-trend")
    w.show_page(w.cases)
    w.cases.table.selectRow(0)
    for _ in range(50):
        if w.cases.status_counts.view is not None:
            break
        QTest.qWait(100)
    snap(w, "cases-status-bar")

    w.show_page(w.today)
    more = next((b for b in w.today.more.values() if b.isVisible()), None)
    if more is not None:
        more.click()
        full = w.today.full_list
        if full is not None:
            snap(full, "today-full-list")
            full.reject()

    w.capture_keys.on_complaint_key()
    dlg = w.capture_keys.complaint
    QTest.keyClicks(dlg.search, "13")
    dlg.on_search_timer_timeout()
    dlg.on_search_return_pressed()
    commit(dlg.customer_words, "洗车后车内仍有污渍")
    dlg.on_save_requested()  # says what is still missing
    snap(dlg, "complaint-returning")
    dlg.draft_bar.on_discard_clicked()
    dlg.reject()

    w.capture_keys.on_form_key()
    f = w.feedback
    QTest.keyClicks(f.repair_order, "RO2612-0100")
    commit(f.customer_name, "孙女士")
    f.on_clear_clicked()
    box = next(b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible())
    snap(box, "new-form-question")
    box.reject()
    snap(w, "feedback-form-one-tab")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
