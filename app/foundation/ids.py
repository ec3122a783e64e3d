"""Globally unique, time-ordered ids (UUIDv7) and the human case number."""

from __future__ import annotations

import os
import random
import threading
import time
import uuid
from typing import Iterator

_lock = threading.Lock()
# Random bits from a private generator seeded by the OS (one os.urandom per id was a syscall each,
# a measurable share of a bulk import); reseeded in forked children so they never repeat a parent.
_rng = random.Random()
os.register_at_fork(after_in_child=_rng.seed)
_last_ms = 0
_seq = 0


def new_id() -> str:
    """A UUIDv7 string: unique across dealers, and time-ordered so inserts stay at the index's end.

    Within one millisecond a 12-bit counter keeps ids strictly increasing from this process.
    """
    return new_ids(1)[0]


def new_ids(n: int) -> list[str]:
    """``n`` new ids in the order made (each as ``new_id`` makes it), under one lock: a bulk import
    takes tens of thousands, and the lock and the clock once per id were a visible share of it."""
    global _last_ms, _seq
    out = []
    add, getrandbits = out.append, _rng.getrandbits
    with _lock:
        ms = time.time_ns() // 1_000_000
        last, seq = _last_ms, _seq
        stamped, prefix = -1, ""
        for _ in range(n):
            if ms <= last:
                seq += 1
                if seq > 0xFFF:  # counter exhausted: borrow the next millisecond
                    last += 1
                    seq = 0
            else:
                last = ms
                seq = getrandbits(10)  # random start, room left to count up
            if last != stamped:  # the 48-bit millisecond and the version, formatted once per millisecond
                t = f"{last & 0xFFFF_FFFF_FFFF:012x}"
                stamped, prefix = last, f"{t[:8]}-{t[8:]}-7"
            # Formatting by hand (uuid.UUID() was a visible cost in bulk imports): the counter, then the
            # variant (binary 10) and 62 random bits.
            low = f"{0x8000_0000_0000_0000 | getrandbits(62):016x}"
            add(f"{prefix}{seq:03x}-{low[:4]}-{low[4:]}")
        _last_ms, _seq = last, seq
    return out


def id_stream(batch: int = 1024) -> Iterator[str]:
    """New ids one at a time, made ``batch`` at a time (for a writer of many rows)."""
    while True:
        yield from new_ids(batch)


# Crockford's base32 without I, L, O, U: nothing to confuse when read over the phone.
_READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def counter_tag(store_id: str) -> str:
    """The store's own two readable characters, for numbers made before head office assigns a tag
    (they are not unique within a dealer: see ``free_tag``)."""
    n = uuid.UUID(store_id).int
    return _READABLE[(n >> 5) & 31] + _READABLE[n & 31]


def is_tag(text: str) -> bool:
    return len(text) == 2 and all(ch in _READABLE for ch in text)


def free_tag(taken: set[str]) -> str | None:
    """The first tag, in reading order, that no counter of the dealer holds; None when all 1,024 are."""
    for a in _READABLE:
        for b in _READABLE:
            if a + b not in taken:
                return a + b
    return None


def case_number(dealer_code: str, year: int, month: int, tag: str, seq: int) -> str:
    """E.g. ``BJ01-2611-K7-0042``: dealer, year and month opened, counter, running number."""
    return f"{dealer_code}-{year % 100:02d}{month:02d}-{tag}-{seq:04d}"


def parse_case_number(number: str) -> tuple[str, str, str, int] | None:
    """(dealer code, YYMM, tag, running number) of a number ``case_number`` made, else None.

    The dealer code may itself hold dashes (codes allow them), so the number is read from the right.
    """
    parts = number.rsplit("-", 3)
    if len(parts) != 4:
        return None
    code, yymm, tag, seq = parts
    if not code or len(yymm) != 4 or not yymm.isdigit() or not is_tag(tag) or not seq.isdigit():
        return None
    return code, yymm, tag, int(seq)
