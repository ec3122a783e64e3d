"""Starting the counter's desk: the application, its language, the sign-in dialog with the store opening behind it."""

from __future__ import annotations

import gc

# Before PySide and the desk's code load: the cycle collector ran ~30 times while they did (3-7 ms
# before the sign-in dialog, of modules and classes that live as long as the process). The desk
# collects on its UI thread from create_app on (app.ui.common.ui_gc), and the sign-in dialog's
# first paint moves what start-up made out of the collector's reach (Shell._after_first_paint).
gc.disable()

from pathlib import Path  # noqa: E402 - after the collector is paused

from app.ui.common.qt_app import create_app  # noqa: E402 - first: PySide's import hook is made cheap there
from app.foundation.translation import pick_language  # noqa: E402
from app.ui.common import i18n  # noqa: E402


def start_gui(data_dir: Path):
    """The application with its sign-in dialog shown and the store opening behind it: (app, ops, shell)."""
    from app.ui.common.ops import Ops
    from app.ui.shell.shell import Shell

    language = pick_language()
    # The bundled Chinese font (~3 ms to read) before the first paint only when the dialog's own words
    # are Chinese; otherwise once it has painted, before any name (data, often Chinese) is listed.
    app = create_app(fonts=language != "en")
    i18n.apply_language(language)
    ops = Ops()
    shell = Shell(ops, data_dir=data_dir)
    shell.start()
    return app, ops, shell


def run_gui(data_dir: Path) -> int:
    app, ops, shell = start_gui(data_dir)
    code = app.exec()
    ops.close()  # normally closed with the main window already; also when only the sign-in was open
    if shell.store is not None:
        shell.store.close()
    return code
