"""The status bar's notice of a program update: hidden until a sync round brings one, then it says
what happens (installed on closing, or where the file is), and closing the desk starts the installer."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QWidget

from app.foundation import signing
from app.services.changes import SYNC
from app.sync import releases
from app.ui.sync import update_notice
from app.ui.sync.update_notice import UpdateNotice


def in_window(qtbot, notice_args, **kw) -> UpdateNotice:
    """The notice in a shown window, as in the status bar: it shows or hides itself."""
    window = QWidget()
    qtbot.addWidget(window)
    notice = UpdateNotice(*notice_args, window, **kw)
    notice.window_kept = window  # the test holds the window as long as the notice
    window.show()
    return notice


def stage(data_dir, version="9.0.0", platform="windows", body=b"setup"):
    folder = data_dir / "updates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rd-setup.exe").write_bytes(body)
    (folder / "ready.json").write_text(json.dumps({"version": version, "platform": platform, "file": "rd-setup.exe",
                                                    "sha256": signing.sha256(body), "size": len(body)}))


def test_the_notice_appears_when_a_round_brings_an_update_and_installs_on_closing(qtbot, ops, tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(releases, "start_install", lambda found: started.append(found.version) or True)
    monkeypatch.setattr(update_notice, "_installing", [])
    notice = in_window(qtbot, (tmp_path, ops), installs=True)
    assert not notice.isVisible()  # nothing waiting
    stage(tmp_path)
    ops.announce(SYNC)  # what the sync controller does after a round
    qtbot.waitUntil(notice.isVisible)
    assert notice.text() == "Version 9.0.0 ready: installs when you close Recovery Desk"
    assert "rd-setup.exe" in notice.toolTip()
    notice.on_app_about_to_quit()
    notice.on_app_about_to_quit()  # a second window's notice, or a second signal: one installer
    assert started == ["9.0.0"]


def test_elsewhere_it_says_where_the_file_is_and_installs_nothing(qtbot, ops, tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(releases, "start_install", lambda found: started.append(found) or True)
    stage(tmp_path, platform="linux")
    notice = in_window(qtbot, (tmp_path, ops), installs=False)
    assert notice.text() == "Version 9.0.0 downloaded"
    assert "sudo apt install" in notice.toolTip() and str(tmp_path / "updates" / "rd-setup.exe") in notice.toolTip()
    notice.on_app_about_to_quit()
    assert started == []


def test_an_update_older_than_the_running_program_is_not_offered(qtbot, ops, tmp_path):
    stage(tmp_path, version="0.0.1")
    notice = in_window(qtbot, (tmp_path, ops), installs=True)
    assert not notice.isVisible() and not notice.installs()
