"""An advisor connects the counter from the dialog: wrong input is named next to the field and
kept; a used code is refused; a good code connects and the credential lands in the keyring."""

from __future__ import annotations


from PySide6.QtCore import Qt

from app.foundation import secrets
from app.hq.counters import add_dealer, issue_code
from app.models.store import open_database
from app.ui.sync.connect_dialog import ConnectDialog
from app.ui.common.ops import Ops


def test_connect_from_the_dialog(qtbot, store, tmp_path, serve_in_process):
    db = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    add_dealer(db, "BJ01", "北京一店")
    code = issue_code(db, "BJ01")
    transport = serve_in_process(db, tmp_path / "inbox")
    ops = Ops()
    dlg = ConnectDialog(store, ops, transport=transport)
    qtbot.addWidget(dlg)
    dlg.show()

    qtbot.keyClicks(dlg.url, "hq.example.com")
    qtbot.keyClicks(dlg.code, code)
    qtbot.mouseClick(dlg.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.url_error.isVisible())
    assert dlg.url_error.text() == ("a web address starting with https:// (or http:// inside the dealer network), "
                                    "e.g. https://hq.example.com")
    assert dlg.code.text() == code  # nothing typed is lost

    dlg.url.clear()
    qtbot.keyClicks(dlg.url, "http://hq.test")
    dlg.code.clear()
    qtbot.keyClicks(dlg.code, "AAAA-BBBB-CCCC")
    qtbot.mouseClick(dlg.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.message.isVisible())
    assert dlg.message.text() == ("Head office refused the enrolment: The enrolment code is not valid: it was mistyped, "
                                  "already used or has expired. Ask head office for a new code.")

    dlg.code.clear()
    qtbot.keyClicks(dlg.code, code)
    qtbot.keyClicks(dlg.label, "Front desk 2")
    with qtbot.waitSignal(dlg.counter_connected, timeout=10000) as done:
        qtbot.mouseClick(dlg.connect_button, Qt.MouseButton.LeftButton)
    assert done.args[0].dealer_code == "BJ01"
    assert secrets.get(secrets.counter_key(store.identity.store_id))
    assert store.identity.home_dealer_code == "BJ01"
    ops.wait_idle()
