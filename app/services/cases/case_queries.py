"""Finding cases fast: database-side pages (keyset where the sort allows), filters, search; detail views."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import and_, bindparam, case, func, or_, select, tuple_, union

from app.foundation import clock
from app.foundation.errors import NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import (Attachment, Callback, Customer, Event, FailureCase, FeedbackForm, Remedy, RepairOrder, User,
                        Vehicle, utcnow)
from app.services import figures
from app.services.feedback.form_values import normalise_phone, normalise_plate
from app.rules.vocab import CallbackState, RemedyStatus, Severity

SORTS = ("opened_at", "number", "status", "severity", "customer", "plate", "assignee")
KEYSET_SORTS = ("opened_at", "number")  # backed by an index, so a page continues from the last key
_CASE_NUMBER = re.compile(r"^[A-Z0-9]+-\d{2,4}", re.I)
# The list's statements are written on the tables' columns, not the mapped classes': a statement
# of columns only is compiled and run by SQLAlchemy's Core, without its ORM layer, which cost the
# list's first build in a fresh process ~4.5 ms of the database worker's Python (the interpreter the
# page being built waits for) and each refresh ~1 ms. The SQL is the same.
_CASES, _CUSTOMERS, _VEHICLES, _USERS = (m.__table__ for m in (FailureCase, Customer, Vehicle, User))
_case, _customer, _vehicle, _user, _callback = _CASES.c, _CUSTOMERS.c, _VEHICLES.c, _USERS.c, Callback.__table__.c
# The list's statements are built once for each shape (dealer, filter, order, page size) and met again
# as the same objects: SQLAlchemy then skips their construction and the walk that finds them in its
# compiled cache, ~1.5 ms of the database worker's Python for each count and page (the interpreter the
# list's first build and paint share). What changes between runs is bound at each run: the overdue
# rule's two instants (OverdueRule.bound), the last key of the page before, the ids of a page.
_BOUND = figures.OverdueRule.bound()
_SHAPES = 32  # statements kept per kind: a filter or a search typed makes a shape, the latest are met again


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    severity: str | None = None
    cause_group: str | None = None
    assignee_id: str | None = None
    opened_from: date | None = None
    opened_to: date | None = None  # inclusive
    overdue: bool = False
    search: str = ""


@dataclass(frozen=True)
class CaseRow:
    id: str
    number: str
    opened_at: datetime
    status: str
    severity: str
    channel: str
    cause_group: str
    customer: str
    phone: str
    plate: str
    assignee: str
    overdue: bool = False  # first response or callback late, or callback flagged
    due: datetime | None = None  # when the case's callback is due (the case list's Due column)

    def key(self, sort: str):
        return (self.opened_at if sort == "opened_at" else self.number, self.id)


@dataclass(frozen=True)
class Page:
    rows: list[CaseRow]
    offset: int


def _prefix(col, text: str):
    """A prefix match the column's index can serve (LIKE can't, being case-insensitive in SQLite)."""
    return and_(col >= text, col < text + "\U0010ffff")


# Plates start with a province (or special) character an advisor often leaves out: 'A12345' must
# find '京A12345'. One index seek per possible first character beats scanning every plate.
PLATE_PREFIXES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤川宁琼青藏港澳使领"


def _plate_match(text: str):
    plate = normalise_plate(text)
    if not plate.isascii():
        return _prefix(_vehicle.plate, plate)
    return or_(_prefix(_vehicle.plate, plate), *(_prefix(_vehicle.plate, p + plate) for p in PLATE_PREFIXES))


def _numbers_ending(tail: str):
    """Case numbers as people remember them: their last digits ('0043') or tag and digits ('M7-0043').
    A suffix can't use the number index; the scan reads the narrow index, not the cases."""
    tail = tail.upper()
    return or_(_case.number.endswith(tail, autoescape=True),
               _case.former_number.endswith(tail, autoescape=True))


