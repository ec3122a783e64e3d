"""Authority limits: each role's remedy limit within the next role's, and all within head office's ceiling."""

from __future__ import annotations

from typing import Any

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CEILING = "remedy.limit.ceiling"  # 0: head office set none
# Lowest authority first: a role's limit may not pass the next one's (who approves above it).
LIMITS = ("remedy.limit.advisor", "remedy.limit.supervisor", "remedy.limit.admin")

ABOVE_CEILING = QT_TRANSLATE_NOOP("Errors", "head office allows at most {ceiling} yuan; type {ceiling} or less")
# The limit above a role's is who approves beyond it: it can't be lower.
ABOVE_NEXT = {
    "remedy.limit.advisor": QT_TRANSLATE_NOOP("Errors", "more than a supervisor's limit ({limit} yuan), who "
                                              "approves above it; type {limit} or less, or raise that limit first"),
    "remedy.limit.supervisor": QT_TRANSLATE_NOOP("Errors", "more than an administrator's limit ({limit} yuan); "
                                                 "type {limit} or less, or raise that limit first"),
}
BELOW_PREVIOUS = {
    "remedy.limit.supervisor": QT_TRANSLATE_NOOP("Errors", "less than an advisor's limit ({limit} yuan): a "
                                                 "supervisor approves above it; type {limit} or more"),
    "remedy.limit.admin": QT_TRANSLATE_NOOP("Errors", "less than a supervisor's limit ({limit} yuan); type "
                                            "{limit} or more"),
}


def limit_problems(values: dict[str, Any], changed) -> dict[str, tuple[str, dict]]:
    """key -> (problem text, its values) for each changed limit above head office's ceiling, above the
    limit of the role over it or below the one under it. Limits not changed are not judged: a ceiling
    published lower later does not stop a counter saving anything else (``capped`` applies it where
    the limits are used)."""
    out: dict[str, tuple[str, dict]] = {}
    ceiling = int(values.get(CEILING) or 0)
    for i, key in enumerate(LIMITS):
        if key not in changed:
            continue
        value = int(values[key])
        above = int(values[LIMITS[i + 1]]) if i + 1 < len(LIMITS) else None
        below = int(values[LIMITS[i - 1]]) if i > 0 else None
        if ceiling and value > ceiling:
            out[key] = (ABOVE_CEILING, {"ceiling": ceiling})
        elif above is not None and value > above:
            out[key] = (ABOVE_NEXT[key], {"limit": above})
        elif below is not None and value < below:
            out[key] = (BELOW_PREVIOUS[key], {"limit": below})
    return out


def capped(limit: int, ceiling: int) -> int:
    """The limit in force: never above head office's ceiling (0: none)."""
    return min(limit, ceiling) if ceiling else limit
