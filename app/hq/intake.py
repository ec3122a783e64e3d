"""The head-office intake server (FastAPI): enrolment, case files in, other counters' files and
publications out. OpenAPI at /openapi.json, docs at /docs.

A case file is written to the inbox and committed before the answer; every answer about a known
counter is sealed with its secret (app.sync.wire) so the client can tell it from a proxy's.
"""

from __future__ import annotations

import json
import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from app import __version__
from app.hq import blobs, counters, ownership, publish
from app.hq.receive import receive, recover_inbox
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import HqCounter, HqRefusal, SyncReceived, utcnow
from app.sync import casefile, wire
from app.foundation import signing
from app.sync.casefile import CaseFileRejected

log = logging.getLogger(__name__)

STATUS = {"oversize": 413, "unknown_counter": 401, "bad_signature": 401, "replay": 409, "wrong_dealer": 403,
          "upgrade_required": 422, "too_old": 422, "not_a_case_file": 415, "truncated": 400, "invalid": 400}
PULL_LIMIT = 20


class EnrolRequest(BaseModel):
    code: str = Field(min_length=4, max_length=40)
    # A canonical UUID (lower-case, dashed): it names the counter's inbox folder.
    counter_id: str = Field(min_length=36, max_length=36,
                            pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    label: str = Field(default="", max_length=100)


def _error(code: str, message: str, status: int, secret: str | None = None, nonce: str | None = None,
           text: str | None = None, **params) -> JSONResponse:
    # ``text`` is the English source of the message, so a counter can show it in its own language.
    err = {"code": code, "message": message, "text": text or message,
           "params": {k: str(v) for k, v in params.items()}}
    body = wire.seal(secret, nonce or "", error=err) if secret else {"error": err}
    return JSONResponse(body, status_code=status)


def _pulled(s, n: int, content: bytes) -> str:
    """A stored file as other counters get it: without the changes head office refused."""
    refused = s.execute(select(HqRefusal.entity_type, HqRefusal.entity_id, HqRefusal.record_table,
                               HqRefusal.record_id, HqRefusal.event_ids).where(HqRefusal.received_n == n)).all()
    if not refused:
        return content.decode("utf-8")
    doc = ownership.without(json.loads(content), [r._asdict() for r in refused])
    return signing.canonical(doc).decode("utf-8") + "\n"


def create_app(db, inbox: Path, *, max_body: int = casefile.MAX_FILE_BYTES) -> FastAPI:
    inbox = Path(inbox)

    @asynccontextmanager
    async def lifespan(_app):
        # Files kept in the inbox whose import a crash interrupted go in before anything else.
        done = recover_inbox(db, inbox)
        if done:
            log.info("imported %d inbox files left from before a restart", sum(r.status == "stored" for r in done))
        yield

    app = FastAPI(title="Recovery Desk head-office intake", version=__version__, lifespan=lifespan,
                  description="Counters send signed case files and pull their dealer's changes and "
                              "publications. See docs/case-file-format.md.")

    def secret_of(counter_id: str | None) -> str | None:
        if not counter_id or not counters.valid_counter_id(counter_id):
            return None  # whatever a header holds, only an enrolled counter's UUID is looked up
        with db.session() as s:
            return counters.counter_secret(s, counter_id)

    def dealer_of(counter_id: str) -> str | None:
        with db.session() as s:
            return s.scalar(select(HqCounter.dealer_id).where(HqCounter.id == counter_id))

    def authed(request: Request, counter_id, nonce, auth) -> str | None:
        secret = secret_of(counter_id)
        if secret is None or not nonce or not auth:
            return None
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return secret if wire.request_authentic(secret, request.method, target, nonce, auth) else None

    @app.get(wire.API + "/health")
    def health() -> dict:
        return {"service": "recovery-desk-hq", "version": __version__, "format": casefile.VERSION,
                "server_time": utcnow().isoformat()}

    @app.post(wire.API + "/enrol")
    def enrol(req: EnrolRequest) -> dict:
        try:
            got = counters.redeem(db, req.code, req.counter_id, req.label)
        except counters.EnrolmentRefused as exc:
            return _error("enrolment_refused", exc.render(), 403)
        return {"dealer": {"id": got.dealer.id, "code": got.dealer.code, "name": got.dealer.name},
                "counter_id": got.counter_id, "secret": got.secret, "counter_tag": got.tag,
                "server_time": utcnow().isoformat()}

    @app.post(wire.API + "/casefiles", openapi_extra={"requestBody": {"required": True, "content": {
        "application/vnd.recovery-desk.case-file+json": {"schema": {"type": "string", "format": "binary"}}}}})
    async def casefiles(request: Request, x_counter: str | None = Header(default=None),
                        x_nonce: str | None = Header(default=None),
                        x_client_time: str | None = Header(default=None)):
        """Store one signed case file; the sealed answer is the acknowledgement."""
        secret = secret_of(x_counter)
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_body:
            return _error("oversize", f"The request is {length} bytes, more than the {max_body} allowed.",
                          413, secret, x_nonce, size=length, limit=max_body)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_body:
                return _error("oversize", f"The request is more than the {max_body} bytes allowed.", 413,
                              secret, x_nonce, limit=max_body)
            chunks.append(chunk)
        data = b"".join(chunks)
        skew = None
        now = utcnow()
        if x_client_time:
            from datetime import datetime

            try:
                skew = (datetime.fromisoformat(x_client_time) - now).total_seconds()
            except (ValueError, TypeError):
                skew = None
        from starlette.concurrency import run_in_threadpool

        try:
            receipt = await run_in_threadpool(receive, db, data, inbox=inbox, received_at=now, skew_s=skew)
        except CaseFileRejected as exc:
            return _error(exc.code, exc.render(), STATUS.get(exc.code, 400), secret, x_nonce, text=exc.text,
                          **exc.params)
        return wire.seal(secret_of(receipt.counter), x_nonce or "", data=receipt.ack(utcnow()))

    @app.get(wire.API + "/changes")
    def changes(request: Request, after: int = 0, x_counter: str | None = Header(default=None),
                x_nonce: str | None = Header(default=None), x_auth: str | None = Header(default=None)):
        """Case files other counters of the caller's dealer delivered after arrival number ``after``."""
        secret = authed(request, x_counter, x_nonce, x_auth)
        if secret is None:
            return _error("unauthorised", "Unknown counter or wrong credential.", 401)
        dealer_id = dealer_of(x_counter)
        with db.session() as s:
            rows = s.execute(select(SyncReceived.n, SyncReceived.content).where(
                SyncReceived.dealer_id == dealer_id, SyncReceived.n > after,
                SyncReceived.counter_id != x_counter).order_by(SyncReceived.n).limit(PULL_LIMIT + 1)).all()
        more = len(rows) > PULL_LIMIT
        rows = rows[:PULL_LIMIT]
        cursor = rows[-1].n if rows else after
        files = [{"n": n, "content": _pulled(s, n, content)} for n, content in rows]
        return wire.seal(secret, x_nonce, data={"files": files, "cursor": cursor, "more": more,
                                                "server_time": utcnow().isoformat()})

    @app.get(wire.API + "/published")
    def published(request: Request, after: int = 0, x_counter: str | None = Header(default=None),
                  x_nonce: str | None = Header(default=None), x_auth: str | None = Header(default=None)):
        """Settings and script packs published for the caller's dealer (or all) after ``after``."""
        secret = authed(request, x_counter, x_nonce, x_auth)
        if secret is None:
            return _error("unauthorised", "Unknown counter or wrong credential.", 401)
        return wire.seal(secret, x_nonce, data={"items": publish.since(db, dealer_of(x_counter), after)})

    @app.post(wire.API + "/attachments/missing")
    def attachments_missing(request: Request, hashes: list[str], x_counter: str | None = Header(default=None),
                            x_nonce: str | None = Header(default=None), x_auth: str | None = Header(default=None)):
        """Which of these attachment hashes head office lacks (only those are uploaded)."""
        secret = authed(request, x_counter, x_nonce, x_auth)
        if secret is None:
            return _error("unauthorised", "Unknown counter or wrong credential.", 401)
        return wire.seal(secret, x_nonce, data={"missing": blobs.missing(db, hashes[:5000])})

    @app.put(wire.API + "/attachments/{sha}", openapi_extra={"requestBody": {"required": True, "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
    async def attachment_put(sha: str, request: Request, x_counter: str | None = Header(default=None),
                             x_nonce: str | None = Header(default=None), x_auth: str | None = Header(default=None)):
        """Store one attachment; refused unless its bytes hash to ``sha`` and fit the limit."""
        secret = authed(request, x_counter, x_nonce, x_auth)
        if secret is None:
            return _error("unauthorised", "Unknown counter or wrong credential.", 401)
        limit_mb = blobs.MAX_BYTES // (1024 * 1024)
        too_large = QT_TRANSLATE_NOOP("Errors", "it is larger than the {limit} MB head office accepts")
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > blobs.MAX_BYTES:
            return _error("oversize", too_large.format(limit=limit_mb), 413, secret, x_nonce, text=too_large,
                          limit=limit_mb)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > blobs.MAX_BYTES:
                return _error("oversize", too_large.format(limit=limit_mb), 413, secret, x_nonce, text=too_large,
                              limit=limit_mb)
            chunks.append(chunk)
        data = b"".join(chunks)
        if signing.sha256(data) != sha:
            text = QT_TRANSLATE_NOOP("Errors", "its bytes do not match the SHA-256 it was sent under")
            return _error("bad_hash", text, 400, secret, x_nonce, text=text)
        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(blobs.store_blob, db, data, sha)
        return wire.seal(secret, x_nonce, data={"sha256": sha, "stored": True})

    @app.get(wire.API + "/attachments/{sha}")
    def attachment_get(sha: str, request: Request, x_counter: str | None = Header(default=None),
                       x_nonce: str | None = Header(default=None), x_auth: str | None = Header(default=None)):
        """An attachment's bytes, to a counter of a dealer whose case names it (the caller checks
        them against the hash it asked for)."""
        from fastapi.responses import Response

        if authed(request, x_counter, x_nonce, x_auth) is None:
            return _error("unauthorised", "Unknown counter or wrong credential.", 401)
        with db.session() as s:
            dealer_id = s.scalar(select(HqCounter.dealer_id).where(HqCounter.id == x_counter))
        if not blobs.may_fetch(db, dealer_id, sha):
            return _error("forbidden", "No case of this counter's dealer names that attachment.", 403)
        data = blobs.load(db, sha)
        if data is None:
            return _error("not_found", "No such attachment.", 404)
        return Response(data, media_type="application/octet-stream")

    return app


def serve(db_url: str, inbox: Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    import uvicorn

    from app.models.store import open_database

    db = open_database(db_url)
    uvicorn.run(create_app(db, inbox), host=host, port=port, log_level="info")
