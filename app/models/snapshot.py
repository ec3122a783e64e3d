"""A backup of a counter's store as one zip: the database copied through SQLite's online backup API,
the attachments, the outbox's case files, and a manifest (what it holds, where sync stood).

The one way the program backs up a store: the copy before a migration, the daily backup, the copy
before a restore and "Back up now" all write this archive. Never a file copy of a live database: the
online backup reads one consistent snapshot while other connections (the desk, a sync round, another
process) go on writing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from dataclasses import MISSING, asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from app.foundation import clock
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models.identity import CASE_SEQ_PREFIX

FORMAT = 1
DB_NAME = "store.sqlite3"
MANIFEST = "manifest.json"
SUFFIX = ".zip"
PREFIX = "backup-"
BACKUPS_DIR = "backups"
# Folders of the data directory that travel with the database, as they lie there.
FOLDERS = ("attachments", "outbox")

Progress = Callable[[int, int], None]  # (done, total) steps


@dataclass(frozen=True)
class Manifest:
    """What a backup holds; read without unpacking it (listing, the check before a restore)."""

    format: int
    created_at: str  # ISO 8601 with the offset
    reason: str  # daily | manual | before_restore | before_upgrade
    store_id: str
    dealer_code: str
    revision: str
    db_bytes: int
    cases: int
    forms: int
    attachments: int
    outbox_files: int
    # Where sync stood: the highest case-file sequence this counter numbered, how many of its changes
    # head office had not acknowledged, the pull cursor, and each month's last case number.
    last_sequence: int = 0
    unacknowledged: int = 0
    pull_cursor: int = 0
    case_numbers: dict[str, int] = field(default_factory=dict)
    program: str = ""


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR


def _scalar(con: sqlite3.Connection, sql: str, default=0):
    """A figure from a store of any schema revision: a table an older store lacks counts as ``default``."""
    try:
        row = con.execute(sql).fetchone()
    except sqlite3.DatabaseError:
        return default
    return default if row is None or row[0] is None else row[0]


def describe(con: sqlite3.Connection) -> dict:
    """The manifest's figures read from an open copy of a store."""
    meta = dict(con.execute("SELECT key, value FROM store_meta").fetchall()) if _scalar(
        con, "SELECT count(*) FROM sqlite_master WHERE name='store_meta'") else {}
    store_id = meta.get("store_id", "")
    dealer = _scalar(con, "SELECT code FROM dealer WHERE id = (SELECT value FROM store_meta "
                          "WHERE key='home_dealer_id')", "")
    unfiled = _scalar(con, "SELECT count(*) FROM event WHERE origin = (SELECT value FROM store_meta WHERE "
                           "key='store_id') AND id NOT IN (SELECT event_id FROM sync_outbox)")
    waiting = _scalar(con, "SELECT sum(events) FROM sync_file WHERE status = 'waiting'")
    return {
        "store_id": store_id, "dealer_code": dealer,
        "revision": _scalar(con, "SELECT version_num FROM alembic_version", ""),
        "cases": _scalar(con, "SELECT count(*) FROM failure_case"),
        "forms": _scalar(con, "SELECT count(*) FROM feedback_form"),
        "last_sequence": _scalar(con, "SELECT max(seq) FROM sync_file"),
        "unacknowledged": int(unfiled) + int(waiting),
        "pull_cursor": int(meta.get("sync.pull_cursor", "0") or 0),
        "case_numbers": {k: int(v) for k, v in meta.items() if k.startswith(CASE_SEQ_PREFIX) and v.isdigit()},
    }


def copy_database(src: Path, dst: Path) -> None:
    """A consistent copy of the database at ``src`` (what is still in its WAL included) as one
    self-contained file at ``dst``, checked whole (PRAGMA integrity_check)."""
    with closing(sqlite3.connect(src)) as s, closing(sqlite3.connect(dst)) as d:
        s.execute("PRAGMA busy_timeout=5000")
        # All pages in one step: one read transaction, so one snapshot even while others write (WAL
        # lets them); a stepwise copy starts over whenever another connection writes meanwhile.
        s.backup(d, pages=-1)
    with closing(sqlite3.connect(dst)) as d:
        d.execute("PRAGMA journal_mode=DELETE")  # no -wal beside the copy: the file is the whole store
        check_integrity(d, dst)


