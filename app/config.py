"""Every setting declared once: key, type, default and title. Stored values override defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.i18n_marks import QT_TRANSLATE_NOOP

CTX = "Settings"


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

    def coerce(self, value: Any) -> Any:
        """Turn a stored or typed value into this setting's type; ValueError says why not."""
        if self.type is bool:
            if isinstance(value, bool):
                out = value
            elif str(value).strip().lower() in {"1", "true", "yes", "on"}:
                out = True
            elif str(value).strip().lower() in {"0", "false", "no", "off"}:
                out = False
            else:
                raise ValueError(f"{self.key}: expected yes or no, got {value!r}")
        else:
            try:
                out = self.type(value)
            except (TypeError, ValueError):
                raise ValueError(f"{self.key}: expected {self.type.__name__}, got {value!r}") from None
        if self.minimum is not None and out < self.minimum:
            raise ValueError(f"{self.key}: must be at least {self.minimum}, got {out}")
        if self.maximum is not None and out > self.maximum:
            raise ValueError(f"{self.key}: must be at most {self.maximum}, got {out}")
        if self.choices is not None and out not in self.choices:
            raise ValueError(f"{self.key}: must be one of {', '.join(self.choices)}, got {out!r}")
        return out


REGISTRY: dict[str, Setting] = {}


def declare(*settings: Setting) -> None:
    for s in settings:
        if s.key in REGISTRY:
            raise RuntimeError(f"setting declared twice: {s.key}")
        REGISTRY[s.key] = s


declare(
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
    # Counter-local preferences.
    Setting("ui.language", str, "", QT_TRANSLATE_NOOP("Settings", "Language (empty: follow the system)"),
            choices=("", "zh_CN", "en"), published=False),
)


def setting(key: str) -> Setting:
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"unknown setting: {key}") from None


# Areas that declare their own settings; imported last so they can use declare() above.
import app.recovery_config  # noqa: E402,F401
