"""A counter reads an answer within a limit on the wire and inflated (app/sync/bounded)."""

from __future__ import annotations

import gzip
import zlib

import httpx
import pytest

from app.sync import bounded

MB = 1024 * 1024


class _Wire(httpx.SyncByteStream):
    """An answer's bytes as they come off the network, 64 KB at a time (never read ahead)."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def __iter__(self):
        for i in range(0, len(self.body), 65536):
            yield self.body[i:i + 65536]


def _client(body: bytes, headers: dict) -> httpx.Client:
    return httpx.Client(base_url="http://hq", transport=httpx.MockTransport(
        lambda request: httpx.Response(200, stream=_Wire(body), headers=headers)))


def test_a_small_gzip_answer_is_inflated():
    body = gzip.compress(b'{"data": 1}')
    with _client(body, {"Content-Encoding": "gzip"}) as http:
        assert bounded.request(http, "GET", "/x", MB).json() == {"data": 1}


def test_a_gzip_bomb_is_refused_once_it_inflates_past_the_limit():
    bomb = gzip.compress(b"\0" * (64 * MB), 9)  # ~64 KB
    with _client(bomb, {"Content-Encoding": "gzip"}) as http, pytest.raises(bounded.TooLarge) as got:
        bounded.request(http, "GET", "/x", MB)
    assert got.value.which == "inflated"


def test_a_bomb_of_many_gzip_members_is_refused_too():
    member = gzip.compress(b"\0" * (MB // 2), 9)
    with _client(member * 8, {"Content-Encoding": "gzip"}) as http, pytest.raises(bounded.TooLarge) as got:
        bounded.request(http, "GET", "/x", MB)
    assert got.value.which == "inflated"
    with _client(gzip.compress(b'{"a": ') + gzip.compress(b'1}'), {"Content-Encoding": "gzip"}) as http:
        assert bounded.request(http, "GET", "/x", MB).json() == {"a": 1}


def test_a_declared_length_over_the_limit_is_refused_before_reading():
    with _client(b"x" * 10, {"Content-Length": str(50 * MB)}) as http, pytest.raises(bounded.TooLarge) as got:
        bounded.request(http, "GET", "/x", MB)
    assert got.value.which == "compressed"


def test_raw_bytes_over_the_limit_are_refused():
    with _client(b"x" * (2 * MB), {}) as http, pytest.raises(bounded.TooLarge):
        bounded.request(http, "GET", "/x", MB)


def test_deflate_and_identity_and_unknown_encodings():
    with _client(zlib.compress(b"[1]"), {"Content-Encoding": "deflate"}) as http:
        assert bounded.request(http, "GET", "/x", MB).json() == [1]
    with _client(b"[2]", {"Content-Encoding": "identity"}) as http:
        assert bounded.request(http, "GET", "/x", MB).json() == [2]
    with _client(b"..", {"Content-Encoding": "br"}) as http, pytest.raises(bounded.UnknownEncoding):
        bounded.request(http, "GET", "/x", MB)


def test_a_broken_gzip_answer_is_refused_not_raised():
    with _client(b"not gzip at all", {"Content-Encoding": "gzip"}) as http, pytest.raises(bounded.UnknownEncoding):
        bounded.request(http, "GET", "/x", MB)


def test_an_answer_already_in_memory_is_taken_as_it_is():
    http = httpx.Client(base_url="http://hq", transport=httpx.MockTransport(
        lambda request: httpx.Response(200, content=b'{"ok": 1}')))
    assert bounded.request(http, "GET", "/x", MB).json() == {"ok": 1}


def test_an_answer_holding_what_no_database_stores_reads_as_no_json():
    with _client(b'{"n": ' + b"9" * 5000 + b"}", {}) as http:
        assert bounded.request(http, "GET", "/x", MB).json() is None
