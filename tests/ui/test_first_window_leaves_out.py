"""What the sign-in dialog, the program's first window, leaves until it has painted: the bundled
Chinese font (~3 ms to read) when its own words are English, its SVG window icon (Qt's SVG icon
engine and QtSvg, ~1.5 ms), and Python's cycle collection (which walked PySide's and the desk's
modules some 30 times on the way, 3-7 ms). Each is in place once the dialog has painted, before
any name (data, often Chinese) is listed; a Chinese dialog gets the font before its paint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import gc, json, sys
    import app.cli  # the console script's import, as bench_case_list's start
    from app.foundation.paths import resolve_data_dir

    collections = []  # from PySide's first import on (a module compiled from its source before may collect)

    class PySideWatch:  # an import finder that finds nothing: it only sees PySide's import begin
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" and not gc.callbacks:
                gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info["generation"]))

    sys.meta_path.insert(0, PySideWatch())
    from app.ui.shell.application import start_gui
    from app.ui.shell.sign_in_dialog import SignInDialog

    def facts(dialog):
        from PySide6.QtGui import QFontDatabase

        return {"font": any("WenQuanYi" in f for f in QFontDatabase.families()),
                "icon": not dialog.windowIcon().isNull(), "collections": len(collections)}

    seen = {}
    paint = SignInDialog.paintEvent

    def painted(self, event):  # what is in place as the dialog paints for the first time
        seen.setdefault("painted", facts(self))
        paint(self, event)

    SignInDialog.paintEvent = painted
    gui, chosen = app.cli.gui_data_dir(["--data-dir", sys.argv[1]])
    qapp, ops, s = start_gui(resolve_data_dir(chosen))
    while not s.dialog.submit.isEnabled():  # the store open, the names (or the first start's form) up
        qapp.processEvents()
    seen["ready"] = facts(s.dialog)
    print(json.dumps(seen), flush=True)
    ops.wait_idle()
""")


def _start(tmp_path: Path, lang: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": lang, "LC_ALL": "", "LC_MESSAGES": "",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}  # never the user's keyring
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_an_english_dialog_paints_before_the_font_the_icon_and_any_cycle_collection(tmp_path):
    seen = _start(tmp_path, "en_US.UTF-8")
    assert seen["painted"] == {"font": False, "icon": False, "collections": 0}
    assert seen["ready"]["font"] and seen["ready"]["icon"]


def test_a_chinese_dialog_has_the_font_for_its_own_words_before_it_paints(tmp_path):
    seen = _start(tmp_path, "zh_CN.UTF-8")
    assert seen["painted"]["font"] and not seen["painted"]["icon"]
    assert seen["ready"]["icon"]
