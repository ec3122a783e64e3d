"""Draw the program's icon (resources/icons/app.svg) as a Windows .ico for the .exe and the installer:
python packaging/windows/make_icon.py [OUT.ico]  (default packaging/windows/recovery-desk.ico)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "packaging" / "windows" / "recovery-desk.ico"
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "ICO"):
        print(f"could not write {out}: Qt's ICO image plugin is missing", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
