"""The intake's bounds before any route runs: a body size limit for every route, enforced on the
declared Content-Length before a byte is read and on the bytes as they stream in (so before any
credential is looked at or anything parsed), and the connection timeouts uvicorn is started with.
"""

from __future__ import annotations

import functools
import json
import os
from typing import Callable

from starlette.exceptions import HTTPException as StarletteHTTPException

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

SMALL_BODY = 1024 * 1024  # enrolment, the list of attachment hashes (5,000 of them are ~350 KB)
# Idle keep-alive connections close after this many seconds; a request whose head or body stalls for
# longer than SLOW_S is dropped (uvicorn has no header timeout of its own: see SlowGuard).
KEEP_ALIVE_S = 5
SLOW_S = 20
MAX_HEADER_BYTES = 16 * 1024  # h11's limit on a request's head (its default is 16 KB too)
MAX_CONNECTIONS = 400  # beyond this uvicorn answers 503 at once instead of queueing without bound

TOO_LARGE = QT_TRANSLATE_NOOP("Errors", "The request is more than the {limit} bytes this address accepts.")


class TooLarge(StarletteHTTPException):
    """The body ran over its route's limit while streaming in. An HTTP exception, so the framework's
    body parsing (which turns other errors into a 400) lets it through to be answered 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, TOO_LARGE.format(limit=limit), {"Connection": "close"})
        self.limit = limit


def refusal(limit: int) -> dict:
    # Never echoes anything of the request: only the limit.
    return {"error": {"code": "oversize", "message": TOO_LARGE.format(limit=limit), "text": TOO_LARGE,
                      "params": {"limit": str(limit)}}}


class BodyLimit:
    """ASGI middleware: ``limit_for(method, path)`` bytes at most for each request's body."""

    def __init__(self, app, limit_for: Callable[[str, str], int]) -> None:
        self.app, self.limit_for = app, limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["method"], scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await self._refuse(send, limit)
        seen = 0
        started = False

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge(limit)
            return message

        async def watched(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except TooLarge:
            if not started:
                await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send, limit: int) -> None:
        body = json.dumps(refusal(limit)).encode()
        # Connection: close, so the rest of a body nobody will read is not waited for.
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


SLOW_ENV = "RECOVERY_DESK_HQ_SLOW_S"  # how `hq serve` hands --slow-client-s to every worker process


def environment_protocol(*args, **kwargs):
    """The guarded protocol with the bound `hq serve` put in the environment: uvicorn's workers are
    new processes that import their protocol by name, so the bound can't be handed over as an object."""
    return guarded_protocol(float(os.environ.get(SLOW_ENV, SLOW_S)))(*args, **kwargs)


@functools.cache  # one class per bound, not one per connection
def guarded_protocol(slow_s: float = SLOW_S):
    """uvicorn's h11 protocol, closing a connection that takes longer than ``slow_s`` to send a
    request's head (from its opening or the last answer), or sends nothing of a body for that long.
    uvicorn times out only idle keep-alive connections: one opened and left silent, or trickling
    its head a byte at a time, would otherwise hold its place for ever."""
    import time

    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Guarded(H11Protocol):
        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._since = self._last_byte = time.monotonic()
            self._guard = self.loop.call_later(slow_s / 2, self._check)

        def data_received(self, data: bytes) -> None:
            self._last_byte = time.monotonic()
            super().data_received(data)

        def on_response_complete(self) -> None:
            self._since = time.monotonic()  # the next request's head is timed from here
            super().on_response_complete()

        def connection_lost(self, exc) -> None:
            self._guard.cancel()
            super().connection_lost(exc)

        def _check(self) -> None:
            now = time.monotonic()
            state = self.conn.their_state
            stalled = ((state is h11.IDLE and now - self._since > slow_s)
                       or (state is h11.SEND_BODY and now - self._last_byte > slow_s))
            if stalled and not self.transport.is_closing():
                self.transport.close()
                return
            if not self.transport.is_closing():
                self._guard = self.loop.call_later(slow_s / 2, self._check)

    return Guarded
