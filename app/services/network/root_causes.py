"""Root causes rising across dealers: the texts recorded at closing, grouped (app/rules/root_causes.py), this month against last.

Only the cases closed in the two months compared are read, through the index on closed_at, and the
database sums them per text, dealer and month first: what crosses to Python is one row per distinct
(text, dealer, month), not one per case.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from app.models import Dealer, FailureCase
from app.rules import root_causes
from app.services.assessment import month_bounds, parse_month, previous


@dataclass(frozen=True)
class DealerCount:
    dealer_id: str
    code: str
    this_month: int
    last_month: int


@dataclass(frozen=True)
class RootCauseRise:
    label: str  # the group's text as most often written
    texts: tuple[str, ...]  # every stored text in the group (the drill-down's filter)
    this_month: int  # cases closed this month with a text of the group
    last_month: int
    dealers: tuple[DealerCount, ...]  # every dealer with such a case in either month, most this month first
    cause_group: str  # the cause group its cases were filed under most often (an action's figure)

    @property
    def change(self) -> int:
        return self.this_month - self.last_month

    @property
    def dealers_now(self) -> int:
        """Dealers with such a case this month."""
        return sum(1 for d in self.dealers if d.this_month)


def month_window(month: str) -> tuple[datetime, datetime, datetime]:
    """Local midnights: the previous month's first day, this month's, and the next month's."""
    year, mon = parse_month(month)
    start, end = month_bounds(year, mon)
    before, _ = month_bounds(*previous(year, mon))
    at = lambda d: datetime(d.year, d.month, d.day).astimezone()  # noqa: E731 - cases count in local months
    return at(before), at(start), at(end)


def rising_root_causes(db, month: str) -> list[RootCauseRise]:
    """Every group of root causes closed in ``month`` or the month before, rising first (most
    added, then most dealers now), then the rest by this month's count."""
    lo, mid, hi = month_window(month)
    C = FailureCase
    now = case((C.closed_at >= mid, 1), else_=0)
    q = (select(C.root_cause, C.dealer_id, C.cause_group, func.sum(now), func.count())
         .where(C.closed_at >= lo, C.closed_at < hi, C.root_cause != "")
         .group_by(C.root_cause, C.dealer_id, C.cause_group))
    with db.session() as s:
        rows = s.execute(q).all()
        codes = dict(s.execute(select(Dealer.id, Dealer.code)).all()) if rows else {}
    written: dict[str, int] = {}
    for text, _d, _g, _n, total in rows:
        written[text] = written.get(text, 0) + int(total)
    group_of = {t: g for g in root_causes.group(written) for t in g.texts}
    sums: dict[root_causes.Group, dict[str, list[int]]] = {}
    groups: dict[root_causes.Group, Counter] = {}
    for text, dealer_id, cause_group, this, total in rows:
        g = group_of.get(text)
        if g is None:
            continue  # punctuation only: no cause written
        groups.setdefault(g, Counter())[cause_group] += int(total)
        pair = sums.setdefault(g, {}).setdefault(dealer_id, [0, 0])
        pair[0] += int(this or 0)
        pair[1] += int(total) - int(this or 0)
    out = []
    for g, per_dealer in sums.items():
        dealers = tuple(sorted((DealerCount(d, codes.get(d, d), a, b) for d, (a, b) in per_dealer.items()),
                               key=lambda x: (-x.this_month, -x.last_month, x.code)))
        out.append(RootCauseRise(g.label, g.texts, sum(d.this_month for d in dealers),
                                 sum(d.last_month for d in dealers), dealers,
                                 min(groups[g].items(), key=lambda kv: (-kv[1], kv[0]))[0]))
    out.sort(key=lambda r: (r.change <= 0, -r.change, -r.dealers_now, -r.this_month, r.label))
    return out
