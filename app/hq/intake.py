"""The head-office intake server (FastAPI): enrolment, case files in, other counters' files and
publications out. OpenAPI at /openapi.json, docs at /docs.

A case file is written to the inbox and committed before the answer; every answer about a known
counter is sealed with its secret (app.sync.wire) so the client can tell it from a proxy's.
"""

from __future__ import annotations

import functools
import json
import logging
import socket
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathPart
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor

from app import __version__
from app.hq import blobs, counters, limits, ordering, ownership, publish, release_routes
from app.hq.openapi_doc import ANSWERS, CASE_FILE_TYPE, binary_body, case_file_schema, described
from app.hq.receive import receive, recover_inbox
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import HqCounter, HqRefusal, SyncReceived, utcnow
from app.models.store import Store
from app.sync import casefile, wire
from app.foundation import signing
from app.sync.casefile import CaseFileRejected
from app.rules import wire_text

log = logging.getLogger(__name__)

STATUS = {"oversize": 413, "unknown_counter": 401, "bad_signature": 401, "replay": 409, "wrong_dealer": 403,
          "upgrade_required": 422, "too_old": 422, "not_a_case_file": 415, "truncated": 400, "invalid": 400,
          "unprocessable": 422}
PULL_LIMIT = 20
# Imports one process runs at once (the rest wait their turn, bodies read): an import is mostly Python,
# so more threads only share the GIL and a database connection each; kept under the pool's 15.
IMPORTS_AT_ONCE = 6
# A page of pulled files stops once its files' bytes reach this (one file always goes, however large):
# with PULL_LIMIT alone 20 files of 32 MB would make a 640 MB answer.
PULL_PAGE_BYTES = 4 * 1024 * 1024


class EnrolRequest(BaseModel):
    code: str = Field(min_length=4, max_length=40)
    # A canonical UUID (lower-case, dashed): it names the counter's inbox folder.
    counter_id: str = Field(min_length=36, max_length=36,
                            pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    label: str = Field(default="", max_length=100)


def _error(code: str, message: str, status: int, secret: str | None = None, nonce: str | None = None,
           text: str | None = None, received: dict | None = None, **params) -> JSONResponse:
    # ``text`` is the English source of the message, so a counter can show it in its own language.
    # ``received``: what the refusal is about (the SHA-256 of the bytes received, their counter and
    # sequence when readable), so a counter takes it only for the very file it sent.
    err = {"code": code, "message": message, "text": text or message,
           "params": {k: str(v)[:300] for k, v in params.items()}}
    if received is not None:
        err["received"] = received
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


# --- what every route takes from the application and the request ------------------------------------

def _store(request: Request) -> Store:
    return request.app.state.db


Db = Annotated[Store, Depends(_store)]
# An arrival number to read after: a database INTEGER (a larger one is refused, 422, never a 500).
After = Annotated[int, Query(ge=0, le=2**31 - 1)]
# An attachment's name: the SHA-256 of its bytes, in lower-case hex.
Sha = Annotated[str, PathPart(pattern="^[0-9a-f]{64}$")]


class _Sha256(Convertor):
    """Routes /attachments/{sha} only for a hash, so /attachments/missing with another method is a 405."""
    regex = "[0-9a-f]{64}"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("sha256", _Sha256())
# A header a counter may send; absent is None (each route says what it needs).
OptionalHeader = Annotated[str | None, Header()]


def _secret_of(db: Store, counter_id: str | None) -> str | None:
    if not counter_id or not counters.valid_counter_id(counter_id):
        return None  # whatever a header holds, only an enrolled counter's UUID is looked up
    with db.reading() as s:
        return counters.counter_secret(s, counter_id)


def _dealer_of(db: Store, counter_id: str) -> str | None:
    with db.reading() as s:
        return s.scalar(select(HqCounter.dealer_id).where(HqCounter.id == counter_id))


class Unauthorised(Exception):
    """The request is not from an enrolled counter holding its credential."""


def _unauthorised(_request: Request, _exc: Unauthorised) -> JSONResponse:
    # Not sealed: nothing proves the caller is the counter whose secret would seal it.
    return _error("unauthorised", "Unknown counter or wrong credential.", 401)


def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Starlette's own refusals (no such route, a method the address doesn't take, a body that is no
    JSON) in the intake's error form; a 405 lists every method the address takes, across routes."""
    if isinstance(exc, limits.TooLarge):  # the body ran over its limit while a route was reading it
        return JSONResponse(limits.refusal(exc.limit), status_code=413, headers={"Connection": "close"})
    answer = _error(f"http_{exc.status_code}", str(exc.detail)[:200], exc.status_code)
    if exc.status_code == 405:
        allowed = {m for r in request.app.routes if isinstance(r, APIRoute) and r.path_regex.match(request.url.path)
                   for m in r.methods}
        answer.headers["Allow"] = ", ".join(sorted(allowed))
    return answer


