"""The settings catalogue: every setting declared once (key, type, default, title, publishable)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CTX = "Settings"

# Why a value is refused, what to give instead ({value}: what was given, as it was written).
_EXPECTED = {int: QT_TRANSLATE_NOOP("Errors", "expected a whole number, got {value}"),
             float: QT_TRANSLATE_NOOP("Errors", "expected a number, got {value}"),
             str: QT_TRANSLATE_NOOP("Errors", "expected text, got {value}")}
EXPECTED_YES_NO = QT_TRANSLATE_NOOP("Errors", "expected yes or no, got {value}")
AT_LEAST = QT_TRANSLATE_NOOP("Errors", "must be at least {minimum}, got {value}")
AT_MOST = QT_TRANSLATE_NOOP("Errors", "must be at most {maximum}, got {value}")
ONE_OF = QT_TRANSLATE_NOOP("Errors", "must be one of {choices}, got {value}")


class SettingRefused(InvalidInput, ValueError):
    """A value a setting's declaration refuses: which setting, why, and what to give instead. A
    ValueError too: a stored value the current rules refuse falls back to the default."""


def _shown(value: Any) -> str:
    # As a settings file (JSON) writes it: true and null, not Python's True and None, in any language.
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."  # a whole file pasted into a number: its start


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    title: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None
    # Published by head office to every dealer (thresholds, limits, amounts) or local to a counter.
    published: bool = True
    # The least role that may change it at the counter: a supervisor for what head office may publish,
    # anyone for a counter's preference, an administrator for what guards the counter (auto-lock, the
    # head-office address): ``admin_only``.
    admin_only: bool = False
    # Set by head office alone (a ceiling over the counters' authority limits): nobody at a counter.
    hq_only: bool = False

    @property
    def changed_by(self) -> str:
        """The least role (a vocab.Role value) that may change this setting ("hq": none at a counter)."""
        return "hq" if self.hq_only else "admin" if self.admin_only else "supervisor" if self.published else "advisor"

    def may_change(self, role: str) -> bool:
        order = ("advisor", "supervisor", "admin")
        return role in order and self.changed_by in order and order.index(role) >= order.index(self.changed_by)

    def coerce(self, value: Any) -> Any:
        """Turn a stored or typed value into this setting's type; SettingRefused says why not."""
        def refused(problem: str, got: Any = value, **params: Any) -> SettingRefused:
            return SettingRefused(field=self.key, problem=problem, value=_shown(got), **params)

        if self.type is bool:
            if isinstance(value, bool):
                out = value
            elif str(value).strip().lower() in {"1", "true", "yes", "on"}:
                out = True
            elif str(value).strip().lower() in {"0", "false", "no", "off"}:
                out = False
            else:
                raise refused(EXPECTED_YES_NO)
        else:
            expected = _EXPECTED.get(self.type, _EXPECTED[str])
            # Never rounded or read from yes/no: head office's publication of true, 1200.5 and 9.99 was
            # stored as 1, 1200 and 9 at every counter.
            if isinstance(value, bool) or (self.type is int and isinstance(value, float) and not value.is_integer()):
                raise refused(expected)
            try:
                out = self.type(value)
            except (TypeError, ValueError, OverflowError):
                raise refused(expected) from None
            if isinstance(out, float) and not math.isfinite(out):  # "nan" passed every limit
                raise refused(_EXPECTED[float])
        if self.minimum is not None and out < self.minimum:
            raise refused(AT_LEAST, out, minimum=self.minimum)
        if self.maximum is not None and out > self.maximum:
            raise refused(AT_MOST, out, maximum=self.maximum)
        if self.choices is not None and out not in self.choices:
            raise refused(ONE_OF, out, choices=", ".join(map(repr, self.choices)))
        return out


