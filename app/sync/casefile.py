"""The case file: one dealer counter's batch of changes, canonical JSON signed with HMAC-SHA256.

See docs/case-file-format.md (the prose) and docs/case-file.schema.json (the machine-readable
schema). Reading checks, in order: size, encoding, JSON, format name, version range, known
counter, structure, signature, canonical form; each refusal says which check failed and why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

import orjson

from app.foundation.errors import RecoveryDeskError
from app.foundation.signing import canonical, sha256
from app.foundation import signing
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import wire_text
from app.sync.tables import AGGREGATES, EVENT_ONLY, NAMES

FORMAT = "recovery-desk/case-file"
VERSION = 1
MIN_VERSION = 1  # the oldest version this program still reads
MAX_FILE_BYTES = 32 * 1024 * 1024
ALG = "HMAC-SHA256"
ENTITY_TYPES = tuple(AGGREGATES) + EVENT_ONLY
# Every synced table of app.sync.tables. A reader takes any subset (files of older writers name fewer).
RECORD_TABLES = NAMES


class CaseFileRejected(RecoveryDeskError):
    """A case file head office (or a counter) refuses; ``code`` names the check that failed."""

    code = "invalid"
    # What a field should be, and wire_text's "a value": words of their own, in the reader's language too.
    worded = ("want", "where")

    def __init__(self, text: str | None = None, *, code: str | None = None, **params: Any) -> None:
        if code:
            self.code = code
        super().__init__(text, **params)


def _reject(code: str, text: str, **params: Any) -> CaseFileRejected:
    return CaseFileRejected(text, code=code, **params)


def sign(body: dict[str, Any], secret_hex: str) -> bytes:
    """The file's bytes: the body plus its signature, canonical, newline-terminated.

    The body is encoded once, in two parts: its keys sorted before "signature" and after it. Joined
    they are the signed bytes; with the signature between them, the file's (what encoding the whole
    document again would give, for a fraction of a large file's cost)."""
    if "signature" in body or not all(isinstance(k, str) for k in body):  # not a body this splits
        doc = dict(body, signature={"alg": ALG, "key": body["counter"], "value": signing.sign(secret_hex, body)})
        return canonical(doc) + b"\n"
    head = canonical({k: v for k, v in body.items() if k < "signature"})
    tail = canonical({k: v for k, v in body.items() if k > "signature"})
    mark = {"alg": ALG, "key": body["counter"], "value": signing.mac(secret_hex, _joined(head, tail))}
    return _joined(_joined(head, canonical({"signature": mark})), tail) + b"\n"


def _joined(first: bytes, then: bytes) -> bytes:
    """Two canonical objects, every key of ``first`` sorting before those of ``then``, as one."""
    if first == b"{}":
        return then
    if then == b"{}":
        return first
    return first[:-1] + b"," + then[1:]


@dataclass(frozen=True)
class CaseFile:
    version: int
    dealer_id: str
    dealer_code: str
    counter: str
    sequence: int
    created_at: str
    events: list[dict[str, Any]]
    records: dict[str, list[dict[str, Any]]]
    sha256: str
    # Every string, number and nesting of the whole file is one a database stores (read off its text
    # once here): its parts then need no check of their own at head office.
    values_storable: bool = False


def build_body(*, dealer_id: str, dealer_code: str, counter: str, sequence: int, created_at: str,
               events: list[dict], records: dict[str, list[dict]]) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "dealer": {"id": dealer_id, "code": dealer_code},
            "counter": counter, "sequence": sequence, "created_at": created_at, "events": events,
            "records": {t: records.get(t, []) for t in RECORD_TABLES}}


