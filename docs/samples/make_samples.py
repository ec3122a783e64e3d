"""Rebuild the sample PDFs in this folder: `.venv/bin/python docs/samples/make_samples.py`.

Demo data for one dealer (fixed seed and date, so reruns give the same figures) and a generated
seven-dealer network on a throwaway PostgreSQL for the head-office report.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, update  # noqa: E402

from app.models import FailureCase  # noqa: E402
from app.models.store import open_database, open_store  # noqa: E402
from app.reports import cases, feedback, network  # noqa: E402
from app.services.demo import fill_demo  # noqa: E402
from app.ui.i18n import Words  # noqa: E402
from tests.network_data import fill_network  # noqa: E402
from tests.pg import start_postgres  # noqa: E402

HERE = Path(__file__).resolve().parent
MONTH = "2026-10"
PRINTED = datetime(2026, 11, 3, 9, 30).astimezone()


def advance_cases(store) -> None:
    """Sample-only: give demo cases responses, resolutions and re-ratings (the recovery steps
    that set these are issue 4's; demo data only opens cases)."""
    rnd = random.Random(3)
    with store.session() as s, s.begin():
        for cid, opened in s.execute(select(FailureCase.id, FailureCase.opened_at)).all():
            vals = {"first_response_at": opened + timedelta(hours=rnd.expovariate(1 / 6)), "status": "in_recovery"}
            if rnd.random() < 0.75:
                vals.update(resolved_at=opened + timedelta(days=rnd.expovariate(1 / 3)), status="awaiting_callback")
                if rnd.random() < 0.8:
                    vals.update(closed_at=vals["resolved_at"] + timedelta(days=rnd.uniform(0.5, 3)),
                                status="closed", recovered=rnd.random() < 0.7)
            s.execute(update(FailureCase).where(FailureCase.id == cid).values(**vals))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        fill_demo(store, 6000, 600, today=date(2026, 11, 20), seed=7)
        advance_cases(store)
        fb = feedback.gather(store, MONTH)
        cs = cases.gather(store, MONTH, now=datetime(2026, 11, 3, 1, tzinfo=timezone.utc))
        store.close()
    for lang, who in (("zh_CN", "王主管"), ("en", "Supervisor Wang")):
        words = Words(lang)
        feedback.render(fb, HERE / f"feedback-{MONTH}-{lang}.pdf", words, who, PRINTED)
        cases.render(cs, HERE / f"cases-{MONTH}-{lang}.pdf", words, who, PRINTED)
    server = start_postgres(tempfile.mkdtemp(prefix="samples-pg-"))
    try:
        db = open_database(server.new_database())
        fill_network(db.engine, dealers=12, forms=36000, months=[(2026, m) for m in range(1, 11)],
                     cases_share=0.03)
        nw = network.gather(db, MONTH)
        db.close()
    finally:
        server.stop()
    for lang, who in (("zh_CN", "厂家服务部"), ("en", "Head office service")):
        network.render(nw, HERE / f"network-{MONTH}-{lang}.pdf", Words(lang), who, PRINTED)
    for f in sorted(HERE.glob("*.pdf")):
        print(f.name)


if __name__ == "__main__":
    main()
