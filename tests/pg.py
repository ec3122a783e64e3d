"""Start and stop a throwaway PostgreSQL server for tests (see ../shared/PLATFORM.md)."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import free_port

PORT_ATTEMPTS = 5


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
    subprocess.run(_as_postgres([str(pgbin / "initdb"), "-D", str(root / "data"), "-U", "postgres", "-A", "trust",
                                 "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]), check=True, capture_output=True)
    # A free port is free only until something else binds it: another test process starting its own
    # server at the same moment, or any program's outgoing connection. Then another port is tried.
    for attempt in range(PORT_ATTEMPTS):
        port = free_port()
        log = root / f"server-{port}.log"
        started = subprocess.run(_as_postgres([str(pgbin / "pg_ctl"), "-D", str(root / "data"), "-l", str(log),
                                               "-w", "-t", "30", "-o",
                                               f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off",
                                               "start"]), capture_output=True, text=True)
        if started.returncode == 0:
            return PgServer(pgbin, root, port)
        said = log.read_text(errors="replace") if log.exists() else ""
        if "could not bind" not in said or attempt == PORT_ATTEMPTS - 1:
            raise RuntimeError(f"PostgreSQL did not start: {started.stderr.strip()}\n{said[-2000:]}")
    raise AssertionError("unreachable")
