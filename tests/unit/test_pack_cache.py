"""The cache of validated script packs: a pack's bytes are parsed and checked once, later starts read
the parsed pack; other bytes, a damaged file or a file naming anything but the pack's own classes
are never served from it, and a refused pack is never kept."""

from __future__ import annotations

import os
import pickle

import pytest

from app.scripts import pack as packs
from app.scripts.library import ScriptLibrary, bundled_pack_path
from app.scripts.pack import PackRejected
from app.scripts.pack_cache import _key, cache_path, parse_cached

DEFAULT = bundled_pack_path().read_bytes()


@pytest.fixture
def parses(monkeypatch):
    """How often a pack's text is really parsed (the suite's own per-text cache bypassed)."""
    calls = []
    original = packs.parse_pack.__wrapped__ if hasattr(packs.parse_pack, "__wrapped__") else packs.parse_pack

    def counting(text, source):
        calls.append(source)
        return original(text, source)

    monkeypatch.setattr(packs, "parse_pack", counting)
    return calls


def test_a_pack_is_parsed_once_then_read_from_the_cache(tmp_path, parses):
    first = ScriptLibrary(tmp_path).pack
    assert parses == ["default.yaml"]
    assert cache_path(tmp_path / "scripts" / "cache", DEFAULT).is_file()
    again = ScriptLibrary(tmp_path).pack
    assert parses == ["default.yaml"]  # the second start read the parsed pack
    assert again == first and again.source == "default.yaml"


def test_other_bytes_are_parsed_and_checked_again(tmp_path, parses):
    cache = tmp_path / "cache"
    parse_cached(DEFAULT, "a.yaml", cache)
    changed = DEFAULT.replace(b"version: 1", b"version: 7", 1)
    assert parse_cached(changed, "b.yaml", cache).version == 7
    assert parses == ["a.yaml", "b.yaml"]
    broken = DEFAULT.replace(b"kind: listen", b"kind: lisen", 1)
    for _ in range(2):  # refused each time: a refused pack is never kept
        with pytest.raises(PackRejected):
            parse_cached(broken, "broken.yaml", cache)
    assert parses == ["a.yaml", "b.yaml", "broken.yaml", "broken.yaml"]
    assert sorted(p.name for p in cache.iterdir()) == sorted(cache_path(cache, b).name for b in (DEFAULT, changed))


class Boom:
    def __reduce__(self):
        return (os.system, ("echo should-not-run",))


@pytest.mark.parametrize("content", [b"not a pickle", pickle.dumps(("x", "y")), pickle.dumps((_key(DEFAULT), Boom())),
                                     pickle.dumps((_key(DEFAULT), {"name": "default"}))],
                         ids=["damaged", "wrong key", "foreign class", "not a pack"])
def test_a_bad_cache_file_is_not_used(tmp_path, parses, content, capfd):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache_path(cache, DEFAULT).write_bytes(content)
    pack = parse_cached(DEFAULT, "default.yaml", cache)
    assert pack.name == "default" and parses == ["default.yaml"]
    assert "should-not-run" not in capfd.readouterr().out
    parse_cached(DEFAULT, "default.yaml", cache)  # rewritten good: read from the cache now
    assert parses == ["default.yaml"]
