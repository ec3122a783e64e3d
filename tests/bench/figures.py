"""The one line format a benchmark prints a figure in, for `python -m tests.bench` to gather into one table."""

from __future__ import annotations

import json

PREFIX = "BENCH-FIGURE "


def figure(measure: str, value: float, unit: str, floor: float | None = None, floor_name: str = "",
           aim: str = "") -> None:
    """Print one figure with its floor (measured in the same run) and their ratio."""
    ratio = value / floor if floor else None
    print(PREFIX + json.dumps({"measure": measure, "value": value, "unit": unit, "floor": floor,
                               "floor_name": floor_name, "ratio": ratio, "aim": aim}, ensure_ascii=False),
          flush=True)


def parse(text: str) -> list[dict]:
    return [json.loads(line[len(PREFIX):]) for line in text.splitlines() if line.startswith(PREFIX)]