def search_condition(text: str):
    q = text.strip()
    if not q:
        return None
    if _CASE_NUMBER.match(q) and "-" in q:
        # A case renumbered at enrolment is found by its offline number too (both indexed).
        return or_(_prefix(_case.number, q.upper()), _prefix(_case.former_number, q.upper()),
                   _numbers_ending("-" + q if q.count("-") == 1 else q))
    digits = normalise_phone(q)
    numbers = None
    if digits.lstrip("+").isdigit() and len(digits) >= 3:
        phone = _prefix(_customer.phone, digits)
        if len(digits) >= 4:  # the last four digits of a phone, as a customer reads them out
            phone = or_(phone, _customer.phone.endswith(digits, autoescape=True))
        customers = select(_customer.id).where(phone)
        if len(digits) <= 4 and digits.isdigit():
            numbers = select(_case.id).where(_numbers_ending("-" + digits if len(digits) == 4 else digits))
    else:
        customers = select(_customer.id).where(_prefix(_customer.name, q))
    plates = select(_vehicle.id).where(_plate_match(q))
    found = [select(_case.id).where(_case.customer_id.in_(customers)),
             select(_case.id).where(_case.vehicle_id.in_(plates))]
    if numbers is not None:
        found.append(numbers)
    return _case.id.in_(union(*found))


def _conditions(dealer_id: str, f: CaseFilter, rule: figures.OverdueRule, sort: str = "opened_at") -> list:
    # The (dealer, opened) index serves only the default order. With a search the few matching ids
    # should drive the query, and sorting by number should walk the number index: "|| ''" keeps
    # SQLite from choosing the dealer index and testing every case instead.
    # The overdue filter's few ids (read from their own indexes) should drive the same way.
    use_dealer_index = not f.search.strip() and not f.overdue and sort == "opened_at"
    dealer_col = _case.dealer_id if use_dealer_index else _case.dealer_id.concat("")
    conds = [dealer_col == dealer_id]
    if f.status:
        conds.append(_case.status == f.status)
    if f.severity:
        conds.append(_case.severity == f.severity)
    if f.cause_group:
        conds.append(_case.cause_group == f.cause_group)
    if f.assignee_id:
        conds.append(_case.assignee_id == f.assignee_id)
    if f.opened_from:
        conds.append(_case.opened_at >= clock.local_midnight(f.opened_from))
    if f.opened_to:
        conds.append(_case.opened_at < clock.local_midnight(f.opened_to + timedelta(days=1)))
    if f.overdue:  # the one overdue rule, as Today and the case report count it
        conds.append(rule.of_dealer(dealer_id))
    s = search_condition(f.search)
    if s is not None:
        conds.append(s)
    return conds


def _sort_column(sort: str):
    return {
        "opened_at": _case.opened_at, "number": _case.number, "status": _case.status,
        "severity": case({s.value: i for i, s in enumerate(Severity)}, value=_case.severity, else_=-1),
        "customer": _customer.name, "plate": _vehicle.plate, "assignee": _user.display_name,
    }[sort]


def count_cases(store, f: CaseFilter, *, now: datetime | None = None) -> int:
    with store.session() as s:
        return s.scalar(_count_statement(store.identity.home_dealer_id, f), _overdue_values(s, f, now))


def _overdue_values(session, f: CaseFilter, now: datetime | None) -> dict:
    """The overdue rule's instants for a statement of ``f``'s conditions (read only when it filters by them)."""
    return figures.overdue_rule(session, now or utcnow()).values() if f.overdue else {}


@lru_cache(maxsize=_SHAPES)
def _count_statement(dealer_id: str, f: CaseFilter):
    conds = _conditions(dealer_id, f, _BOUND)
    if len(conds) == 1:  # the dealer's every case: the list as it opens and as a cleared filter leaves it
        return _every_case_of(dealer_id)
    return select(func.count()).select_from(_CASES).where(*conds)


def _every_case_of(dealer_id: str):
    """The number of the dealer's cases as every case less other dealers' (none at most counters).
    SQLite counts a whole table from its b-tree pages without reading an entry (~1 ms at 100,000
    cases), where counting the dealer's entries in the (dealer, opened) index reads each (20-30 ms);
    other dealers' cases are counted from that index's ranges either side of the dealer."""
    def counted(*where):
        return select(func.count()).select_from(_CASES).where(*where).scalar_subquery()

    return select(counted() - counted(_case.dealer_id < dealer_id) - counted(_case.dealer_id > dealer_id))


def count_by_status(store, f: CaseFilter, *, now: datetime | None = None) -> dict[str, int]:
    """How the cases the filter finds (whatever status it asks for) split by status: the list's own conditions."""
    f = replace(f, status=None)
    with store.session() as s:
        return dict(s.execute(_by_status_statement(store.identity.home_dealer_id, f), _overdue_values(s, f, now)).all())


