"""The case recovery report: backlog and overdue cases, response and resolution times, recovery
success, what causes the month's cases (a Pareto of cause group x failure type) and the remedies given.

"Overdue", the response and resolution times and the recovery rate are the product's one definition
of each (app.services.figures), so the report counts what Today and the Cases page's overdue filter show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Table
from sqlalchemy import and_, func, select

from app.foundation import clock
from app.models import FailureCase, User
from app.models.recovery import Remedy
from app.models.base import utcnow
from app.reports.figures import percentile
from app.reports.pdf import WIDTH, PrintInfo, Styles, Translate, build, fmt_hours, fmt_share, para, table
from app.reports.sections import dealer_label, heading, pareto_block
from app.rules.figures import recovery_rate
from app.services import figures, settings
from app.services.assessment import month_bounds, parse_month
from app.rules.vocab import CaseStatus, CauseGroup, Channel, FailureType, RemedyKind, RemedyStatus, Severity
from app.services.directory import dealer_by_code, home_dealer

OVERDUE_LISTED = 200  # the list is for chasing cases; the count above it is complete


@dataclass(frozen=True)
class OverdueCase:
    number: str
    opened_at: datetime
    days_open: int
    severity: str
    status: str
    channel: str
    assignee: str


@dataclass(frozen=True)
class RemedyLine:
    kind: str
    given: int  # agreed by the customer in the month
    value: int  # their total, whole yuan


@dataclass(frozen=True)
class CaseReport:
    month: str
    dealer: str
    dealer_name: str
    as_of: datetime
    first_response_hours: int  # the overdue rule: no first response within these hours,
    callback_overdue_hours: int  # or a callback later than this past due,
    callback_attempts: int  # or a callback not reached this many times (flagged)
    opened: int  # opened in the month
    opened_still_open: int
    open_now: int  # every case not closed, whatever month it was opened
    overdue_now: int
    first_response_n: int
    first_response_median: float | None  # hours
    first_response_p90: float | None
    resolved: int  # resolved in the month
    resolution_median: float | None  # hours
    resolution_p90: float | None
    closed: int  # closed in the month
    success_threshold: int  # a re-rating at or above it is a recovery (recovery.success_threshold)
    recovery_judged: int  # closed in the month with a re-rating
    recovered: int
    recovery_rate: float | None
    by_status: dict[str, int]
    by_severity: dict[str, int]
    pareto: list[tuple[str, str, int]]  # (cause_group, failure_type, cases), most first
    overdue_cases: list[OverdueCase]
    remedies: list[RemedyLine]  # by kind, most value first
    remedied_cases: int  # cases with a remedy agreed in the month
    waiting_approval: int  # remedies waiting for a supervisor now, and their value
    waiting_value: int


def _local_bounds(month: str) -> tuple[datetime, datetime]:
    """The month on the local calendar, as the counter lives it (as complaints_by_channel does)."""
    start, end = month_bounds(*parse_month(month))
    return (datetime(start.year, start.month, start.day).astimezone(),
            datetime(end.year, end.month, end.day).astimezone())


def _count(s, *conds) -> int:
    return int(s.scalar(select(func.count()).select_from(FailureCase).where(*conds)) or 0)


def _opened_by(s, opened_in) -> dict:
    """The month's cases by status, by severity and by cause (the Pareto), as CaseReport names them."""
    C = FailureCase
    by_status = {st.value: 0 for st in CaseStatus}
    by_status.update(dict(s.execute(select(C.status, func.count()).where(opened_in).group_by(C.status)).all()))
    by_severity = {sv.value: 0 for sv in Severity}
    by_severity.update(dict(s.execute(select(C.severity, func.count()).where(opened_in)
                                      .group_by(C.severity)).all()))
    pareto = sorted(((cg, ft, int(n)) for cg, ft, n in s.execute(
        select(C.cause_group, C.failure_type, func.count()).where(opened_in)
        .group_by(C.cause_group, C.failure_type))), key=lambda r: (-r[2], r[0], r[1]))
    return dict(by_status=by_status, by_severity=by_severity, pareto=pareto)


