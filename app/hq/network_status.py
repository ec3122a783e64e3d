"""What head office's window shows of the network's machinery: each counter's health as it last
reported, what each dealer runs of a published pack or settings, and when a publication arrived."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select

from app.foundation.clock import now as clock_now
from app.hq.publish import Checked, check_file
from app.models import Dealer, HqCounter, HqPublishedArrival, HqRefusal, SyncPublished, SyncReceived


@dataclass(frozen=True)
class CounterHealth:
    dealer_code: str
    counter_id: str
    label: str
    tag: str | None
    enrolled_at: datetime
    last_seen_at: datetime | None  # its last sync: a case file received or publications asked for
    files: int
    clock_skew_s: float | None  # its clock against head office's at its last case file
    refusals: int  # changes or files head office refused of it (its Sync problems seen from here)
    last_refusal: str  # the code of the latest refusal
    silent_days: float | None  # days since it was last heard of (None: never)
    waiting: int | None = None  # changes not yet acknowledged, as it last reported (None: never reported)
    problems: int | None = None  # entries in its Sync problems, as it last reported
    version: str | None = None  # its program's version, as it last reported

    def silent(self, days: int) -> bool:
        return self.silent_days is None or self.silent_days > days


def counter_health(db, *, now: datetime | None = None) -> list[CounterHealth]:
    """Every enrolled counter, by dealer; a counter's last contact is the later of its last case file
    and its last question for publications (every sync round asks)."""
    now = now or clock_now()
    with db.session() as s:
        files = dict(s.execute(select(SyncReceived.counter_id, func.count()).group_by(SyncReceived.counter_id)).all())
        refused = {c: (n, last) for c, n, last in s.execute(
            select(HqRefusal.counter_id, func.count(), func.max(HqRefusal.id)).group_by(HqRefusal.counter_id))}
        codes = dict(s.execute(select(HqRefusal.id, HqRefusal.code).where(
            HqRefusal.id.in_([last for _n, last in refused.values()]))).all()) if refused else {}
        pulled = dict(s.execute(select(HqPublishedArrival.counter_id, func.max(HqPublishedArrival.arrived_at))
                                .group_by(HqPublishedArrival.counter_id)).all())
        out = []
        for code, c in s.execute(select(Dealer.code, HqCounter).join(HqCounter, HqCounter.dealer_id == Dealer.id)
                                 .order_by(Dealer.code, HqCounter.enrolled_at)):
            seen = max([t for t in (c.last_seen_at, c.reported_at, pulled.get(c.id)) if t is not None], default=None)
            n, last = refused.get(c.id, (0, None))
            out.append(CounterHealth(code, c.id, c.label, c.tag, c.enrolled_at, seen, files.get(c.id, 0),
                                     c.clock_skew_s, n, codes.get(last, ""),
                                     None if seen is None else (now - seen) / timedelta(days=1),
                                     c.reported_waiting, c.reported_problems, c.reported_version))
        return out


@dataclass(frozen=True)
class Arrival:
    counter_id: str
    label: str
    arrived_at: datetime | None  # None: not yet handed to this counter


@dataclass(frozen=True)
class DealerRuns:
    """What one dealer runs of a kind and name: the latest publication for it, and where it arrived."""
    dealer_id: str
    code: str
    name: str
    version: int | None  # None: nothing of this name published for it yet
    published_at: datetime | None
    arrivals: list[Arrival]


@dataclass(frozen=True)
class PublishPreview:
    kind: str
    name: str
    version: int | None
    size: int
    dealers: list[DealerRuns]


def _latest_for(s, dealer_id: str, kind: str, name: str):
    return s.scalar(select(SyncPublished).where(
        SyncPublished.kind == kind, SyncPublished.name == name,
        or_(SyncPublished.dealer_id.is_(None), SyncPublished.dealer_id == dealer_id))
        .order_by(SyncPublished.n.desc()).limit(1))


def dealers_running(db, kind: str, name: str) -> list[DealerRuns]:
    """Per dealer: the latest publication of ``kind``/``name`` meant for it and, per counter, when it arrived."""
    with db.session() as s:
        counters: dict[str, list] = {}
        for c in s.scalars(select(HqCounter).order_by(HqCounter.enrolled_at)):
            counters.setdefault(c.dealer_id, []).append(c)
        out = []
        for d in s.scalars(select(Dealer).order_by(Dealer.code)):
            latest = _latest_for(s, d.id, kind, name)
            arrived = {}
            if latest is not None:
                arrived = dict(s.execute(select(HqPublishedArrival.counter_id, HqPublishedArrival.arrived_at)
                                         .where(HqPublishedArrival.n == latest.n)).all())
            arrivals = [Arrival(c.id, c.label or c.id[:13], arrived.get(c.id)) for c in counters.get(d.id, [])]
            out.append(DealerRuns(d.id, d.code, d.name, latest.version if latest else None,
                                  latest.published_at if latest else None, arrivals))
        return out


def preview(db, path: Path) -> PublishPreview:
    """The file checked as `hq publish` checks it (InvalidInput / PackRejected when it is not
    valid), compared with what each dealer runs of the same pack or settings now."""
    checked: Checked = check_file(path)
    return PublishPreview(checked.kind, checked.name, checked.version, len(checked.data),
                          dealers_running(db, checked.kind, checked.name))


def watch_signature(db) -> tuple:
    """A cheap summary of what arrives from outside the window (case files, conflicts, a counter
    taking a publication): the window polls it and refreshes its pages when it changes."""
    from app.models import SyncConflict

    with db.session() as s:
        return (s.scalar(select(func.max(SyncReceived.n))),
                s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))),
                s.scalar(select(func.max(SyncConflict.detected_at))),
                s.scalar(select(func.max(HqPublishedArrival.arrived_at))),
                s.scalar(select(func.max(SyncPublished.n))))
