"""Attachments at head office, stored once by the SHA-256 of their bytes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models import SyncBlob, utcnow
from app.sync.casefile import sha256

MAX_BYTES = 20 * 1024 * 1024


def missing(db, hashes: list[str]) -> list[str]:
    wanted = sorted({h for h in hashes if isinstance(h, str) and len(h) == 64})
    have = set()
    with db.session() as s:
        for i in range(0, len(wanted), 500):
            have.update(s.scalars(select(SyncBlob.sha256).where(SyncBlob.sha256.in_(wanted[i:i + 500]))))
    return [h for h in wanted if h not in have]


def store_blob(db, data: bytes) -> str:
    sha = sha256(data)
    try:
        with db.session() as s, s.begin():
            if s.get(SyncBlob, sha) is None:
                s.add(SyncBlob(sha256=sha, size=len(data), content=data, received_at=utcnow()))
    except IntegrityError:
        pass  # another upload of the same bytes won the race: stored once either way
    return sha


def load(db, sha: str) -> bytes | None:
    with db.session() as s:
        return s.scalar(select(SyncBlob.content).where(SyncBlob.sha256 == sha))


def import_folder(db, folder: Path) -> int:
    """Attachments exported next to case files (``attachments/<sha256>``); a file whose bytes
    don't match its name is skipped: it can't be what a case names."""
    n = 0
    for p in sorted(Path(folder).glob("attachments/*")):
        data = p.read_bytes()
        if p.is_file() and len(data) <= MAX_BYTES and sha256(data) == p.name:
            store_blob(db, data)
            n += 1
    return n
