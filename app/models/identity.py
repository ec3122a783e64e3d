"""The store's identity: its own id (the counter), its two-letter tag and its home dealer; given when the store opens."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.foundation.ids import counter_tag, new_id
from app.models import Dealer, StoreMeta, utcnow

DEFAULT_DEALER_CODE = "LOCAL"
COUNTER_TAG_KEY = "counter_tag"  # store_meta: the tag head office assigned at enrolment
# store_meta: the highest case-file sequence this counter ever gave out, when its store may no longer
# list it (a backup was restored): the outbox numbers above it.
SEQUENCE_FLOOR_KEY = "sync.sequence_floor"
CASE_SEQ_PREFIX = "case_seq:"  # store_meta: + YYMM, the last running number of this counter's cases that month


@dataclass(frozen=True)
class StoreIdentity:
    store_id: str
    tag: str
    home_dealer_id: str
    home_dealer_code: str
    home_dealer_name: str = ""  # "" until head office names the dealer (connect)


def _meta(session, key: str) -> str | None:
    row = session.get(StoreMeta, key)
    return row.value if row else None


def ensure_identity(store) -> StoreIdentity:
    """Give a new store its id and home dealer; read them back on every later start."""
    with store.session() as s, s.begin():
        store_id = _meta(s, "store_id")
        if store_id is None:
            store_id = new_id()
            s.add(StoreMeta(key="store_id", value=store_id))
        dealer_id = _meta(s, "home_dealer_id")
        if dealer_id is None:
            dealer = s.scalar(select(Dealer).where(Dealer.code == DEFAULT_DEALER_CODE))
            if dealer is None:
                dealer = Dealer(id=new_id(), code=DEFAULT_DEALER_CODE, name="", created_at=utcnow())
                s.add(dealer)
                s.flush()
            s.add(StoreMeta(key="home_dealer_id", value=dealer.id))
            dealer_id = dealer.id
        dealer = s.get(Dealer, dealer_id)
        code, name = dealer.code, dealer.name or ""
        # Head office's tag once enrolled (unique within the dealer); the store's own before.
        tag = _meta(s, COUNTER_TAG_KEY) or counter_tag(store_id)
    identity = StoreIdentity(store_id, tag, dealer_id, code, name)
    store.identity = identity
    return identity
