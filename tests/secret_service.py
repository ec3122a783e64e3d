"""A private Secret Service for tests: its own D-Bus session bus and gnome-keyring, never the user's."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

BUS_NAME = "org.freedesktop.secrets"
PASSWORD = b"recovery-desk-test-keyring"  # gnome-keyring needs a non-empty one to create and unlock "login"
KEYRING_BACKEND = "keyring.backends.SecretService.Keyring"


class SecretServiceUnavailable(RuntimeError):
    pass


@dataclass
class SecretService:
    root: Path
    bus_address: str = ""
    bus_pid: int = 0
    keyring_proc: subprocess.Popen | None = None
    env: dict = field(default_factory=dict)

    def child_env(self, base: dict | None = None) -> dict:
        """``base`` (default os.environ) pointed at this bus and its keyring, for child processes."""
        return {**(os.environ if base is None else base), **self.env}

    def items(self) -> list[tuple[dict, str]]:
        """Every secret in the default collection, read back through secretstorage: (attributes, secret)."""
        import secretstorage

        conn = _connect(self.bus_address)
        try:
            coll = secretstorage.get_default_collection(conn)
            if coll.is_locked():
                coll.unlock()
            return [(it.get_attributes(), it.get_secret().decode()) for it in coll.get_all_items()]
        finally:
            conn.close()

    def secret(self, service: str, username: str) -> str | None:
        for attrs, value in self.items():
            if attrs.get("service") == service and attrs.get("username") == username:
                return value
        return None

    def stop(self) -> None:
        if self.keyring_proc is not None and self.keyring_proc.poll() is None:
            self.keyring_proc.terminate()
            try:
                self.keyring_proc.wait(10)
            except subprocess.TimeoutExpired:
                self.keyring_proc.kill()
                self.keyring_proc.wait(10)
        if self.bus_pid:
            try:
                os.kill(self.bus_pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.bus_pid = 0


def _connect(address: str):
    from jeepney.io.blocking import open_dbus_connection

    return open_dbus_connection(address)


def _name_owned(address: str) -> bool:
    from jeepney import DBusAddress, new_method_call

    bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus")
    conn = _connect(address)
    try:
        reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", (BUS_NAME,)), timeout=5)
        return bool(reply.body[0])
    finally:
        conn.close()


def start_secret_service(root: Path, timeout: float = 20) -> SecretService:
    """Start dbus-daemon (session bus) and gnome-keyring-daemon's secrets component, unlocked, with
    HOME and the XDG dirs inside ``root``. Raises SecretServiceUnavailable when the programs are missing
    (packaging/setup.sh test installs them)."""
    missing = [p for p in ("dbus-daemon", "gnome-keyring-daemon") if shutil.which(p) is None]
    if missing:
        raise SecretServiceUnavailable(f"{', '.join(missing)} not installed: run `bash packaging/setup.sh test` "
                                       "(Debian packages gnome-keyring dbus-daemon dbus-bin)")
    root = Path(root)
    home, runtime = root / "home", root / "run"
    for d in (home, runtime, home / ".local" / "share", home / ".config", home / ".cache"):
        d.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    # Only these variables: the user's own bus address or keyring sockets must not leak in.
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
            "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"), "LANG": "C.UTF-8"}
    svc = SecretService(root)
    out = subprocess.run(["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1",
                          "--print-pid=1"], env=base, capture_output=True, text=True, timeout=30)
    lines = out.stdout.split()
    if out.returncode != 0 or len(lines) < 2:
        raise SecretServiceUnavailable(f"dbus-daemon did not start: {out.stderr.strip()}")
    svc.bus_address, svc.bus_pid = lines[0], int(lines[1])
    try:
        env = dict(base, DBUS_SESSION_BUS_ADDRESS=svc.bus_address)
        # --foreground: we hold its pid and end it ourselves; the unlock password comes on stdin.
        svc.keyring_proc = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"], env=env,
            stdin=subprocess.PIPE, stdout=open(root / "gnome-keyring.log", "wb"), stderr=subprocess.STDOUT)
        svc.keyring_proc.stdin.write(PASSWORD)
        svc.keyring_proc.stdin.close()
        deadline = time.monotonic() + timeout
        while not _name_owned(svc.bus_address):
            if svc.keyring_proc.poll() is not None or time.monotonic() > deadline:
                raise SecretServiceUnavailable("gnome-keyring-daemon did not take " + BUS_NAME + ": "
                                               + (root / "gnome-keyring.log").read_text(errors="replace")[-2000:])
            time.sleep(0.05)
        svc.env = {"DBUS_SESSION_BUS_ADDRESS": svc.bus_address, "XDG_RUNTIME_DIR": str(runtime),
                   "PYTHON_KEYRING_BACKEND": KEYRING_BACKEND}
        # The collection exists once something asks for it; make sure it is there and unlocked.
        svc.items()
    except BaseException:
        svc.stop()
        raise
    return svc
