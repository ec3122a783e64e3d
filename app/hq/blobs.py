"""Attachments at head office, stored once by the SHA-256 of their bytes, handed only to counters of
a dealer whose case names them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models import Attachment, Event, FailureCase, SyncBlob, utcnow
from app.services.attachments import KIND, MAX_BYTES, is_sha256
from app.foundation.signing import sha256

__all__ = ["MAX_BYTES", "missing", "store_blob", "load", "may_fetch", "import_folder"]


def missing(db, hashes: list[str]) -> list[str]:
    wanted = sorted({h for h in hashes if is_sha256(h)})
    have = set()
    with db.session() as s:
        for i in range(0, len(wanted), 500):
            have.update(s.scalars(select(SyncBlob.sha256).where(SyncBlob.sha256.in_(wanted[i:i + 500]))))
    return [h for h in wanted if h not in have]


def store_blob(db, data: bytes, expected: str | None = None) -> str:
    """ValueError for bytes over the limit or not matching ``expected``: never stored under a wrong name."""
    if len(data) > MAX_BYTES:
        raise ValueError("attachment larger than the limit")
    sha = sha256(data)
    if expected is not None and sha != expected:
        raise ValueError("attachment bytes do not match their hash")
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


def may_fetch(db, dealer_id: str | None, sha: str) -> bool:
    """Whether a case of this dealer names the attachment (in its history, or as an attachment row):
    knowing a hash is not enough to read another dealer's photo."""
    if not dealer_id or not is_sha256(sha):
        return False
    with db.session() as s:
        named = s.scalar(select(Event.id).where(Event.kind == KIND, Event.dealer_id == dealer_id,
                                                Event.payload["sha256"].as_string() == sha).limit(1))
        if named is not None:
            return True
        return s.scalar(select(Attachment.id).join(FailureCase, FailureCase.id == Attachment.case_id)
                        .where(Attachment.sha256 == sha, FailureCase.dealer_id == dealer_id).limit(1)) is not None


def import_folder(db, folder: Path) -> int:
    """Attachments exported next to case files (``attachments/<sha[:2]>/<sha256>``, or the older flat
    ``attachments/<sha256>``); a file whose bytes don't match its name, or over the limit, is skipped:
    it can't be what a case names."""
    n = 0
    root = Path(folder) / "attachments"
    for p in sorted(root.rglob("*")) if root.is_dir() else []:
        if not p.is_file() or not is_sha256(p.name) or p.stat().st_size > MAX_BYTES:
            continue
        try:
            store_blob(db, p.read_bytes(), expected=p.name)
        except (OSError, ValueError):
            continue
        n += 1
    return n
