"""The credential lives in a real keyring or nowhere: no silent plaintext fallback."""

import keyring
import pytest
from keyring.backends import chainer, fail

from app.foundation import secrets


def test_stored_and_read_back_through_the_keyring(memory_keyring):
    secrets.put("sync-counter:x", "s3cret")
    assert secrets.require("sync-counter:x") == "s3cret"
    assert memory_keyring.items == {(secrets.SERVICE, "sync-counter:x"): "s3cret"}


@pytest.mark.parametrize("backend", [fail.Keyring(), chainer.ChainerBackend()])
def test_without_a_secure_keyring_it_says_so_and_stores_nothing(backend, monkeypatch, tmp_path):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [], raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(secrets.NoSecureKeyring) as info:
            secrets.put("sync-counter:x", "s3cret")
        assert "No secure keyring" in info.value.render()
    finally:
        keyring.set_keyring(previous)
    assert not list(tmp_path.rglob("*"))


def test_a_missing_credential_says_how_to_get_one():
    with pytest.raises(secrets.SecretMissing) as info:
        secrets.require("sync-counter:nobody")
    assert "enrolment code" in info.value.render()


@pytest.mark.parametrize("platform, os_release, kind, words", [
    ("win32", "", "windows", "built in"),
    ("darwin", "", "macos", "Keychain"),
    ("linux", 'ID=debian\nVERSION_ID="12"', "debian", "sudo apt install gnome-keyring"),
    ("linux", "ID=ubuntu\nID_LIKE=debian", "debian", "sudo apt install gnome-keyring"),
    ("linux", 'ID=linuxmint\nID_LIKE="ubuntu debian"', "debian", "sudo apt install gnome-keyring"),
    ("linux", 'ID="rocky"\nID_LIKE="rhel centos fedora"', "fedora", "sudo dnf install gnome-keyring"),
    ("linux", "ID=arch", "arch", "sudo pacman -S gnome-keyring"),
    ("linux", "ID=alpine", "linux", "Secret Service keyring"),
    ("linux", "", "linux", "Secret Service keyring"),
])
def test_the_missing_keyring_message_says_what_to_do_on_this_system(platform, os_release, kind, words):
    from app.foundation.secrets import REMEDIES, system_kind

    assert system_kind(platform, os_release) == kind
    assert words in REMEDIES[kind]
    text = secrets.NoSecureKeyring(backend="fail", remedy=REMEDIES[kind]).render()
    assert text.endswith(REMEDIES[kind]) and "(fail)" in text
