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
    404: "no such attachment at head office, or its name is not a SHA-256",
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
    "enrol": _answers(400, 403, 422),
    "casefiles": _answers(400, 401, 403, 409, 415, 422),
    "authenticated": _answers(401, 422),
    "hashes": _answers(400, 401, 422),
    "attachment_put": _answers(400, 401, 404, 422),
    "attachment_get": {200: {"description": "the attachment's bytes", "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        **_answers(401, 403, 404, 422)},
    "release_get": {200: {"description": "the release's file (the counter checks it against the SHA-256 of "
                                         "the sealed release it was published with)", "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        **_answers(401, 404, 422)},
}


def binary_body(media_type: str, schema: dict | None = None) -> dict:
    """The body is read as a stream (to refuse it once too large), so OpenAPI is told what it is."""
    return {"requestBody": {"required": True, "content": {
        media_type: {"schema": schema or {"type": "string", "format": "binary"}}}}}


# Any value a case file may hold (app/rules/wire_text): storable text, numbers a database column holds.
_ANY = {"$ref": "#/components/schemas/WireValue"}
_WIRE_OBJECT = {"type": "object", "additionalProperties": _ANY}
WIRE_VALUE = {"description": "text without NUL, whole numbers within 64 bits, finite numbers, nesting at "
                             "most 32 levels", "anyOf": [
    {"type": "string", "pattern": "^[^\\u0000]*$"}, {"type": "integer", "minimum": -2**63, "maximum": 2**63 - 1},
    {"type": "number", "minimum": -1e300, "maximum": 1e300}, {"type": "boolean"}, {"type": "null"},
    {"type": "array", "items": {"$ref": "#/components/schemas/WireValue"}},
    {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/WireValue"}}]}


def described(app) -> dict:
    """The app's OpenAPI description with the shared schemas the routes' bodies refer to."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        spec.setdefault("components", {}).setdefault("schemas", {})["WireValue"] = WIRE_VALUE
        app.openapi_schema = spec
    return app.openapi_schema


def case_file_schema(version: int) -> dict:
    """What this server takes as a case file's body: the file's envelope (docs/case-file.schema.json
    has every field of its events and records), at the one format version it reads."""
    text = {"type": "string", "minLength": 1, "maxLength": 200}
    return {"type": "object", "required": ["format", "version", "dealer", "counter", "sequence", "created_at",
                                           "events", "records", "signature"], "additionalProperties": _ANY,
            "description": "Canonical JSON (sorted keys, no spaces, UTF-8) signed with the counter's secret; "
                           "see docs/case-file-format.md.",
            "properties": {
                "format": {"const": "recovery-desk/case-file"}, "version": {"const": version},
                "dealer": {"type": "object", "required": ["id", "code"], "properties": {"id": text, "code": text},
                           "additionalProperties": _ANY},
                "counter": {"type": "string", "format": "uuid"},
                "sequence": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                "created_at": {"type": "string", "format": "date-time"},
                "events": {"type": "array", "items": _WIRE_OBJECT},
                "records": {"type": "object", "additionalProperties": {"type": "array", "items": _WIRE_OBJECT}},
                "signature": {"type": "object", "required": ["alg", "key", "value"], "additionalProperties": _ANY,
                              "properties": {"alg": {"const": "HMAC-SHA256"}, "key": {"type": "string"},
                                             "value": {"type": "string"}}}}}
