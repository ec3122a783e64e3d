"""A store other users of the PC could read is made private at start, and the desk says so beside the sign-in."""

import os
import stat


def test_a_store_readable_by_others_is_made_private_and_the_desk_says_so(qtbot, data_dir, new_store):
    from app.ui.common.qt_app import create_app
    from app.ui.common.ops import Ops
    from app.ui.shell.shell import Shell

    new_store(data_dir).close()
    store_file = next(p for p in data_dir.iterdir() if p.suffix in (".sqlite3", ".db", ".sqlite"))
    os.chmod(data_dir, 0o755)
    os.chmod(store_file, 0o644)

    create_app()
    ops = Ops()  # the store opens on a worker, as the program does it
    shell = Shell(ops, data_dir=data_dir)
    dialog = shell.start()
    qtbot.addWidget(dialog)
    try:
        qtbot.waitUntil(lambda: shell.permissions_box is not None and shell.permissions_box.isVisible(), timeout=20000)
        text = shell.permissions_box.text()
        assert "readable by you only" in text and str(data_dir) in text
        assert stat.S_IMODE(os.stat(store_file).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700
        assert dialog.isVisible()  # the sign-in goes on beside the message
    finally:
        for _ in range(20):  # answers still queued reach the shell while it lives (and may ask for more)
            ops.wait_idle()
            qtbot.wait(20)
            if not ops._pending:
                break
        ops.close()  # as the desk does when it ends: a later answer reaches no deleted dialog
        if shell.store is not None:
            shell.store.close()
        # The shell goes now, while the event loop runs, not whenever Python lets go of it.
        shell.deleteLater()
        qtbot.wait(20)
