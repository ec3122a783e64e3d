"""The sign-in dialog, the program's first window, paints before PySide's ``Qt`` namespace is loaded:
importing that one name builds some ninety enum classes (about 150 ms on a busy counter PC), which
was most of the first window's distance from a bare QMainWindow (bench_case_list)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import sys
    import app.cli
    from app.foundation.paths import resolve_data_dir
    from app.ui.shell import shell
    from app.ui.shell.application import start_gui

    import PySide6.QtCore

    seen = []
    # Called once the dialog has painted; then the store opens and the main window's code loads
    # (the Qt namespace with it) in the background: not this test's part.
    shell.Shell._after_first_paint = lambda self: seen.append("Qt" in vars(PySide6.QtCore))
    gui, chosen = app.cli.gui_data_dir(["--data-dir", sys.argv[1]])
    qapp, ops, s = start_gui(resolve_data_dir(chosen))
    while not seen:
        qapp.processEvents()
    print("painted", s.dialog.isVisible(), "Qt loaded", seen[0], flush=True)
""")


def test_the_sign_in_dialog_paints_without_the_qt_namespace(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-5:] == ["painted", "True", "Qt", "loaded", "False"], out.stdout + out.stderr
