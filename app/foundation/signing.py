"""Signing: the one canonical byte form of a JSON value, HMAC-SHA256 over it, and checking in constant time."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any


def canonical(obj: Any) -> bytes:
    """The one byte form of a JSON value: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def mac(secret_hex: str, data: bytes) -> str:
    """HMAC-SHA256 of ``data`` under the hex-encoded secret, as hex."""
    return hmac.new(bytes.fromhex(secret_hex), data, hashlib.sha256).hexdigest()


def sign(secret_hex: str, obj: Any) -> str:
    """The MAC of a JSON value's canonical bytes."""
    return mac(secret_hex, canonical(obj))


def verify(secret_hex: str, data: bytes, claimed: Any) -> bool:
    """Whether ``claimed`` is the MAC of ``data``; compared in constant time, so timing tells nothing."""
    return isinstance(claimed, str) and same(mac(secret_hex, data), claimed)


def verify_json(secret_hex: str, obj: Any, claimed: Any) -> bool:
    return verify(secret_hex, canonical(obj), claimed)


def same(a: str | bytes, b: str | bytes) -> bool:
    """Constant-time equality of two digests (MACs, password hashes)."""
    if isinstance(a, str) != isinstance(b, str):
        return False
    if isinstance(a, str) and not (a.isascii() and b.isascii()):
        return False  # compare_digest refuses non-ASCII text; such a value is never a digest of ours
    return hmac.compare_digest(a, b)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
