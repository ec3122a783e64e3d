"""Head office's network report: every dealer's month side by side, a ranking, the most frequent
causes across the network and month over month, from the central database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from sqlalchemy import case, func, select

from app.foundation import clock
from app.models import Dealer, FailureCase
from app.reports.feedback import TREND_MONTHS, TrendPoint, months_back
from app.reports.figures import percentile
from app.reports.pdf import (CTX, OUTCOME_TITLES, WIDTH, PrintInfo, Styles, Translate, build, fmt_hours, fmt_num,
                             fmt_share, para, table)
from app.reports.sections import basis_text, heading, pareto_block, trend_block
from app.rules import scoring
from app.rules.figures import recovery_rate
from app.services import figures, settings
from app.services.assessment import month_bounds, parse_month, previous
from app.services.network import month_sums
from app.rules.vocab import OTHER_CHANNELS, CauseGroup, FailureType


@dataclass(frozen=True)
class DealerRow:
    code: str
    name: str
    forms: int
    total: int
    average: float | None
    previous_forms: int
    previous_average: float | None
    change: float | None
    outcome: str
    failures: int
    failure_share: float | None
    cases: int
    other_channel_complaints: int
    rank: int | None  # by average, best first; None without forms
    first_response_median: float | None = None  # hours, cases opened in the month
    first_response_p90: float | None = None
    closed: int = 0  # cases closed in the month
    recovered: int = 0  # of which re-rated at or above recovery.success_threshold
    previous_failures: int = 0  # failure forms the month before


@dataclass(frozen=True)
class NetworkTotals:
    forms: int
    total: int
    average: float | None
    failures: int
    failure_share: float | None
    cases: int


@dataclass(frozen=True)
class NetworkReport:
    month: str
    previous_month: str
    basis: str
    failure_share_target: float
    success_threshold: int
    dealers: list[DealerRow]
    this: NetworkTotals
    last: NetworkTotals
    causes: list[tuple[str, str, int, int]]  # cause group, failure type, this month, last month
    trend: list[TrendPoint]


def summed_trend(s, year: int, month: int, *, verified_only: bool, dealer_id: str | None = None) -> list[TrendPoint]:
    """The network's (or a dealer's) average of each of the last 12 months, from head office's
    month sums (app.reports.feedback.trend's figures without reading every form)."""
    sums = month_sums.month_trend(s, months_back(year, month, TREND_MONTHS), verified_only=verified_only,
                                  dealer_id=dealer_id)
    return [TrendPoint(m, n, avg) for m, n, avg in month_sums.averages(sums)]


def _local_bounds(year: int, month: int):
    # Cases count in the calendar month where the report is made, as a dealer's own reports count
    # them (assessment.complaints_by_channel), so both agree on a case opened near midnight.
    start, end = month_bounds(year, month)
    return (datetime(start.year, start.month, 1).astimezone(), datetime(end.year, end.month, 1).astimezone())


def _recovery_by_dealer(s, lo: datetime, hi: datetime, *, with_response: bool = True) -> dict:
    """Per dealer: median and 90th percentile of the time to first response (cases opened in the
    month; None for every dealer without ``with_response``) and recovered / closed (cases closed in
    the month), each one grouped query.

    Head office's database is PostgreSQL, whose percentile_cont computes the percentiles in the
    GROUP BY; elsewhere (SQLite) they come from the case report's percentile, dealer by dealer:
    the same interpolation, so both reports print the same figures.
    """
    C = FailureCase
    out: dict = {}
    postgres = s.get_bind().dialect.name == "postgresql"
    if with_response and postgres:
        hours = figures.first_response_hours("postgresql")
        q = (select(C.dealer_id, func.percentile_cont(0.5).within_group(hours),
                    func.percentile_cont(0.9).within_group(hours))
             .where(C.opened_at >= lo, C.opened_at < hi, C.first_response_at.is_not(None)).group_by(C.dealer_id))
        for dealer_id, med, p90 in s.execute(q):
            out[dealer_id] = [float(med), float(p90), 0, 0]
    elif with_response:
        hours = figures.first_response_hours(s.get_bind().dialect.name)
        opened = [C.opened_at >= lo, C.opened_at < hi]
        for dealer_id in s.scalars(select(C.dealer_id).where(*opened, C.first_response_at.is_not(None)).distinct()):
            conds = [C.dealer_id == dealer_id, *opened]
            out[dealer_id] = [percentile(s, hours, conds, 0.5), percentile(s, hours, conds, 0.9), 0, 0]
    q = (select(C.dealer_id, func.count(), func.sum(case((figures.RECOVERED, 1), else_=0)))
         .where(*figures.recovery_judged(lo, hi)).group_by(C.dealer_id))
    for dealer_id, closed, recovered in s.execute(q):
        row = out.setdefault(dealer_id, [None, None, 0, 0])
        row[2], row[3] = int(closed), int(recovered or 0)
    return {k: tuple(v) for k, v in out.items()}


def _causes_two_months(s, plo: datetime, lo: datetime, hi: datetime) -> list[tuple[str, str, int, int]]:
    """Cases by cause group and failure type across the network, this month and last, most first."""
    C = FailureCase
    q = (select(C.cause_group, C.failure_type,
                func.sum(case((C.opened_at >= lo, 1), else_=0)), func.sum(case((C.opened_at < lo, 1), else_=0)))
         .where(C.opened_at >= plo, C.opened_at < hi)
         .group_by(C.cause_group, C.failure_type))
    return sorted(((cg, ft, int(a or 0), int(b or 0)) for cg, ft, a, b in s.execute(q)),
                  key=lambda r: (-r[2], -r[3], r[0], r[1]))


def _cases_by_dealer(by_channel) -> tuple[dict, dict]:
    """Per dealer: the month's cases, and the complaints among them that came some other way than on site."""
    cases, other = {}, {}
    for dealer_id, channel, n in by_channel:
        cases[dealer_id] = cases.get(dealer_id, 0) + n
        if channel in OTHER_CHANNELS:
            other[dealer_id] = other.get(dealer_id, 0) + n
    return cases, other


def _dealer_rows(dealers, pairs: dict, cases: dict, other: dict, recovery: dict) -> list[DealerRow]:
    """One row per dealer with anything in either month, ranked by average (those without forms last)."""
    rows = []
    for dealer_id, code, name in dealers:
        n, total, failures, top, pn, ptotal, pf = pairs.get(dealer_id, (0,) * 7)
        if n == 0 and pn == 0 and dealer_id not in cases:
            continue  # a dealer with nothing in either month (e.g. a counter's placeholder)
        avg, pavg = scoring.average(total, n), scoring.average(ptotal, pn)
        chg = scoring.change(avg, pavg)
        rows.append(DealerRow(code, name or code, n, total, avg, pn, pavg, chg,
                              scoring.outcome(chg, n > 0 and top == n).value, failures,
                              scoring.failure_share(failures, n), cases.get(dealer_id, 0),
                              other.get(dealer_id, 0), None, *recovery.get(dealer_id, (None, None, 0, 0)), pf))
    ranked = sorted((r for r in rows if r.average is not None), key=lambda r: (-r.average, r.code))
    rank = {r.code: i + 1 for i, r in enumerate(ranked)}
    rows = [DealerRow(**{**r.__dict__, "rank": rank.get(r.code)}) for r in rows]
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.code))
    return rows


