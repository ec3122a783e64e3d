"""Callbacks due: after a save the selection stays on the callback it was on, or on none when that
one left the list, never on the next customer's row that slid into its place."""

from types import SimpleNamespace

from PySide6.QtCore import Qt

from app.services.changes import CALLBACKS
from app.services.recovery.callbacks import record_reached
from app.ui.common.ops import Ops
from app.ui.common.widgets import chosen_row
from app.ui.recovery.callbacks_view import CallbacksView
from tests.recovery_helpers import add_user, case_for
from tests.ui.conftest import commit_text
from tests.ui.test_failed_rerating_journey import walk


def test_the_selection_follows_the_callback_not_the_row(qtbot, store):
    adv = SimpleNamespace(user_id=add_user(store, "张伟", "advisor"), is_supervisor=False)
    for _ in range(3):
        walk(store, case_for(store, adv.user_id), adv.user_id)
    ops = Ops()
    view = CallbacksView(store, ops, adv)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.table.rowCount() == 3)

    # The second row chosen; the first one is recorded elsewhere: the list shrinks, the choice stays.
    view.table.selectRow(1)
    second = chosen_row(view.table, view.rows)
    first = view.rows[0]
    record_reached(store, first.id, 9, "满意", adv.user_id, root_cause="交车说明不清", improvement="交车时逐项讲解")  # elsewhere
    ops.announce(CALLBACKS)
    qtbot.waitUntil(lambda: first.id not in {cb.id for cb in view.rows})
    assert chosen_row(view.table, view.rows).id == second.id

    # The chosen one is saved through the dialog and leaves the list: no other customer's row is chosen.
    view.on_record_clicked()
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible())
    dlg = view.dialog
    dlg.rating.setFocus()
    dlg.rating.selectAll()
    qtbot.keyClicks(dlg.rating, "5")  # below the target: the call is done, the case stays open
    commit_text(dlg.words, "费用还是没讲清楚")
    with qtbot.waitSignal(dlg.callback_recorded):
        qtbot.keyClick(dlg.words, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: second.id not in {cb.id for cb in view.rows})
    assert chosen_row(view.table, view.rows) is None