def _times(s, mine, opened_in, lo: datetime, hi: datetime) -> dict:
    """Response and resolution times, closings and recoveries in the month, as CaseReport names them."""
    C = FailureCase
    dialect = s.get_bind().dialect.name
    response, resolution = figures.first_response_hours(dialect), figures.resolution_hours(dialect)
    resolved_in = [mine, C.resolved_at >= lo, C.resolved_at < hi]
    closed_in = [mine, C.closed_at >= lo, C.closed_at < hi]
    judged_in = [mine, *figures.recovery_judged(lo, hi)]
    judged = _count(s, *judged_in)
    recovered = _count(s, *judged_in, figures.RECOVERED)
    return dict(first_response_n=_count(s, opened_in, C.first_response_at.is_not(None)),
                first_response_median=percentile(s, response, [opened_in], 0.5),
                first_response_p90=percentile(s, response, [opened_in], 0.9),
                resolved=_count(s, *resolved_in),
                resolution_median=percentile(s, resolution, resolved_in, 0.5),
                resolution_p90=percentile(s, resolution, resolved_in, 0.9),
                closed=_count(s, *closed_in), recovery_judged=judged, recovered=recovered,
                recovery_rate=recovery_rate(recovered, judged))


def _remedies_given(s, dealer_id: str, lo: datetime, hi: datetime) -> dict:
    """Remedies agreed in the month by kind and the cases they went to, and those waiting for approval now."""
    given_in = [Remedy.dealer_id == dealer_id, Remedy.status == RemedyStatus.AGREED.value,
                Remedy.agreed_at >= lo, Remedy.agreed_at < hi]
    remedies = sorted((RemedyLine(k, int(n), int(v or 0)) for k, n, v in s.execute(
        select(Remedy.kind, func.count(), func.sum(Remedy.amount)).where(*given_in).group_by(Remedy.kind))),
        key=lambda r: (-r.value, -r.given, r.kind))
    remedied = int(s.scalar(select(func.count(func.distinct(Remedy.case_id))).where(*given_in)) or 0)
    waiting, waiting_value = s.execute(
        select(func.count(), func.coalesce(func.sum(Remedy.amount), 0))
        .where(Remedy.dealer_id == dealer_id, Remedy.status == RemedyStatus.PENDING_APPROVAL.value)).one()
    return dict(remedies=remedies, remedied_cases=remedied, waiting_approval=int(waiting),
                waiting_value=int(waiting_value))


def _overdue_cases(s, overdue, now: datetime) -> list[OverdueCase]:
    """The overdue cases to chase, oldest first (at most OVERDUE_LISTED)."""
    C = FailureCase
    rows = s.execute(select(C.number, C.opened_at, C.severity, C.status, C.channel, User.display_name)
                     .outerjoin(User, User.id == C.assignee_id).where(overdue)
                     .order_by(C.opened_at).limit(OVERDUE_LISTED))
    return [OverdueCase(n, at, (now - at).days, sv, st, ch, who or "-") for n, at, sv, st, ch, who in rows]


def gather(store, month: str, dealer_code: str | None = None, *, now: datetime | None = None) -> CaseReport:
    lo, hi = _local_bounds(month)
    now = now or utcnow()
    C = FailureCase
    with store.session() as s:
        dealer = dealer_by_code(s, dealer_code, home_dealer(store))
        conf = settings.get_all(s)
        mine = C.dealer_id == dealer.id
        opened_in = and_(mine, C.opened_at >= lo, C.opened_at < hi)
        is_open = C.status != CaseStatus.CLOSED.value
        overdue = and_(mine, figures.overdue_condition(s, dealer.id, now))
        return CaseReport(
            month=f"{parse_month(month)[0]:04d}-{parse_month(month)[1]:02d}", dealer=dealer.code,
            dealer_name=dealer.name or dealer.code, as_of=now,
            first_response_hours=conf["cases.first_response_hours"],
            callback_overdue_hours=conf["recovery.callback_overdue_hours"],
            callback_attempts=conf["recovery.callback_attempts"],
            success_threshold=conf["recovery.success_threshold"],
            opened=_count(s, opened_in), opened_still_open=_count(s, opened_in, is_open),
            open_now=_count(s, mine, is_open), overdue_now=_count(s, overdue),
            overdue_cases=_overdue_cases(s, overdue, now), **_opened_by(s, opened_in),
            **_times(s, mine, opened_in, lo, hi), **_remedies_given(s, dealer.id, lo, hi))


