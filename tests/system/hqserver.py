"""Run the real intake server (`recovery-desk hq serve`, uvicorn) as a process on a free port,
and a TCP proxy between client and server that can hold answers back (fault injection)."""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
PORT_ATTEMPTS = 5


def wait_up(proc: subprocess.Popen, health_url: str, log: Path, seconds: float = 30) -> None:
    """Until ``health_url`` answers 200; the log's end in the error when the process exits or never answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited: " + Path(log).read_text(errors="replace")[-2000:])
        try:
            if httpx.get(health_url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("server did not start: " + Path(log).read_text(errors="replace")[-2000:])


_started: list["HqServer"] = []


@atexit.register
def _stop_left_running() -> None:
    """A test whose fixture failed after starting a server never stopped it: stop it with the run."""
    for server in _started:
        server.stop()


class HqServer:
    def __init__(self, db_url: str, inbox: Path, log: Path, *extra: str) -> None:
        self.db_url, self.inbox, self.log = db_url, Path(inbox), Path(log)
        self.extra = extra  # more `hq serve` options
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "HqServer":
        # A free port is free only until something else binds it (another test process's server or
        # any outgoing connection): a first start then tries another port. A restart keeps its port.
        attempts = PORT_ATTEMPTS if self.proc is None else 1
        for attempt in range(attempts):
            said_before = self.log.stat().st_size if self.log.exists() else 0
            try:
                self._start_once()
                return self
            except RuntimeError:
                with open(self.log, "rb") as f:
                    f.seek(said_before)
                    said = f.read().decode(errors="replace")
                if "address already in use" not in said.lower() or attempt == attempts - 1:
                    raise
                self.port = free_port()
                self.url = f"http://127.0.0.1:{self.port}"
        raise AssertionError("unreachable")

    def _start_once(self) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app", "hq", "serve", "--db", self.db_url, "--inbox", str(self.inbox),
             "--port", str(self.port), *self.extra], cwd=ROOT, env=env, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT,
            start_new_session=True)  # its own process group: a kill reaches its uvicorn workers too
        if self not in _started:
            _started.append(self)
        wait_up(self.proc, self.url + "/v1/health", self.log)

    def peak_rss_mb(self) -> float:
        """The server process's peak resident memory so far (VmHWM), in MB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM")

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, as in a crash or power cut."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


class HoldingProxy:
    """Forwards TCP to ``target_port``; while ``hold`` is set, answers from the server are kept back
    (the request has reached the server, the client never hears back)."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.hold = threading.Event()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, True), daemon=True).start()

    def _pipe(self, src, dst, answers: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                while answers and self.hold.is_set():
                    time.sleep(0.02)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self._stop = True
        self.sock.close()