@lru_cache(maxsize=_SHAPES)
def _by_status_statement(dealer_id: str, f: CaseFilter):
    return select(_case.status, func.count()).where(*_conditions(dealer_id, f, _BOUND)).group_by(_case.status)


def in_list(store, f: CaseFilter, case_id: str, *, now: datetime | None = None) -> bool:
    """Whether the case is among those ``f`` lists (the detail beside the list follows the filter)."""
    with store.session() as s:
        return bool(s.scalar(_in_list_statement(store.identity.home_dealer_id, f),
                             {"case_id": case_id, **_overdue_values(s, f, now)}))


@lru_cache(maxsize=_SHAPES)
def _in_list_statement(dealer_id: str, f: CaseFilter):
    return (select(func.count()).select_from(_CASES)
            .where(_case.id == bindparam("case_id", type_=_case.id.type), *_conditions(dealer_id, f, _BOUND)))


def case_page(store, f: CaseFilter, *, sort: str = "opened_at", descending: bool = True, offset: int = 0,
              limit: int = 100, after: tuple | None = None, total: int | None = None,
              now: datetime | None = None) -> Page:
    """One page of the list. ``after`` is the last row's key(sort) of the page before, when known:
    the page then continues from it through the index instead of counting ``offset`` rows. With
    ``total`` known, a page in the second half is counted from the end, in reverse order."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    dealer_id = store.identity.home_dealer_id
    with store.session() as s:
        values = figures.overdue_rule(s, now or utcnow()).values()
        if sort in KEYSET_SORTS and (after is not None or offset == 0):
            # In the index's order from the first row or the last key: nothing to skip, one query.
            q = _rows_statement(dealer_id, f, sort, descending, limit, after is not None)
            if after is not None:
                values["after_key"], values["after_id"] = after
        else:
            # Skip rows in a narrow query of ids: joining customers to rows only to skip them makes
            # a jump to the end of 100,000 cases take a second instead of tens of milliseconds.
            col = _sort_column(sort)
            inner = select(_case.id).where(*_conditions(dealer_id, f, _BOUND, sort))
            if sort in ("customer", "plate", "assignee"):
                inner = _joined(inner)
            if total is not None and offset > total // 2:
                reverse = (col.asc(), _case.id.asc()) if descending else (col.desc(), _case.id.desc())
                n = max(0, min(limit, total - offset))
                inner = inner.order_by(*reverse).offset(max(0, total - offset - n)).limit(n)
            else:
                order = (col.desc(), _case.id.desc()) if descending else (col.asc(), _case.id.asc())
                inner = inner.order_by(*order).offset(offset).limit(limit)
            values["chosen"] = list(s.scalars(inner, values))
            q = _rows_statement(None, None, sort, descending, limit, False)
        return Page([_case_row(r) for r in s.execute(q, values).all()], offset)


def counted_first_page(store, f: CaseFilter, *, sort: str = "opened_at", descending: bool = True, limit: int = 100,
                       now: datetime | None = None) -> tuple[int, list[CaseRow]]:
    """How many cases ``f`` lists and its first page, as the list opens and refreshes. In an index's
    order the count is a column of the page's statement, worked out once: one statement to compile
    and run, in one session, where count_cases and case_page take two of each (~1.5 ms of the
    database worker's Python in a fresh process, ~0.5 ms a refresh). The same figures as theirs."""
    if sort not in KEYSET_SORTS:
        n = count_cases(store, f, now=now)
        return n, case_page(store, f, sort=sort, descending=descending, limit=limit, total=n, now=now).rows if n else []
    with store.session() as s:
        values = figures.overdue_rule(s, now or utcnow()).values()
        rows = s.execute(_rows_statement(store.identity.home_dealer_id, f, sort, descending, limit, False, True),
                         values).all()
        return (rows[0][13] if rows else 0), [_case_row(r) for r in rows]


def _case_row(r) -> CaseRow:
    return CaseRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] or "", r[10] or "", bool(r[11]), r[12])