def _days(hours: float | None) -> str:
    return "-" if hours is None else f"{hours / 24:.1f}"


def story(r: CaseReport, translate: Translate) -> list:
    """The report's sections, top to bottom."""
    st = Styles()
    return [*heading(translate("Reports", "Case recovery report"),
                     translate("Reports", "Dealer: {dealer}    Month: {month}").format(
                         dealer=dealer_label(r.dealer_name, r.dealer), month=r.month), st),
            *_key_figures(r, translate, st), *_causes(r, translate, st), *_status_and_severity(r, translate, st),
            *_remedies(r, translate, st), *_overdue(r, translate, st)]


def _key_figures(r: CaseReport, translate: Translate, st: Styles) -> list:
    key = [
        [translate("Reports", "Figure"), translate("Reports", "Value")],
        [translate("Reports", "Cases opened in the month"), str(r.opened)],
        [translate("Reports", "... of which still open"), str(r.opened_still_open)],
        [translate("Reports", "Open cases now (all months)"), str(r.open_now)],
        [translate("Reports", "Overdue now: no first response within {hours} hours, or a callback {grace} hours "
                   "late or flagged").format(hours=r.first_response_hours, grace=r.callback_overdue_hours),
         str(r.overdue_now)],
        [translate("Reports", "Time to first response, median / 90th percentile (hours; {n} cases opened in the month)")
         .format(n=r.first_response_n), f"{fmt_hours(r.first_response_median)} / {fmt_hours(r.first_response_p90)}"],
        [translate("Reports", "Time to resolution, median / 90th percentile (days; {n} cases resolved in the month)")
         .format(n=r.resolved), f"{_days(r.resolution_median)} / {_days(r.resolution_p90)}"],
        [translate("Reports", "Cases closed in the month"), str(r.closed)],
        [translate("Reports", "Recovery success rate: re-rated {threshold} or more ({ok} of {n} re-rated)").format(
            threshold=r.success_threshold, ok=r.recovered, n=r.recovery_judged),
         fmt_share(r.recovery_rate)],
    ]
    return [table(key, [WIDTH * 0.75, WIDTH * 0.25], st),
            para(translate("Reports", "Open and overdue counts are as of {when}.").format(
                when=r.as_of.astimezone().strftime("%Y-%m-%d %H:%M")), st.note),
            para(translate("Reports", "A callback is flagged after {attempts} calls that did not reach the "
                           "customer.").format(attempts=r.callback_attempts), st.note)]


def _causes(r: CaseReport, translate: Translate, st: Styles) -> list:
    v = lambda text: translate("Vocab", text)  # noqa: E731
    labels = [(v(CauseGroup(cg).title), v(FailureType(ft).title)) for cg, ft, _n in r.pareto]
    out: list = [pareto_block(labels, [n for *_x, n in r.pareto],
                              translate("Reports", "Causes of the month's cases (Pareto)"), translate, st,
                              note=translate("Reports", "Bars: cases by cause group and failure type, most "
                                             "first; dashed line: cumulative share (right axis)."))]
    if not r.pareto:
        return out
    rows = [[translate("Reports", "Cause group"), translate("Reports", "Failure type"),
             translate("Reports", "Cases"), translate("Reports", "Share"), translate("Reports", "Cumulative")]]
    cum = 0
    for (cg, ft, n), (l1, l2) in zip(r.pareto, labels):
        cum += n
        rows.append([l1, l2, str(n), fmt_share(n / r.opened), fmt_share(cum / r.opened)])
    return out + [table(rows, [WIDTH * 0.3, WIDTH * 0.25, WIDTH * 0.15, WIDTH * 0.15, WIDTH * 0.15], st,
                        numeric={2, 3, 4})]


