"""The data folder made private at every opening (app.foundation.paths.make_private), table-driven:
what was tightened is reported only when a file was there to be read."""

from __future__ import annotations

import os
import stat

import pytest

from app.foundation import paths

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


# (what is in the folder: path -> mode, None for a folder; what make_private reports)
CASES = [
    ("a new folder under umask 022", {".": None}, []),
    ("new empty sub-folders too", {".": None, "drafts": None, "outbox": None}, []),
    ("a store readable by others", {".": None, "store.sqlite3": 0o644}, [".", "store.sqlite3"]),
    ("a private store in a listable folder", {".": None, "store.sqlite3": 0o600}, ["."]),
    ("a draft deep inside", {".": None, "drafts": None, "drafts/form.json": 0o640}, [".", "drafts", "drafts/form.json"]),
    ("all private already", {".": 0o700, "store.sqlite3": 0o600}, []),
]


@posix_only
@pytest.mark.parametrize("name, held, reported", CASES, ids=[c[0] for c in CASES])
def test_what_is_tightened_and_what_is_reported(tmp_path, name, held, reported):
    d = tmp_path / "data"
    for rel, mode in held.items():
        p = d / rel if rel != "." else d
        if mode is None or rel == ".":
            p.mkdir(exist_ok=True)
            os.chmod(p, 0o755 if mode is None else mode)
        else:
            p.write_bytes(b"x")
            os.chmod(p, mode)
    got = paths.make_private(d)
    assert sorted(str(p.relative_to(d)) if p != d else "." for p in got) == sorted(reported)
    for rel in held:  # reported or not, nothing is left open to others
        p = d / rel if rel != "." else d
        assert _mode(p) & 0o077 == 0, rel
