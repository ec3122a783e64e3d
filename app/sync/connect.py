"""Joining a counter to head office with a one-time enrolment code; the credential goes to the
OS keyring only, the address to settings, and the counter takes its dealer's identity."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from sqlalchemy import select, update

from app import secrets
from app.errors import InvalidInput, RecoveryDeskError
from app.i18n_marks import QT_TRANSLATE_NOOP
from app.models import (Customer, Dealer, FailureCase, FeedbackForm, RepairOrder, StoreMeta, User, Vehicle,
                        utcnow)
from app.services import settings
from app.services.store_setup import ensure_identity
from app.sync import wire
from app.sync.client import Offline, Unverified


class EnrolmentFailed(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "Head office refused the enrolment: {reason}")


@dataclass(frozen=True)
class Connected:
    dealer_code: str
    dealer_name: str
    counter_id: str
    url: str


def _check_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")) or len(url) < 10:
        raise InvalidInput(field="url", problem=QT_TRANSLATE_NOOP("Errors",
            "a web address starting with https:// (or http:// inside the dealer network), e.g. https://hq.example.com"))
    return url


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
    secrets.put(secrets.counter_key(counter_id), body["secret"])
    dealer = body["dealer"]
    _rehome(store, dealer["id"], dealer["code"], dealer["name"])
    with store.session() as s, s.begin():
        settings.put(s, "sync.server_url", url)
    return Connected(dealer["code"], dealer["name"], counter_id, url)


def _rehome(store, dealer_id: str, code: str, name: str) -> None:
    """The counter now belongs to head office's dealer: what it recorded before joins it too."""
    old = store.identity.home_dealer_id
    with store.session() as s, s.begin():
        same_code = s.scalar(select(Dealer).where(Dealer.code == code))
        if same_code is not None and same_code.id != dealer_id:
            same_code.code = f"{code}~{same_code.id[:8]}"
            s.flush()
        if s.get(Dealer, dealer_id) is None:
            s.add(Dealer(id=dealer_id, code=code, name=name, created_at=utcnow()))
            s.flush()
        if old != dealer_id:
            from app.models import Event

            # Nothing has left this counter yet (it had no credential), so re-filing its rows and
            # history under the dealer is the only way they reach head office as that dealer's.
            for model in (User, Customer, Vehicle, RepairOrder, FeedbackForm, FailureCase, Event):
                s.execute(update(model).where(model.dealer_id == old).values(dealer_id=dealer_id))
            s.get(StoreMeta, "home_dealer_id").value = dealer_id
    ensure_identity(store)
