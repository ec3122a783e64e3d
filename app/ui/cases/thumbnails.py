"""Thumbnails of attached files, drawn safely: raster formats known by their bytes, a pixel budget, off the UI thread.

An attachment is whatever a customer's phone, a colleague or another counter sent: its name says
nothing. Only PNG, JPEG, GIF, BMP and WebP are drawn, known by their first bytes, and only when their
header claims at most a pixel budget; everything else (an SVG above all: a few KB of nested <use> kept
Qt's renderer busy past half a minute) is shown by its name and type. ``draw`` runs on a worker (Ops' io
pool) and returns a QImage, which unlike a QPixmap may be made off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QImageReader

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CTX = "Thumbnails"
THUMB = 96
# A header claiming more pixels than this is never decoded. JPEG is decoded straight to the thumbnail's
# size (a 40 MP photo: 0.06 s, +4 MB), so a big camera's photos are drawn; the other formats are decoded
# whole and then scaled (a 40 MP PNG of 130 KB: 1.9 s, +154 MB), so they get a quarter of it.
MAX_PIXELS = 100_000_000
MAX_PIXELS_DECODED_WHOLE = 16_000_000
_SNIFF_BYTES = 512

# (leading bytes, Qt's format name or None when it is never drawn, what to call it)
_KINDS = [
    (b"\x89PNG\r\n\x1a\n", "png", QT_TRANSLATE_NOOP("Thumbnails", "PNG image")),
    (b"\xff\xd8\xff", "jpeg", QT_TRANSLATE_NOOP("Thumbnails", "JPEG image")),
    (b"GIF87a", "gif", QT_TRANSLATE_NOOP("Thumbnails", "GIF image")),
    (b"GIF89a", "gif", QT_TRANSLATE_NOOP("Thumbnails", "GIF image")),
    (b"BM", "bmp", QT_TRANSLATE_NOOP("Thumbnails", "BMP image")),
    (b"%PDF-", None, QT_TRANSLATE_NOOP("Thumbnails", "PDF document")),
    (b"PK\x03\x04", None, QT_TRANSLATE_NOOP("Thumbnails", "ZIP or Office document")),
]
WEBP = QT_TRANSLATE_NOOP("Thumbnails", "WebP image")
SVG = QT_TRANSLATE_NOOP("Thumbnails", "SVG drawing (not previewed)")
OTHER = QT_TRANSLATE_NOOP("Thumbnails", "file")
TOO_LARGE = QT_TRANSLATE_NOOP("Thumbnails", "{kind}, {width} x {height}: too large to preview")
UNREADABLE = QT_TRANSLATE_NOOP("Thumbnails", "{kind} that can't be read")


def sniff(head: bytes) -> tuple[str | None, str]:
    """(Qt's format to draw it with, or None; the marked name of its kind) from a file's first bytes."""
    for magic, fmt, kind in _KINDS:
        if head.startswith(magic):
            return fmt, kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp", WEBP
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text:
        return None, SVG  # never handed to a renderer
    return None, OTHER


@dataclass(frozen=True)
class Drawn:
    """A thumbnail (``image``), or why there is none in words (``words``: the kind, perhaps a reason)."""

    image: QImage | None
    words: str


def _tr(text: str, **params) -> str:
    return QCoreApplication.translate(CTX, text).format(**params)


def draw(path: str, edge: int = THUMB) -> Drawn:
    """The thumbnail of the file at ``path``, at most ``edge`` pixels a side; run it on a worker."""
    try:
        with open(path, "rb") as f:
            head = f.read(_SNIFF_BYTES)
    except OSError:
        return Drawn(None, _tr(UNREADABLE, kind=_tr(OTHER)))
    fmt, kind = sniff(head)
    if fmt is None:
        return Drawn(None, _tr(kind))
    reader = QImageReader(path, fmt.encode())
    reader.setDecideFormatFromContent(False)  # the plugin the bytes named, never another one
    size = reader.size()  # read from the header only
    if not size.isValid():
        return Drawn(None, _tr(UNREADABLE, kind=_tr(kind)))
    budget = MAX_PIXELS if fmt == "jpeg" else MAX_PIXELS_DECODED_WHOLE
    if size.width() * size.height() > budget:
        return Drawn(None, _tr(TOO_LARGE, kind=_tr(kind), width=size.width(), height=size.height()))
    reader.setAutoTransform(True)
    reader.setScaledSize(size.scaled(edge, edge, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return Drawn(None, _tr(UNREADABLE, kind=_tr(kind)))
    return Drawn(image, _tr(kind))