# The catalogue: every setting of the program, here and nowhere else (tests/unit/test_settings_catalogue.py
# checks that every key the code reads is in it). ``published=True`` means head office may publish it.
CATALOGUE: tuple[Setting, ...] = (
    # The monthly assessment (DOMAIN.md, 意见反馈表).
    Setting("assessment.verified_only", bool, False,
            QT_TRANSLATE_NOOP("Settings", "Count only verified feedback forms in the monthly assessment")),
    Setting("assessment.reward_amount", int, 1000, QT_TRANSLATE_NOOP("Settings", "Monthly reward amount (yuan)"), minimum=0),
    Setting("assessment.penalty_amount", int, 1000, QT_TRANSLATE_NOOP("Settings", "Monthly penalty amount (yuan)"), minimum=0),
    # What counts as a service failure.
    Setting("failure.overall_threshold", int, 8,
            QT_TRANSLATE_NOOP("Settings", "A 1-10 overall score below this makes a form a failure"), minimum=1, maximum=10),
    Setting("failure.share_target", float, 0.08,
            QT_TRANSLATE_NOOP("Settings", "Target failure share (fraction of forms)"), minimum=0.0, maximum=1.0),
    Setting("recovery.success_threshold", int, 8,
            QT_TRANSLATE_NOOP("Settings", "A re-rating at or above this means the customer is recovered"), minimum=1, maximum=10),
    # Alerts: a form older than this raises none when it arrives (a counter joining late, last year's
    # forms imported): supervisors act on this month's failures, not on a year of history.
    Setting("alerts.window_days", int, 30,
            QT_TRANSLATE_NOOP("Settings", "Days after its service date during which an arriving failure form raises an alert"),
            minimum=1, maximum=3650),
    # Early warnings: one that fired longer ago than this and was never acknowledged is history.
    Setting("warnings.window_days", int, 30,
            QT_TRANSLATE_NOOP("Settings", "Days an early warning stays on Today unless a supervisor acknowledges it"),
            minimum=1, maximum=365),
    # Feedback forms.
    Setting("feedback.correction_hours", int, 72,
            QT_TRANSLATE_NOOP("Settings", "Hours after saving during which a feedback form may be corrected"),
            minimum=0, maximum=24 * 90),
    # Cases.
    Setting("cases.first_response_hours", int, 2,
            QT_TRANSLATE_NOOP("Settings", "Hours within which a new case needs a first response"), minimum=1, maximum=240),
    # Empowerment (DOMAIN.md): frontline staff decide remedies up to a limit; above it a supervisor.
    # The limits decide what people may give away: an administrator's to change, under head office's
    # ceiling (app.rules.authority), which no counter changes.
    Setting("remedy.limit.advisor", int, 300,
            QT_TRANSLATE_NOOP("Settings", "Remedy an advisor may give without approval (yuan)"), minimum=0,
            admin_only=True),
    Setting("remedy.limit.supervisor", int, 3000,
            QT_TRANSLATE_NOOP("Settings", "Remedy a supervisor may give or approve (yuan)"), minimum=0,
            admin_only=True),
    Setting("remedy.limit.admin", int, 3000,
            QT_TRANSLATE_NOOP("Settings", "Remedy an administrator may give or approve (yuan)"), minimum=0,
            admin_only=True),
    Setting("remedy.limit.ceiling", int, 0,
            QT_TRANSLATE_NOOP("Settings", "Head office's ceiling over every remedy limit (yuan; 0: none)"),
            minimum=0, hq_only=True),
    # Callbacks and verification calls.
    Setting("recovery.callback_due_days", int, 3,
            QT_TRANSLATE_NOOP("Settings", "Days after the remedy is agreed that the callback is due"), minimum=1,
            maximum=30),
    Setting("recovery.callback_overdue_hours", int, 24,
            QT_TRANSLATE_NOOP("Settings", "Hours past its due time before a callback is overdue"), minimum=0),
    Setting("recovery.callback_attempts", int, 3,
            QT_TRANSLATE_NOOP("Settings", "Callbacks not reached this many times are flagged"), minimum=1,
            maximum=10),
    Setting("calls.due_day", int, 3,
            QT_TRANSLATE_NOOP("Settings", "Day after delivery that the follow-up call of a repair order is due"),
            minimum=1, maximum=14),
    Setting("calls.expire_day", int, 15,
            QT_TRANSLATE_NOOP("Settings", "Day after delivery that a follow-up call not reached counts as unreachable"),
            minimum=2, maximum=60),
    Setting("verification.sample_size", int, 10,
            QT_TRANSLATE_NOOP("Settings", "Feedback forms drawn for each round of verification calls"), minimum=1,
            maximum=200),
    Setting("verification.recent_days", int, 30,
            QT_TRANSLATE_NOOP("Settings", "Verification calls draw from forms of this many recent days"), minimum=1,
            maximum=366),
    # Counter-local: never published by head office.
    Setting("ui.language", str, "", QT_TRANSLATE_NOOP("Settings", "Language (empty: follow the system)"),
            choices=("", "zh_CN", "en"), published=False),
    Setting("ui.lock_minutes", int, 10,
            QT_TRANSLATE_NOOP("Settings", "Lock the counter after this many idle minutes (0: never)"),
            minimum=0, maximum=240, published=False, admin_only=True),
    Setting("sync.server_url", str, "", QT_TRANSLATE_NOOP("Settings", "Head-office address (e.g. https://hq.example.com)"),
            published=False, admin_only=True),
    Setting("backups.keep", int, 14,
            QT_TRANSLATE_NOOP("Settings", "Backups of the store kept on this PC (the newest; one is taken every day)"),
            minimum=1, maximum=365, published=False),
    # The folder file dialogs open in (the last one used); empty: the user's Documents folder.
    Setting("ui.last_folder", str, "", QT_TRANSLATE_NOOP("Settings", "Folder file dialogs open in"), published=False),
    Setting("sync.interval_s", int, 60, QT_TRANSLATE_NOOP("Settings", "Seconds between sync rounds"),
            minimum=10, maximum=3600, published=False, admin_only=True),
    # PIPL's minimum data: after this many years without a case or a form, a customer is anonymised.
    Setting("privacy.retention_years", int, 3,
            QT_TRANSLATE_NOOP("Settings", "Anonymise customers this many years after their last case or form"),
            minimum=1, maximum=30, published=False, admin_only=True),
)


def _registry(catalogue: tuple[Setting, ...]) -> dict[str, Setting]:
    out: dict[str, Setting] = {}
    for s in catalogue:
        if s.key in out:
            raise RuntimeError(f"setting declared twice: {s.key}")
        out[s.key] = s
    return out


REGISTRY: dict[str, Setting] = _registry(CATALOGUE)


def setting(key: str) -> Setting:
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"unknown setting: {key}") from None
