"""Head office's own analysis: the central cases and forms as CSV files, one per table."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from app.models import Dealer, FailureCase, FeedbackForm, SyncConflict

TABLES = {"feedback_form": FeedbackForm, "failure_case": FailureCase, "sync_conflict": SyncConflict}


def export_csv(db, out_dir: Path) -> dict[str, int]:
    """One UTF-8 CSV (with a BOM, so Excel reads the Chinese) per table, with the dealer's code."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    with db.session() as s:
        codes = dict(s.execute(select(Dealer.id, Dealer.code)).all())
        for name, model in TABLES.items():
            cols = [c.key for c in model.__table__.columns]
            n = 0
            with open(out_dir / f"{name}.csv", "w", newline="", encoding="utf-8-sig") as f:
                w = csv.writer(f)
                w.writerow(["dealer_code", *cols])
                for obj in s.scalars(select(model).execution_options(yield_per=2000)):
                    w.writerow([codes.get(obj.dealer_id, ""), *(getattr(obj, c) for c in cols)])
                    n += 1
            counts[name] = n
    return counts
