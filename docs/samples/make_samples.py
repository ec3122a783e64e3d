"""Rebuild the sample PDFs in this folder: `.venv/bin/python docs/samples/make_samples.py`.

Demo data for one dealer (fixed seed and date, so reruns give the same figures) and a generated
seven-dealer network on a throwaway PostgreSQL for the head-office report.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.models.store import open_database, open_store  # noqa: E402
from app.reports import cases, feedback, network  # noqa: E402
from app.services.demo.sample_data import fill_demo  # noqa: E402
from app.ui.common.i18n import Words  # noqa: E402
from tests.network_data import fill_network  # noqa: E402
from tests.pg import start_postgres  # noqa: E402

HERE = Path(__file__).resolve().parent
MONTH = "2026-10"
PRINTED = datetime(2026, 11, 3, 9, 30).astimezone()
NOW = datetime(2026, 11, 3, 1, tzinfo=timezone.utc)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        # The demo takes its cases through recovery (remedies, callbacks, closing) up to NOW.
        fill_demo(store, 6000, 600, today=NOW.date(), now=NOW, seed=7)
        fb = feedback.gather(store, MONTH)
        cs = cases.gather(store, MONTH, now=NOW)
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
