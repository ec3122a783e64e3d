"""Killing the program while a feedback form is half typed: the draft comes back on the next start."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

CHILD = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtTest import QTest
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    from app.ui.common.qt_app import create_app
    from app.models.store import open_store
    from app.services.people import users
    from app.services.drafts import DraftBox
    from app.ui.shell.main_window import MainWindow
    from app.ui.common.ops import Ops

    app = create_app()
    store = open_store(sys.argv[1])
    who = users.sign_in(store, "li", "5678")
    w = MainWindow(store, Ops(), who, DraftBox(sys.argv[1]))
    w.show()
    v = w.feedback
    w.show_page(v)
    QTest.keyClicks(v.repair_order, "RO-KILL-1")
    ev = QInputMethodEvent(); ev.setCommitString("吴先生"); QApplication.sendEvent(v.customer_name, ev)
    QTest.keyClicks(v.phone, "1380013")
    QTest.keyClick(v.pickers["timeliness"], "b")
    QTest.keyClick(v.pickers["repair_quality"], "e")
    print("TYPED", flush=True)
    app.exec()
""")


@pytest.mark.slow
def test_half_typed_form_comes_back_after_kill(qtbot, data_dir):
    from app.models.store import open_store
    from app.services.people import users
    from app.services.drafts import DraftBox
    from app.ui.common.qt_app import create_app
    from app.ui.feedback.feedback_form_view import FeedbackFormView
    from app.ui.common.ops import Ops

    store = open_store(data_dir)
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    users.create_user(store, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    store.close()

    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert child.stdout.readline().strip() == "TYPED"
        os.kill(child.pid, signal.SIGKILL)  # no chance to save anything on the way out
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    create_app()
    store = open_store(data_dir)
    try:
        who = users.sign_in(store, "li", "5678")
        view = FeedbackFormView(store, Ops(inline=True), who, DraftBox(data_dir))
        qtbot.addWidget(view)
        view.show()
        assert view.draft_bar.isVisible()
        assert "RO-KILL-1" in view.draft_bar.text.text()
        qtbot.mouseClick(view.draft_bar.restore_button, Qt.MouseButton.LeftButton)
        v = view.values()
        assert (v["repair_order"], v["customer_name"], v["phone"], v["timeliness"], v["repair_quality"],
                v["attitude"]) == ("RO-KILL-1", "吴先生", "1380013", "B", "E", None)
    finally:
        store.close()
