"""The monthly feedback summary (意见反馈表 月度汇总) for a dealer or one advisor.

Its headline figures are app.services.assessment.month_summary itself, so the PDF and
`feedback summary --json` cannot disagree; the rest is aggregated by the database with the same
counted/failure conditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlalchemy import case, exists, func, select

from app.foundation import clock
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Customer, Dealer, FailureCase, FeedbackForm, RepairOrder, User
from app.reports.figures import month_pair_by
from app.reports.pdf import CTX, OUTCOME_TITLES, WIDTH, PrintInfo, Styles, Translate, build, fmt_num, fmt_share, para, table
from app.rules.privacy import mask_name, mask_phone
from app.reports.sections import basis_text, dealer_label, heading, trend_block
from app.rules import scoring
from app.services import settings
from app.services.assessment import MonthSummary, counted_condition, month_bounds, month_summary, parse_month, previous
from app.services.directory import dealer_by_code, home_dealer
from app.services.figures import failure_condition
from app.rules.vocab import OTHER_CHANNELS, CaseStatus, Channel

TREND_MONTHS = 12


@dataclass(frozen=True)
class TrendPoint:
    month: str
    forms: int
    average: float | None


@dataclass(frozen=True)
class AdvisorRow:
    advisor: str
    forms: int
    total: int
    average: float | None
    previous_average: float | None
    change: float | None
    outcome: str
    failures: int
    failure_share: float | None


@dataclass(frozen=True)
class FailureFormRow:
    service_date: date
    repair_order: str
    advisor: str
    customer: str  # masked
    phone: str  # masked
    grades: str  # e.g. "A D C"
    score: int
    overall: int | None
    case_number: str | None
    case_status: str | None


@dataclass(frozen=True)
class FeedbackReport:
    summary: MonthSummary
    dealer_name: str
    trend: list[TrendPoint]
    advisors: list[AdvisorRow]
    failure_forms: list[FailureFormRow]


def _count_if(cond):
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def _sum_if(cond, value):
    return func.coalesce(func.sum(case((cond, value), else_=0)), 0)


def months_back(year: int, month: int, n: int) -> list[tuple[int, int]]:
    out = [(year, month)]
    for _ in range(n - 1):
        out.append(previous(*out[-1]))
    return out[::-1]


def trend(session, filters: list, year: int, month: int, *, verified_only: bool) -> list[TrendPoint]:
    """The average of each of the last 12 months; the database sums by day (at most 366 rows)."""
    months = months_back(year, month, TREND_MONTHS)
    start, end = month_bounds(*months[0])[0], month_bounds(year, month)[1]
    counted = counted_condition(verified_only)
    q = (select(FeedbackForm.service_date, _count_if(counted), _sum_if(counted, FeedbackForm.score))
         .where(FeedbackForm.service_date >= start, FeedbackForm.service_date < end, *filters)
         .group_by(FeedbackForm.service_date))
    sums = {m: [0, 0] for m in months}
    for day, n, total in session.execute(q):
        acc = sums[(day.year, day.month)]
        acc[0] += int(n)
        acc[1] += int(total)
    return [TrendPoint(f"{y:04d}-{m:02d}", n, scoring.average(t, n)) for (y, m), (n, t) in sums.items()]


def advisor_rows(session, filters: list, year: int, month: int, *, verified_only: bool,
                 overall_threshold: int) -> list[AdvisorRow]:
    """This month and last month per advisor, judged as the month is."""
    pairs = month_pair_by(session, FeedbackForm.advisor_id, filters, year, month, verified_only=verified_only,
                          overall_threshold=overall_threshold)
    names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_([k for k in pairs if k]))).all())
    rows = []
    for adv, (n, total, failures, top, pn, ptotal, _pf) in pairs.items():
        if n == 0 and pn == 0:
            continue
        avg, pavg = scoring.average(total, n), scoring.average(ptotal, pn)
        chg = scoring.change(avg, pavg)
        rows.append(AdvisorRow(names.get(adv, "-"), n, total, avg, pavg, chg,
                               scoring.outcome(chg, n > 0 and top == n).value, failures,
                               scoring.failure_share(failures, n)))
    return sorted(rows, key=lambda r: r.advisor)


def failure_form_rows(session, filters: list, year: int, month: int, *, verified_only: bool,
                      overall_threshold: int) -> list[FailureFormRow]:
    start, end = month_bounds(year, month)
    q = (select(FeedbackForm.service_date, RepairOrder.number, User.display_name, Customer.name, Customer.phone,
                FeedbackForm.timeliness, FeedbackForm.repair_quality, FeedbackForm.attitude, FeedbackForm.score,
                FeedbackForm.overall, FailureCase.number, FailureCase.status)
         .join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
         .join(Customer, Customer.id == RepairOrder.customer_id)
         .outerjoin(User, User.id == FeedbackForm.advisor_id)
         .outerjoin(FailureCase, FailureCase.form_id == FeedbackForm.id)
         .where(FeedbackForm.service_date >= start, FeedbackForm.service_date < end, *filters,
                counted_condition(verified_only), failure_condition(overall_threshold))
         .order_by(FeedbackForm.service_date, RepairOrder.number))
    return [FailureFormRow(r[0], r[1], r[2] or "-", mask_name(r[3]), mask_phone(r[4]), f"{r[5]} {r[6]} {r[7]}",
                           int(r[8]), r[9], r[10], r[11]) for r in session.execute(q)]


def gather(store, month: str, dealer_code: str | None = None, advisor: str | None = None) -> FeedbackReport:
    """Everything the report prints, as plain data (the database part of making the PDF)."""
    summary = month_summary(store, month, dealer_code, advisor)  # validates month, dealer and advisor
    year, mon = parse_month(month)
    with store.session() as s:
        dealer = s.scalar(select(Dealer).where(Dealer.code == summary.dealer))
        conf = settings.get_all(s)
        filters = [FeedbackForm.dealer_id == dealer.id]
        if advisor:
            advisor_id = s.scalar(select(User.id).where(User.dealer_id == dealer.id, User.display_name == advisor))
            filters.append(FeedbackForm.advisor_id == advisor_id)
        kw = dict(verified_only=conf["assessment.verified_only"])
        points = trend(s, filters, year, mon, **kw)
        kw["overall_threshold"] = conf["failure.overall_threshold"]
        advisors = advisor_rows(s, filters, year, mon, **kw)
        failing = failure_form_rows(s, filters, year, mon, **kw)
    return FeedbackReport(summary, dealer.name or dealer.code, points, advisors, failing)


ITEM_TITLES = {"timeliness": QT_TRANSLATE_NOOP("Reports", "Timeliness"),
               "repair_quality": QT_TRANSLATE_NOOP("Reports", "Repair quality"),
               "attitude": QT_TRANSLATE_NOOP("Reports", "Attitude")}


def story(r: FeedbackReport, translate: Translate) -> list:
    """The report's sections, top to bottom."""
    st = Styles()
    s = r.summary
    return [*_title(s, r.dealer_name, translate, st), *_key_figures(s, translate, st), *_grades(s, translate, st),
            _trend(r, translate, st), *_by_advisor(r, translate, st), *_by_channel(s, translate, st),
            *_calls(s, translate, st), *_failure_forms(r, translate, st)]


