"""Restoring a backup: checked first, the current store backed up, what head office has not yet
received named before it is given up, and the store file replaced in one atomic step.

A restored counter keeps numbering forward: what it already sent (case-file sequences) and the case
numbers it already gave out are carried over from the store it replaces, so head office never sees a
number twice for different contents. A process killed at any moment leaves either the old store or
the restored one, whole (the restored database is written beside the store, synced, then renamed
over it).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from app import __version__
from app.foundation import clock
from app.foundation.errors import RecoveryDeskError, StoreTooNew
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import snapshot
from app.models.identity import CASE_SEQ_PREFIX, SEQUENCE_FLOOR_KEY as SEQUENCE_FLOOR
from app.models.store import STORE_FILE, known_revisions, shipped_head

log = logging.getLogger(__name__)

PAUSE_ENV = "RECOVERY_DESK_RESTORE_PAUSE"  # tests only: stop at a named step so a test can kill the process
TMP_PREFIX = ".restore-"


class NotABackup(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} is not a Recovery Desk backup ({reason}). Choose a file the program "
                                       "made (backup-....zip).")
    worded = ("reason",)  # our words, not zipfile's or json's (English inside a Chinese message)
    NOT_A_ZIP = QT_TRANSLATE_NOOP("Errors", "it is not a .zip file")
    NO_MANIFEST = QT_TRANSLATE_NOOP("Errors", "its list of contents is missing or damaged")
    INCOMPLETE = QT_TRANSLATE_NOOP("Errors", "the .zip file is damaged or was not copied whole")


class DamagedStore(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "The store in {path} failed its integrity check ({detail}). Nothing was "
                                       "changed. Use another backup.")
    worded = ("detail",)
    # SQLite's own findings (pages, rows) are logged: they tell a reader nothing they can act on.
    DAMAGED = QT_TRANSLATE_NOOP("Errors", "its database is damaged")
    NOT_A_DATABASE = QT_TRANSLATE_NOOP("Errors", "its database is damaged or is no database at all")
    NOT_A_STORE = QT_TRANSLATE_NOOP("Errors", "it holds no store's tables")

    @classmethod
    def of(cls, exc: snapshot.DamagedStore, path: str) -> DamagedStore:
        log.info("integrity check of %s failed: %s", path, exc.detail)
        return cls(path=path, detail=cls.NOT_A_STORE if exc.detail == NO_TABLES else cls.DAMAGED)


class UnsentWouldBeLost(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "{count} change(s) made on this counter have not reached head office yet "
                                       "and are not in this backup: after restoring it they would no longer be on this "
                                       "counter (the backup of the current store taken before restoring keeps them). "
                                       "Sync first, or confirm to restore anyway (command line: --force).")


class StoreInUse(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "The store in {path} is in use by another program (Recovery Desk still open "
                                       "on this PC?). Close it and restore again; nothing was changed.")


class CurrentNotBackedUp(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "The current store could not be backed up before restoring ({reason}), so "
                                       "nothing was changed. Restore anyway with --force (command line).")
    worded = ("reason",)
    DAMAGED = QT_TRANSLATE_NOOP("Errors", "it is damaged")


NO_TABLES = DamagedStore.NOT_A_STORE


@dataclass(frozen=True)
class RestoreCheck:
    """What restoring a backup would do, before anything is changed."""

    manifest: snapshot.Manifest
    same_counter: bool  # the backup is of this very counter (else: a new PC taking over a counter)
    unsent_lost: int  # this counter's changes head office has not acknowledged and the backup lacks
    sent_not_here: int  # changes head office has that the restored store will not hold
    unreadable: bool = False  # the current store is damaged: nothing of it counted or carried over


@dataclass(frozen=True)
class Restored:
    check: RestoreCheck
    before: Path | None  # the backup of the store as it was (None: there was none)
    files_added: int  # attachments and outbox files put back


def _pause(step: str) -> None:
    """For the kill test: announce the step on stderr and wait until stdin closes (the test kills us)."""
    if os.environ.get(PAUSE_ENV) == step:
        print(f"restore paused at {step}", file=sys.stderr, flush=True)
        sys.stdin.read()


def _extract(backup: Path, data_dir: Path) -> tuple[snapshot.Manifest, Path]:
    """The backup's manifest and its database in a temporary file beside the store, checked whole."""
    try:
        manifest = snapshot.read_manifest(backup)
    except zipfile.BadZipFile as exc:
        raise NotABackup(path=str(backup), reason=NotABackup.NOT_A_ZIP) from exc
    except snapshot.ManifestProblem as exc:  # our words, which name what is amiss
        raise NotABackup(path=str(backup), reason=exc.text, **exc.params) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:  # its manifest: absent, no JSON, values amiss
        log.info("no manifest read from %s: %s", backup, exc)
        raise NotABackup(path=str(backup), reason=NotABackup.NO_MANIFEST) from exc
    if manifest.revision and manifest.revision != shipped_head():
        revisions, head = known_revisions()
        if manifest.revision not in revisions:
            raise StoreTooNew(path=str(backup), found=manifest.revision, known=head)
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=TMP_PREFIX, suffix=".part")
    os.close(fd)
    tmp = Path(tmp)
    try:
        snapshot.extract_database(backup, tmp)
        with closing(sqlite3.connect(tmp)) as con:
            snapshot.check_integrity(con, tmp)
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"store_meta", "event", "sync_file", "sync_outbox"} <= tables:  # whole, but of no store
            raise snapshot.DamagedStore(tmp, NO_TABLES)
    except snapshot.DamagedStore as exc:
        tmp.unlink(missing_ok=True)
        raise DamagedStore.of(exc, str(backup)) from exc
    except sqlite3.DatabaseError as exc:  # "malformed", "not a database": damaged beyond checking
        tmp.unlink(missing_ok=True)
        log.info("database of %s unreadable: %s", backup, exc)
        raise DamagedStore(path=str(backup), detail=DamagedStore.NOT_A_DATABASE) from exc
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        tmp.unlink(missing_ok=True)
        log.info("database of %s not extracted: %s", backup, exc)
        disk = isinstance(exc, OSError) and exc.strerror  # the system's words for a full disk: kept
        raise NotABackup(path=str(backup), reason=disk or NotABackup.INCOMPLETE) from exc
    return manifest, tmp


