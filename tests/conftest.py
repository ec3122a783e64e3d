"""Shared fixtures: offscreen Qt, the program's clock set for the run, an in-memory keyring, a fresh store per test."""

from __future__ import annotations

import os
from datetime import datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "en_US.UTF-8")

from app.foundation import clock  # noqa: E402

# The moment the suite runs at unless --clock says otherwise: an ordinary weekday mid-month, so the
# result never depends on when the suite is run. --clock moves it (a month's last evening, a year's
# last minute, a year ahead) to prove the time rules hold on any date.
DEFAULT_CLOCK = "2026-11-18T10:30:00+08:00"


def pytest_addoption(parser):
    parser.addoption("--clock", default=DEFAULT_CLOCK, metavar="INSTANT",
                     help="the instant (ISO 8601; a local time without a zone) the program's clock starts "
                          f"at for the whole run, child processes included (default {DEFAULT_CLOCK}); "
                          "'wall' leaves the clock alone")


def pytest_configure(config):
    value = config.getoption("--clock")
    if value == "wall":
        os.environ.pop(clock.ENV, None)
        return
    at = datetime.fromisoformat(value)
    os.environ[clock.ENV] = clock.setting_for(at if at.tzinfo else at.astimezone())


def pytest_report_header(config):
    return f"program clock: {os.environ.get(clock.ENV, 'wall clock')}"

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402


class MemoryKeyring(KeyringBackend):
    """Never the user's real keyring: secrets live in this dict for one test."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path, monkeypatch):
    # Anything that forgets --data-dir lands in the test's temp dir, never the user's data.
    monkeypatch.setenv("RECOVERY_DESK_DATA", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture(scope="session", autouse=True)
def migrated_template(tmp_path_factory):
    """A store file brought to the schema's head once per run, before any identity is given to it:
    copying it is what a test's fresh store costs instead of running every migration again
    (tests.helpers.fresh_store uses it too)."""
    from app.models.snapshot import copy_database
    from app.models.store import STORE_FILE, make_engine, upgrade
    from tests import helpers

    built = tmp_path_factory.mktemp("template") / STORE_FILE
    engine = make_engine(f"sqlite:///{built}")
    upgrade(engine)
    engine.dispose()
    single = built.with_name("single-file.sqlite3")
    copy_database(built, single)  # one file, the WAL folded in
    helpers.MIGRATED_TEMPLATE = single
    yield single
    helpers.MIGRATED_TEMPLATE = None


@pytest.fixture
def new_store(migrated_template):
    """``new_store(folder)``: open_store on a new folder as ``store`` makes one (a copy of the migrated
    template, then its own identity), for tests with several counters."""
    import shutil

    from app.models.store import STORE_FILE, open_store

    def make(folder):
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(migrated_template, folder / STORE_FILE)
        return open_store(folder)

    return make


@pytest.fixture
def new_hq_db(migrated_template):
    """``new_hq_db(path)``: head office's database in a SQLite file at ``path``, opened with
    open_database on a copy of the migrated template (same models and migrations as a counter's store)."""
    import shutil

    from app.models.store import open_database

    def make(path):
        shutil.copyfile(migrated_template, path)
        return open_database(f"sqlite:///{path}")

    return make


@pytest.fixture
def store(data_dir, migrated_template):
    """A fresh store of its own for the test (own store id and dealer), as open_store makes one."""
    import shutil

    from app.models.store import STORE_FILE, open_store

    shutil.copyfile(migrated_template, data_dir / STORE_FILE)
    s = open_store(data_dir)
    yield s
    s.close()


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the whole test session (head-office database tests); with the
    suite on several processes (pytest-xdist) each process has its own: its own folder, port and databases.

    Needs Debian's postgresql package (packaging/setup.sh test installs it). Yields a function
    that creates a fresh empty database and returns its SQLAlchemy URL.
    """
    import tempfile

    from tests.pg import start_postgres

    # Not under pytest's temp dir: its parents are private to root and initdb runs as postgres.
    server = start_postgres(tempfile.mkdtemp(prefix="recovery-desk-pg-"))
    yield server.new_database
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database (no schema: for tests of the migrations themselves)."""
    return pg_server()


@pytest.fixture(scope="session")
def pg_head_template(pg_server):
    """The name of a PostgreSQL database brought to the schema's head once per run (no connection
    left open: PostgreSQL copies a template only while nobody is connected to it)."""
    from app.models.store import open_database

    url = pg_server()
    open_database(url).close()
    return url.rsplit("/", 1)[1]


@pytest.fixture
def pg_url_at_head(pg_server, pg_head_template):
    """A fresh PostgreSQL database already at the schema's head, as open_database leaves a new one: a
    copy of the template instead of every migration again (~1 s each)."""
    return pg_server(template=pg_head_template)


@pytest.fixture
def sqlite_hq_url(tmp_path, migrated_template):
    """Head office's database as a SQLite file of the test's, already at the schema's head."""
    import shutil

    path = tmp_path / "hq.sqlite3"
    shutil.copyfile(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_db(request):
    """Head office's database opened, once on SQLite and once on PostgreSQL (a module's own ``hq_db``
    takes its place there)."""
    from app.models.store import open_database

    url = (request.getfixturevalue("sqlite_hq_url") if request.param == "sqlite"
           else request.getfixturevalue("pg_url_at_head"))
    db = open_database(url)
    yield db
    db.close()


@pytest.fixture
def both_ownership_paths(monkeypatch):
    """Every file head office imports in this process is checked for ownership both ways (whole and
    change by change) and the answers compared (tests/ownership_paths.py)."""
    from app.hq import ownership
    from tests.ownership_paths import BothPaths

    both = BothPaths(ownership.check)
    monkeypatch.setattr(ownership, "check", both)
    return both


@pytest.fixture
def secret_service(tmp_path):
    """A real Secret Service (gnome-keyring on a private D-Bus session bus) for child processes:
    ``secret_service.child_env()`` is the environment that uses it; both daemons end with the test."""
    from tests.secret_service import start_secret_service

    svc = start_secret_service(tmp_path / "secret-service")
    yield svc
    svc.stop()


@pytest.fixture(scope="session", autouse=True)
def _pack_parsed_once():
    """A script pack's text is parsed once per run: every main window loads the bundled pack (YAML,
    ~0.5 s). parse_pack is a pure function of (text, source) returning frozen data, so the same text
    gives an equal Pack; a refused text raises every time (exceptions are not cached)."""
    import functools

    from app.scripts import pack

    original = pack.parse_pack
    cached = functools.lru_cache(maxsize=64)(original)
    pack.parse_pack = functools.wraps(original)(lambda text, source: cached(text, source))
    yield
    pack.parse_pack = original


@pytest.fixture
def serve_in_process():
    """``serve_in_process(db, inbox)``: head office's intake app served inside this process, as the
    transport a SyncClient takes; it is served until the test ends."""
    from contextlib import ExitStack

    from tests.synchelp import in_process_head_office

    with ExitStack() as stack:
        yield lambda db, inbox: stack.enter_context(in_process_head_office(db, inbox))
