"""Drafts of unsaved forms and cases: written through on every edit, atomically, to the data dir.

A draft is a small JSON file per (kind, user); it survives a crash or a power cut (fsync, then
rename over the old one) and is offered back on the next start until saved or discarded.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from app.foundation.paths import write_atomic
from app.foundation import clock


@dataclass(frozen=True)
class Draft:
    kind: str
    owner: str
    saved_at: datetime
    values: dict


class DraftBox:
    def __init__(self, data_dir: str | os.PathLike) -> None:
        self.root = Path(data_dir) / "drafts"

    def _path(self, kind: str, owner: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{kind}--{owner}")
        return self.root / f"{safe}.json"

    def save(self, kind: str, owner: str, values: dict) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"kind": kind, "owner": owner, "saved_at": clock.now().isoformat(),
                           "values": values}, ensure_ascii=False, default=str)
        write_atomic(self._path(kind, owner), body.encode("utf-8"))

    def load(self, kind: str, owner: str) -> Draft | None:
        try:
            data = json.loads(self._path(kind, owner).read_text(encoding="utf-8"))
            return Draft(data["kind"], data["owner"], datetime.fromisoformat(data["saved_at"]), dict(data["values"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # no draft, or one a crash left unreadable: nothing to offer

    def discard(self, kind: str, owner: str) -> None:
        self._path(kind, owner).unlink(missing_ok=True)
