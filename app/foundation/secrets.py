"""The one small interface over the OS keyring: a counter's sync credential lives only there."""

from __future__ import annotations

import sys
from pathlib import Path

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from app.foundation.errors import RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

SERVICE = "RecoveryDesk"

# Backends that keep secrets readable on disk: refused, never used as a silent fallback.
_PLAINTEXT = ("keyrings.alt.file.PlaintextKeyring", "keyrings.alt.file.EncryptedKeyring",
              "keyring.backends.fail.Keyring", "keyring.backends.null.Keyring")


# What to do about a missing keyring, for the system the program runs on (see remedy()).
REMEDIES = {
    "windows": QT_TRANSLATE_NOOP("Errors", "Windows keeps it in its Credential Manager, which is built in: sign in "
                                           "to Windows with your own user account and connect again."),
    "macos": QT_TRANSLATE_NOOP("Errors", "macOS keeps it in the Keychain, which is built in: sign in with your own "
                                         "user account and connect again."),
    "debian": QT_TRANSLATE_NOOP("Errors", "Install the keyring: sudo apt install gnome-keyring (then sign out and "
                                          "in again so it starts unlocked), and connect again."),
    "fedora": QT_TRANSLATE_NOOP("Errors", "Install the keyring: sudo dnf install gnome-keyring (then sign out and "
                                          "in again so it starts unlocked), and connect again."),
    "arch": QT_TRANSLATE_NOOP("Errors", "Install the keyring: sudo pacman -S gnome-keyring (then sign out and in "
                                        "again so it starts unlocked), and connect again."),
    "linux": QT_TRANSLATE_NOOP("Errors", "Install and unlock a Secret Service keyring (e.g. gnome-keyring or "
                                         "KWallet), then connect again."),
}


def system_kind(platform: str | None = None, os_release: str | None = None) -> str:
    """Which of REMEDIES fits this system: by platform, and on Linux by /etc/os-release's ID and ID_LIKE."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    if os_release is None:
        try:
            os_release = Path("/etc/os-release").read_text(encoding="utf-8", errors="replace")
        except OSError:
            os_release = ""
    ids = set()
    for line in os_release.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            ids.update(value.strip().strip('"').lower().split())
    for kind, names in (("debian", {"debian", "ubuntu"}), ("fedora", {"fedora", "rhel", "centos"}),
                        ("arch", {"arch"})):
        if ids & names:
            return kind
    return "linux"


class NoSecureKeyring(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors",
        "No secure keyring is available on this computer ({backend}), so the sync credential can't be "
        "stored. Nothing was written to a file instead. {remedy}")

    def __init__(self, text: str | None = None, **params) -> None:
        params.setdefault("remedy", REMEDIES[system_kind()])
        super().__init__(text, **params)

    def render(self, translate=None) -> str:
        if translate is None:
            return super().render()
        return translate("Errors", self.text).format(**{**self.params, "remedy": translate("Errors", self.params["remedy"])})


class SecretMissing(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors",
        "This counter has no sync credential in the keyring. Connect it to head office again with a "
        "new enrolment code (Settings, or `recovery-desk connect --url URL --code CODE`).")


def _backend_name() -> str:
    return _name(keyring.get_keyring())


def _name(kr) -> str:
    return f"{type(kr).__module__}.{type(kr).__qualname__}"


def check_available() -> None:
    """Raise NoSecureKeyring unless a real keyring backend is active."""
    kr = keyring.get_keyring()
    name = _name(kr)
    inner = getattr(kr, "backends", None)  # the chainer: secure only if one of its backends is
    if name in _PLAINTEXT or (inner is not None and not any(_name(b) not in _PLAINTEXT for b in inner)):
        raise NoSecureKeyring(backend=name)


def put(name: str, value: str) -> None:
    check_available()
    try:
        keyring.set_password(SERVICE, name, value)
    except (NoKeyringError, KeyringError) as exc:
        raise NoSecureKeyring(backend=f"{_backend_name()}: {exc}") from exc


def get(name: str) -> str | None:
    check_available()
    try:
        return keyring.get_password(SERVICE, name)
    except (NoKeyringError, KeyringError) as exc:
        raise NoSecureKeyring(backend=f"{_backend_name()}: {exc}") from exc


def require(name: str) -> str:
    value = get(name)
    if not value:
        raise SecretMissing()
    return value


def delete(name: str) -> None:
    try:
        keyring.delete_password(SERVICE, name)
    except (PasswordDeleteError, NoKeyringError, KeyringError):
        pass


def counter_key(store_id: str) -> str:
    return f"sync-counter:{store_id}"
