"""Settings of service recovery: authority limits, callbacks, verification sampling.

The first-response threshold is cases.first_response_hours (app.services.case_queries).
"""

from __future__ import annotations

from app.config import Setting, declare
from app.i18n_marks import QT_TRANSLATE_NOOP

declare(
    # Empowerment (DOMAIN.md): frontline staff decide remedies up to a limit; above it a supervisor.
    Setting("remedy.limit.advisor", int, 300,
            QT_TRANSLATE_NOOP("Settings", "Remedy an advisor may give without approval (yuan)"), minimum=0),
    Setting("remedy.limit.supervisor", int, 3000,
            QT_TRANSLATE_NOOP("Settings", "Remedy a supervisor may give or approve (yuan)"), minimum=0),
    Setting("remedy.limit.admin", int, 3000,
            QT_TRANSLATE_NOOP("Settings", "Remedy an administrator may give or approve (yuan)"), minimum=0),
    Setting("recovery.callback_due_days", int, 3,
            QT_TRANSLATE_NOOP("Settings", "Days after the remedy is agreed that the callback is due"), minimum=1,
            maximum=30),
    Setting("recovery.callback_overdue_hours", int, 24,
            QT_TRANSLATE_NOOP("Settings", "Hours past its due time before a callback is overdue"), minimum=0),
    Setting("recovery.callback_attempts", int, 3,
            QT_TRANSLATE_NOOP("Settings", "Callbacks not reached this many times are flagged"), minimum=1,
            maximum=10),
    Setting("verification.sample_size", int, 10,
            QT_TRANSLATE_NOOP("Settings", "Feedback forms drawn for each round of verification calls"), minimum=1,
            maximum=200),
    Setting("verification.recent_days", int, 30,
            QT_TRANSLATE_NOOP("Settings", "Verification calls draw from forms of this many recent days"), minimum=1,
            maximum=366),
)
