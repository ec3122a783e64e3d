"""Joining head office from the desk, against a real `hq serve`: offered on the first start (or work
offline for now) and later in Settings; the dealer shows in the status bar at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.hq.counters import add_dealer, issue_code
from app.ui.sync.connect_dialog import ConnectDialog
from tests.system.hqserver import HqServer


@pytest.fixture
def head_office(tmp_path, new_hq_db):
    """A running `hq serve` with dealer BJ01 北京一店, and a function that issues an enrolment code."""
    path = tmp_path / "hq.sqlite3"
    db = new_hq_db(path)
    add_dealer(db, "BJ01", "北京一店")
    server = HqServer(f"sqlite:///{path}", tmp_path / "inbox", tmp_path / "hq.log").start()
    yield server, lambda: issue_code(db, "BJ01")
    server.stop()
    db.close()


def _connect(qtbot, dialog: ConnectDialog, url: str, code: str) -> None:
    qtbot.keyClicks(dialog.url, url)
    qtbot.keyClicks(dialog.code, code)
    with qtbot.waitSignal(dialog.counter_connected, timeout=20000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


def test_the_first_start_offers_to_join_and_the_status_bar_names_the_dealer(qtbot, store, ops, head_office):
    from app.ui.shell.shell import Shell
    from tests.ui.conftest import commit_text

    server, code = head_office
    shell = Shell(ops, store=store)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    assert dialog.forms.currentWidget() is dialog.admin_form
    assert dialog.join_button.isVisible() and "work offline for now" in dialog.join_label.text()

    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    connect = dialog.connect_dialog
    qtbot.waitUntil(connect.isVisible)
    _connect(qtbot, connect, server.url, code())
    assert dialog.join_label.text() == "Joined head office: dealer 北京一店 (BJ01)."
    assert not dialog.join_button.isVisible()

    qtbot.keyClicks(dialog.admin_user, "boss")
    commit_text(dialog.admin_name, "王经理")
    qtbot.keyClicks(dialog.admin_pin, "2468")
    qtbot.keyClicks(dialog.admin_pin2, "2468")
    with qtbot.waitSignal(shell.window_shown):
        qtbot.keyClick(dialog.admin_pin2, Qt.Key.Key_Return)
    w = shell.window
    qtbot.addWidget(w)
    assert w.dealer_label.text() == "Dealer: 北京一店 (BJ01)"


def test_working_offline_first_then_joining_from_settings_without_a_restart(qtbot, store, ops, admin, head_office):
    from tests.ui.conftest import signed_in

    server, code = head_office
    shell, w = signed_in(qtbot, ops, store)
    assert w.dealer_label.text() == "Dealer: LOCAL"
    from tests.recovery_helpers import case_for

    case_id = case_for(store, admin.user_id, at=None)
    w.show_page(w.cases)
    w.cases.show_case(case_id)
    qtbot.waitUntil(lambda: w.cases.detail.heading.text().startswith("Case LOCAL-"))
    w.show_page(w.settings)
    assert "Working offline" in w.settings.hq_state.text()

    qtbot.mouseClick(w.settings.join_button, Qt.MouseButton.LeftButton)
    connect = next(d for d in QApplication.topLevelWidgets() if isinstance(d, ConnectDialog) and d.isVisible())
    _connect(qtbot, connect, server.url, code())
    qtbot.waitUntil(lambda: w.dealer_label.text() == "Dealer: 北京一店 (BJ01)")
    assert shell.window is w  # the same window: no restart
    qtbot.waitUntil(lambda: "Joined head office at" in w.settings.hq_state.text())
    assert "北京一店 (BJ01)" in w.settings.hq_state.text()
    # The open case takes its number under the dealer at once, and the status bar the counter's tag.
    qtbot.waitUntil(lambda: w.cases.detail.heading.text().startswith("Case BJ01-"))
    assert w.store_label.text() == f"This counter's store ({store.identity.tag})"


def test_a_second_pc_joining_a_dealer_with_people_goes_to_sign_in(qtbot, store, ops, head_office, tmp_path):
    """The dealer's first PC made its people and synced; the second PC's first start joins, gets them
    and their PINs, and signs in as one of them: nobody is created again."""
    from app.services.people import users
    from app.sync.client import SyncClient
    from app.sync.connect import connect
    from app.ui.shell.shell import Shell
    from tests.helpers import fresh_store

    server, code = head_office
    first = fresh_store(tmp_path / "first_pc")
    try:
        connect(first, server.url, code(), label="front desk 1")
        boss = users.create_first_admin(first, "boss", "王经理", "2468")
        users.create_user(first, "li", "李娜", "1357", "advisor", actor_id=boss.user_id)
        SyncClient(first).run_once()
    finally:
        first.close()

    shell = Shell(ops, store=store)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    assert dialog.forms.currentWidget() is dialog.admin_form
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    connect_dialog = dialog.connect_dialog
    qtbot.waitUntil(connect_dialog.isVisible)
    _connect(qtbot, connect_dialog, server.url, code())
    qtbot.waitUntil(lambda: dialog.forms.currentWidget() is dialog.sign_in_form, timeout=20000)
    assert not dialog.join_box.isVisible() and dialog.submit.text() == "Sign in"
    assert sorted(dialog.user.itemData(i) for i in range(dialog.user.count())) == ["boss", "li"]
    dialog.user.setCurrentIndex(dialog.user.findData("li"))
    qtbot.keyClicks(dialog.pin, "1357")  # the PIN set on the first PC
    with qtbot.waitSignal(shell.window_shown):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.addWidget(shell.window)
    assert shell.window.dealer_label.text() == "Dealer: 北京一店 (BJ01)"
