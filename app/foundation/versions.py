"""Program versions ("0.2.0"): read strictly and compared as numbers, so "0.10.0" is newer than "0.9.1"."""

from __future__ import annotations

import re

_FORM = re.compile(r"^(0|[1-9][0-9]{0,2})(?:\.(0|[1-9][0-9]{0,2})){0,2}$")


def parse_version(text: str) -> tuple[int, int, int] | None:
    """(major, minor, patch) of "X", "X.Y" or "X.Y.Z" (each part 0-999, no leading zeros), else None."""
    if not isinstance(text, str) or not _FORM.match(text.strip()):
        return None
    parts = [int(p) for p in text.strip().split(".")]
    return tuple(parts + [0] * (3 - len(parts)))  # type: ignore[return-value]


def version_number(version: tuple[int, int, int]) -> int:
    """One integer that sorts as the version does (head office's table keeps versions as integers)."""
    major, minor, patch = version
    return major * 1_000_000 + minor * 1_000 + patch


def newer(candidate: str, than: str) -> bool:
    """Whether ``candidate`` is a version strictly newer than ``than``; an unreadable one never is."""
    a, b = parse_version(candidate), parse_version(than)
    return a is not None and b is not None and a > b
