"""Program releases head office publishes to counters: a manifest (version, platform, file name, size,
SHA-256) on the same channel as settings and script packs, the file itself stored once by its hash.

Counters get the manifest inside head office's sealed answer to ``/published`` (HMAC with their own
secret, app.sync.wire), then fetch the file and keep it only if its bytes hash to the manifest's
SHA-256: the channel's signature covers the file through its hash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import LargeBinary, func, or_, select

from app.foundation.errors import InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.signing import canonical, sha256
from app.foundation.versions import parse_version, version_number
from app.models import Dealer, SyncBlob, SyncPublished, utcnow
from app.sync.releases import KIND, MAX_BYTES, PRODUCT  # what counters accept, named once
# Which machines a file is for, from its name: a counter takes only its own platform's releases.
PLATFORMS = {".exe": "windows", ".deb": "linux"}


@dataclass(frozen=True)
class Release:
    n: int
    version: str
    platform: str
    file: str
    size: int
    sha256: str
    dealer_code: str | None


def manifest_of(version: str, platform: str, file: str, size: int, digest: str) -> dict:
    return {"product": PRODUCT, "version": version, "platform": platform, "file": file, "size": size,
            "sha256": digest}


def publish_release(db, path: Path, version: str, platform: str | None = None,
                    dealer_code: str | None = None) -> Release:
    """Store the file and publish its manifest; refused (InvalidInput, nothing stored) when the version
    is unreadable or not newer than the last release published for that platform."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(field=str(path), problem=QT_TRANSLATE_NOOP("Errors", "no such file"))
    parsed = parse_version(version)
    if parsed is None:
        raise InvalidInput(field="--version", problem=QT_TRANSLATE_NOOP(
            "Errors", "write the version as numbers with dots, e.g. 1.2.0"))
    platform = platform or PLATFORMS.get(path.suffix.lower())
    if platform not in PLATFORMS.values():
        raise InvalidInput(field="--platform", problem=QT_TRANSLATE_NOOP(
            "Errors", "say which computers the file is for: windows (the setup .exe) or linux (the .deb)"))
    if path.stat().st_size > MAX_BYTES:
        raise InvalidInput(field=str(path), problem=QT_TRANSLATE_NOOP("Errors", "larger than 512 MB"))
    if path.stat().st_size == 0:  # published, every counter would download nothing and fail to install it
        raise InvalidInput(field=str(path), problem=QT_TRANSLATE_NOOP(
            "Errors", "the file is empty: give the installer itself"))
    data = path.read_bytes()
    digest = sha256(data)
    name = f"{PRODUCT}-{platform}"
    with db.session() as s, s.begin():
        dealer_id = None
        if dealer_code:
            dealer_id = s.scalar(select(Dealer.id).where(Dealer.code == dealer_code.strip().upper()))
            if dealer_id is None:
                raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Dealer"), key=dealer_code)
        latest = s.scalar(select(func.max(SyncPublished.version)).where(
            SyncPublished.kind == KIND, SyncPublished.name == name)) or 0
        if version_number(parsed) <= latest:
            raise InvalidInput(field="--version", problem=QT_TRANSLATE_NOOP(
                "Errors", "version {version} is not newer than the last release published for {platform}; "
                "counters would refuse it"), version=version, platform=platform)
        if s.get(SyncBlob, digest) is None:
            s.add(SyncBlob(sha256=digest, size=len(data), content=data, received_at=utcnow()))
        manifest = canonical(manifest_of(version, platform, path.name, len(data), digest))
        row = SyncPublished(dealer_id=dealer_id, kind=KIND, name=name, version=version_number(parsed),
                            sha256=sha256(manifest), content=manifest, published_at=utcnow())
        s.add(row)
        s.flush()
        return Release(row.n, version, platform, path.name, len(data), digest, dealer_code)


CHUNK = 1024 * 1024  # a release leaves head office a megabyte at a time, never whole in memory


def release_size(db, dealer_id: str | None, digest: str) -> int | None:
    """The size of a release file published for this dealer (or all); None for any other hash, so
    the route can't be used to read attachments or another dealer's release."""
    with db.session() as s:
        manifests = s.scalars(select(SyncPublished.content).where(
            SyncPublished.kind == KIND,
            or_(SyncPublished.dealer_id.is_(None), SyncPublished.dealer_id == dealer_id)))
        if not any(_names(m, digest) for m in manifests):
            return None
        return s.scalar(select(SyncBlob.size).where(SyncBlob.sha256 == digest))


def release_chunks(db, digest: str, size: int):
    """The file's bytes in CHUNK pieces, each read on its own (substr works on SQLite BLOBs and
    PostgreSQL bytea alike), so 300 counters fetching at once don't each hold the whole file."""
    for start in range(0, size, CHUNK):
        with db.session() as s:
            piece = s.scalar(select(func.substr(SyncBlob.content, start + 1, CHUNK, type_=LargeBinary))
                             .where(SyncBlob.sha256 == digest))
        if not piece:
            return
        yield bytes(piece)


def _names(manifest: bytes, digest: str) -> bool:
    try:
        return json.loads(manifest).get("sha256") == digest
    except (ValueError, AttributeError):
        return False