def _title(s: MonthSummary, dealer_name: str, translate: Translate, st: Styles) -> list:
    sub = translate("Reports", "Dealer: {dealer}    Month: {month}").format(
        dealer=dealer_label(dealer_name, s.dealer), month=s.month)
    if s.advisor:
        sub += "    " + translate("Reports", "Advisor: {name}").format(name=s.advisor)
    return heading(translate("Reports", "Monthly feedback summary"), sub, st)


def _key_figures(s: MonthSummary, translate: Translate, st: Styles) -> list:
    outcome = translate(CTX, OUTCOME_TITLES[s.outcome])
    if s.amount:
        outcome += " " + translate("Reports", "({amount} yuan)").format(amount=s.amount)
    key = [
        [translate("Reports", "Figure"), translate("Reports", "Value")],
        [translate("Reports", "Forms assessed (n)"), f"{s.forms}"],
        [translate("Reports", "Counted"), basis_text(s.basis, translate)],
        [translate("Reports", "Verified / unverified / disputed forms"),
         f"{s.verified_forms} / {s.unverified_forms} / {s.disputed_forms}"],
        [translate("Reports", "Total score"), f"{s.total}"],
        [translate("Reports", "Average score (total / n)"), fmt_num(s.average)],
        [translate("Reports", "Previous month {month}: average over {n} forms").format(
            month=s.previous_month, n=s.previous_forms),
         fmt_num(s.previous_average)],
        [translate("Reports", "Change against the previous month"), fmt_num(s.change, sign=True)],
        [translate("Reports", "Outcome"), outcome],
        [translate("Reports", "Failure forms"), f"{s.failures}"],
        [translate("Reports", "Failure share (target below {target})").format(target=fmt_share(s.failure_share_target)),
         fmt_share(s.failure_share)],
        [translate("Reports", "Complaints through other channels"), f"{s.other_channel_complaints}"],
    ]
    out = [table(key, [WIDTH * 0.6, WIDTH * 0.4], st)]
    # Why a month shows no reward or penalty, when the figures alone would leave a reader guessing.
    if s.forms == 0:
        why = translate("Reports", "No feedback forms were assessed in this month, so there is no average "
                                   "and no reward or penalty.")
    elif s.previous_forms == 0:
        why = translate("Reports", "The previous month has no assessed forms, so there is no change and "
                                   "no reward or penalty.")
    else:
        return out
    return out + [Spacer(1, 2 * mm), para(why, st.note)]


