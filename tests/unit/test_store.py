"""The offline store: durable settings, migrations with backup, refusal of newer stores."""

import sqlite3

import pytest
from sqlalchemy import text

from tests.helpers import downgrade
from app.foundation.errors import MigrationFailed, StoreTooNew
from app.models import store as store_mod
from app.models.store import STORE_FILE, open_store


def test_store_is_durable_by_design(store):
    with store.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert c.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_identity_survives_reopening(data_dir):
    a = open_store(data_dir)
    first = a.identity
    a.close()
    b = open_store(data_dir)
    assert b.identity == first and len(first.tag) == 2
    b.close()


def test_store_from_a_newer_program_is_refused_untouched(data_dir):
    open_store(data_dir).close()
    path = data_dir / STORE_FILE
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNew) as info:
        open_store(data_dir)
    assert "9999_future" in str(info.value) and "newer version" in str(info.value)
    assert path.read_bytes() == before


def test_failed_upgrade_restores_the_backup(data_dir, monkeypatch):
    s = open_store(data_dir)
    with s.engine.begin() as c:
        c.execute(text("INSERT INTO store_meta(key, value) VALUES ('marker', 'kept')"))
    s.close()
    # Pretend the store is one revision behind, then make the upgrade blow up half-way.
    con = sqlite3.connect(data_dir / STORE_FILE)
    con.execute("UPDATE alembic_version SET version_num='0000_old'")
    con.commit()
    con.close()
    real = store_mod.known_revisions
    monkeypatch.setattr(store_mod, "known_revisions", lambda: (real()[0] | {"0000_old"}, real()[1]))

    def broken_upgrade(engine, revision="head"):
        with engine.begin() as c:
            c.execute(text("DELETE FROM store_meta"))
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_mod, "upgrade", broken_upgrade)
    with pytest.raises(MigrationFailed) as info:
        open_store(data_dir)
    assert "disk on fire" in str(info.value)
    backups = list((data_dir / "backups").iterdir())
    assert len(backups) == 1
    con = sqlite3.connect(data_dir / STORE_FILE)
    assert con.execute("SELECT value FROM store_meta WHERE key='marker'").fetchone() == ("kept",)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0000_old",)


def test_migrations_match_the_models(store):
    """A model change without a migration would leave users' stores behind."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.models import Base

    with store.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    assert diff == []


def test_shipped_head_read_from_the_files_is_alembics_head():
    assert store_mod.shipped_head() == store_mod.known_revisions()[1]


def test_an_up_to_date_store_opens_without_loading_alembic(data_dir):
    """The start-up fast path: the revision check alone when nothing needs migrating."""
    import subprocess
    import sys

    open_store(data_dir).close()
    code = ("import sys; from app.models.store import open_store; open_store(sys.argv[1]).close(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_store_one_revision_behind_is_backed_up_and_upgraded(data_dir):
    s = open_store(data_dir)
    s.close()
    con = sqlite3.connect(data_dir / STORE_FILE)
    head = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    previous = store_mod.known_revisions()
    # Step the store back one revision with alembic itself, then open it as the program would.
    from alembic import command

    from app.models.store import _alembic_config, make_engine

    engine = make_engine(f"sqlite:///{data_dir / STORE_FILE}")
    downgrade(engine, "-1")
    engine.dispose()
    assert previous[1] == head
    open_store(data_dir).close()
    con = sqlite3.connect(data_dir / STORE_FILE)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    con.close()
    assert len(list((data_dir / "backups").iterdir())) == 1
