"""The sync controller runs rounds off the UI thread and reports to the status bar; the sync
problems dialog lists refused files and sends one again."""

from __future__ import annotations


import httpx
import pytest
from PySide6.QtCore import Qt

from app.models.store import open_database
from app.sync import outbox
from app.sync.client import SyncClient
from app.ui.common.ops import Ops
from app.ui.sync.sync_controller import SyncController, describe
from app.ui.sync.sync_problems import SyncProblemsDialog
from tests.synchelp import enrol_in_process, open_cases


class Switch(httpx.BaseTransport):
    def __init__(self, inner):
        self.inner, self.down = inner, False

    def handle_request(self, request):
        if self.down:
            raise httpx.ConnectError("network unreachable", request=request)
        return self.inner.handle_request(request)


@pytest.fixture
def hq_net(store, tmp_path, serve_in_process):
    db = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    enrol_in_process(db, store)
    net = Switch(serve_in_process(db, tmp_path / "inbox"))
    yield net
    db.close()


def test_status_follows_online_offline_and_waiting(qtbot, store, hq_net):
    ops = Ops()
    ctl = SyncController(store, ops, client=SyncClient(store, url="http://hq", transport=hq_net), interval_s=60)
    open_cases(store, 3)
    with qtbot.waitSignal(ctl.round_finished, timeout=20000):
        ctl.sync_now()
    assert ctl.state.online and ctl.state.waiting == 0
    assert describe(ctl.state).startswith("Online · 0 waiting · last sync")

    hq_net.down = True
    open_cases(store, 2, start=10)
    with qtbot.waitSignal(ctl.round_failed, timeout=20000) as failed:
        ctl.sync_now()
    assert "can't be reached" in failed.args[0]
    assert describe(ctl.state).startswith("Offline · 2 waiting")
    assert ctl.timer.isActive() and ctl.timer.interval() > 60_000  # backing off
    ctl.stop()
    ops.wait_idle()


def test_a_refused_file_is_listed_and_sent_again(qtbot, store, hq_net):
    ops = Ops()
    enrolled_secret = None  # the keyring holds it; file_waiting finds it there
    open_cases(store, 2)
    [seq] = outbox.file_waiting(store, enrolled_secret)
    outbox.mark_rejected(store, seq, "wrong_dealer: the counter was enrolled for another dealer")
    dlg = SyncProblemsDialog(store, ops)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 1)
    assert "wrong_dealer" in dlg.table.item(0, 3).text()
    assert not dlg.resend.isEnabled()
    rect = dlg.table.visualItemRect(dlg.table.item(0, 0))
    qtbot.mouseClick(dlg.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dlg.resend.isEnabled()
    with qtbot.waitSignal(dlg.problem_resent, timeout=10000):
        qtbot.mouseClick(dlg.resend, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 0 and dlg.empty.isVisible())
    assert outbox.counts(store).unfiled_events == 2  # the changes go out in a new file
    ops.wait_idle()


def test_main_window_status_bar_follows_sync(qtbot, store, hq_net):
    from app.ui.shell.main_window import MainWindow

    ops = Ops()
    window = MainWindow(store, ops)
    qtbot.addWidget(window)
    assert window.sync_label.text() == "Sync: not set up"
    ctl = SyncController(store, ops, client=SyncClient(store, url="http://hq", transport=hq_net), interval_s=60)
    window.attach_sync(ctl)
    assert not window.sync_button.sync_now_action.isEnabled()  # not known to be connected yet
    ctl.reload()
    qtbot.waitUntil(window.sync_button.sync_now_action.isEnabled)
    open_cases(store, 2)
    with qtbot.waitSignal(ctl.round_finished, timeout=20000):
        window.sync_button.sync_now_action.trigger()
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Online · 0 waiting"))
    hq_net.down = True
    open_cases(store, 1, start=10)
    with qtbot.waitSignal(ctl.round_failed, timeout=20000):
        ctl.sync_now()
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Offline · 1 waiting"))
    assert "can't be reached" in window.statusBar().currentMessage()
    ctl.stop()
    ops.wait_idle()
