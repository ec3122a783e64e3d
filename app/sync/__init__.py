"""Sync between a counter and head office: case files, the outbox, the client. No Qt."""

from app.config import Setting, declare
from app.i18n_marks import QT_TRANSLATE_NOOP

declare(
    Setting("sync.server_url", str, "", QT_TRANSLATE_NOOP("Settings", "Head-office address (e.g. https://hq.example.com)"),
            published=False),
    Setting("sync.interval_s", int, 60, QT_TRANSLATE_NOOP("Settings", "Seconds between sync rounds"),
            minimum=10, maximum=3600, published=False),
)