@lru_cache(maxsize=_SHAPES)
def _rows_statement(dealer_id: str | None, f: CaseFilter | None, sort: str, descending: bool, limit: int,
                    after: bool, counted: bool = False):
    """A page's rows in ``sort``'s order: ``f``'s first ``limit`` (after the key bound as after_key,
    after_id when ``after``; with the number of cases ``f`` lists as a last column when ``counted``),
    or without ``f`` the cases whose ids are bound as ``chosen``."""
    col = _sort_column(sort)
    order = (col.desc(), _case.id.desc()) if descending else (col.asc(), _case.id.asc())
    # Whether each case is overdue and when its callback is due are asked for the page's rows only
    # (columns computed per row returned), so sorting stays index-fast.
    q = _joined(select(_case.id, _case.number, _case.opened_at, _case.status,
                       _case.severity, _case.channel, _case.cause_group, _customer.name,
                       _customer.phone, _vehicle.plate, _user.display_name,
                       _BOUND.per_case.label("overdue"), _due_at().label("due")))
    if f is None:
        return q.where(_case.id.in_(bindparam("chosen", expanding=True))).order_by(*order).limit(limit)
    conds = _conditions(dealer_id, f, _BOUND, sort)
    if after:
        key = tuple_(col, _case.id)
        last = tuple_(bindparam("after_key", type_=col.type), bindparam("after_id", type_=_case.id.type))
        conds.append(key < last if descending else key > last)
    if counted:  # not correlated with the rows: SQLite works it out once
        q = q.add_columns(_count_statement(dealer_id, f).scalar_subquery().label("total"))
    return q.where(*conds).order_by(*order).limit(limit)


def _due_at():
    """When the case's callback is due (the list's "Callback due" column), found by the case."""
    # "|| ''" keeps SQLite off the (state, due) index, which reads every due callback of the store for
    # each case: the case index finds its one or two callbacks.
    return (select(func.min(_callback.due_at))
            .where(_callback.case_id == _case.id, _callback.state.concat("") == CallbackState.DUE.value)
            .scalar_subquery())


def _joined(q):
    return (q.join(_CUSTOMERS, _customer.id == _case.customer_id)
            .outerjoin(_VEHICLES, _vehicle.id == _case.vehicle_id)
            .outerjoin(_USERS, _user.id == _case.assignee_id))


def assignees(store) -> list[tuple[str, str]]:
    """(user id, name) of everyone at the dealer, for the advisor filter."""
    with store.session() as s:
        return [(uid, name) for uid, name in s.execute(
            select(User.id, User.display_name).where(User.dealer_id == store.identity.home_dealer_id)
            .order_by(User.display_name))]


@dataclass(frozen=True)
class CustomerMatch:
    customer_id: str
    name: str
    phone: str
    plate: str
    vehicle_id: str | None
    model: str
    vin: str = ""


def find_customers(store, text: str, limit: int = 8) -> list[CustomerMatch]:
    """Customers whose phone, plate or name starts with ``text`` (as the advisor types): two letters or
    digits at least, or one Chinese character (a family name: 王 narrows as much as two letters)."""
    q = text.strip()
    if len(q) < 2 and not (q and not q.isascii() and q.isalpha()):
        return []
    digits = normalise_phone(q)
    by_customer = _prefix(Customer.phone, digits) if digits.isdigit() else _prefix(Customer.name, q)
    cols = (Customer.id, Customer.name, Customer.phone, Vehicle.plate, Vehicle.id, Vehicle.model, Vehicle.vin)
    with store.session() as s:
        dealer = store.identity.home_dealer_id
        found: dict[tuple, CustomerMatch] = {}
        for stmt in (select(*cols).join(Vehicle, Vehicle.customer_id == Customer.id).where(_plate_match(q)),
                     select(*cols).outerjoin(Vehicle, Vehicle.customer_id == Customer.id).where(by_customer)):
            # "|| ''": let the phone, name or plate index drive, not the dealer index.
            for r in s.execute(stmt.where(Customer.dealer_id.concat("") == dealer).limit(limit)):
                found.setdefault((r[0], r[4]), CustomerMatch(r[0], r[1], r[2], r[3] or "", r[4], r[5] or "",
                                                            r[6] or ""))
        return list(found.values())[:limit]


@dataclass(frozen=True)
class Visit:
    repair_order: str
    opened_on: date
    plate: str
    grades: str
    score: int | None
    overall: int | None
    form_id: str | None


@dataclass(frozen=True)
class CustomerHistory:
    customer_id: str
    name: str
    phone: str
    visits: list[Visit]
    cases: list[CaseRow]