def _meta(con, key: str, default: str = "") -> str:
    try:
        row = con.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.DatabaseError:
        return default
    return row[0] if row else default


def _compare(current: Path, restored: Path, manifest: snapshot.Manifest) -> RestoreCheck:
    """Read the current store beside the restored one: what would be given up."""
    if not current.exists():
        return RestoreCheck(manifest, False, 0, 0)
    try:
        return _compare_readable(current, restored, manifest)
    except sqlite3.DatabaseError as exc:  # "not a database", "malformed": the store a restore is there to mend
        log.info("the current store can't be read (%s): nothing of it is carried over", exc)
        return RestoreCheck(manifest, False, 0, 0, unreadable=True)


def _compare_readable(current: Path, restored: Path, manifest: snapshot.Manifest) -> RestoreCheck:
    with closing(sqlite3.connect(f"file:{current}?mode=ro", uri=True)) as con:
        con.execute("ATTACH DATABASE ? AS b", (str(restored),))
        own = _meta(con, "store_id")
        same = own == manifest.store_id
        # This counter's own changes head office has not acknowledged: never filed, or in a file still waiting.
        unsent = """SELECT count(*) FROM main.event e WHERE e.origin = :own AND e.id NOT IN (SELECT id FROM b.event)
                    AND e.id NOT IN (SELECT o.event_id FROM main.sync_outbox o JOIN main.sync_file f
                                     ON f.seq = o.file_seq WHERE f.status = 'acked')"""
        sent = """SELECT count(*) FROM main.event e WHERE e.origin = :own AND e.id NOT IN (SELECT id FROM b.event)
                  AND e.id IN (SELECT o.event_id FROM main.sync_outbox o JOIN main.sync_file f
                               ON f.seq = o.file_seq WHERE f.status = 'acked')"""
        try:
            lost = con.execute(unsent, {"own": own}).fetchone()[0]
            at_hq = con.execute(sent, {"own": own}).fetchone()[0]
        except sqlite3.DatabaseError:  # a store too old or damaged to tell: say so as "all of it"
            lost = con.execute("SELECT count(*) FROM main.event").fetchone()[0] if same else 0
            at_hq = 0
    return RestoreCheck(manifest, same, lost, at_hq)


def check(data_dir: Path, backup: Path) -> RestoreCheck:
    """What restoring ``backup`` into ``data_dir`` would do; nothing is changed."""
    manifest, tmp = _extract(Path(backup), Path(data_dir))
    try:
        return _compare(Path(data_dir) / STORE_FILE, tmp, manifest)
    finally:
        tmp.unlink(missing_ok=True)