# The wire rule's words inside a case file's refusal, as every other refusal of a malformed file reads.
_WIRE_WORDS = {
    wire_text.BAD_TEXT: QT_TRANSLATE_NOOP("Errors", "The case file is malformed: {where} holds a character no "
                                          "database can store (U+{char}) at position {position}. Nothing of it "
                                          "was imported."),
    wire_text.BAD_NUMBER: QT_TRANSLATE_NOOP("Errors", "The case file is malformed: {where} holds the number "
                                            "{number}, outside the range a database column holds ({low} to "
                                            "{high}). Nothing of it was imported."),
    wire_text.TOO_DEEP: QT_TRANSLATE_NOOP("Errors", "The case file is malformed: {where} is nested more than "
                                          "{limit} levels deep. Nothing of it was imported."),
    wire_text.NOT_A_NUMBER: QT_TRANSLATE_NOOP("Errors", "The case file is malformed: {where} holds {number}, "
                                              "which is not a number JSON allows. Nothing of it was imported."),
}


def _wire_reject(exc: wire_text.WireProblem) -> CaseFileRejected:
    return _reject("invalid", _WIRE_WORDS.get(exc.text, exc.text), **exc.params)


MALFORMED = QT_TRANSLATE_NOOP("Errors",
    "The case file is malformed: {field} should be {want}. Nothing of it was imported.")
# What a field should be (``want``), the ones said of several fields.
TEXT = QT_TRANSLATE_NOOP("Errors", "text")
A_LIST = QT_TRANSLATE_NOOP("Errors", "a list")
AN_OBJECT = QT_TRANSLATE_NOOP("Errors", "an object")
WHOLE_NUMBER_UP_TO = QT_TRANSLATE_NOOP("Errors", "a whole number from 1 to {high}")


def _structure(doc: dict, texts_storable: bool = False) -> None:
    """Types and shapes; raise 'invalid' naming the first wrong field. ``texts_storable``: every
    string of the document is known storable (wire_text.texts_storable), so none is looked at again."""

    def bad(field: str, want: str, **params: Any) -> CaseFileRejected:
        return _reject("invalid", MALFORMED, field=field, want=want, **params)

    def is_str(v) -> bool:
        if not (isinstance(v, str) and 0 < len(v) <= 200):
            return False
        if texts_storable:
            return True
        try:  # what names the file, its changes and its rows must be storable text
            wire_text.text_problem(v, "")
        except wire_text.WireProblem:
            return False
        return True

    is_int = wire_text.small_int  # a sequence or seq an INTEGER column holds

    dealer = doc.get("dealer")
    if not isinstance(dealer, dict) or not is_str(dealer.get("id")) or not is_str(dealer.get("code")):
        raise bad("dealer", QT_TRANSLATE_NOOP("Errors", "an object with id and code"))
    for key in ("counter", "created_at"):
        if not is_str(doc.get(key)):
            raise bad(key, TEXT)
    if not is_int(doc.get("sequence")):
        raise bad("sequence", WHOLE_NUMBER_UP_TO, high=wire_text.SMALL_INT_MAX)
    events = doc.get("events")
    if not isinstance(events, list):
        raise bad("events", A_LIST)
    fine = _event_fine(dealer["id"], doc["counter"]) if texts_storable else None
    for i, e in enumerate(events):
        if fine is not None and fine(e):
            continue  # every check below passes: the usual event, without naming where it is
        where = f"events[{i}]"
        if not isinstance(e, dict):
            raise bad(where, AN_OBJECT)
        for key in ("id", "entity_id", "kind", "dealer_id", "origin", "occurred_at"):
            if not is_str(e.get(key)):
                raise bad(f"{where}.{key}", TEXT)
        if e.get("entity_type") not in ENTITY_TYPES:
            raise bad(f"{where}.entity_type", QT_TRANSLATE_NOOP("Errors", "one of {choices}"),
                      choices=", ".join(ENTITY_TYPES))
        if not is_int(e.get("seq")):
            raise bad(f"{where}.seq", WHOLE_NUMBER_UP_TO, high=wire_text.SMALL_INT_MAX)
        base = e.get("base")
        if base is not None and not (isinstance(base, dict) and is_int(base.get("seq"))
                                     and base["seq"] == e["seq"] - 1 and is_str(base.get("event_id"))):
            raise bad(f"{where}.base", QT_TRANSLATE_NOOP("Errors", "the previous version: an object with "
                                                         "seq (one less than this one's) and event_id"))
        if (e["seq"] > 1) != (base is not None):
            raise bad(f"{where}.base", QT_TRANSLATE_NOOP("Errors", "present exactly when seq is more than 1"))
        if not isinstance(e.get("payload"), dict):
            raise bad(f"{where}.payload", AN_OBJECT)
        if e.get("actor_id") is not None and not is_str(e["actor_id"]):
            raise bad(f"{where}.actor_id", QT_TRANSLATE_NOOP("Errors", "text or null"))
        if e["dealer_id"] != dealer["id"]:
            raise bad(f"{where}.dealer_id", QT_TRANSLATE_NOOP("Errors", "the file's dealer"))
        if e["origin"] != doc["counter"]:  # a counter speaks only for its own changes
            raise bad(f"{where}.origin", QT_TRANSLATE_NOOP("Errors", "the counter that signed the file"))
    records = doc.get("records")
    if not isinstance(records, dict) or set(records) - set(RECORD_TABLES):
        raise bad("records", QT_TRANSLATE_NOOP("Errors", "an object with no keys but {choices}"),
                  choices=", ".join(RECORD_TABLES))
    for table, rows in records.items():
        if not isinstance(rows, list):
            raise bad(f"records.{table}", A_LIST)
        for i, r in enumerate(rows):
            if not isinstance(r, dict) or not is_str(r.get("id")):
                raise bad(f"records.{table}[{i}]", QT_TRANSLATE_NOOP("Errors", "an object with an id"))
            # A value over its limit is refused change by change at head office (app.hq.ownership),
            # not here: one bad row must never keep the rest of the file out.
    sig = doc.get("signature")
    if (not isinstance(sig, dict) or sig.get("alg") != ALG or not isinstance(sig.get("value"), str)
            or sig.get("key") != doc["counter"]):
        raise bad("signature", QT_TRANSLATE_NOOP("Errors", "an object with alg {alg}, key (the counter) and value"),
                  alg=ALG)


