"""Attachments at head office, stored once by the SHA-256 of their bytes, handed only to counters of
a dealer that holds them: one whose counters delivered those bytes (or whose files head office
imported with them). Knowing a hash is never enough to read another dealer's photo."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models import Attachment, FailureCase, HqBlobHolder, SyncBlob, utcnow
from app.services.cases.attachments import KIND, MAX_BYTES, is_sha256
from app.foundation.signing import sha256

__all__ = ["MAX_BYTES", "missing", "store_blob", "load", "may_fetch", "import_folder", "hold", "held_by_others"]


def missing(db, hashes: list[str], dealer_id: str | None = None) -> list[str]:
    """The hashes head office lacks, or (``dealer_id``) that this dealer does not hold yet: a counter
    uploads those, proving it has the bytes even when another dealer delivered the same ones."""
    wanted = sorted({h for h in hashes if is_sha256(h)})
    have = set()
    with db.session() as s:
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            if dealer_id is None:
                have.update(s.scalars(select(SyncBlob.sha256).where(SyncBlob.sha256.in_(chunk))))
            else:
                have.update(s.scalars(select(HqBlobHolder.sha256).where(HqBlobHolder.sha256.in_(chunk),
                                                                        HqBlobHolder.dealer_id == dealer_id)))
    return [h for h in wanted if h not in have]


def hold(session, dealer_id: str, shas) -> None:
    """Record (in the caller's transaction) that ``dealer_id`` holds these stored blobs."""
    for sha in sorted(set(shas)):
        if session.get(SyncBlob, sha) is not None and session.get(HqBlobHolder, (sha, dealer_id)) is None:
            session.add(HqBlobHolder(sha256=sha, dealer_id=dealer_id, since=utcnow()))
    session.flush()


def held_by_others(session, dealer_id: str, shas: set[str]) -> set[str]:
    """Of these hashes, the blobs head office stores that ``dealer_id`` does not hold."""
    stored, held = set(), set()
    wanted = sorted(h for h in shas if is_sha256(h))
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        stored.update(session.scalars(select(SyncBlob.sha256).where(SyncBlob.sha256.in_(chunk))))
        held.update(session.scalars(select(HqBlobHolder.sha256).where(HqBlobHolder.sha256.in_(chunk),
                                                                      HqBlobHolder.dealer_id == dealer_id)))
    return stored - held


def store_blob(db, data: bytes, expected: str | None = None, dealer_id: str | None = None) -> str:
    """ValueError for bytes over the limit or not matching ``expected``: never stored under a wrong name.
    ``dealer_id``: the dealer whose counter delivered them, from now on one that holds them."""
    if len(data) > MAX_BYTES:
        raise ValueError("attachment larger than the limit")
    sha = sha256(data)
    if expected is not None and sha != expected:
        raise ValueError("attachment bytes do not match their hash")
    try:
        with db.session() as s, s.begin():
            if s.get(SyncBlob, sha) is None:
                s.add(SyncBlob(sha256=sha, size=len(data), content=data, received_at=utcnow()))
                s.flush()
    except IntegrityError:
        pass  # another upload of the same bytes won the race: stored once either way
    if dealer_id is not None:
        try:
            with db.session() as s, s.begin():
                hold(s, dealer_id, [sha])
        except IntegrityError:
            pass  # two of the dealer's counters delivered the same bytes at once
    return sha


def load(db, sha: str) -> bytes | None:
    with db.session() as s:
        return s.scalar(select(SyncBlob.content).where(SyncBlob.sha256 == sha))


def may_fetch(db, dealer_id: str | None, sha: str) -> bool:
    """Whether the dealer holds the blob: its counters delivered those bytes, or head office imported
    them with its files. A case naming a hash (even an attachment row) is not enough: a hash can leak."""
    if not dealer_id or not is_sha256(sha):
        return False
    with db.session() as s:
        return s.get(HqBlobHolder, (sha, dealer_id)) is not None


def awaited(db, dealer_id: str | None, sha: str) -> bool:
    """Whether head office lacks the blob while one of the dealer's cases names it: not there yet
    (its counter has not sent it), which the dealer may be told; any other blob is simply refused."""
    if not dealer_id or not is_sha256(sha):
        return False
    with db.session() as s:
        if s.get(SyncBlob, sha) is not None:
            return False
        return s.scalar(select(Attachment.id).join(FailureCase, FailureCase.id == Attachment.case_id)
                        .where(Attachment.sha256 == sha, FailureCase.dealer_id == dealer_id).limit(1)) is not None


def import_folder(db, folder: Path) -> set[str]:
    """Attachments exported next to case files (``attachments/<sha[:2]>/<sha256>``, or the older flat
    ``attachments/<sha256>``); a file whose bytes don't match its name, or over the limit, is skipped:
    it can't be what a case names. The hashes stored: the files imported with them vouch for them.
    Every ``attachments`` folder inside ``folder`` too, as its case files are found: a stick holding
    each counter's export in a folder of its own lost their photos when only its top was looked at."""
    stored: set[str] = set()
    folder = Path(folder)
    roots = sorted(r for r in folder.rglob("attachments") if r.is_dir())
    for p in (p for root in roots for p in sorted(root.rglob("*"))):
        if not p.is_file() or not is_sha256(p.name) or p.stat().st_size > MAX_BYTES:
            continue
        try:
            stored.add(store_blob(db, p.read_bytes(), expected=p.name))
        except (OSError, ValueError):
            continue
    return stored