def _not_valid(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422 names each wrong field and echoes its input: here only where, never what."""
    fields = sorted({".".join(str(x) for x in e.get("loc", ()))[:80] for e in exc.errors()})[:20]
    return _error("invalid_request", "The request does not have the form this address takes: "
                  + ", ".join(fields) + ".", 422, fields=", ".join(fields))


@dataclass(frozen=True)
class Counter:
    """The enrolled counter a request is authentically from; its answers are sealed with its secret."""
    id: str
    secret: str
    nonce: str

    def seal(self, **data) -> dict:
        return wire.seal(self.secret, self.nonce, data=data)

    def error(self, code: str, message: str, status: int, **params) -> JSONResponse:
        return _error(code, message, status, self.secret, self.nonce, **params)


def _authentic_counter(request: Request, db: Db, x_counter: OptionalHeader = None, x_nonce: OptionalHeader = None,
                       x_auth: OptionalHeader = None) -> Counter:
    """The calling counter, when its headers name an enrolled counter and authenticate this very request
    (method, path and query) with its secret; otherwise the request is refused before the route runs."""
    secret = _secret_of(db, x_counter)
    if secret is None or not x_nonce or not x_auth:
        raise Unauthorised()
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if not wire.request_authentic(secret, request.method, target, x_nonce, x_auth):
        raise Unauthorised()
    return Counter(x_counter, secret, x_nonce)


Caller = Annotated[Counter, Depends(_authentic_counter)]


class _TooLarge(Exception):
    def __init__(self, declared: str | None):
        super().__init__(declared)
        self.declared = declared  # the Content-Length over the limit, or None when the bytes ran over


async def _body_within(request: Request, limit: int) -> bytes:
    """The request's bytes, refused (_TooLarge) as soon as they pass ``limit``: a declared length over
    it before anything is read, a stream that says less than it sends once it has sent too much."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise _TooLarge(length)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge(None)
        chunks.append(chunk)
    return b"".join(chunks)


def _received(data: bytes) -> dict:
    """What head office received, as a refusal names it: the bytes' SHA-256, and the counter and
    sequence the file says when it can be read at all."""
    out: dict = {"sha256": signing.sha256(data), "size": len(data)}
    try:
        doc = wire_text.loads(data.decode("utf-8"), texts=False)
    except (ValueError, RecursionError):
        return out
    if isinstance(doc, dict) and counters.valid_counter_id(doc.get("counter")):
        out["counter"] = doc["counter"]
    if isinstance(doc, dict) and wire_text.small_int(doc.get("sequence")):
        out["sequence"] = doc["sequence"]
    return out


def _skew_s(client_time: str | None, now: datetime) -> float | None:
    """How far the counter's clock is from head office's, from the time it says it sent at."""
    if not client_time:
        return None
    try:
        return (datetime.fromisoformat(client_time) - now).total_seconds()
    except (ValueError, TypeError):
        return None


def _imports(app: FastAPI) -> anyio.CapacityLimiter:
    """The process's turn-taking for imports, made on its event loop at the first import."""
    if getattr(app.state, "imports", None) is None:
        app.state.imports = anyio.CapacityLimiter(IMPORTS_AT_ONCE)
    return app.state.imports


# --- routes -----------------------------------------------------------------------------------------

router = APIRouter(prefix=wire.API)


@router.get("/health", responses=ANSWERS["health"])
def health() -> dict:
    return {"service": "recovery-desk-hq", "version": __version__, "format": casefile.VERSION,
            "server_time": utcnow().isoformat()}


@router.post("/enrol", responses=ANSWERS["enrol"])
def enrol(req: EnrolRequest, db: Db) -> dict:
    try:
        got = counters.redeem(db, req.code, req.counter_id, req.label)
    except counters.EnrolmentRefused as exc:
        return _error("enrolment_refused", exc.render(), 403)
    return {"dealer": {"id": got.dealer.id, "code": got.dealer.code, "name": got.dealer.name},
            "counter_id": got.counter_id, "secret": got.secret, "counter_tag": got.tag,
            "last_sequence": got.last_sequence, "case_numbers": got.case_numbers,
            "server_time": utcnow().isoformat()}


@router.post("/casefiles", openapi_extra=binary_body(CASE_FILE_TYPE, case_file_schema(casefile.VERSION)), responses=ANSWERS["casefiles"])
async def casefiles(request: Request, db: Db, x_counter: OptionalHeader = None, x_nonce: OptionalHeader = None,
                    x_client_time: OptionalHeader = None):
    """Store one signed case file; the sealed answer is the acknowledgement.

    The file's signature is what authenticates it (checked in receive), so its size is checked first,
    before a byte of it is parsed."""
    secret = _secret_of(db, x_counter)
    max_body = request.app.state.max_body
    try:
        data = await _body_within(request, max_body)
    except _TooLarge as big:
        if big.declared:
            return _error("oversize", f"The request is {big.declared} bytes, more than the {max_body} allowed.",
                          413, secret, x_nonce, size=big.declared, limit=max_body)
        return _error("oversize", f"The request is more than the {max_body} bytes allowed.", 413,
                      secret, x_nonce, limit=max_body)
    now = utcnow()
    try:
        receipt = await anyio.to_thread.run_sync(functools.partial(
            receive, db, data, inbox=request.app.state.inbox, received_at=now, skew_s=_skew_s(x_client_time, now)),
            limiter=_imports(request.app))
    except CaseFileRejected as exc:
        return _error(exc.code, exc.render(), STATUS.get(exc.code, 400), secret, x_nonce, text=exc.text,
                      received=_received(data), **exc.params)
    return wire.seal(_secret_of(db, receipt.counter), x_nonce or "", data=receipt.ack(utcnow()))


@router.get("/changes", responses=ANSWERS["authenticated"])
def changes(caller: Caller, db: Db, after: After = 0):
    """Case files other counters of the caller's dealer delivered after arrival number ``after``."""
    dealer_id = _dealer_of(db, caller.id)
    with db.session() as s:
        rows = s.execute(select(SyncReceived.n, SyncReceived.content).where(
            SyncReceived.dealer_id == dealer_id, SyncReceived.n > after,
            SyncReceived.counter_id != caller.id).order_by(SyncReceived.n).limit(PULL_LIMIT + 1)).all()
        more = len(rows) > PULL_LIMIT
        rows = rows[:PULL_LIMIT]
        files, size = [], 0
        for n, content in rows:
            if files and size + len(content) > PULL_PAGE_BYTES:
                more = True  # the rest on the next page
                break
            files.append({"n": n, "content": _pulled(s, n, content)})
            size += len(content)
    cursor = files[-1]["n"] if files else after
    return caller.seal(files=files, cursor=cursor, more=more, server_time=utcnow().isoformat())


@router.get("/published", responses=ANSWERS["authenticated"])
def published(caller: Caller, db: Db, after: After = 0,
              waiting: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
              problems: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
              version: Annotated[str | None, Query(max_length=40)] = None):
    """Settings and script packs published for the caller's dealer (or all) after ``after``. The
    counter also says how it is (changes waiting, its Sync problems, its program version), which head
    office's window shows."""
    health = publish.CounterReport(waiting, problems, version) if waiting is not None else None
    return caller.seal(items=publish.since(db, _dealer_of(db, caller.id), after, counter_id=caller.id,
                                           report=health))


@router.post("/attachments/missing", responses=ANSWERS["hashes"])
def attachments_missing(caller: Caller, db: Db, hashes: list[str]):
    """Which of these attachment hashes head office lacks (only those are uploaded)."""
    return caller.seal(missing=blobs.missing(db, hashes[:5000], _dealer_of(db, caller.id)))


@router.put("/attachments/{sha:sha256}", openapi_extra=binary_body("application/octet-stream"),
            responses=ANSWERS["attachment_put"])
async def attachment_put(sha: Sha, request: Request, caller: Caller, db: Db):
    """Store one attachment; refused unless its bytes hash to ``sha`` and fit the limit."""
    limit_mb = blobs.MAX_BYTES // (1024 * 1024)
    try:
        data = await _body_within(request, blobs.MAX_BYTES)
    except _TooLarge:
        too_large = QT_TRANSLATE_NOOP("Errors", "it is larger than the {limit} MB head office accepts")
        return caller.error("oversize", too_large.format(limit=limit_mb), 413, text=too_large, limit=limit_mb)
    if signing.sha256(data) != sha:
        text = QT_TRANSLATE_NOOP("Errors", "its bytes do not match the SHA-256 it was sent under")
        return caller.error("bad_hash", text, 400, text=text)
    await run_in_threadpool(blobs.store_blob, db, data, sha, _dealer_of(db, caller.id))
    return caller.seal(sha256=sha, stored=True)


@router.get("/attachments/{sha:sha256}", responses=ANSWERS["attachment_get"],
            response_class=Response)
def attachment_get(sha: Sha, caller: Caller, db: Db):
    """An attachment's bytes, to a counter of a dealer holding them (the caller checks them against
    the hash it asked for)."""
    dealer = _dealer_of(db, caller.id)
    if not blobs.may_fetch(db, dealer, sha):
        if blobs.awaited(db, dealer, sha):
            return _error("not_found", "No such attachment.", 404)
        return _error("forbidden", "This counter's dealer never delivered that attachment.", 403)
    data = blobs.load(db, sha)
    if data is None:
        return _error("not_found", "No such attachment.", 404)
    return Response(data, media_type="application/octet-stream")


release_routes.register(router, Caller, Db, _dealer_of)  # program updates: app/hq/release_routes.py


# --- the application ----------------------------------------------------------------------------------

@asynccontextmanager
async def _lifespan(app: FastAPI):
    # Files kept in the inbox whose import a crash interrupted go in before anything else; by one of
    # the host's workers (the others serve meanwhile: each file's import is safe against theirs).
    with ordering.alone(app.state.db, f"inbox {socket.gethostname()} {app.state.inbox.resolve()}") as first:
        done = recover_inbox(app.state.db, app.state.inbox) if first else []
    if done:
        log.info("imported %d inbox files left from before a restart", sum(r.status == "stored" for r in done))
    yield


def _limit_for(max_body: int):
    def limit(method: str, path: str) -> int:
        if method == "POST" and path == wire.API + "/casefiles":
            return max_body
        if method == "PUT" and path.startswith(wire.API + "/attachments/"):
            return blobs.MAX_BYTES
        return limits.SMALL_BODY
    return limit


def create_app(db: Store, inbox: Path, *, max_body: int = casefile.MAX_FILE_BYTES) -> FastAPI:
    app = FastAPI(title="Recovery Desk head-office intake", version=__version__, lifespan=_lifespan,
                  description="Counters send signed case files and pull their dealer's changes and "
                              "publications. See docs/case-file-format.md.")
    app.state.db, app.state.inbox, app.state.max_body = db, Path(inbox), max_body
    app.add_exception_handler(Unauthorised, _unauthorised)
    app.add_exception_handler(RequestValidationError, _not_valid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # Before routing, credentials and parsing: a body over its route's limit is never read.
    app.add_middleware(limits.BodyLimit, limit_for=_limit_for(max_body))
    app.include_router(router)
    app.openapi = lambda: described(app)
    return app
