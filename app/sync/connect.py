"""Joining a counter to head office with a one-time enrolment code; the credential goes to the
OS keyring only, the address to settings, and the counter takes its dealer's identity."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from sqlalchemy import delete, select, update

from app.foundation import secrets
from app.foundation.errors import InvalidInput, RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import is_tag
from app.models import Base, Dealer, StoreMeta, utcnow
from app.services import settings
from app.services.cases.opening import Renumbered, renumber_for_dealer
from app.models.identity import CASE_SEQ_PREFIX, COUNTER_TAG_KEY, SEQUENCE_FLOOR_KEY, ensure_identity
from app.sync import wire
from app.sync.client import Offline, Unverified
from app.services.changes import CASES, SETTINGS, SYNC, announces


class EnrolmentFailed(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "Head office refused the enrolment: {reason}")


@dataclass(frozen=True)
class Connected:
    dealer_code: str
    dealer_name: str
    counter_id: str
    url: str
    counter_tag: str = ""
    renumbered: tuple[Renumbered, ...] = ()


def _check_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")) or len(url) < 10:
        raise InvalidInput(field="url", problem=QT_TRANSLATE_NOOP("Errors",
            "a web address starting with https:// (or http:// inside the dealer network), e.g. https://hq.example.com"))
    return url


@announces(SETTINGS | SYNC | CASES)  # CASES: the cases made before joining take the dealer's numbers
def connect(store, url: str, code: str, *, label: str = "",
            transport: httpx.BaseTransport | None = None) -> Connected:
    url = _check_url(url)
    if len("".join(ch for ch in code if ch.isalnum())) != 12:
        raise InvalidInput(field="code", problem=QT_TRANSLATE_NOOP("Errors",
            "the 12-character code head office gave you, e.g. ABCD-EFGH-JKMN"))
    # Before the code is spent: a credential we couldn't keep would lock the counter out.
    secrets.check_available()
    counter_id = store.identity.store_id
    try:
        with httpx.Client(base_url=url, transport=transport, timeout=15.0) as http:
            r = http.post(wire.API + "/enrol", json={"code": code, "counter_id": counter_id, "label": label})
    except httpx.HTTPError as exc:
        raise Offline(url=url, reason=type(exc).__name__, waiting=0) from exc
    try:
        body = r.json()
    except ValueError:
        body = None
    if r.status_code == 403 and isinstance(body, dict) and "error" in body:
        raise EnrolmentFailed(reason=body["error"].get("message", ""))
    if r.status_code != 200 or not isinstance(body, dict) or body.get("counter_id") != counter_id:
        raise Unverified(url=url, status=r.status_code)
    tag = body.get("counter_tag")
    if not isinstance(tag, str) or not is_tag(tag):
        # A head office too old to assign tags: the counter's own tag, as before (not unique).
        tag = store.identity.tag
    secrets.put(secrets.counter_key(counter_id), body["secret"])
    dealer = body["dealer"]
    renumbered = _rehome(store, dealer["id"], dealer["code"], dealer["name"], tag)
    with store.session() as s, s.begin():
        settings.put(s, "sync.server_url", url)
        _number_above(s, body.get("last_sequence"), body.get("case_numbers"))
    return Connected(dealer["code"], dealer["name"], counter_id, url, tag, tuple(renumbered))


def _raise_meta(s, key: str, value) -> None:
    row = s.get(StoreMeta, key)
    if row is None:
        s.add(StoreMeta(key=key, value=str(value)))
    elif not row.value.isdigit() or int(row.value) < value:
        row.value = str(value)


def _number_above(s, last_sequence, case_numbers) -> None:
    """A counter enrolled again (a new PC restored from an older backup) numbers its case files and
    cases above what head office already has from it, never giving a number out twice."""
    if isinstance(last_sequence, int) and last_sequence > 0:
        _raise_meta(s, SEQUENCE_FLOOR_KEY, last_sequence)
    for yymm, n in (case_numbers or {}).items() if isinstance(case_numbers, dict) else ():
        if isinstance(yymm, str) and len(yymm) == 4 and yymm.isdigit() and isinstance(n, int) and n > 0:
            _raise_meta(s, f"{CASE_SEQ_PREFIX}{yymm}", n)


def dealer_tables() -> list:
    """Every table with a dealer_id column, read from the models: a new one is re-homed too. Not one that
    triggers keep from another table's rows (form_month): moving those rows moves its sums, once."""
    return [t for t in Base.metadata.sorted_tables if "dealer_id" in t.c and not t.info.get("kept_by_triggers")]


def _rehome(store, dealer_id: str, code: str, name: str, tag: str | None = None) -> list[Renumbered]:
    """The counter now belongs to head office's dealer: what it recorded before joins it too, its
    cases take the dealer's code and the counter's assigned tag (None: keep its own), all in one
    transaction."""
    old = store.identity.home_dealer_id
    tag = tag or store.identity.tag
    renumbered: list[Renumbered] = []
    with store.session() as s, s.begin():
        same_code = s.scalar(select(Dealer).where(Dealer.code == code))
        if same_code is not None and same_code.id != dealer_id:
            same_code.code = f"{code}~{same_code.id[:8]}"
            s.flush()
        if s.get(Dealer, dealer_id) is None:
            s.add(Dealer(id=dealer_id, code=code, name=name, created_at=utcnow()))
            s.flush()
        if old != dealer_id:
            # Nothing has left this counter yet (it had no credential), so re-filing its rows and
            # history under the dealer is the only way they reach head office as that dealer's.
            # Open early warnings are derived under the dealer's id: worked out again under the new one.
            warnings = Base.metadata.tables["early_warning"]
            s.execute(delete(warnings).where(warnings.c.dealer_id == old, warnings.c.acknowledged_at.is_(None)))
            for table in dealer_tables():
                s.execute(update(table).where(table.c.dealer_id == old).values(dealer_id=dealer_id))
            s.get(StoreMeta, "home_dealer_id").value = dealer_id
            s.flush()
            # The placeholder the counter worked under offline names nothing any more; left behind,
            # it would show as a second dealer in reports and in the dealers a store holds.
            s.execute(delete(Dealer).where(Dealer.id == old))
        tag_row = s.get(StoreMeta, COUNTER_TAG_KEY)
        if tag_row is None:
            s.add(StoreMeta(key=COUNTER_TAG_KEY, value=tag))
        else:
            tag_row.value = tag
        s.flush()
        # Offline numbers (LOCAL-YYMM-<own tag>-NNNN) become the dealer's, with the same running
        # numbers: unique within the dealer because the tag is.
        renumbered = renumber_for_dealer(s, dealer_id, code, tag, origin=store.identity.store_id, at=utcnow())
    ensure_identity(store)
    return renumbered
