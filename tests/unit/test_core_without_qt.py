"""The domain core must import and work with PySide6 unavailable."""

import subprocess
import sys
import textwrap

CORE = ["app.rules.settings_catalogue", "app.rules.scoring", "app.rules.failure", "app.models", "app.models.store",
        "app.services.assessment", "app.services.feedback_import", "app.services.cases", "app.services.demo",
        "app.reports.pdf", "app.reports.charts", "app.reports.figures", "app.reports.feedback", "app.reports.cases",
        "app.reports.network",
        "app.rules.vocab", "app.rules.recovery", "app.scripts.pack", "app.scripts.choose",
        "app.scripts.library", "app.services.case_log", "app.services.recovery", "app.services.remedies",
        "app.services.callbacks", "app.services.verification",
        "app.services.users", "app.services.feedback_forms", "app.services.case_queries", "app.services.alerts",
        "app.services.attachments", "app.services.drafts", "app.services.complaints", "app.services.today", "app.services.preferences",
        "app.foundation.secrets", "app.sync.casefile", "app.sync.apply", "app.sync.outbox", "app.sync.client", "app.sync.connect",
        "app.sync.problems", "app.sync.wire", "app.hq.counters", "app.hq.receive", "app.hq.importer", "app.hq.publish",
        "app.hq.export", "app.hq.intake", "app.hq.resolve", "app.hq.blobs", "app.services.attachments", "app.sync.found_problems"]


def test_core_imports_with_pyside6_blocked(tmp_path):
    code = textwrap.dedent(f"""
        import sys, importlib
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError("PySide6 is blocked in this test")
        sys.meta_path.insert(0, Block())
        for m in {CORE!r}:
            importlib.import_module(m)
        from app.models.store import open_store
        from app.services.assessment import month_summary
        s = open_store({str(tmp_path)!r})
        print(month_summary(s, "2026-05").outcome)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "none"
