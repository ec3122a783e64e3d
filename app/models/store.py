"""The offline store: a SQLite file in the data directory, opened durable, migrated at start-up.

Before any upgrade the store is backed up to ``backups/`` (app.models.snapshot, the one backup
there is); if the upgrade fails the backup's database is put back.
A store written by a newer program is refused before anything is written to it.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.models import snapshot
from app.foundation.errors import MigrationFailed, StoreError, StoreTooNew
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.paths import make_private, private_umask
from app.models.store_faults import speak_faults

log = logging.getLogger(__name__)

STORE_FILE = "store.sqlite3"
# The schema's history (alembic), beside the models, not among them: some revisions use the services'
# definitions (the month sums, the failure condition compiled into form_month's triggers).
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> tuple[set[str], str]:
    """All revisions this program ships, and the newest (head)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    revs = {r.revision for r in script.walk_revisions()}
    return revs, script.get_current_head()


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*['\"]?([^'\"\n]*?)['\"]?\s*$", re.M)


def shipped_head() -> str | None:
    """The newest revision this program ships, read from the migration files' text.

    The start-up fast path: comparing it with the store's revision needs neither alembic nor the
    migration modules. None when the files don't form one simple chain (then alembic decides).
    """
    revisions, parents = set(), set()
    try:
        files = sorted((MIGRATIONS / "versions").glob("*.py"))
        for f in files:
            found = dict(_REVISION_LINE.findall(f.read_text(encoding="utf-8")))
            if "revision" not in found or "down_revision" not in found:
                return None
            revisions.add(found["revision"])
            if found["down_revision"] not in ("None", ""):
                parents.add(found["down_revision"])
    except OSError:
        return None
    heads = revisions - parents
    if len(heads) != 1 or not parents <= revisions:
        return None
    return heads.pop()


def _apply_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer; survives crashes
    cur.execute("PRAGMA synchronous=FULL")  # a committed change survives a power cut
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _pg_settings(dbapi_connection, _record) -> None:
    """PostgreSQL: large values (a kept case file, 300-400 kB each) compressed with lz4 where the server
    has it: pglz, the default, took 5-7 ms of every file head office imports, lz4 under 2, and its
    values are smaller. Values already stored stay as they are; the server reads both."""
    cur = dbapi_connection.cursor()
    try:
        cur.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cur.fetchone()
        if row is not None and row[0]:
            cur.execute("SET default_toast_compression = lz4")
    finally:
        cur.close()
    dbapi_connection.commit()  # a session setting, kept once its transaction ends


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _pg_settings)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _apply_pragmas)
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (BEGIN on first statement).
        @event.listens_for(engine, "connect")
        def _no_pysqlite_tx(dbapi_connection, _record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # A unit of work that changes a case asks for the write lock up front (BEGIN IMMEDIATE):
            # its version check and its write then see the same, latest state (see UnitOfWork).
            immediate = conn.get_execution_options().get("sqlite_begin_immediate")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _stored_revision(path: Path) -> str | None:
    """Read the schema revision without writing a byte (read-only, no WAL switch)."""
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            has = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
            if not has:
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise StoreError(QT_TRANSLATE_NOOP("Errors", "The store at {path} can't be read: {reason}"), path=str(path), reason=str(exc)) from exc


PERMISSIONS_REPAIRED = QT_TRANSLATE_NOOP("Errors",
    "Other users of this computer could read {count} file(s) of the store in {path} (customers' names "
    "and phones). They are now readable by you only. Keep the folder private; don't copy it to shared places.")


@dataclass
class Store:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    # Files and folders found readable by others at opening and made private (see PERMISSIONS_REPAIRED).
    repaired: list[Path] = field(default_factory=list)

    def session(self) -> Session:
        return self.session_factory()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads that a commit ends (a rollback when it raises). On PostgreSQL a rollback
        makes psycopg forget every statement it prepared on the connection, so a server whose every
        request opens with a read (a counter's secret, a file's checks) had its statements planned
        again each time: the ownership read of a file over 14 tables, 2.3 ms of planning. There its
        reads run in no transaction (autocommit): each statement of a transaction at READ COMMITTED
        sees what was committed when it started anyway, and its end (a COMMIT) was a round trip more
        of every file head office imports."""
        with self.session() as s:
            if self.engine.dialect.name == "postgresql":
                s.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            yield s
            s.commit()

    def close(self) -> None:
        self.engine.dispose()


def open_store(data_dir: Path) -> Store:
    """Open (creating or upgrading as needed) the store in ``data_dir``."""
    data_dir = Path(data_dir)
    private_umask()
    repaired = make_private(data_dir)
    if repaired:  # the person is told in their words (the desk's message, the command line's); the paths to the log
        log.info("others could read %d file(s) in %s; now only their owner can: %s", len(repaired), data_dir,
                 ", ".join(str(p) for p in repaired[:10]))
    path = data_dir / STORE_FILE
    current = _stored_revision(path)
    if current is not None and current == shipped_head():
        head = current  # up to date: nothing to migrate, no need to load alembic
    else:
        revisions, head = known_revisions()
        if current is not None and current not in revisions:
            raise StoreTooNew(path=str(path), found=current, known=head)

    backup: Path | None = None
    if current is not None and current != head:
        backup = snapshot.take_backup(data_dir, "before_upgrade")
        log.info("store backed up to %s before upgrading %s -> %s", backup, current, head)

    engine = make_engine(f"sqlite:///{path}")
    speak_faults(engine, path)
    if current != head:
        try:
            upgrade(engine)
        except Exception as exc:
            engine.dispose()
            if backup is not None:
                for suffix in ("-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
                snapshot.extract_database(backup, path)
            elif current is None:
                # A brand-new store that failed to build holds nothing worth keeping.
                for suffix in ("", "-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
            raise MigrationFailed(path=str(path), reason=str(exc), backup=str(backup or "-")) from exc

    store = Store(path, engine, sessionmaker(engine, expire_on_commit=False), repaired)
    from app.models.identity import ensure_identity

    ensure_identity(store)
    return store


def open_database(url: str) -> Store:
    """Open a server database (head office's PostgreSQL) by URL and bring its schema to head.

    Same models and migrations as a counter's store; no file backup (the server's own backups
    apply). A database from a newer program is refused.
    """
    engine = make_engine(url)
    revisions, head = known_revisions()
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current is not None and current not in revisions:
        engine.dispose()
        raise StoreTooNew(path=url.split("@")[-1], found=current, known=head)
    if current != head:
        upgrade(engine)
    return Store(Path(url.split("@")[-1]), engine, sessionmaker(engine, expire_on_commit=False))


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # SQLite's way to change a table is to rebuild it, with foreign keys off (they can only be
            # switched outside a transaction): dropping the old table would otherwise fail every row
            # that points at it. They are checked before the upgrade commits and switched on again.
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                command.upgrade(_alembic_config(conn), revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StoreError(QT_TRANSLATE_NOOP("Errors", "The upgraded store has {n} rows pointing at "
                                                           "rows that don't exist."), n=len(broken))
        finally:
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
