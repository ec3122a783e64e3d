"""The backups a counter keeps: listed from their manifests, newest first, and the last N kept."""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

from app.models import snapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    reason: str  # daily | manual | before_restore | before_upgrade | after_purge
    size: int  # bytes of the zip
    cases: int
    forms: int
    attachments: int
    store_id: str
    dealer_code: str
    unacknowledged: int  # changes head office had not acknowledged when it was taken


def info(path: Path) -> BackupInfo:
    """A backup's figures from its manifest (ValueError or zipfile.BadZipFile: not a backup)."""
    m = snapshot.read_manifest(path)
    return BackupInfo(Path(path), datetime.fromisoformat(m.created_at), m.reason, Path(path).stat().st_size,
                      m.cases, m.forms, m.attachments, m.store_id, m.dealer_code, m.unacknowledged)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in the data directory's ``backups`` folder, newest first (unreadable ones skipped)."""
    folder = snapshot.backups_dir(data_dir)
    out = []
    for p in folder.glob(f"{snapshot.PREFIX}*{snapshot.SUFFIX}") if folder.is_dir() else ():
        try:
            out.append(info(p))
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
            log.warning("not listed: %s (%s)", p, exc)
    return newest_first(out)


def newest_first(backups: Sequence[BackupInfo]) -> list[BackupInfo]:
    return sorted(backups, key=lambda b: (b.created_at, b.path.name), reverse=True)


def to_drop(backups: Sequence[BackupInfo], keep: int) -> list[BackupInfo]:
    """Which backups go when only the newest ``keep`` stay (at least one always stays)."""
    return newest_first(backups)[max(1, keep):]


def prune(data_dir: Path, keep: int) -> list[Path]:
    """Delete the backups beyond the newest ``keep``; the paths deleted."""
    gone = []
    for b in to_drop(list_backups(data_dir), keep):
        b.path.unlink(missing_ok=True)
        gone.append(b.path)
    return gone
