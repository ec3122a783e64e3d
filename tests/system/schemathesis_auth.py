"""Schemathesis hooks (SCHEMATHESIS_HOOKS): every request carries a valid counter's credential, its
X-Auth computed for that very request, as a counter computes it (app.sync.wire)."""

from __future__ import annotations

import os
from urllib.parse import urlencode

import schemathesis

from app.sync import wire


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    counter, secret = os.environ.get("RD_COUNTER"), os.environ.get("RD_SECRET")
    if not counter or not secret:
        return
    target = case.formatted_path
    if case.query:
        target += "?" + urlencode(case.query, doseq=True)
    nonce = wire.new_nonce()
    case.headers = {**(case.headers or {}), "X-Counter": counter, "X-Nonce": nonce,
                    "X-Auth": wire.request_mac(secret, case.method.upper(), target, nonce)}
