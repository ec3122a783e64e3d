"""Two desks of one dealer and head office (a real `hq serve` process): a photo attached at counter 1
opens at counter 2, a remedy above the advisor's limit proposed at counter 1 is approved by the
supervisor at counter 2, and the callback is made at counter 1; both sync with the desk's own action."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog

from app.hq.counters import add_dealer, issue_code
from app.services.recovery import remedies
from app.services.people import users
from app.services.changes import CASES
from app.sync.connect import connect
from app.ui.common.ops import Ops
from app.ui.sync.sync_controller import SyncController
from tests.recovery_helpers import case_for
from tests.system.hqserver import HqServer
from tests.ui.conftest import commit_text

WAIT = 20000


def wait_for(qtbot, condition, what: str, state=lambda: "", timeout: int = WAIT) -> None:
    """qtbot.waitUntil that says what was awaited and what was seen instead."""
    from pytestqt.exceptions import TimeoutError as QtTimeout

    try:
        qtbot.waitUntil(condition, timeout=timeout)
    except (AssertionError, QtTimeout):
        raise AssertionError(f"waited {timeout / 1000:.0f} s for {what}; instead: {state()}") from None


def soft_wait(qtbot, gaps: list, condition, what: str, state=lambda: "", timeout: int = WAIT) -> bool:
    """wait_for that notes a miss in ``gaps`` and lets the journey go on, so one run names every gap."""
    try:
        wait_for(qtbot, condition, what, state, timeout)
        return True
    except AssertionError as exc:
        gaps.append(str(exc))
        return False


class Desk:
    """One counter: its store, a person signed in, the main window and its sync."""

    def __init__(self, qtbot, store, url: str, code: str, people: list[tuple[str, str, str]], who: str):
        from app.ui.shell.main_window import MainWindow

        self.store = store
        data_dir = store.path.parent
        connect(self.store, url, code, label=data_dir.name)
        first = users.create_first_admin(self.store, *people[0][:2], "1357")
        self.ids = {people[0][0]: first.user_id}
        for username, name, role in people[1:]:
            self.ids[username] = users.create_user(self.store, username, name, "1357", role,
                                                   actor_id=first.user_id).user_id
        self.user = users.sign_in(self.store, who, "1357")
        self.ops = Ops()
        self.window = MainWindow(self.store, self.ops, self.user)
        qtbot.addWidget(self.window)
        self.window.resize(1366, 768)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.sync = SyncController(self.store, self.ops, interval_s=3600)
        self.window.attach_sync(self.sync)
        self.sync.reload()
        wait_for(qtbot, self.window.sync_button.sync_now_action.isEnabled, f"{data_dir.name}'s Sync now to be enabled")

    def sync_now(self, qtbot) -> None:
        failed = []
        self.sync.round_failed.connect(failed.append)
        with qtbot.waitSignals([self.sync.round_finished], raising=False, timeout=WAIT) as blocker:
            self.window.sync_button.sync_now_action.trigger()
        self.sync.round_failed.disconnect(failed.append)
        assert blocker.signal_triggered and not failed, f"the sync round failed: {failed}"

    def close(self) -> None:
        self.sync.stop()
        self.ops.wait_idle()
        self.window.close()
        self.store.close()


@pytest.fixture
def desks(qtbot, tmp_path, new_store, new_hq_db):
    from app.ui.common.qt_app import create_app

    create_app()
    db_url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    db = new_hq_db(tmp_path / "hq.sqlite3")
    add_dealer(db, "BJ01", "北京一店")
    server = HqServer(db_url, tmp_path / "inbox", tmp_path / "server.log").start()
    made = []
    try:
        one = Desk(qtbot, new_store(tmp_path / "counter1"), server.url, issue_code(db, "BJ01"),
                   [("admin1", "管理员一"), ("li", "李娜", "advisor")], "li")
        made.append(one)
        two = Desk(qtbot, new_store(tmp_path / "counter2"), server.url, issue_code(db, "BJ01"),
                   [("admin2", "管理员二"), ("zhou", "周主管", "supervisor")], "zhou")
        made.append(two)
        yield one, two
    finally:
        for d in made:
            d.close()
        server.stop()
        db.close()


def case_version(store, case_id: str) -> int:
    from app.models import FailureCase

    with store.session() as s:
        return s.get(FailureCase, case_id).version


def step_through(qtbot, desk: Desk, case_id: str, *, stop_before: str | None = None, remedy=None) -> list[str]:
    """Counter 1's Recovery tab with the keyboard: each step noted and marked done (Ctrl+Enter) until
    ``stop_before``; at the remedy step Ctrl+R offers ``remedy`` (kind, amount, words) first."""
    w = desk.window
    w.show_page(w.cases)
    w.cases.show_case(case_id)
    stepper = w.recovery.stepper
    w.cases.detail.tabs.setCurrentWidget(stepper)
    # Two windows in one process: the stepper's shortcuts work in the active one.
    w.raise_()
    w.activateWindow()
    wait_for(qtbot, lambda: QApplication.activeWindow() is w, "counter 1's window to be active",
             lambda: f"active: {QApplication.activeWindow()}")
    wait_for(qtbot, lambda: stepper.guide is not None and stepper.guide.case_id == case_id, "the case's script")
    done = []
    while not stepper.guide.finished:
        g = stepper.guide
        kind = g.steps[g.current].step.kind
        if kind == stop_before:
            break
        if kind == "offer_remedy" and remedy:
            qtbot.keyClick(stepper.note, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
            wait_for(qtbot, lambda: stepper.remedy_dialog is not None and stepper.remedy_dialog.isVisible(),
                     "the remedy dialog")
            dlg = stepper.remedy_dialog
            dlg.kind.setFocus()
            for _ in range(dlg.kind.count()):
                if dlg.kind.currentData() == remedy[0]:
                    break
                qtbot.keyClick(dlg.kind, Qt.Key.Key_Down)
            assert dlg.kind.currentData() == remedy[0]
            dlg.amount.setFocus()
            dlg.amount.selectAll()
            qtbot.keyClicks(dlg.amount, str(remedy[1]))
            commit_text(dlg.description, remedy[2])
            with qtbot.waitSignal(dlg.remedy_proposed, timeout=WAIT):
                qtbot.keyClick(dlg.amount, Qt.Key.Key_Return)
            amount = str(remedy[1])
            remedy = None
            # The stepper reloads with the remedy (and the case's new version) before the step is done.
            wait_for(qtbot, lambda: amount in stepper.remedy_line.text(), "the remedy shown in the stepper",
                     lambda: stepper.remedy_line.text())
        # The stepper shows the case as stored (an attachment or a remedy moved its version on).
        wait_for(qtbot, lambda: stepper.guide.version == case_version(desk.store, case_id),
                 "the stepper to show the case's latest version",
                 lambda: f"stepper at {stepper.guide.version}, store at {case_version(desk.store, case_id)}")
        commit_text(stepper.note, "客户说明了情况")
        with qtbot.waitSignal(stepper.step_recorded, timeout=WAIT):
            qtbot.keyClick(stepper.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        wait_for(qtbot, lambda: stepper.guide.current == g.current + 1, f"step {g.current + 1} ({kind}) to be done",
                 lambda: stepper.error.text())
        done.append(kind)
    return done


def test_photo_approval_and_callback_across_two_desks(qtbot, desks, tmp_path, monkeypatch):
    one, two = desks
    gaps: list[str] = []
    case_id = case_for(one.store, one.user.user_id, failure_type="outcome", cause_group="employee",
                       severity="serious", blame="dealer", mood="angry", at=None)

    # Counter 1: a photo through the attachments panel's Add button (the file dialog answers with it).
    photo = tmp_path / "scratch.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2048))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(photo)], "")))
    one.window.show_page(one.window.cases)
    one.window.cases.show_case(case_id)
    panel = one.window.cases.detail.attachments
    wait_for(qtbot, lambda: panel.case_id == case_id and panel.add_button.isEnabled(), "counter 1's attachments panel")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: panel.items.count() == 1, "the photo listed at counter 1",
             lambda: f"{panel.items.count()} item(s), message {panel.message.text()!r}")

    # Counter 1: the script up to the remedy, and a remedy of 800 yuan, above the advisor's 300.
    step_through(qtbot, one, case_id, stop_before="confirm_acceptance", remedy=("voucher", 800, "保养代金券"))
    assert [v.status for v in remedies.remedies_for(one.store, case_id)] == ["pending_approval"]
    one.sync_now(qtbot)
    two.sync_now(qtbot)

    # Counter 2: the photo opens.
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    two.window.show_page(two.window.cases)
    two.window.cases.show_case(case_id)
    panel2 = two.window.cases.detail.attachments
    if soft_wait(qtbot, gaps, lambda: panel2.items.count() == 1, "counter 1's photo listed at counter 2 after both "
                 "synced", lambda: f"{panel2.items.count()} item(s) at counter 2 for case {case_id}; "
                                   f"message {panel2.message.text()!r}"):
        panel2.items.itemActivated.emit(panel2.items.item(0))
        if not (opened and Path(opened[0]).is_file()):
            gaps.append(f"the photo at counter 2 points at {opened}, which is not a file")
        elif Path(opened[0]).read_bytes() != photo.read_bytes():
            gaps.append(f"the photo opened at counter 2 ({opened[0]}) is not the one attached at counter 1")

    # Counter 2: the supervisor approves it in Approvals.
    approvals = two.window.recovery.approvals
    two.window.show_page(approvals)
    approvals.refresh()
    if not soft_wait(qtbot, gaps, lambda: approvals.table.rowCount() == 1,
                     "counter 1's remedy waiting in counter 2's Approvals", lambda: f"{approvals.table.rowCount()} row(s)"):
        pytest.fail("the journey can't go on without the approval:\n  " + "\n  ".join(gaps))
    approvals.table.selectRow(0)
    qtbot.keyClicks(approvals.note, "ok")
    qtbot.mouseClick(approvals.approve_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: approvals.table.rowCount() == 0, "the approval to be saved at counter 2",
             lambda: approvals.error.text())
    two.sync_now(qtbot)
    one.sync_now(qtbot)

    # Counter 1: the customer accepts; the callback is made in Callbacks due.
    views = remedies.remedies_for(one.store, case_id)
    if [v.status for v in views] != ["offered"]:
        gaps.append(f"counter 2's approval did not reach counter 1: its remedies are {[(v.id, v.status) for v in views]}")
        pytest.fail("the journey can't go on without the approval:\n  " + "\n  ".join(gaps))
    one.ops.announce(CASES)
    step_through(qtbot, one, case_id)
    wait_for(qtbot, lambda: "waits for its callback" in one.window.recovery.stepper.finished_label.text(),
             "the script to finish at counter 1")
    callbacks = one.window.recovery.callbacks
    one.window.show_page(callbacks)
    callbacks.refresh()
    wait_for(qtbot, lambda: callbacks.table.rowCount() == 1, "the case in counter 1's Callbacks due",
             lambda: f"{callbacks.table.rowCount()} row(s)")
    callbacks.table.setFocus()
    callbacks.table.selectRow(0)
    qtbot.keyClick(callbacks.table, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: getattr(callbacks, "dialog", None) is not None and callbacks.dialog.isVisible(),
             "the callback dialog")
    dlg = callbacks.dialog
    dlg.rating.setFocus()
    dlg.rating.selectAll()
    qtbot.keyClicks(dlg.rating, "9")
    commit_text(dlg.words, "很满意")
    commit_text(dlg.root_cause, "漆面防护不到位")
    commit_text(dlg.improvement, "交车前检查漆面")
    recorded = []
    dlg.callback_recorded.connect(recorded.append)
    qtbot.keyClick(dlg.improvement, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: bool(recorded), "the callback to be recorded",
             lambda: f"dialog visible={dlg.isVisible()}, error={dlg.error.text()!r}, "
                     f"fields={ {k: e.text() for k, e in dlg.errors.items() if e.text()} }, "
                     f"save enabled={dlg.buttons.isEnabled()}, rating={dlg.rating.value()}")
    wait_for(qtbot, lambda: callbacks.table.rowCount() == 0, "the callback to leave Callbacks due",
             lambda: callbacks.message.text())
    one.sync_now(qtbot)
    two.sync_now(qtbot)
    from app.models import FailureCase

    with two.store.session() as s:
        case = s.get(FailureCase, case_id)
        if (case.status, case.recovered) != ("closed", True):
            gaps.append(f"counter 2 shows case {case_id} as {case.status}, recovered={case.recovered}; "
                        "counter 1 closed it as recovered")
    assert not gaps, "\n  ".join(["what the two desks did not share:", *gaps])
