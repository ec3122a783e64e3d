"""Two counters of dealer BJ01 and their head office over PostgreSQL behind a real `hq serve`, driven
through the command line (`network_of_two`; with head office's intake in this process on SQLite it is
`tests.synchelp.two_in_process`); and the bytes a store leaves on disk."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from app.models.snapshot import backups_dir
from app.models.store import STORE_FILE
from tests.system.hqserver import HqServer
from tests.system.test_network_scenario import Network


@contextmanager
def network_of_two(tmp_path: Path, hq_db: str, secret_service, *, people2=()) -> Iterator[tuple]:
    """Dealer BJ01 at head office (PostgreSQL at ``hq_db``) behind `hq serve`; counters 1 and 2 enrolled
    and connected, each with its people: bj1admin and the supervisor bj1sup (王主管) at counter 1,
    bj2admin and ``people2`` (``[user, name, role]`` each) at counter 2. Yields the processes' runner
    and the two data directories; the server stops afterwards."""
    net = Network(tmp_path, secret_service)
    c1, c2 = tmp_path / "counter1", tmp_path / "counter2"
    net.cli("hq", "dealer", "add", "--db", hq_db, "BJ01", "北京一店")
    server = HqServer(hq_db, tmp_path / "inbox", tmp_path / "server.log").start()
    try:
        for d, label in ((c1, "counter 1"), (c2, "counter 2")):
            code = net.cli("hq", "enrol", "--db", hq_db, "--dealer", "BJ01").stdout.strip()
            net.cli("--data-dir", d, "connect", "--url", server.url, "--code", code, "--label", label)
        net.act(c1, "people", admin="bj1admin", others=[["bj1sup", "王主管", "supervisor"]])
        net.act(c2, "people", admin="bj2admin", others=[list(p) for p in people2])
        yield net, c1, c2
    finally:
        server.stop()


def sqlite_bytes(path: Path) -> bytes:
    """What a SQLite file holds on disk: the file and its WAL."""
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def store_bytes(data_dir: Path) -> bytes:
    return sqlite_bytes(Path(data_dir) / STORE_FILE)


def newest_backup_bytes(data_dir: Path) -> bytes:
    """Every member of the newest backup archive in the data directory (newest as written on disk)."""
    import zipfile

    newest = max(backups_dir(data_dir).glob("*.zip"), key=lambda p: p.stat().st_mtime_ns)
    with zipfile.ZipFile(newest) as z:
        return b"".join(z.read(n) for n in z.namelist())