def _totals(forms, total, failures, n_cases) -> NetworkTotals:
    return NetworkTotals(forms, total, scoring.average(total, forms), failures,
                         scoring.failure_share(failures, forms), n_cases)


def gather(db, month: str, *, with_trend: bool = True, with_response: bool = True) -> NetworkReport:
    """The report's figures; ``with_trend=False`` leaves out the 12-month trend (head office's
    window reads it on its own, for a dealer too), ``with_response=False`` the times to first
    response (the window's ranking does not show them: their percentiles cost a sort per dealer)."""
    year, mon = parse_month(month)
    py, pm = previous(year, mon)
    lo, hi = _local_bounds(year, mon)
    plo, _ = _local_bounds(py, pm)
    with db.session() as s:
        conf = settings.get_all(s)
        verified_only, threshold = conf["assessment.verified_only"], conf["failure.overall_threshold"]
        pairs = month_sums.month_pair_by_dealer(s, year, mon, verified_only=verified_only,
                                                overall_threshold=threshold)
        dealers = s.execute(select(Dealer.id, Dealer.code, Dealer.name)).all()
        in_month = (FailureCase.opened_at >= lo, FailureCase.opened_at < hi)
        by_channel = s.execute(select(FailureCase.dealer_id, FailureCase.channel, func.count())
                               .where(*in_month).group_by(FailureCase.dealer_id, FailureCase.channel)).all()
        causes = _causes_two_months(s, plo, lo, hi)
        points = summed_trend(s, year, mon, verified_only=verified_only) if with_trend else []
        cases_last = s.scalar(select(func.count()).select_from(FailureCase)
                              .where(FailureCase.opened_at >= plo, FailureCase.opened_at < lo)) or 0
        recovery = _recovery_by_dealer(s, lo, hi, with_response=with_response)

    cases, other = _cases_by_dealer(by_channel)
    rows = _dealer_rows(dealers, pairs, cases, other, recovery)
    col = [sum(v[i] for v in pairs.values()) for i in range(7)]
    this = _totals(col[0], col[1], col[2], sum(cases.values()))
    last = _totals(col[4], col[5], col[6], int(cases_last))
    return NetworkReport(f"{year:04d}-{mon:02d}", f"{py:04d}-{pm:02d}",
                         "verified" if verified_only else "all", conf["failure.share_target"],
                         conf["recovery.success_threshold"], rows, this, last,
                         causes, points)