def _grades(s: MonthSummary, translate: Translate, st: Styles) -> list:
    rows = [[translate("Reports", "Item"), "A", "B", "C", "D", "E", translate("Reports", "Forms")]]
    for item, counts in s.grades.items():
        rows.append([translate(CTX, ITEM_TITLES[item])] + [str(counts[g]) for g in "ABCDE"]
                    + [str(sum(counts.values()))])
    return [para(translate("Reports", "Grades of each item"), st.h2),
            table(rows, [WIDTH * 0.28] + [WIDTH * 0.11] * 5 + [WIDTH * 0.17], st),
            para(translate("Reports", "Points: A = 2, B = 1, C = 0, D = -1, E = -2; a form's score is the "
                                      "sum of its three items."), st.note)]


def _trend(r: FeedbackReport, translate: Translate, st: Styles):
    return trend_block(r.trend, translate("Reports", "Average score, last 12 months"), 62 * mm, translate, st,
                       note=translate("Reports", "Months without assessed forms have no point."))


def _by_advisor(r: FeedbackReport, translate: Translate, st: Styles) -> list:
    out: list = [para(translate("Reports", "By advisor"), st.h2)]
    if not r.advisors:
        return out + [para(translate("Reports", "No forms in this month or the previous one."), st.body)]
    rows = [[translate("Reports", "Advisor"), translate("Reports", "Forms"), translate("Reports", "Total"),
             translate("Reports", "Average"), translate("Reports", "Previous average"),
             translate("Reports", "Change"),
             translate("Reports", "Outcome"), translate("Reports", "Failures"),
             translate("Reports", "Failure share")]]
    for a in r.advisors:
        rows.append([a.advisor, str(a.forms), str(a.total), fmt_num(a.average), fmt_num(a.previous_average),
                     fmt_num(a.change, sign=True), translate(CTX, OUTCOME_TITLES[a.outcome]), str(a.failures),
                     fmt_share(a.failure_share)])
    w = WIDTH / 100
    return out + [table(rows, [w * 15, w * 8, w * 8, w * 10, w * 11, w * 10, w * 16, w * 10, w * 12], st)]


def _by_channel(s: MonthSummary, translate: Translate, st: Styles) -> list:
    rows = [[translate("Reports", "Channel"), translate("Reports", "Cases opened")]]
    for ch in Channel:
        mark = " *" if ch in OTHER_CHANNELS else ""
        rows.append([translate("Vocab", ch.title) + mark, str(s.complaints.get(ch.value, 0))])
    rows.append([translate("Reports", "Through other channels (*)"), str(s.other_channel_complaints)])
    return [para(translate("Reports", "Complaints by channel"), st.h2), table(rows, [WIDTH * 0.6, WIDTH * 0.4], st)]


