"""The real start in its own process, with background threads: sign-in dialog first, the store
opened behind it, sign in with a demo user, the main window, Today filled from the database."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from app.ui.common.qt_app import create_app
    from app.ui.common.ops import Ops
    from app.ui.shell.shell import Shell

    def wait(check, timeout=60):
        end = time.monotonic() + timeout
        while not check():
            QApplication.processEvents()
            time.sleep(0.002)
            if time.monotonic() > end:
                raise SystemExit("timed out")

    app = create_app()
    ops = Ops()
    shell = Shell(ops, data_dir=Path(sys.argv[1]))
    shell.start()
    wait(lambda: shell.dialog.submit.isEnabled())
    d = shell.dialog
    d.user.setCurrentIndex(d.user.findData("supervisor"))
    d.pin.setText("0000")
    filled = []
    shell.window_shown.connect(lambda w: w.today.filled.connect(lambda: filled.append(w.today.forms.text())))
    d.submit.click()
    wait(lambda: filled)
    w = shell.window
    print(json.dumps({"user": w.user_label.text(), "forms": filled[0], "alerts": w.today.alerts_box.isVisible(),
                      "waiting": w.today.waiting.count()}), flush=True)
    ops.wait_idle()
""")


@pytest.mark.slow
def test_real_start_signs_in_and_fills_today(data_dir):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "demo", "--forms", "200",
                    "--cases", "20"], check=True, capture_output=True, timeout=120, env=env)
    out = subprocess.run([sys.executable, "-c", CHILD, str(data_dir)], capture_output=True, text=True,
                         timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["user"] == "Signed in: 监督员"
    assert got["alerts"] is True and got["waiting"] > 0
    assert got["forms"] != "-"


def test_check_says_when_its_picture_could_not_be_saved(tmp_path):
    """`check --screenshot` printed "ready", exited 0 and wrote nothing when the folder was missing or
    the name had no picture's ending."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "en_US.UTF-8",
           "PYTHON_KEYRING_BACKEND": "tests.fake_keyring.TestFileKeyring",
           "TEST_KEYRING_FILE": str(tmp_path / "keyring.json")}

    def check(picture):
        return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"), "check",
                               "--screenshot", str(picture)], capture_output=True, text=True, env=env, timeout=120)

    missing = check(tmp_path / "no-such-folder" / "first.png")
    assert missing.returncode == 1 and "the picture could not be saved as" in missing.stderr, missing.stderr
    assert json.loads(missing.stdout)["screenshot"] is None
    named = check(tmp_path / "first.txt")  # any name: written as PNG
    assert named.returncode == 0, named.stderr
    assert (tmp_path / "first.txt").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
