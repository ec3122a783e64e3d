"""The one-folder program as dealers get it: built with PyInstaller from this source (reused from
build/frozen/<source hash> when nothing changed), started offscreen: its first window, a
`feedback summary` and `--version`; on Linux also packed as a .deb. Prints its size and its start
time against the program run from the virtual environment, measured in this run."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from app import __version__

pytestmark = [pytest.mark.slow, pytest.mark.frozen]

ROOT = Path(__file__).resolve().parents[2]
BUILDS = ROOT / "build" / "frozen"
LOCK = ".lock"
SOURCES = ["app", "resources", "packaging/recovery-desk.spec", "packaging/entry.py", "pyproject.toml"]


def source_hash() -> str:
    """What the build is made of: every file of the program, its resources and the build recipe."""
    h = hashlib.sha256()
    for name in SOURCES:
        p = ROOT / name
        files = sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts) if p.is_dir() else [p]
        for f in files:
            h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


@contextmanager
def one_builder_at_a_time():
    """Held while a build is checked for and made: with the suite on several processes, two tests of
    this module can want the build at once, and the second must wait for the first's, not delete it
    half made and start its own in the same folder."""
    BUILDS.mkdir(parents=True, exist_ok=True)
    with open(BUILDS / LOCK, "a+b") as f:
        if os.name == "nt":
            import msvcrt

            f.seek(0)
            while True:
                try:
                    msvcrt.locking(f.fileno(), msvcrt.LK_LOCK, 1)  # gives up after ~10 s: try again
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)


def frozen_program() -> Path:
    """The built folder for this source: built now if no finished build of it is kept."""
    key = source_hash()
    here = BUILDS / key
    dist = here / "dist" / "recovery-desk"
    if (here / "done").is_file():
        return dist
    with one_builder_at_a_time():
        if not (here / "done").is_file():  # another process may have built it while this one waited
            build(here, key)
    return dist


def build(here: Path, key: str) -> None:
    """PyInstaller's one-folder program of this source in ``here``; older builds removed."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is missing: `pip install -e .[dev]` (packaging/setup.sh test) installs it")
    shutil.rmtree(here, ignore_errors=True)
    r = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                        "--distpath", str(here / "dist"), "--workpath", str(here / "work"),
                        str(ROOT / "packaging" / "recovery-desk.spec")], cwd=ROOT, capture_output=True, text=True,
                       timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    shutil.rmtree(here / "work", ignore_errors=True)
    (here / "done").write_text(key)
    for old in BUILDS.iterdir():  # one build is kept: the one of the source as it is now
        if old != here and old.name != LOCK:
            shutil.rmtree(old, ignore_errors=True)


def run(exe: Path, *args, timeout=120, base_env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ if base_env is None else base_env, QT_QPA_PLATFORM="offscreen", LANG="en_US.UTF-8",
               LC_ALL="en_US.UTF-8")
    env.pop("PYTHONPATH", None)  # the frozen program must need nothing from this checkout
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=exe.parent.parent)


def test_the_frozen_program_starts_its_window_and_commands(tmp_path):
    dist = frozen_program()
    exe = dist / ("recovery-desk-cli.exe" if os.name == "nt" else "recovery-desk")

    r = run(exe, "--version")
    assert r.returncode == 0 and r.stdout.strip() == f"recovery-desk {__version__}", r.stderr

    r = run(exe, "--data-dir", str(tmp_path / "data"), "check", "--screenshot", str(tmp_path / "first.png"))
    assert r.returncode == 0, r.stderr[-3000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got["ready"] and got["first_start"] and got["chinese_font"], got
    assert got["window"] == "Recovery Desk: sign in" and got["platform"] == "offscreen"
    assert (tmp_path / "first.png").stat().st_size > 1000  # the window was painted

    r = run(exe, "--data-dir", str(tmp_path / "data"), "feedback", "summary", "--month", "2026-11", "--json")
    assert r.returncode == 0, r.stderr[-3000:]
    assert json.loads(r.stdout)["forms"] == 0

    r = run(exe, "--data-dir", str(tmp_path / "data"), "feedback", "summary", "--month", "26-11")
    assert r.returncode == 2  # bad input is refused as from the checkout

    # Size and start time against the program run from the virtual environment, in this run.
    m = subprocess.run([sys.executable, str(ROOT / "packaging" / "measure_build.py"), str(dist), "--runs", "3",
                        "--json"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert m.returncode == 0, m.stderr[-2000:]
    print("\n" + "\n".join(m.stdout.splitlines()[:-1]))
    figures = json.loads(m.stdout.splitlines()[-1])
    assert figures["size_mb"] > 0


@pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="the Debian package is built on Debian (dpkg-deb)")
def test_the_debian_package_installs_under_opt_with_a_link_and_a_desktop_entry(tmp_path):
    dist = frozen_program()
    env = dict(os.environ, DEB_COMPRESSION="none")  # the layout is under test, not gzip's speed
    r = subprocess.run(["bash", str(ROOT / "packaging" / "deb.sh"), str(dist), str(tmp_path)], capture_output=True,
                       text=True, timeout=300, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    [deb] = tmp_path.glob("recovery-desk_*.deb")
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert "./opt/recovery-desk/recovery-desk" in listing
    assert "./usr/bin/recovery-desk -> /opt/recovery-desk/recovery-desk" in listing
    assert "./usr/share/applications/recovery-desk.desktop" in listing
    assert "./usr/share/icons/hicolor/scalable/apps/recovery-desk.svg" in listing
    info = subprocess.run(["dpkg-deb", "--field", str(deb), "Package", "Version"], capture_output=True, text=True,
                          check=True).stdout
    assert f"Version: {__version__}" in info
    # Unpacked as dpkg would, the program starts from its place under /opt.
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    r = run(root / "opt" / "recovery-desk" / "recovery-desk", "--version")
    assert r.returncode == 0 and __version__ in r.stdout


def test_the_frozen_program_keeps_the_credential_in_the_secret_service(tmp_path, secret_service):
    """The keyring's backends and what the Secret Service one needs (secretstorage, jeepney,
    cryptography) are all in the folder: the frozen program finds a real, unlocked keyring."""
    dist = frozen_program()
    env = secret_service.child_env()
    env.pop("PYTHON_KEYRING_BACKEND", None)
    r = run(dist / "recovery-desk", "--data-dir", str(tmp_path / "data"), "check", base_env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    assert json.loads(r.stdout.strip().splitlines()[-1])["keyring"] == "keyring.backends.SecretService.Keyring"
