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
from app.services.remedies import agree_in, propose_remedy  # noqa: E402
from app.services.uow import UnitOfWork  # noqa: E402
from app.ui.i18n import Words  # noqa: E402
from tests.network_data import fill_network  # noqa: E402
from tests.pg import start_postgres  # noqa: E402

HERE = Path(__file__).resolve().parent
MONTH = "2026-10"
PRINTED = datetime(2026, 11, 3, 9, 30).astimezone()


def give_remedies(store) -> None:
    """Remedies through the recovery services for about a third of the demo cases."""
    rnd = random.Random(4)
    with store.session() as s:
        rows = s.execute(select(FailureCase.id, FailureCase.opened_at)).all()
    for cid, opened in rows:
        if rnd.random() > 0.35:
            continue
        kind = rnd.choice(["free_rework", "discount", "voucher", "goodwill_gift", "refund"])
        amount = rnd.choice([0, 50, 100, 150, 200, 300]) if kind != "refund" else rnd.choice([200, 500, 1500])
        propose_remedy(store, cid, kind, amount, "", None, now=opened + timedelta(hours=5))
        if amount <= 300 and rnd.random() < 0.85:
            with UnitOfWork(store) as uow:
                agree_in(uow, uow.session.get(FailureCase, cid), opened + timedelta(hours=rnd.uniform(6, 48)))
                uow.commit()


def advance_cases(store) -> None:
    """Sample-only: response, resolution and re-rating times set directly (the demo opens cases
    only; walking each through the recovery script would make the samples slow to rebuild)."""
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
        give_remedies(store)
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
