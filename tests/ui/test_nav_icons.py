"""Every page in the navigation has its own icon (Settings was drawn with Today's sun)."""

from __future__ import annotations

from PySide6.QtCore import QSize


def test_each_page_has_an_icon_of_its_own(qtbot, store, ops, admin):
    from app.ui.main_window import MainWindow

    w = MainWindow(store, ops, admin)  # an administrator sees every page, supervisors' ones too
    qtbot.addWidget(w)
    images = {}
    for i in range(w.nav.count()):
        item = w.nav.item(i)
        img = item.icon().pixmap(QSize(22, 22)).toImage()
        assert not img.isNull(), item.text()
        key = bytes(img.constBits())
        assert key not in images, f"{item.text()} has the same icon as {images.get(key)}"
        images[key] = item.text()
    assert len(images) == w.nav.count() >= 8
