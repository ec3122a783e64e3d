"""The intake server's route that hands a published release's file to an enrolled counter."""

# No ``from __future__ import annotations``: FastAPI reads these routes' parameter types at
# registration, and they are the intake's own dependencies handed in by register().

from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from app.hq import releases
from app.hq.openapi_doc import ANSWERS


def register(router, caller_type, db_type, dealer_of) -> None:
    """Add ``GET /releases/{sha}`` to the intake's router, authenticated as every counter route is."""

    @router.get("/releases/{sha}", responses=ANSWERS["release_get"], response_class=Response)
    async def release_get(sha: str, caller: caller_type, db: db_type):
        """A release's file; the counter checks its bytes against the SHA-256 of the sealed manifest."""
        size = await run_in_threadpool(lambda: releases.release_size(db, dealer_of(db, caller.id), sha))
        if size is None:
            return JSONResponse({"error": {"code": "not_found", "message": "No release with that hash for this "
                                           "counter's dealer."}}, status_code=404)
        # A plain iterator: Starlette reads it on a worker thread, a chunk at a time.
        return StreamingResponse(releases.release_chunks(db, sha, size), media_type="application/octet-stream",
                                 headers={"Content-Length": str(size)})
