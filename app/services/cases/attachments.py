"""Photos and documents on a case: the one place that stores, finds and checks their files
(``<data dir>/attachments/<sha[:2]>/<sha256>``), for the desk, sync, export and import alike."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.foundation.paths import write_atomic
from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import new_id
from app.models import Attachment, Event, SyncFile, SyncOutbox, utcnow
from app.models.store_faults import fault_of
from app.services.cases.case_log import case_for_change
from app.services.uow import UnitOfWork
from app.services.changes import ATTACHMENTS, CASES, announces

KIND = "case.attachment_added"  # the event that names an attachment's hash in a case's history
MAX_BYTES = 50 * 1024 * 1024  # the same limit at the counter, on the wire and at head office
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    case_id: str
    filename: str
    sha256: str
    size: int
    added_at: datetime
    path: Path


def is_sha256(value) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


def relative_path(sha256: str) -> Path:
    """Where a file lives below an ``attachments`` folder (data dir, export folder alike)."""
    if not is_sha256(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return Path(sha256[:2]) / sha256


def files_dir(store) -> Path:
    return Path(store.path).parent / "attachments"


def blob_path(store, sha256: str) -> Path:
    return files_dir(store) / relative_path(sha256)


def have_blob(store, sha256: str) -> bool:
    return is_sha256(sha256) and blob_path(store, sha256).is_file()


class BlobTooLarge(ValueError):
    """More bytes than MAX_BYTES."""


class BlobMismatch(ValueError):
    """Bytes that do not hash to the name they are kept or sent under."""


def read_blob(store, sha256: str) -> bytes:
    """The file's bytes, checked against its name: FileNotFoundError, OSError, BlobTooLarge or
    BlobMismatch say why not."""
    path = blob_path(store, sha256)
    if path.stat().st_size > MAX_BYTES:
        raise BlobTooLarge(sha256)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BlobMismatch(sha256)
    return data


def keep_blob(store, data: bytes, sha256: str | None = None) -> str:
    """Store bytes under their hash (atomically); BlobMismatch if they are not what ``sha256`` names."""
    if len(data) > MAX_BYTES:
        raise BlobTooLarge(sha256 or "")
    digest = hashlib.sha256(data).hexdigest()
    if sha256 is not None and digest != sha256:
        raise BlobMismatch(sha256)
    target = blob_path(store, digest)
    if not target.is_file():
        write_atomic(target, data)
    return digest


def _copy_in(store, source: Path) -> tuple[str, int]:
    """Copy into a temp file while hashing, then move into place: a crash leaves no half file."""
    root = files_dir(store)
    root.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    size = 0
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(1 << 20):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise InvalidInput(field="file", problem=QT_TRANSLATE_NOOP("Errors", "files up to 50 MB can be attached"))
                h.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        digest = h.hexdigest()
        target = blob_path(store, digest)
        target.parent.mkdir(exist_ok=True)
        if target.exists():
            os.unlink(tmp)  # the same file is already stored: keep one copy
        else:
            os.replace(tmp, target)
        return digest, size
    except OSError as exc:  # a full or read-only disk: said as the store's own fault, naming the folder
        Path(tmp).unlink(missing_ok=True)
        fault = fault_of(exc, root)
        if fault is None:
            raise
        raise fault from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@announces(ATTACHMENTS | CASES)
def add_attachment(store, case_id: str, source: str | os.PathLike, actor_id: str | None, *,
                   expected_version: int | None = None) -> AttachmentInfo:
    """``expected_version``: the case version the caller saw (CaseChanged when it moved on)."""
    source = Path(source)
    if not source.is_file():
        raise InvalidInput(field="file", problem=QT_TRANSLATE_NOOP("Errors", "choose an existing file"))
    digest, size = _copy_in(store, source)
    with UnitOfWork(store, actor_id, write=True) as uow:
        case, _role = case_for_change(uow, case_id, expected_version)
        now = utcnow()
        att = Attachment(id=new_id(), case_id=case_id, sha256=digest, filename=source.name[:255], size=size,
                         added_at=now, added_by=actor_id)
        uow.session.add(att)
        case.version += 1
        case.updated_at = now
        uow.record("case", case_id, KIND,
                   {"attachment_id": att.id, "filename": att.filename, "sha256": digest, "size": size},
                   case.dealer_id, seq=case.version, at=now)
        uow.commit()
        return AttachmentInfo(att.id, case_id, att.filename, digest, size, now, blob_path(store, digest))


def list_attachments(store, case_id: str) -> list[AttachmentInfo]:
    with store.session() as s:
        rows = s.scalars(select(Attachment).where(Attachment.case_id == case_id).order_by(Attachment.added_at))
        return [AttachmentInfo(a.id, a.case_id, a.filename, a.sha256, a.size, a.added_at, blob_path(store, a.sha256))
                for a in rows]


def export_attachment(store, attachment: AttachmentInfo, target: Path) -> Path:
    shutil.copyfile(attachment.path, target)
    return target


# --- what sync needs: which files the changes name --------------------------------------------

def filename_of(payload) -> str:
    """The file name an attachment event gives (the desk writes ``filename``, older stores ``name``)."""
    if not isinstance(payload, dict):
        return ""
    return str(payload.get("filename") or payload.get("name") or "")[:255]


def _by_hash(payloads) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in payloads:
        if isinstance(p, dict) and is_sha256(p.get("sha256")):
            out.setdefault(p["sha256"], filename_of(p))
    return dict(sorted(out.items()))


def waiting(store) -> dict[str, str]:
    """Attachments named by changes in files not yet acknowledged (they go out before those files):
    hash -> file name."""
    with store.session() as s:
        return _by_hash(s.scalars(select(Event.payload).join(SyncOutbox, SyncOutbox.event_id == Event.id)
                                  .join(SyncFile, SyncFile.seq == SyncOutbox.file_seq)
                                  .where(SyncFile.status == "waiting", Event.kind == KIND)))


def waiting_hashes(store) -> list[str]:
    return list(waiting(store))


def named_in(events: list[dict]) -> dict[str, str]:
    """Attachments a list of case-file events adds: hash -> file name."""
    return _by_hash(e.get("payload") for e in events if isinstance(e, dict) and e.get("kind") == KIND)
