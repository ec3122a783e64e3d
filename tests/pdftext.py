"""Reading a PDF back as a reader would: its text (poppler's pdftotext), pages and fonts."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def row_value(text: str, label: str) -> str:
    """The last column of the (first) table row whose text starts with ``label``."""
    for line in text.splitlines():
        if line.strip().startswith(label):
            return re.split(r"\s{2,}", line.strip())[-1]
    raise AssertionError(f"no row {label!r} in:\n{text}")


def row_cells(text: str, first_cell: str, width: int | None = None) -> list[str]:
    """The cells of the first line starting with ``first_cell`` (and having ``width`` cells)."""
    for line in text.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells and cells[0] == first_cell and (width is None or len(cells) == width):
            return cells
    raise AssertionError(f"no row starting {first_cell!r}")


def month_rows(n: int, year: int, month: int, *, seed: int = 11, prefix: str = "M"):
    """n generated forms, all dated inside the month (demo data's grades and customers)."""
    from app.services.demo.sample_data import demo_forms

    rows = demo_forms(n, today=date(year, month, 28), seed=seed, ro_prefix=prefix)
    return [replace(r, service_date=date(year, month, 1 + i % 28), repair_order=f"{prefix}{year}{month:02d}-{i:06d}")
            for i, r in enumerate(rows)]


def store_rows(store, rows, dealer_code: str | None = None) -> None:
    from app.services.directory import dealer_by_code
    from app.services.feedback.form_writer import store_forms
    from app.services.uow import UnitOfWork

    with UnitOfWork(store) as uow:
        dealer = dealer_by_code(uow.session, dealer_code, uow.identity.home_dealer_id, create=True)
        store_forms(uow, dealer.id, rows, source="import", origin_note="test")
        uow.commit()


def text_fonts(path: Path) -> dict[str, int]:
    """Base font name -> number of text objects drawn with it, over every page (PDFium)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(path))
    names: dict[str, int] = {}
    try:
        for page in doc:
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
                buf = ctypes.create_string_buffer(256)
                raw.FPDFFont_GetBaseFontName(raw.FPDFTextObj_GetFont(obj.raw), buf, 256)
                names[buf.value.decode()] = names.get(buf.value.decode(), 0) + 1
    finally:
        doc.close()
    return names