def _status_and_severity(r: CaseReport, translate: Translate, st: Styles) -> list:
    v = lambda text: translate("Vocab", text)  # noqa: E731
    rows = [[translate("Reports", "Status"), translate("Reports", "Cases")]] + \
        [[v(CaseStatus(k).title), str(n)] for k, n in r.by_status.items()]
    rows2 = [[translate("Reports", "Severity"), translate("Reports", "Cases")]] + \
        [[v(Severity(k).title), str(n)] for k, n in r.by_severity.items()]
    half = WIDTH / 2 - 3 * mm
    pair = Table([[table(rows, [half * 0.7, half * 0.3], st), table(rows2, [half * 0.7, half * 0.3], st)]],
                 colWidths=[WIDTH / 2, WIDTH / 2])
    pair.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return [para(translate("Reports", "The month's cases by status and severity"), st.h2), pair]


def _overdue(r: CaseReport, translate: Translate, st: Styles) -> list:
    v = lambda text: translate("Vocab", text)  # noqa: E731
    out: list = [para(translate("Reports", "Overdue cases ({n})").format(n=r.overdue_now), st.h2)]
    if not r.overdue_cases:
        return out + [para(translate("Reports", "No overdue cases."), st.body)]
    rows = [[translate("Reports", "Case"), translate("Reports", "Opened"), translate("Reports", "Days open"),
             translate("Reports", "Severity"), translate("Reports", "Status"), translate("Reports", "Channel"),
             translate("Reports", "Assignee")]]
    for c in r.overdue_cases:
        rows.append([c.number, c.opened_at.astimezone().strftime("%Y-%m-%d"), str(c.days_open),
                     v(Severity(c.severity).title), v(CaseStatus(c.status).title), v(_title(Channel, c.channel)),
                     c.assignee])
    w = WIDTH / 100
    out.append(table(rows, [w * 21, w * 12, w * 9, w * 12, w * 16, w * 16, w * 14], st, numeric={2}))
    if r.overdue_now > len(r.overdue_cases):
        out.append(para(translate("Reports", "The {shown} longest-open cases are listed.").format(
            shown=len(r.overdue_cases)), st.note))
    return out


def _remedies(r: CaseReport, translate: Translate, st: Styles) -> list:
    out: list = [para(translate("Reports", "Remedies given in the month"), st.h2)]
    if r.remedies:
        rows = [[translate("Reports", "Remedy"), translate("Reports", "Given"), translate("Reports", "Value (yuan)"),
                 translate("Reports", "Average (yuan)")]]
        for line in r.remedies:
            rows.append([translate("Vocab", _title(RemedyKind, line.kind)), str(line.given), f"{line.value:,}",
                         f"{line.value / line.given:,.0f}"])
        given, value = sum(x.given for x in r.remedies), sum(x.value for x in r.remedies)
        rows.append([translate("Reports", "All remedies"), str(given), f"{value:,}", f"{value / given:,.0f}"])
        out.append(table(rows, [WIDTH * 0.4, WIDTH * 0.2, WIDTH * 0.2, WIDTH * 0.2], st,
                         extra=[("LINEABOVE", (0, -1), (-1, -1), 1.2, "black")]))
        out.append(para(translate("Reports", "Remedies agreed by the customer in the month, for {n} cases.")
                                 .format(n=r.remedied_cases), st.note))
    else:
        out.append(para(translate("Reports", "No remedy was agreed in this month."), st.body))
    if r.waiting_approval:
        out.append(para(translate("Reports", "Remedies waiting for a supervisor's approval now: {n}, "
                                           "worth {value} yuan.").format(n=r.waiting_approval,
                                                                   value=f"{r.waiting_value:,}"), st.body))
    return out


def _title(vocab, value: str) -> str:
    """A stored value's title in its vocabulary; the value itself if the vocabulary has no such member."""
    try:
        return vocab(value).title
    except ValueError:
        return value


def render(report: CaseReport, out, translate: Translate, printed_by: str,
           printed_at: datetime | None = None) -> None:
    info = PrintInfo(translate("Reports", "Case recovery report"), report.dealer, report.month, printed_by,
                     printed_at or clock.local_now())
    build(out, story(report, translate), info, translate)

