"""Attachments (photos, scans) of a case: files kept in ``<data dir>/attachments/<sha256>``,
named in the case's history by their hash, and sent to head office only when it lacks them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.errors import InvalidInput, NotFound
from app.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Event, FailureCase, SyncFile, SyncOutbox, utcnow
from app.services.uow import UnitOfWork
from app.sync import casefile

KIND = "case.attachment_added"
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentRef:
    sha256: str
    name: str
    size: int


def folder(store) -> Path:
    return Path(store.path).parent / "attachments"


def blob_path(store, sha: str) -> Path:
    if len(sha) != 64 or any(ch not in "0123456789abcdef" for ch in sha):
        raise ValueError("not a SHA-256")
    return folder(store) / sha


def keep_blob(store, data: bytes) -> str:
    sha = casefile.sha256(data)
    path = blob_path(store, sha)
    if not path.exists():
        casefile.write_atomic(path, data)
    return sha


def attach(store, case_id: str, path: Path, actor_id: str | None = None) -> AttachmentRef:
    """Keep a copy of the file and record it in the case's history (a change that syncs)."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(field=str(path), problem=QT_TRANSLATE_NOOP("Errors", "no such file"))
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InvalidInput(field=str(path), problem=QT_TRANSLATE_NOOP("Errors", "larger than 20 MB"))
    sha = keep_blob(store, data)
    with UnitOfWork(store, actor_id) as uow:
        case = uow.session.get(FailureCase, case_id)
        if case is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Case"), key=case_id)
        case.version += 1
        case.updated_at = utcnow()
        uow.record("case", case_id, KIND, {"sha256": sha, "name": path.name, "size": len(data)},
                   case.dealer_id, seq=case.version)
        uow.commit()
    return AttachmentRef(sha, path.name, len(data))


def waiting_hashes(store) -> list[str]:
    """Attachments named by changes in files not yet acknowledged (sent before those files)."""
    with store.session() as s:
        payloads = s.scalars(select(Event.payload).join(SyncOutbox, SyncOutbox.event_id == Event.id)
                             .join(SyncFile, SyncFile.seq == SyncOutbox.file_seq)
                             .where(SyncFile.status == "waiting", Event.kind == KIND))
        return sorted({p["sha256"] for p in payloads})


def named_in(events: list[dict]) -> set[str]:
    return {e["payload"].get("sha256") for e in events if e.get("kind") == KIND
            and isinstance(e.get("payload"), dict) and isinstance(e["payload"].get("sha256"), str)}
