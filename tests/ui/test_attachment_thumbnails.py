"""Attachments drawn safely: a hostile SVG of nested <use> and a PNG whose header claims 100000 x 100000
pixels, attached to a case, leave the case opening and the desk answering; each shows its name and
type, and a real picture is drawn whatever its name says."""

from __future__ import annotations

import struct
import threading
import zlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.services.cases.attachments import add_attachment
from app.services.cases.opening import NewCase, open_case
from app.ui.cases import thumbnails


def nested_use_svg(levels: int = 10, fan: int = 10) -> bytes:
    """Billion laughs for a renderer: each group draws the one below ``fan`` times (10^10 rectangles)."""
    groups = ['<g id="g0"><rect width="1" height="1"/></g>']
    for n in range(1, levels):
        groups.append(f'<g id="g{n}">' + f'<use xlink:href="#g{n - 1}"/>' * fan + "</g>")
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'width="800" height="800"><defs>' + "".join(groups) + f'</defs><use xlink:href="#g{levels - 1}"/></svg>'
            ).encode()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG signature and a valid header chunk claiming ``width`` x ``height``, a token of data, the end."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def real_png(path) -> None:
    img = QImage(64, 48, QImage.Format.Format_RGB32)
    img.fill(Qt.GlobalColor.red)
    assert img.save(str(path), "PNG")


@pytest.fixture
def hostile_files(tmp_path):
    folder = tmp_path / "from-the-customer"
    folder.mkdir()
    (folder / "damage.png").write_bytes(nested_use_svg())  # an SVG under a photo's name
    (folder / "huge.png").write_bytes(png_claiming(100_000, 100_000))
    (folder / "drawing.svg").write_bytes(nested_use_svg())
    real_png(folder / "scan.dat")  # a real picture under a name that says nothing
    assert len((folder / "damage.png").read_bytes()) < 4096
    return folder


@pytest.mark.parametrize("name, drawn, words", [
    ("damage.png", False, "SVG drawing (not previewed)"),
    ("drawing.svg", False, "SVG drawing (not previewed)"),
    ("huge.png", False, "PNG image, 100000 x 100000: too large to preview"),
    ("scan.dat", True, "PNG image"),
])
def test_what_draw_makes_of_each_file(qtbot, hostile_files, name, drawn, words):
    result = thumbnails.draw(str(hostile_files / name))
    assert (result.image is not None, result.words) == (drawn, words)
    if drawn:
        assert max(result.image.width(), result.image.height()) <= thumbnails.THUMB


@pytest.mark.parametrize("head, kind", [
    (b"\x89PNG\r\n\x1a\n....", "png"), (b"\xff\xd8\xff\xe0", "jpeg"), (b"GIF89a..", "gif"),
    (b"RIFF\0\0\0\0WEBPVP8 ", "webp"), (b"BM....", "bmp"),
    (b"<?xml version='1.0'?><svg", None), (b"\xef\xbb\xbf  <svg xmlns=", None), (b"%PDF-1.7", None),
    (b"<!DOCTYPE html><html><svg", None), (b"", None), (b"II*\0", None),  # TIFF: not among the drawn kinds
])
def test_only_raster_formats_known_by_their_bytes_are_drawn(head, kind):
    assert thumbnails.sniff(head)[0] == kind


def test_a_case_with_hostile_attachments_opens_and_the_desk_keeps_answering(qtbot, store, advisor, hostile_files,
                                                                            monkeypatch):
    from app.ui.cases import attachments_panel
    from app.ui.common.ops import Ops
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    create_app()
    case = open_case(store, NewCase("周先生", "13500000000", "川A00001", "hotline", "process", "system", "minor"),
                     advisor.user_id)
    names = ["damage.png", "huge.png", "drawing.svg", "scan.dat"]
    for name in names:
        add_attachment(store, case.id, hostile_files / name, advisor.user_id)
    on_ui_thread = []
    original = attachments_panel.draw

    def watched(path, *args):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return original(path, *args)

    monkeypatch.setattr(attachments_panel, "draw", watched)
    ops = Ops()  # real worker threads, as at the counter
    window = MainWindow(store, ops, advisor)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.cases)
    window.cases.show_case(case.id)
    panel = window.cases.detail.attachments
    window.cases.detail.tabs.setCurrentWidget(panel)

    def described() -> dict:
        items = [panel.items.item(i) for i in range(panel.items.count())]
        return {i.text().split("\n")[0]: (i.text(), i.data(Qt.ItemDataRole.AccessibleDescriptionRole))
                for i in items}

    ticks = []
    from PySide6.QtCore import QTimer

    timer = QTimer(interval=0, timeout=lambda: ticks.append(1))
    timer.start()
    # Bounded: the old desk drew the SVG on the UI thread for over 20 s; nothing here waits on a clock.
    qtbot.waitUntil(lambda: len(described()) == 4 and all(d for _, d in described().values()), timeout=20000)
    timer.stop()
    seen = described()
    assert seen["damage.png"] == ("damage.png\nSVG drawing (not previewed)", "SVG drawing (not previewed)")
    assert seen["drawing.svg"][0] == "drawing.svg\nSVG drawing (not previewed)"
    assert seen["huge.png"][0] == "huge.png\nPNG image, 100000 x 100000: too large to preview"
    assert seen["scan.dat"] == ("scan.dat", "PNG image")  # drawn: the name alone, the picture as its icon
    huge = next(panel.items.item(i) for i in range(4) if panel.items.item(i).text().startswith("huge.png"))
    assert "100000 x 100000: too large to preview" in huge.toolTip()  # in full on hover (the grid elides it)
    assert on_ui_thread == [False] * 4  # every file was looked at on a worker
    assert ticks  # the UI thread's own timers kept running while the files were looked at
    assert window.cases.detail.heading.text().startswith("Case ")  # the case opened
    ops.wait_idle()


@pytest.mark.parametrize("width, height, refused", [
    (4000, 4000, False),  # 16 MP: the budget for formats decoded whole
    (5000, 4000, True),
    (8000, 2001, True),  # just over: a budget of pixels, not of sides
])
def test_formats_decoded_whole_have_a_smaller_pixel_budget(tmp_path, width, height, refused):
    path = tmp_path / "claim.png"
    path.write_bytes(png_claiming(width, height))
    words = thumbnails.draw(str(path)).words
    assert ("too large to preview" in words) is refused, words
