"""What the intake's OpenAPI description says beyond what FastAPI infers: every status each route
answers, the error body, and the request content types, so a client generated from the description
alone works (and a fuzzer finds no answer the description doesn't list)."""

from __future__ import annotations

CASE_FILE_TYPE = "application/vnd.recovery-desk.case-file+json"

_ERROR = {"type": "object", "required": ["error"], "properties": {
    "error": {"type": "object", "required": ["code", "message"], "properties": {
        "code": {"type": "string"}, "message": {"type": "string"},
        "text": {"type": "string", "description": "the English source of the message, to translate"},
        "params": {"type": "object", "additionalProperties": {"type": "string"}},
        "received": {"type": "object", "description": "a refused case file: the SHA-256 and size of the "
                     "bytes received, and its counter and sequence when readable"}}},
    "nonce": {"type": "string", "description": "sealed answers: the request's X-Nonce"},
    "mac": {"type": "string", "description": "sealed answers: HMAC-SHA256 with the counter's secret"}}}

_WHY = {
    400: "the request or file is malformed (truncated, invalid, or bytes not matching their hash)",
    401: "not an enrolled counter, or its credential (X-Counter, X-Nonce, X-Auth) does not authenticate "
         "this request; a case file's own signature does not match",
    403: "refused to this counter (a code already used, another dealer's data)",
    404: "no such attachment at head office",
    409: "a replay: another file was already delivered under this sequence",
    413: "the body is larger than this address accepts (refused before it is read)",
    415: "not a case file",
    422: "the request's parameters or file are not of the accepted form or version",
    503: "the server is at its connection limit; try again later",
}


def _answers(*codes: int) -> dict:
    return {c: {"description": _WHY[c], "content": {"application/json": {"schema": _ERROR}}}
            for c in (*codes, 413, 503)}


ANSWERS = {
    "health": _answers(),
    "enrol": _answers(403, 422),
    "casefiles": _answers(400, 401, 403, 409, 415, 422),
    "authenticated": _answers(401, 422),
    "attachment_put": _answers(400, 401, 422),
    "attachment_get": {200: {"description": "the attachment's bytes", "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        **_answers(401, 403, 404, 422)},
}


def binary_body(media_type: str) -> dict:
    """The body is read as a stream (to refuse it once too large), so OpenAPI is told what it is."""
    return {"requestBody": {"required": True, "content": {
        media_type: {"schema": {"type": "string", "format": "binary"}}}}}
