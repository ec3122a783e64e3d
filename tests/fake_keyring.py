"""A keyring backend for tests that run the command line in a child process: secrets in a JSON
file under the test's temp dir (TEST_KEYRING_FILE), never the user's real keyring."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class TestFileKeyring(KeyringBackend):
    priority = 1

    def _path(self) -> Path:
        return Path(os.environ["TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        p = self._path()
        return json.loads(p.read_text()) if p.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        d = self._load()
        d[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(d))

    def delete_password(self, service, username):
        d = self._load()
        d.pop(f"{service}\n{username}", None)
        self._path().write_text(json.dumps(d))
