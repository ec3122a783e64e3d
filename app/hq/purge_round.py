"""A round of case files head office takes in together (`hq import` of a folder, the inbox at
start-up): the purges its files carry rewrite each kept file once and compact the database once, at
the round's end, instead of once per file (app.services.privacy.kept_files). When the round ends no
kept file names a purged customer and no free page or WAL frame holds one; a round a crash cut short
left its scrubs noted in the database, and the next round or start does them first."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from app.hq import ordering
from app.services.privacy import kept_files, purging

log = logging.getLogger(__name__)


@dataclass
class PurgeRound:
    purged: int = 0  # customers the round's files anonymised so far
    # The round's files may be imported on several threads at once (app.hq.importer).
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, purged: int) -> None:
        with self._lock:
            self.purged += purged


def finish(db, purged: int = 0) -> int:
    """Every noted scrub done, each dealer's in one transaction (in order with its files' imports),
    then the database compacted when anything was purged. Returns the kept files rewritten."""
    with db.session() as s:
        dealers = kept_files.noted_dealers(s)
    rewritten = 0
    for dealer_id in sorted(dealers):
        with db.session() as s, s.begin():
            ordering.hold_dealer(s, dealer_id)  # no file of the dealer rewrites a kept file meanwhile
            rewritten += kept_files.scrub_noted(s, dealer_id)
    if purged or dealers:
        purging.compact(db)
    return rewritten


@contextmanager
def purge_round(db):
    """Yields the round to hand to each ``receive``; its end does the purges' scrubs and compacts."""
    finish(db)  # what a round a crash cut short left
    purges = PurgeRound()
    try:
        yield purges
    except BaseException:
        try:  # what the round's stored files purged is done even so; the round's own fault is the one raised
            finish(db, purges.purged)
        except Exception:  # noqa: BLE001 - the notes stay: the next round or start does them
            log.exception("the purges of an interrupted round are left for the next round or start")
        raise
    finish(db, purges.purged)