class DamagedStore(Exception):
    """A database whose integrity check failed (the words: app.services.backups)."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path, self.detail = path, detail
        super().__init__(f"{path}: {detail}")


def check_integrity(con: sqlite3.Connection, path: Path) -> None:
    rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        raise DamagedStore(path, "; ".join(rows[:5]))


def _files(data_dir: Path) -> list[tuple[Path, str]]:
    out = []
    for folder in FOLDERS:
        root = Path(data_dir) / folder
        if root.is_dir():
            for p in sorted(root.rglob("*")):
                if p.is_file() and not p.name.startswith("."):  # ".x.part": a write under way
                    out.append((p, p.relative_to(data_dir).as_posix()))
    return out


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms can't open a folder; the rename itself is still atomic
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_backup(data_dir: Path, dest: Path, *, reason: str, program: str = "",
                 progress: Progress | None = None) -> Manifest:
    """Write the backup of the store in ``data_dir`` to the zip ``dest`` (written beside it under a
    temporary name, synced, then renamed: a half-written backup never carries the final name)."""
    data_dir, dest = Path(data_dir), Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    files = _files(data_dir)
    total = len(files) + 2
    fd, tmp_db = tempfile.mkstemp(dir=dest.parent, prefix=".db-", suffix=".part")
    os.close(fd)
    fd, tmp_zip = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    os.close(fd)
    try:
        copy_database(data_dir / DB_NAME, Path(tmp_db))
        if progress:
            progress(1, total)
        with closing(sqlite3.connect(tmp_db)) as con:
            figures = describe(con)
        manifest = Manifest(format=FORMAT, created_at=clock.now().isoformat(), reason=reason,
                            db_bytes=os.path.getsize(tmp_db), program=program,
                            attachments=sum(1 for _p, a in files if a.startswith("attachments/")),
                            outbox_files=sum(1 for _p, a in files if a.startswith("outbox/")), **figures)
        # The fastest deflate: a store of text shrinks about six times even so, in a third of the default time.
        with zipfile.ZipFile(tmp_zip, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=1) as z:
            z.writestr(MANIFEST, json.dumps(asdict(manifest), ensure_ascii=False, indent=1))
            z.write(tmp_db, DB_NAME)
            for i, (path, arc) in enumerate(files, start=2):
                try:  # photos are compressed already: stored as they are
                    z.write(path, arc, compress_type=zipfile.ZIP_STORED)
                except FileNotFoundError:
                    pass  # an outbox file acknowledged meanwhile: head office has it
                if progress:
                    progress(i, total)
        with open(tmp_zip, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp_zip, dest)
        fsync_dir(dest.parent)
    finally:
        Path(tmp_db).unlink(missing_ok=True)
        Path(tmp_zip).unlink(missing_ok=True)
    if progress:
        progress(total, total)
    return manifest


class ManifestProblem(ValueError):
    """What is wrong with a backup's manifest: ``text`` a marked text (context Errors), ``params`` its values."""

    def __init__(self, text: str, **params) -> None:
        super().__init__(text.format(**params))
        self.text, self.params = text, params


def read_manifest(path: Path) -> Manifest:
    """The manifest of the backup at ``path``; ValueError (or zipfile.BadZipFile) when it is not one."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if MANIFEST not in names or DB_NAME not in names:
            raise ManifestProblem(QT_TRANSLATE_NOOP("Errors", "it holds no list of contents and store"))
        data = json.loads(z.read(MANIFEST))
    if not isinstance(data, dict):
        raise ManifestProblem(QT_TRANSLATE_NOOP("Errors", "its manifest is not a table of values"))
    fields = Manifest.__dataclass_fields__
    values = {k: v for k, v in data.items() if k in fields}
    for name, f in fields.items():  # each value of its kind: a restore reads and shows them
        kind = {"int": (int, QT_TRANSLATE_NOOP("Errors", "its manifest's {name} is not a whole number")),
                "str": (str, QT_TRANSLATE_NOOP("Errors", "its manifest's {name} is not text"))}.get(str(f.type))
        if name in values and kind is not None and (type(values[name]) is not kind[0]):
            raise ManifestProblem(kind[1], name=name)
    numbers = values.get("case_numbers", {})
    if not isinstance(numbers, dict) or not all(type(v) is int for v in numbers.values()):
        raise ManifestProblem(QT_TRANSLATE_NOOP("Errors", "its manifest's case_numbers are not numbers"))
    try:
        manifest = Manifest(**values)
        datetime.fromisoformat(manifest.created_at)
    except TypeError:  # a value missing
        raise ManifestProblem(QT_TRANSLATE_NOOP("Errors", "its manifest lacks {names}"), names=", ".join(sorted(
            n for n, f in fields.items() if n not in values and f.default is MISSING
            and f.default_factory is MISSING))) from None
    except ValueError:
        raise ManifestProblem(QT_TRANSLATE_NOOP("Errors", "its manifest's created_at is not a time: {value}"),
                              value=str(manifest.created_at)[:40]) from None
    return manifest


def backup_name(reason: str) -> str:
    return f"{PREFIX}{clock.local_now().strftime('%Y%m%d-%H%M%S')}-{reason}{SUFFIX}"


def take_backup(data_dir: Path, reason: str, *, program: str = "", progress: Progress | None = None) -> Path:
    """Back up the store in ``data_dir`` into its ``backups`` folder; the new backup's path."""
    folder = backups_dir(data_dir)
    dest = folder / backup_name(reason)
    n = 1
    while dest.exists():  # two in the same second (a restore right after "Back up now")
        n += 1
        dest = folder / backup_name(f"{reason}-{n}")
    write_backup(data_dir, dest, reason=reason, program=program, progress=progress)
    return dest


def extract_database(path: Path, dest: Path) -> None:
    """The database of the backup at ``path``, written to ``dest`` and synced."""
    with zipfile.ZipFile(path) as z, z.open(DB_NAME) as src, open(dest, "wb") as out:
        while chunk := src.read(1 << 20):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def extract_files(path: Path, data_dir: Path) -> int:
    """Put the backup's attachments and outbox files into ``data_dir`` where they are missing (each
    written atomically; files already there are the same bytes or newer: left alone). How many."""
    from app.foundation.paths import write_atomic

    n = 0
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            parts = Path(name).parts
            if len(parts) < 2 or parts[0] not in FOLDERS or ".." in parts or Path(name).is_absolute():
                continue
            target = Path(data_dir).joinpath(*parts)
            if not target.exists():
                write_atomic(target, z.read(name))
                n += 1
    return n
