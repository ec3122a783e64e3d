"""Head office's own analysis: the central cases, forms and conflicts as CSV files (one per table)
and one XLSX workbook (a sheet per table), each row with its dealer's code."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from app.models import Dealer, FailureCase, FeedbackForm, SyncConflict
from app.rules.cells import csv_cell, xlsx_text

TABLES = {"feedback_form": FeedbackForm, "failure_case": FailureCase, "sync_conflict": SyncConflict}


def _rows(s, model, codes):
    cols = [c.key for c in model.__table__.columns]
    yield ["dealer_code", *cols]
    for obj in s.scalars(select(model).order_by(model.id).execution_options(yield_per=2000)):
        yield [codes.get(obj.dealer_id, ""), *(getattr(obj, c) for c in cols)]


def _cell(v):
    if isinstance(v, datetime):  # spreadsheets keep no time zone: UTC, as the column title says
        return v.astimezone(timezone.utc).replace(tzinfo=None)
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return v


def _xlsx_row(sheet, row):
    """Text cells typed as text ('s'): a comment starting with = is shown, never evaluated."""
    from openpyxl.cell import WriteOnlyCell

    out = []
    for v in row:
        v = _cell(v)
        cell = WriteOnlyCell(sheet, value=xlsx_text(v) if isinstance(v, str) else v)
        if isinstance(v, str):
            cell.data_type = "s"
        out.append(cell)
    return out


def export_central(db, out_dir: Path) -> dict[str, int]:
    """CSV (UTF-8 with a BOM, so Excel reads the Chinese) and ``recovery-desk.xlsx``; rows per table.

    Both are safe to open: no text cell is a formula (app.rules.cells)."""
    from openpyxl import Workbook

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    wb = Workbook(write_only=True)
    with db.session() as s:
        codes = dict(s.execute(select(Dealer.id, Dealer.code)).all())
        for name, model in TABLES.items():
            sheet = wb.create_sheet(name)
            n = -1
            with open(out_dir / f"{name}.csv", "w", newline="", encoding="utf-8-sig") as f:
                w = csv.writer(f)
                for row in _rows(s, model, codes):
                    w.writerow([csv_cell(v) for v in row])
                    sheet.append(_xlsx_row(sheet, row))
                    n += 1
            counts[name] = n
    wb.save(out_dir / "recovery-desk.xlsx")
    return counts
