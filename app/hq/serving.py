"""`hq serve`: the intake in one or several processes (uvicorn workers), each building its application
from the environment, so any number of them, on any number of hosts, serve one database.

Nothing a request needs lives in one process's memory: counters, secrets, files and refusals are in
the database, each accepted file also in the inbox folder; imports order themselves per dealer in the
database (app.hq.ordering). So a load balancer may send any request to any process.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.hq import limits

DB_ENV = "RECOVERY_DESK_HQ_DB"  # the central database's URL
INBOX_ENV = "RECOVERY_DESK_HQ_INBOX"  # the folder every accepted file is kept in (shared between hosts or not)


def application():
    """The intake as configured by the environment: uvicorn's application factory in every worker."""
    from app.hq.intake import create_app
    from app.models.store import open_database

    try:
        url, inbox = os.environ[DB_ENV], os.environ[INBOX_ENV]
    except KeyError as missing:
        raise RuntimeError(f"the intake needs {DB_ENV} and {INBOX_ENV} in its environment (missing {missing})") from None
    return create_app(open_database(url), Path(inbox))


def serve(db_url: str, inbox: Path, host: str = "127.0.0.1", port: int = 8765, slow_s: float = limits.SLOW_S,
          workers: int = 1) -> None:
    """Run the intake; ``workers`` processes share the listening socket (uvicorn forks them)."""
    import uvicorn

    from app.models.store import open_database

    # Brought to the program's schema once here, not by several workers racing to migrate.
    open_database(db_url).close()
    os.environ.update({DB_ENV: db_url, INBOX_ENV: str(Path(inbox).resolve()), limits.SLOW_ENV: str(slow_s)})
    uvicorn.run("app.hq.serving:application", factory=True, workers=workers if workers > 1 else None,
                host=host, port=port, log_level="info", http="app.hq.limits:environment_protocol",
                timeout_keep_alive=limits.KEEP_ALIVE_S, h11_max_incomplete_event_size=limits.MAX_HEADER_BYTES,
                limit_concurrency=limits.MAX_CONNECTIONS)