def story(r: NetworkReport, translate: Translate) -> list:
    """The report's sections, top to bottom."""
    st = Styles()
    return [*_title(r, translate, st), *_month_over_month(r, translate, st), *_dealers(r, translate, st),
            *_recovery(r, translate, st), *_causes(r, translate, st),
            trend_block(r.trend, translate("Reports", "Network average score, last 12 months"), 60 * mm,
                        translate, st)]


def _title(r: NetworkReport, translate: Translate, st: Styles) -> list:
    return heading(translate("Reports", "Network report"),
                   translate("Reports", "Month: {month}    Dealers: {n}    Counted: {basis}").format(
                       month=r.month, n=len(r.dealers), basis=basis_text(r.basis, translate)), st)


def _month_over_month(r: NetworkReport, translate: Translate, st: Styles) -> list:
    chg = scoring.change(r.this.average, r.last.average)
    rows = [[translate("Reports", "Figure"), r.previous_month, r.month, translate("Reports", "Change")],
            _counts(translate("Reports", "Forms assessed (n)"), r.last.forms, r.this.forms),
            _counts(translate("Reports", "Total score"), r.last.total, r.this.total),
            [translate("Reports", "Average score (total / n)"), fmt_num(r.last.average), fmt_num(r.this.average),
             fmt_num(chg, sign=True)],
            _counts(translate("Reports", "Cases opened"), r.last.cases, r.this.cases),
            _counts(translate("Reports", "Failure forms"), r.last.failures, r.this.failures),
            [translate("Reports", "Failure share (target below {target})").format(
                target=fmt_share(r.failure_share_target)), fmt_share(r.last.failure_share),
             fmt_share(r.this.failure_share), ""]]
    return [para(translate("Reports", "Month over month"), st.h2),
            table(rows, [WIDTH * 0.46, WIDTH * 0.18, WIDTH * 0.18, WIDTH * 0.18], st)]


def _counts(label: str, last: int, this: int) -> list[str]:
    """A month-over-month row of counts: last month, this month and the difference."""
    return [label, str(last), str(this), f"{this - last:+d}"]


