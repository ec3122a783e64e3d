"""Photos and documents on a case, stored in the data directory under their SHA-256 hash."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.errors import InvalidInput
from app.i18n_marks import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.models import Attachment, utcnow
from app.services.case_log import case_for_change
from app.services.uow import UnitOfWork

MAX_BYTES = 50 * 1024 * 1024
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    case_id: str
    filename: str
    sha256: str
    size: int
    added_at: datetime
    path: Path

    @property
    def is_image(self) -> bool:
        return Path(self.filename).suffix.lower() in IMAGE_SUFFIXES


def files_dir(store) -> Path:
    return Path(store.path).parent / "attachments"


def blob_path(store, sha256: str) -> Path:
    return files_dir(store) / sha256[:2] / sha256


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
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        uow.record("case", case_id, "case.attachment_added",
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