def _calls(s: MonthSummary, translate: Translate, st: Styles) -> list:
    """The month's 3-day calls, as the summary counts them (services/orders/calls.py: call_figures)."""
    c = s.calls
    out: list = [para(translate("Reports", "3-day follow-up calls"), st.h2)]
    if not c or not c.get("calls_due"):
        return out + [para(translate("Reports", "No 3-day calls were due in this month."), st.body)]
    rows = [[translate("Reports", "Figure"), translate("Reports", "Value")],
            [translate("Reports", "Calls due in the month"), str(c["calls_due"])],
            [translate("Reports", "Reached"), str(c["calls_reached"])],
            [translate("Reports", "Unreachable (not reached before the call expired)"), str(c["calls_unreachable"])],
            [translate("Reports", "Completion rate (reached or unreachable / due)"),
             fmt_share(c["call_completion_rate"])],
            [translate("Reports", "Reach rate (reached / due)"), fmt_share(c["call_reach_rate"])],
            [translate("Reports", "Failures found by the calls"), str(c["call_failures_found"])]]
    note = translate("Reports", "Every delivered repair order gets a call on its due day; a call is due in the month "
                                "its due day falls in, and one due later than the day the report was made is "
                                "not counted yet.")
    if s.advisor:
        note += " " + translate("Reports", "These are the whole dealer's calls, not only this advisor's.")
    return out + [table(rows, [WIDTH * 0.6, WIDTH * 0.4], st), para(note, st.note)]


def _failure_forms(r: FeedbackReport, translate: Translate, st: Styles) -> list:
    out: list = [para(translate("Reports", "Failure forms ({n})").format(n=len(r.failure_forms)), st.h2)]
    if not r.failure_forms:
        return out + [para(translate("Reports", "No failure forms in this month."), st.body)]
    statuses = {c.value: c.title for c in CaseStatus}
    rows = [[translate("Reports", "Date"), translate("Reports", "Repair order"),
             translate("Reports", "Advisor"), translate("Reports", "Customer"), translate("Reports", "Phone"),
             translate("Reports", "Grades"), translate("Reports", "Score"),
             translate("Reports", "Overall"), translate("Reports", "Recovery case"),
             translate("Reports", "Case status")]]
    for f in r.failure_forms:
        rows.append([f"{f.service_date:%m-%d}", f.repair_order, f.advisor, f.customer, f.phone, f.grades,
                     str(f.score), "-" if f.overall is None else str(f.overall), f.case_number or "-",
                     translate("Vocab", statuses[f.case_status]) if f.case_status in statuses
                     else translate("Reports", "No case opened")])
    w = WIDTH / 100
    # Measured so a repair order, a case number (LOCAL-2610-WW-0004) and each header fit on one line.
    widths = [5.3, 18, 7.5, 8.2, 10.8, 6.3, 5.5, 7.5, 17.5, 13.3]
    return out + [table(rows, [w * x for x in widths], st, numeric={6, 7}),
                  para(translate("Reports", "A form fails when its overall score is below the threshold or any "
                                            "item is graded D or E. Customers' names and phone numbers are masked."),
                       st.note)]


def render(report: FeedbackReport, out, translate: Translate, printed_by: str,
           printed_at: datetime | None = None) -> None:
    """Lay the report out as a PDF into ``out`` (a path or a binary file)."""
    s = report.summary
    period = s.month + (f" · {s.advisor}" if s.advisor else "")
    info = PrintInfo(translate("Reports", "Monthly feedback summary"), s.dealer, period, printed_by,
                     printed_at or clock.local_now())
    build(out, story(report, translate), info, translate)


def advisor_names(store, dealer_code: str | None = None) -> list[str]:
    """The advisors a feedback report can be limited to: people named on the dealer's forms."""
    with store.session() as s:
        dealer = dealer_by_code(s, dealer_code, home_dealer(store))
        # From the few users, each asked for one form through the (advisor, date) index: reading the
        # advisor of every form of the dealer took most of a second at 200,000 forms ("|| ''": the
        # advisor index drives, not the dealer one).
        named = exists().where(FeedbackForm.advisor_id == User.id, FeedbackForm.dealer_id.concat("") == dealer.id)
        q = select(User.display_name).where(User.dealer_id == dealer.id, named).order_by(User.display_name)
        return list(s.scalars(q))