def _dealers(r: NetworkReport, translate: Translate, st: Styles) -> list:
    out: list = [para(translate("Reports", "Dealers side by side, ranked by average score"), st.h2)]
    if not r.dealers:
        return out + [para(translate("Reports", "No dealer has forms or cases in this month or the previous one."),
                           st.body)]
    head = [translate("Reports", "Rank"), translate("Reports", "Dealer"), translate("Reports", "Forms"),
            translate("Reports", "Average"), translate("Reports", "Previous average"),
            translate("Reports", "Change"), translate("Reports", "Outcome"), translate("Reports", "Failures"),
            translate("Reports", "Failure share"), translate("Reports", "Cases"),
            translate("Reports", "Other channels")]
    rows = [head]
    for d in r.dealers:
        name = d.code if d.name == d.code else f"{d.code} {d.name}"
        rows.append(["-" if d.rank is None else str(d.rank), name, str(d.forms), fmt_num(d.average),
                     fmt_num(d.previous_average), fmt_num(d.change, sign=True),
                     translate(CTX, OUTCOME_TITLES[d.outcome]),
                     str(d.failures), fmt_share(d.failure_share), str(d.cases), str(d.other_channel_complaints)])
    w = WIDTH / 100
    return out + [table(rows, [w * 6, w * 17, w * 8, w * 8, w * 9, w * 8, w * 12, w * 8, w * 9, w * 7, w * 8], st,
                        numeric={0, 2, 3, 4, 5, 7, 8, 9, 10})]


def _recovery(r: NetworkReport, translate: Translate, st: Styles) -> list:
    if not r.dealers:
        return []
    rows = [[translate("Reports", "Dealer"), translate("Reports", "Cases opened"),
             translate("Reports", "First response, median (hours)"),
             translate("Reports", "First response, 90th percentile (hours)"),
             translate("Reports", "Closed with a re-rating"), translate("Reports", "Recovery success rate")]]
    for d in r.dealers:
        rows.append([d.code, str(d.cases), fmt_hours(d.first_response_median), fmt_hours(d.first_response_p90),
                     str(d.closed), fmt_share(recovery_rate(d.recovered, d.closed))])
    w = WIDTH / 100
    return [para(translate("Reports", "Case recovery by dealer"), st.h2),
            table(rows, [w * 16, w * 12, w * 19, w * 19, w * 17, w * 17], st),
            para(translate("Reports", "Recovered: re-rated {threshold} or more at the callback, among cases "
                                      "closed in the month with a re-rating.").format(
                                          threshold=r.success_threshold), st.note)]


def _causes(r: NetworkReport, translate: Translate, st: Styles) -> list:
    v = lambda text: translate("Vocab", text)  # noqa: E731
    # The chart shows this month's causes; the table also those only last month had.
    labels = [(v(CauseGroup(cg).title), v(FailureType(ft).title)) for cg, ft, a, _b in r.causes if a]
    out: list = [pareto_block(labels, [a for _cg, _ft, a, _b in r.causes if a],
                              translate("Reports", "Most frequent causes across the network"), translate, st)]
    if not r.causes:
        return out
    rows = [[translate("Reports", "Cause group"), translate("Reports", "Failure type"), r.previous_month,
             r.month, translate("Reports", "Change"), translate("Reports", "Share")]]
    for cg, ft, a, b in r.causes:
        rows.append([v(CauseGroup(cg).title), v(FailureType(ft).title), str(b), str(a), f"{a - b:+d}",
                     fmt_share(a / r.this.cases if r.this.cases else None)])
    w = WIDTH / 100
    return out + [table(rows, [w * 26, w * 22, w * 13, w * 13, w * 13, w * 13], st, numeric={2, 3, 4, 5})]


def render(report: NetworkReport, out, translate: Translate, printed_by: str,
           printed_at: datetime | None = None) -> None:
    info = PrintInfo(translate("Reports", "Network report"), translate("Reports", "All dealers"), report.month,
                     printed_by, printed_at or clock.local_now())
    build(out, story(report, translate), info, translate)

