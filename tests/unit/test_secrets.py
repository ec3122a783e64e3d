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
