"""What start-up loads lives as long as the process: Python's cycle collection (on the UI thread, every
quarter second) must not walk it. The database layer's code (SQLAlchemy and the models, loaded on the
UI thread once the sign-in dialog has painted) is out of its reach by the time the names are listed,
and the main window's code once it is loaded: walked, they held the UI thread 80-140 ms beside the
names being listed and the PIN check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter, started as the desk starts: a class the collector can still reach is among
# gc.get_objects() (frozen objects are not).
CHILD = textwrap.dedent("""
    import gc, json, sys
    import app.cli  # the console script's import, as bench_case_list's start
    from app.foundation.paths import resolve_data_dir
    from app.ui.shell.application import start_gui

    def reachable(cls):
        return any(o is cls for o in gc.get_objects())

    gui, chosen = app.cli.gui_data_dir(["--data-dir", sys.argv[1]])
    qapp, ops, s = start_gui(resolve_data_dir(chosen))
    while not s.dialog.submit.isEnabled():  # the store open, the names (or the first start's form) up
        qapp.processEvents()
    from app.models import FailureCase
    seen = {"models": reachable(FailureCase)}
    while not s._warm_done:  # the main window's code loaded while the PIN would be typed
        qapp.processEvents()
    from app.ui.shell.main_window import MainWindow
    seen["window code"] = reachable(MainWindow)
    print(json.dumps(seen), flush=True)
    ops.wait_idle()
""")


def test_start_up_code_is_out_of_the_collectors_reach_before_the_pin(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}  # never the user's keyring
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"models": False, "window code": False}
