"""The main window opens on a temporary store and shows the month's figures."""

from app.ui.shell.main_window import MainWindow
from app.ui.common.ops import Ops


def test_main_window_opens_on_a_fresh_store(qtbot, store):
    ops = Ops()
    w = MainWindow(store, ops)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.nav.count() >= 1
    qtbot.waitUntil(lambda: w.today.forms.text() == "0")
    # The status bar names the store in words; the file's path is only in the tooltip.
    assert w.store_label.text() == f"This counter's store ({store.identity.tag})"
    assert str(store.path) not in w.store_label.text() and str(store.path) in w.store_label.toolTip()
    assert w.dealer_label.text() == "Dealer: LOCAL"
    ops.wait_idle()
