"""Head office's own analysis: the central cases, forms and conflicts as CSV files (one per table), and
one workbook that opens with every dealer's cases and forms as a person reads them (dealer, names,
local dates, titles; phones masked) followed by a sheet per table for analysts."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from app.models import Dealer, FailureCase, FeedbackForm, SyncConflict
from app.rules.cells import csv_cell
from app.services.exports.lists import (CASE_TITLES, CASES_SHEET, CTX, DEALER, FORM_TITLES, FORMS_SHEET,
                                        FormFilter, central_case_rows, form_rows)
from app.services.exports.workbook import Sheet, write_workbook

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


def export_central(db, out_dir: Path, translate=lambda _c, t: t) -> dict[str, int]:
    """CSV (UTF-8 with a BOM, so Excel reads the Chinese) and ``recovery-desk.xlsx``; rows per table.

    Both are safe to open: no text cell is a formula (app.rules.cells)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    with db.session() as s:
        codes = dict(s.execute(select(Dealer.id, Dealer.code)).all())
        for name, model in TABLES.items():
            n = -1
            with open(out_dir / f"{name}.csv", "w", newline="", encoding="utf-8-sig") as f:
                w = csv.writer(f)
                for row in _rows(s, model, codes):
                    w.writerow([csv_cell(v) for v in row])
                    n += 1
            counts[name] = n
        dealer = translate(CTX, DEALER)
        readable = [Sheet(translate(CTX, CASES_SHEET), [dealer, *(translate(CTX, t) for t in CASE_TITLES[:-1])],
                          central_case_rows(s, translate)),
                    Sheet(translate(CTX, FORMS_SHEET), [dealer, *(translate(CTX, t) for t in FORM_TITLES)],
                          form_rows(s, FormFilter(), None, translate, with_dealer=True))]
        tables = []
        for name, model in TABLES.items():
            rows = _rows(s, model, codes)
            tables.append(Sheet(name, next(rows), ([_cell(v) for v in row] for row in rows)))
        write_workbook(out_dir / "recovery-desk.xlsx", readable + tables)
    return counts