def customer_history(store, customer_id: str) -> CustomerHistory:
    with store.session() as s:
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Customer"), key=customer_id)
        visits = [Visit(r.number, r.opened_on, r.plate or "",
                        f"{r.timeliness}{r.repair_quality}{r.attitude}" if r.form_id else "", r.score, r.overall,
                        r.form_id)
                  for r in s.execute(
                      select(RepairOrder.number, RepairOrder.opened_on, Vehicle.plate, FeedbackForm.id.label("form_id"),
                             FeedbackForm.timeliness, FeedbackForm.repair_quality, FeedbackForm.attitude,
                             FeedbackForm.score, FeedbackForm.overall)
                      .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
                      .outerjoin(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
                      .where(RepairOrder.customer_id == customer_id)
                      .order_by(RepairOrder.opened_on.desc()).limit(200))]
        cases = [CaseRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], c.name, c.phone, r[7] or "", r[8] or "")
                 for r in s.execute(
                     select(FailureCase.id, FailureCase.number, FailureCase.opened_at, FailureCase.status,
                            FailureCase.severity, FailureCase.channel, FailureCase.cause_group, Vehicle.plate,
                            User.display_name)
                     .outerjoin(Vehicle, Vehicle.id == FailureCase.vehicle_id)
                     .outerjoin(User, User.id == FailureCase.assignee_id)
                     .where(FailureCase.customer_id == customer_id)
                     .order_by(FailureCase.opened_at.desc()).limit(200))]
        return CustomerHistory(c.id, c.name, c.phone, visits, cases)


@dataclass(frozen=True)
class TimelineItem:
    seq: int
    kind: str
    occurred_at: datetime
    actor: str
    payload: dict


@dataclass(frozen=True)
class CaseDetail:
    id: str
    number: str
    version: int
    status: str
    severity: str
    severity_reason: str
    channel: str
    failure_type: str
    cause_group: str
    blame: str
    mood: str | None
    customer_words: str
    opened_at: datetime
    first_response_at: datetime | None
    customer_id: str
    customer: str
    phone: str
    plate: str
    vin: str
    model: str
    repair_order: str
    assignee: str
    timeline: list[TimelineItem] = field(default_factory=list)
    attachments: int = 0
    # The outcome, for a closed case's Overview: re-rating is the last callback's score, remedy the
    # one the customer accepted as (kind, yuan).
    closed_at: datetime | None = None
    recovered: bool | None = None
    rerating: int | None = None
    remedy: tuple[str, int] | None = None
    root_cause: str = ""
    improvement: str = ""


def case_detail(store, case_id: str) -> CaseDetail:
    with store.session() as s:
        c = s.get(FailureCase, case_id)
        if c is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Case"), key=case_id)
        cust = s.get(Customer, c.customer_id)
        veh = s.get(Vehicle, c.vehicle_id) if c.vehicle_id else None
        ro = s.get(RepairOrder, c.repair_order_id) if c.repair_order_id else None
        people = dict(s.execute(select(User.id, User.display_name)).all())
        events = s.scalars(select(Event).where(Event.entity_type == "case", Event.entity_id == c.id)
                           .order_by(Event.seq))
        timeline = [TimelineItem(e.seq, e.kind, e.occurred_at, people.get(e.actor_id, ""), dict(e.payload))
                    for e in events]
        n_att = s.scalar(select(func.count()).select_from(Attachment).where(Attachment.case_id == c.id))
        rerating = s.scalar(select(Callback.rating).where(Callback.case_id == c.id, Callback.rating.is_not(None))
                            .order_by(Callback.last_attempt_at.desc()).limit(1))
        agreed = s.execute(select(Remedy.kind, Remedy.amount).where(Remedy.case_id == c.id,
                                                                    Remedy.status == RemedyStatus.AGREED.value)
                           .order_by(Remedy.proposed_at.desc()).limit(1)).first()
        return CaseDetail(c.id, c.number, c.version, c.status, c.severity, c.severity_reason, c.channel,
                          c.failure_type, c.cause_group, c.blame, c.mood, c.customer_words, c.opened_at,
                          c.first_response_at, cust.id, cust.name, cust.phone, veh.plate if veh else "",
                          (veh.vin or "") if veh else "", (veh.model or "") if veh else "",
                          ro.number if ro else "", people.get(c.assignee_id, ""), timeline, n_att,
                          c.closed_at, c.recovered, rerating, tuple(agreed) if agreed else None,
                          c.root_cause or "", c.improvement or "")


def case_version(store, case_id: str) -> int:
    """The case's version (its event log's last seq), for a view to pass back as expected_version."""
    with store.session() as s:
        v = s.scalar(select(FailureCase.version).where(FailureCase.id == case_id))
        if v is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Case"), key=case_id)
        return v
