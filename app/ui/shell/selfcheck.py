"""`recovery-desk check`: the program opens its first window as at a normal start, waits until the store
is open and the window is ready, and reports what it found (for an installation, CI and support)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QFontDatabase

from app import __version__
from app.ui.shell.application import start_gui


def check(data_dir: Path, screenshot: Path | None = None, timeout_s: float = 60) -> dict:
    """What the first window showed: the platform plugin, its title and heading, whether the store
    opened and the bundled Chinese font loaded; the window grabbed to ``screenshot`` when given."""
    app, ops, shell = start_gui(data_dir)
    dialog = shell.dialog
    ready = []
    loop = QEventLoop()
    dialog.ready.connect(lambda: (ready.append(True), loop.quit()))
    timer = QTimer(singleShot=True, interval=int(timeout_s * 1000))
    timer.timeout.connect(loop.quit)
    timer.start()
    if not ready:
        loop.exec()
    timer.stop()
    saved = None
    if screenshot is not None:
        app.processEvents()  # the layout the "ready" texts asked for, as the next paint would have it
        saved = dialog.grab().save(str(screenshot), "PNG")  # PNG whatever the name ends with
    report = {
        "version": __version__,
        "ready": bool(ready),
        "platform": app.platformName(),
        "window": dialog.windowTitle(),
        "first_start": bool(getattr(dialog, "first_start", False)),
        "action": dialog.submit.text(),
        "size": [dialog.width(), dialog.height()],
        "store": str(shell.store.path) if shell.store is not None else None,
        "chinese_font": any("WenQuanYi" in f for f in QFontDatabase.families()),
        "keyring": _keyring(),
    }
    if saved is not None:
        report["screenshot"] = str(screenshot) if saved else None  # a missing or read-only folder: None
    dialog.close()
    ops.wait_idle()
    if shell.store is not None:
        shell.store.close()
    return report


def _keyring() -> str:
    """The keyring backend the sync credential would go to, and whether it is refused as insecure."""
    from app.foundation import secrets

    try:
        secrets.check_available()
        return secrets._backend_name()
    except secrets.NoSecureKeyring as exc:
        return "refused: " + str(exc.params.get("backend", ""))