def _event_fine(dealer_id: str, counter: str) -> Callable[[Any], bool]:
    """_structure's checks of one event, when every text is known storable, as one test: True only
    when each of them passes (then nothing is to be named); False sends the event through the checks
    one by one, which name the first that fails. A file's 500 events took most of _structure's time."""
    high = wire_text.SMALL_INT_MAX
    entity_types = frozenset(ENTITY_TYPES)

    def fine(e) -> bool:
        if type(e) is not dict:
            return False
        get = e.get
        # Its dealer and origin must be the file's, texts checked already: equal, they are such texts too.
        if get("dealer_id") != dealer_id or get("origin") != counter:
            return False
        # Each value read once and the tests written out: a loop over the keys took a third more.
        i, eid, kind, at, seq, base, actor, etype = (get("id"), get("entity_id"), get("kind"), get("occurred_at"),
                                                     get("seq"), get("base"), get("actor_id"), get("entity_type"))
        if not (type(i) is str and type(eid) is str and type(kind) is str and type(at) is str
                and 0 < len(i) <= 200 and 0 < len(eid) <= 200 and 0 < len(kind) <= 200 and 0 < len(at) <= 200):
            return False
        if type(seq) is not int or not 1 <= seq <= high or type(etype) is not str or etype not in entity_types:
            return False
        if base is None:
            if seq != 1:
                return False
        elif type(base) is not dict or seq == 1:
            return False
        else:
            base_seq, base_id = base.get("seq"), base.get("event_id")
            if (type(base_seq) is not int or base_seq != seq - 1
                    or type(base_id) is not str or not 0 < len(base_id) <= 200):
                return False
        return type(get("payload")) is dict and (actor is None or type(actor) is str and 0 < len(actor) <= 200)

    return fine


def _without_signature(data: bytes, doc: dict) -> bytes | None:
    """A canonical file's bytes without its signature: canonical(body). Keys are sorted, so the
    signature is the last member but "version" (any other order: None, and the body is written out)."""
    member = b',"signature":' + canonical(doc["signature"])
    rest = b',"version":' + canonical(doc["version"]) + b"}\n"
    if not data.endswith(member + rest):
        return None
    return data[:len(data) - len(member) - len(rest)] + rest[:-1]


