"""The HTTP protocol's authentication, shared by client and server.

Requests that read (pulls) carry ``X-Counter``, ``X-Nonce`` and ``X-Auth`` = HMAC(secret, "METHOD
target nonce"); case files are signed themselves. Every answer about a known counter is
``{"data"|"error": ..., "nonce": the request's nonce, "mac": HMAC(secret, canonical(rest))}``:
only head office, holding the counter's secret, can produce it for this very request, so a proxy's
or captive portal's "200 OK" is never taken for an acknowledgement.
"""

from __future__ import annotations

import secrets as pysecrets
from typing import Any

from app.foundation import signing

API = "/v1"


def new_nonce() -> str:
    return pysecrets.token_hex(16)


def request_mac(secret_hex: str, method: str, target: str, nonce: str) -> str:
    return signing.mac(secret_hex, f"{method} {target} {nonce}".encode())


def request_authentic(secret_hex: str, method: str, target: str, nonce: str, auth: str) -> bool:
    """Whether a request's ``X-Auth`` is the counter's MAC of it."""
    return signing.verify(secret_hex, f"{method} {target} {nonce}".encode(), auth)


def seal(secret_hex: str, nonce: str, **content: Any) -> dict[str, Any]:
    body = dict(content, nonce=nonce)
    return dict(body, mac=signing.sign(secret_hex, body))


def opened(secret_hex: str, nonce: str, doc: Any) -> dict[str, Any] | None:
    """The sealed answer's content if it is genuine and for this nonce, else None."""
    if not isinstance(doc, dict) or not isinstance(doc.get("mac"), str) or doc.get("nonce") != nonce:
        return None
    body = {k: v for k, v in doc.items() if k != "mac"}
    return body if signing.verify_json(secret_hex, body, doc["mac"]) else None
