"""Reading an answer from head office within a limit: the bytes on the wire and the bytes they inflate
to are counted as they arrive, and reading stops at the limit, so a small compressed answer that
inflates to gigabytes (or a page of huge files) never fills the counter's memory."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import httpx

from app.rules import wire_text

MB = 1024 * 1024
# The encodings a counter accepts; any other is refused rather than decoded without a limit.
ACCEPT_ENCODING = "gzip"


class TooLarge(Exception):
    """An answer over its limit: ``which`` is "compressed" or "inflated"."""

    def __init__(self, which: str, limit: int) -> None:
        super().__init__(f"{which} answer over {limit} bytes")
        self.which, self.limit = which, limit


class UnknownEncoding(Exception):
    """An answer in a content encoding the counter did not ask for, or that does not inflate."""


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: bytes

    def json(self) -> Any:
        """The JSON document, or None when the body is not JSON a database could hold."""
        try:
            return wire_text.loads(self.body.decode("utf-8"), texts=False)
        except (ValueError, RecursionError):
            return None


def _inflater(encoding: str):
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(wbits=47)  # gzip or zlib header
    if encoding == "deflate":
        return zlib.decompressobj()
    raise UnknownEncoding(encoding)


def request(http: httpx.Client, method: str, target: str, limit: int, **kw) -> Answer:
    """``method target`` with at most ``limit`` bytes read from the wire and at most ``limit`` bytes
    after inflating; TooLarge as soon as either passes it (nothing more is read)."""
    headers = dict(kw.pop("headers", {}) or {}, **{"Accept-Encoding": ACCEPT_ENCODING})
    with http.stream(method, target, headers=headers, **kw) as r:
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TooLarge("compressed", limit)
        in_memory = r.is_stream_consumed and hasattr(r, "_content")
        # An answer already in memory (a transport that is not a network) is already inflated.
        inflate = None if in_memory else _inflater(r.headers.get("content-encoding", ""))
        try:
            return _read(r, [r._content] if in_memory else r.iter_raw(), inflate, limit)
        except zlib.error:
            raise UnknownEncoding("does not inflate") from None


def _read(r: httpx.Response, chunks, inflate, limit: int) -> Answer:
    out = bytearray()
    raw = 0
    for chunk in chunks:
        raw += len(chunk)
        if raw > limit:
            raise TooLarge("compressed", limit)
        if inflate is None:
            out += chunk
        else:
            data = chunk
            while data:  # inflate a piece at a time: never more than the room left
                out += inflate.decompress(data, limit + 1 - len(out))
                if len(out) > limit:
                    raise TooLarge("inflated", limit)
                data = inflate.unconsumed_tail
                if not data and inflate.eof and inflate.unused_data:
                    # gzip allows several members one after another: each is inflated in turn
                    data, inflate = inflate.unused_data, _inflater("gzip")
        if len(out) > limit:
            raise TooLarge("inflated", limit)
    if inflate is not None:
        out += inflate.flush()  # what is left once every byte was taken in is small
        if len(out) > limit:
            raise TooLarge("inflated", limit)
    return Answer(r.status_code, bytes(out))
