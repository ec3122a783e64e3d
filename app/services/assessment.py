"""The monthly feedback assessment (本月满意度): aggregated by the database, judged by app.rules."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, select

from app.foundation.errors import InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import FailureCase, FeedbackForm, User
from app.rules import scoring
from app.services import settings
from app.services.directory import dealer_by_code, home_dealer
from app.services.figures import failure_condition
from app.services.orders.calls import call_figures
from app.rules.vocab import OTHER_CHANNELS, Channel

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class MonthFigures:
    forms: int  # forms assessed (n)
    total: int
    verified: int
    unverified: int
    disputed: int
    failures: int
    all_top: bool
    grades: dict[str, dict[str, int]]


@dataclass(frozen=True)
class MonthSummary:
    month: str
    dealer: str
    advisor: str | None
    basis: str  # "all" | "verified": which forms the assessment counted
    forms: int
    verified_forms: int
    unverified_forms: int
    disputed_forms: int
    total: int
    average: float | None
    previous_month: str
    previous_forms: int
    previous_average: float | None
    change: float | None
    outcome: str
    amount: int
    grades: dict[str, dict[str, int]]
    failures: int
    failure_share: float | None
    failure_share_target: float
    complaints: dict[str, int] = field(default_factory=dict)
    other_channel_complaints: int = 0
    # The 3-day calls due in the month (services/orders/calls.py): due, reached, unreachable, failures found,
    # completion and reach rates; the whole dealer's (calls are not an advisor's figure).
    calls: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


FIRST_YEAR, LAST_YEAR = 1900, 2999  # a month's figures read the month before and after it: years 0 and 10000 don't exist


def parse_month(text: str) -> tuple[int, int]:
    m = _MONTH.match(text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InvalidInput(field="--month", problem=QT_TRANSLATE_NOOP("Errors", "write the month as YYYY-MM, e.g. 2026-05"))
    if not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
        raise InvalidInput(field="--month", problem=QT_TRANSLATE_NOOP(
            "Errors", "the year {year} is out of range: give one from {first} to {last}, e.g. 2026-05"),
            year=m.group(1), first=FIRST_YEAR, last=LAST_YEAR)
    return int(m.group(1)), int(m.group(2))


def month_bounds(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1)
    return start, end


def previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def counted_condition(verified_only: bool, verification=None):
    """Disputed forms are left out until resolved; with verified_only, unverified ones too.
    ``verification``: another column holding a form's verification (head office's month sums)."""
    column = FeedbackForm.verification if verification is None else verification
    if verified_only:
        return column == "verified"
    return column != "disputed"


def month_figures(session, start: date, end: date, filters: list, *, verified_only: bool,
                  overall_threshold: int) -> MonthFigures:
    counted = counted_condition(verified_only)

    def count_if(cond):
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    cols = [count_if(counted), func.coalesce(func.sum(case((counted, FeedbackForm.score), else_=0)), 0),
            count_if(FeedbackForm.verification == "verified"), count_if(FeedbackForm.verification == "unverified"),
            count_if(FeedbackForm.verification == "disputed"),
            count_if(and_(counted, failure_condition(overall_threshold))),
            count_if(and_(counted, FeedbackForm.score == 6))]
    for item in scoring.ITEMS:
        col = getattr(FeedbackForm, item)
        cols += [count_if(and_(counted, col == g)) for g in "ABCDE"]
    q = select(*cols).where(FeedbackForm.service_date >= start, FeedbackForm.service_date < end, *filters)
    row = list(session.execute(q).one())
    n, total, verified, unverified, disputed, failures, top = (int(x) for x in row[:7])
    grades = {}
    for i, item in enumerate(scoring.ITEMS):
        part = row[7 + 5 * i: 12 + 5 * i]
        grades[item] = {g: int(c) for g, c in zip("ABCDE", part)}
    return MonthFigures(n, int(total), verified, unverified, disputed, failures, n > 0 and top == n, grades)


def complaints_by_channel(session, dealer_id: str, start: date, end: date,
                          assignee_id: str | None = None) -> dict[str, int]:
    """Cases opened in the month (local calendar), by the channel that found them."""
    lo = datetime(start.year, start.month, start.day).astimezone()
    hi = datetime(end.year, end.month, end.day).astimezone()
    q = (select(FailureCase.channel, func.count())
         .where(FailureCase.dealer_id == dealer_id, FailureCase.opened_at >= lo, FailureCase.opened_at < hi)
         .group_by(FailureCase.channel))
    if assignee_id:
        q = q.where(FailureCase.assignee_id == assignee_id)
    counts = {c.value: 0 for c in Channel}
    counts.update({ch: n for ch, n in session.execute(q)})
    return counts


def month_summary(store, month: str, dealer_code: str | None = None, advisor: str | None = None) -> MonthSummary:
    year, mon = parse_month(month)
    with store.session() as s:
        dealer = dealer_by_code(s, dealer_code, home_dealer(store))
        conf = settings.get_all(s)
        filters = [FeedbackForm.dealer_id == dealer.id]
        advisor_id = None
        if advisor:
            advisor_id = s.scalar(select(User.id).where(User.dealer_id == dealer.id, User.display_name == advisor))
            if advisor_id is None:
                raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Advisor"), key=advisor)
            filters.append(FeedbackForm.advisor_id == advisor_id)
        kw = dict(verified_only=conf["assessment.verified_only"], overall_threshold=conf["failure.overall_threshold"])
        this = month_figures(s, *month_bounds(year, mon), filters, **kw)
        py, pm = previous(year, mon)
        prev = month_figures(s, *month_bounds(py, pm), filters, **kw)
        complaints = complaints_by_channel(s, dealer.id, *month_bounds(year, mon), advisor_id)
        first, after = month_bounds(year, mon)
        calls = call_figures(s, dealer.id, first, after - timedelta(days=1)).to_json()

    avg = scoring.average(this.total, this.forms)
    prev_avg = scoring.average(prev.total, prev.forms)
    chg = scoring.change(avg, prev_avg)
    result = scoring.outcome(chg, this.all_top)
    amount = {scoring.Outcome.REWARD: conf["assessment.reward_amount"],
              scoring.Outcome.PENALTY: conf["assessment.penalty_amount"]}.get(result, 0)
    return MonthSummary(
        month=f"{year:04d}-{mon:02d}", dealer=dealer.code, advisor=advisor,
        basis="verified" if conf["assessment.verified_only"] else "all",
        forms=this.forms, verified_forms=this.verified, unverified_forms=this.unverified,
        disputed_forms=this.disputed, total=this.total, average=avg,
        previous_month=f"{py:04d}-{pm:02d}", previous_forms=prev.forms, previous_average=prev_avg,
        change=chg, outcome=result.value, amount=amount, grades=this.grades, failures=this.failures,
        failure_share=scoring.failure_share(this.failures, this.forms),
        failure_share_target=conf["failure.share_target"], complaints=complaints,
        other_channel_complaints=sum(n for ch, n in complaints.items() if ch in OTHER_CHANNELS), calls=calls)
