"""Globally unique, time-ordered ids (UUIDv7) and the human case number."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_seq = 0


def new_id() -> str:
    """A UUIDv7 string: unique across dealers, and time-ordered so inserts stay at the index's end.

    Within one millisecond a 12-bit counter keeps ids strictly increasing from this process.
    """
    global _last_ms, _seq
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            _seq += 1
            if _seq > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms += 1
                _seq = 0
            ms = _last_ms
        else:
            _last_ms = ms
            _seq = int.from_bytes(os.urandom(2), "big") & 0x3FF  # leave room to count up
        rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76
        value |= (_seq & 0xFFF) << 64
        value |= 0b10 << 62
        value |= rand_b
    return str(uuid.UUID(int=value))


# Crockford's base32 without I, L, O, U: nothing to confuse when read over the phone.
_READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def counter_tag(store_id: str) -> str:
    """Two readable characters that tell a dealer's counters apart in case numbers."""
    n = uuid.UUID(store_id).int
    return _READABLE[(n >> 5) & 31] + _READABLE[n & 31]


def case_number(dealer_code: str, year: int, month: int, tag: str, seq: int) -> str:
    """E.g. ``BJ01-2611-K7-0042``: dealer, year and month opened, counter, running number."""
    return f"{dealer_code}-{year % 100:02d}{month:02d}-{tag}-{seq:04d}"
