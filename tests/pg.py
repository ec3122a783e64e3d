"""Start and stop a throwaway PostgreSQL server for tests (see ../shared/PLATFORM.md)."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:  # initdb refuses to run as root
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@dataclass
class PgServer:
    bin: Path
    root: Path
    port: int
    _n = itertools.count(1)

    def new_database(self, template: str | None = None) -> str:
        """A new database, empty or (``template``: a database's name) a copy of that one."""
        name = f"t{next(self._n)}"
        copy = ["-T", template] if template else []
        subprocess.run(_as_postgres([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                                     "-U", "postgres", *copy, name]), check=True, capture_output=True)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate",
                                     "stop"]), capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres(root: Path) -> PgServer:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not bins:
        raise RuntimeError("PostgreSQL is not installed: run `bash packaging/setup.sh test`")
    pgbin = Path(bins[-1])
    root = Path(root)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = _free_port()
    subprocess.run(_as_postgres([str(pgbin / "initdb"), "-D", str(root / "data"), "-U", "postgres", "-A", "trust",
                                 "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]), check=True, capture_output=True)
    subprocess.run(_as_postgres([str(pgbin / "pg_ctl"), "-D", str(root / "data"), "-l", str(root / "server.log"),
                                 "-w", "-t", "30", "-o",
                                 f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off", "start"]),
                   check=True, capture_output=True)
    return PgServer(pgbin, root, port)