def _carry_over(current: Path, restored: Path) -> None:
    """What head office already has from this counter stays as it is after the restore: files it
    acknowledged stay acknowledged (never sent again), sequences and case numbers already given out
    are never given out again."""
    with closing(sqlite3.connect(restored)) as con:
        con.execute("ATTACH DATABASE ? AS cur", (str(current),))
        with con:
            # The highest sequence ever numbered here, whatever became of its file.
            floor = max(int(_meta(con, SEQUENCE_FLOOR, "0") or 0),
                        con.execute("SELECT coalesce(max(seq), 0) FROM main.sync_file").fetchone()[0],
                        con.execute("SELECT coalesce(max(seq), 0) FROM cur.sync_file").fetchone()[0],
                        int(con.execute("SELECT coalesce(max(CAST(value AS INTEGER)), 0) FROM cur.store_meta "
                                        "WHERE key = ?", (SEQUENCE_FLOOR,)).fetchone()[0]))
            con.execute("INSERT OR REPLACE INTO main.store_meta (key, value) VALUES (?, ?)", (SEQUENCE_FLOOR, str(floor)))
            # Each month's last case number: the higher of the two stores.
            for key, value in con.execute("SELECT key, value FROM cur.store_meta WHERE key LIKE ?",
                                          (CASE_SEQ_PREFIX + "%",)).fetchall():
                mine = _meta(con, key, "0")
                if int(value or 0) > int(mine or 0):
                    con.execute("INSERT OR REPLACE INTO main.store_meta (key, value) VALUES (?, ?)", (key, value))
            # Files head office acknowledged: acknowledged here too (the backup may have them waiting).
            con.execute("""UPDATE main.sync_file SET status = 'acked',
                               acked_at = (SELECT c.acked_at FROM cur.sync_file c WHERE c.seq = main.sync_file.seq)
                           WHERE seq IN (SELECT c.seq FROM cur.sync_file c JOIN main.sync_file m
                                         ON m.seq = c.seq AND m.sha256 = c.sha256 WHERE c.status = 'acked')""")
            # Acknowledged files the backup doesn't know, and which of its changes they carried: so
            # those changes are not filed and sent again.
            con.execute("""INSERT INTO main.sync_file SELECT * FROM cur.sync_file c
                           WHERE c.status = 'acked' AND c.seq NOT IN (SELECT seq FROM main.sync_file)""")
            con.execute("""INSERT OR IGNORE INTO main.sync_outbox (event_id, file_seq)
                           SELECT o.event_id, o.file_seq FROM cur.sync_outbox o
                           JOIN cur.sync_file f ON f.seq = o.file_seq AND f.status = 'acked'
                           WHERE o.event_id IN (SELECT id FROM main.event)""")
        con.execute("DETACH DATABASE cur")


def _quiesce(store_file: Path) -> None:
    """Fold the WAL into the store file and leave it a single file, so renaming another file over it
    can't meet a WAL of the old one. Refused while another connection has it open."""
    if not store_file.exists():
        return
    try:
        with closing(sqlite3.connect(store_file, timeout=5)) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise StoreInUse(path=str(store_file.parent)) from exc
    except sqlite3.DatabaseError:  # damaged (a copy is kept: _keep_damaged): nothing of it to fold in
        for part in ("-wal", "-shm"):
            Path(str(store_file) + part).unlink(missing_ok=True)
        return
    if mode.lower() != "delete":
        raise StoreInUse(path=str(store_file.parent))
    wal = Path(str(store_file) + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise StoreInUse(path=str(store_file.parent))
    wal.unlink(missing_ok=True)
    Path(str(store_file) + "-shm").unlink(missing_ok=True)


def _keep_damaged(store_file: Path) -> Path:
    """The store that can't be backed up, copied as it is into the backups folder (a restore with
    --force replaced it, and what a specialist might still have read of it was gone)."""
    folder = snapshot.backups_dir(store_file.parent)
    folder.mkdir(exist_ok=True)
    kept = folder / f"damaged-{clock.local_now().strftime('%Y%m%d-%H%M%S')}-{STORE_FILE}"
    for part in ("", "-wal"):  # its WAL too: what it holds may be the newest of it
        if Path(str(store_file) + part).exists():
            shutil.copyfile(str(store_file) + part, str(kept) + part)
    return kept


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def restore(data_dir: Path, backup: Path, *, keep: int, force: bool = False, progress=None) -> Restored:
    """Restore ``backup`` into ``data_dir``, whose store must be closed. Raises UnsentWouldBeLost
    (nothing changed) when this counter's unacknowledged changes would be given up, unless ``force``."""
    data_dir, backup = Path(data_dir), Path(backup)
    store_file = data_dir / STORE_FILE
    for stale in data_dir.glob(f"{TMP_PREFIX}*.part"):  # left by a restore killed half way: never the store
        stale.unlink(missing_ok=True)
    manifest, tmp = _extract(backup, data_dir)
    try:
        _pause("extracted")
        found = _compare(store_file, tmp, manifest)
        if found.unsent_lost and not force:
            raise UnsentWouldBeLost(count=found.unsent_lost)
        before = None
        if store_file.exists():
            try:
                before = snapshot.take_backup(data_dir, "before_restore", program=__version__, progress=progress)
            except (snapshot.DamagedStore, sqlite3.DatabaseError, OSError) as exc:
                if not force:
                    # The system's words for a disk's fault (kept as they are); ours for a damaged store.
                    why = (exc.strerror or str(exc)) if isinstance(exc, OSError) else CurrentNotBackedUp.DAMAGED
                    raise CurrentNotBackedUp(reason=why[:200]) from exc
                log.info("restoring without a backup of the current store: %s", exc)
                before = _keep_damaged(store_file)
        _pause("backed_up")
        if found.same_counter:
            _carry_over(store_file, tmp)
        with closing(sqlite3.connect(tmp)) as con:
            con.execute("PRAGMA journal_mode=DELETE")
        _fsync(tmp)
        added = snapshot.extract_files(backup, data_dir)  # files the restored store names, before it does
        _quiesce(store_file)
        _pause("before_replace")
        os.replace(tmp, store_file)
        snapshot.fsync_dir(data_dir)
        _pause("replaced")
    finally:
        tmp.unlink(missing_ok=True)
    from app.services.backups.catalogue import prune

    prune(data_dir, keep)
    log.info("restored %s into %s (current store backed up to %s)", backup, data_dir, before)
    return Restored(found, before, added)