def _canonical_doc(data: bytes) -> dict | None:
    """The document of a file that is canonical, read fast (orjson, in C: a few times json's speed
    reading, ten times writing); None when this reading can't vouch for the file, which is then read
    the careful way that names what is wrong with it. Vouched for: valid UTF-8 and JSON, numbers and
    nesting within wire_text's rule, and its bytes exactly the canonical form of what they decode to,
    which then is what json.loads gives for them. A fraction anywhere sends the file the careful way:
    orjson writes some (1e-07) unlike signing.canonical."""
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(doc, dict) or not wire_text.whole_numbers_only(doc):
        return None
    if orjson.dumps(doc, option=orjson.OPT_SORT_KEYS) + b"\n" != data:
        return None
    return doc


def _read(data: bytes) -> tuple[dict | Any, bool, bool]:
    """(the document, whether its bytes are canonical, whether every text in it is storable)."""
    doc = _canonical_doc(data)
    if doc is not None:
        return doc, True, wire_text.texts_storable(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _reject("not_a_case_file", QT_TRANSLATE_NOOP("Errors",
            "This is not a case file (it is not UTF-8 text).")) from None
    try:
        # Text and numbers a database can store, checked in the whole document before anything else.
        doc = wire_text.loads(text, texts=False)  # text: _structure, and per change
    except wire_text.WireProblem as exc:
        raise _wire_reject(exc) from None
    except json.JSONDecodeError as exc:
        if text.startswith('{"') and not text.endswith("}\n"):
            raise _reject("truncated", QT_TRANSLATE_NOOP("Errors",
                "The case file is truncated: it ends after {size} bytes, in the middle of its content. "
                "Copy it again from the counter."), size=len(data)) from None
        # The line and column, not json's English words: what is wrong there is for a programmer to see.
        raise _reject("not_a_case_file", QT_TRANSLATE_NOOP("Errors",
            "This is not a case file (it is not valid JSON: the text goes wrong at line {line}, column {column})."),
            line=exc.lineno, column=exc.colno) from None
    return doc, False, wire_text.texts_storable(text)


def parse(data: bytes, secret_for: Callable[[str], str | None]) -> CaseFile:
    """Check every byte of ``data`` and return the case file, or raise CaseFileRejected.

    ``secret_for(counter_id)`` gives the key head office holds for that counter (None: unknown).
    Its bytes are read once and authenticated once: the signature is checked over the file's own
    bytes with the signature cut out, not over a body written out again."""
    return authenticate(read_unauthenticated(data), secret_for)


@dataclass(frozen=True)
class Unauthenticated:
    """What ``parse`` finds out of a file before it asks for the counter's key (read_unauthenticated):
    the checks that need no database, which may run anywhere (app.hq.verify_ahead: on a thread, while
    the file before it is stored)."""

    data: bytes
    doc: dict
    canonical_bytes: bool
    storable: bool
    problem: Exception | None  # what _structure found wrong, raised after the counter is known, as before
    sha256: str
    # (key, the MAC of the signed bytes under it) when a key was offered (read_unauthenticated's
    # ``likely_key``): authenticate uses it only when the counter's key it looks up is that very key.
    mac: tuple[str, str] | None = None


def check_size(size: int) -> None:
    """A file of ``size`` bytes refused when over the limit (a file on disk: checked before it is read)."""
    if size > MAX_FILE_BYTES:
        raise _reject("oversize", QT_TRANSLATE_NOOP("Errors",
            "The case file is {size} bytes, more than the {limit} allowed. Send fewer changes per file."),
            size=size, limit=MAX_FILE_BYTES)


def read_unauthenticated(data: bytes, likely_key: Callable[[str], str | None] | None = None) -> Unauthenticated:
    """``parse``'s first part: raises what it finds before the counter is looked up (size, format,
    version); the file's shapes are checked too, their fault kept for ``authenticate`` to raise.
    ``likely_key(counter)``: the key the counter's files were last authenticated with, if any; the
    MAC of a canonical file is then computed here too (app.hq.verify_ahead: on its thread)."""
    check_size(len(data))
    doc, canonical_bytes, storable = _read(data)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _reject("not_a_case_file", QT_TRANSLATE_NOOP("Errors",
            "This is not a case file (its format is not \"{format}\")."), format=FORMAT)
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _reject("invalid", MALFORMED, field="version", want=QT_TRANSLATE_NOOP("Errors", "a whole number"))
    if version > VERSION:
        raise _reject("upgrade_required", QT_TRANSLATE_NOOP("Errors",
            "Upgrade required: the case file has format version {found}, this program reads versions "
            "{low} to {high}. Install the newer Recovery Desk and import it again."),
            found=version, low=MIN_VERSION, high=VERSION)
    if version < MIN_VERSION:
        raise _reject("too_old", QT_TRANSLATE_NOOP("Errors",
            "The case file has format version {found}, older than the oldest this program reads ({low})."),
            found=version, low=MIN_VERSION)
    try:
        _structure(doc, storable)
        problem = None
    except Exception as exc:  # noqa: BLE001 - raised as it was, after the counter is looked up
        problem = exc
    counter = doc.get("counter")
    key = likely_key(counter) if likely_key is not None and isinstance(counter, str) and problem is None else None
    signed = _without_signature(data, doc) if key is not None and canonical_bytes else None
    return Unauthenticated(data, doc, canonical_bytes, storable, problem, sha256(data),
                           (key, signing.mac(key, signed)) if signed is not None else None)


def authenticate(u: Unauthenticated, secret_for: Callable[[str], str | None]) -> CaseFile:
    """``parse``'s second part: the counter's key looked up (``secret_for``) and the signature checked."""
    data, doc = u.data, u.doc
    counter = doc.get("counter")
    secret = secret_for(counter) if isinstance(counter, str) else None
    if isinstance(counter, str) and secret is None:
        dealer = doc.get("dealer")
        raise _reject("unknown_counter", QT_TRANSLATE_NOOP("Errors",
            "The case file comes from counter {counter} of dealer {dealer}, which head office has not "
            "enrolled. Enrol the counter, then send the file again."),
            counter=counter[:60], dealer=str(dealer.get("code") if isinstance(dealer, dict) else "?")[:40])
    if u.problem is not None:
        raise u.problem
    body = {k: v for k, v in doc.items() if k != "signature"}
    try:
        whole = data if u.canonical_bytes else canonical(doc) + b"\n"
        # The body's canonical bytes are the file's without its signature when the file is canonical
        # (the usual case): cut out, not written out a second time.
        claimed = doc["signature"]["value"]
        if u.mac is not None and u.mac[0] == secret:  # computed ahead, under the key looked up now
            genuine = isinstance(claimed, str) and signing.same(u.mac[1], claimed)
        else:
            signed = (_without_signature(data, doc) if whole == data else None) or canonical(body)
            genuine = signing.verify(secret, signed, claimed)
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8 for it, so no file can have been signed with it
        try:
            wire_text.check(body)
        except wire_text.WireProblem as exc:
            raise _wire_reject(exc) from None
        raise
    if not genuine:
        raise _reject("bad_signature", QT_TRANSLATE_NOOP("Errors",
            "The case file's signature does not match: it was changed after counter {counter} signed it, "
            "or signed with a key other than the one head office holds for that counter."),
            counter=counter)
    if whole != data:
        raise _reject("bad_signature", QT_TRANSLATE_NOOP("Errors",
            "The case file was changed after counter {counter} signed it (its bytes are not the ones "
            "that were signed)."), counter=counter)
    return CaseFile(doc["version"], doc["dealer"]["id"], doc["dealer"]["code"], counter, doc["sequence"],
                    doc["created_at"], doc["events"], {t: doc["records"].get(t, []) for t in RECORD_TABLES},
                    u.sha256, u.storable)


def file_name(dealer_code: str, counter: str, sequence: int) -> str:
    # The whole counter id: UUIDv7s of counters set up the same day share their leading digits.
    return f"{dealer_code}-{counter}-{sequence:08d}.casefile"
