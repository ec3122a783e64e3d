"""Improvement actions (the outer loop: analyse -> improve): raised from a closed case's root cause (or
by head office for several dealers, app/hq/improve.py), owned, due, completed, and judged afterwards on
the figure they should move, counted with the same series and failure rule the early warnings watch
(app/services/predict/history.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import literal, select

from app.foundation import clock
from app.foundation.errors import InvalidInput
from app.foundation.ids import new_id
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Dealer, FailureCase, ImprovementAction, NetworkImprovement, User, utcnow
from app.rules import fields
from app.rules.scoring import ITEMS
from app.rules.vocab import CauseGroup
from app.services.changes import CASES, announces
from app.services.predict.history import Observation, read_history

BEFORE_DAYS = 90  # the figure before: the quarter before the action was raised
MIN_FORMS = 20  # the same floor the warnings watch a series from
SIGNIFICANCE = 0.05  # a move this unlikely by chance at the old share counts as a move
# What each kind of figure may follow: a cause group's share, or one item's grades (a counter's `improve
# add --figure cause:anything` stored a figure nothing could ever measure).
FIGURE_SUBJECTS = {"cause": frozenset(g.value for g in CauseGroup), "item": frozenset(ITEMS)}


@dataclass(frozen=True)
class Figure:
    forms: int
    failures: int

    @property
    def share(self) -> float | None:
        return self.failures / self.forms if self.forms else None


@dataclass(frozen=True)
class ActionInfo:
    id: str
    dealer: str
    case_id: str
    case_number: str
    title: str
    owner: str
    due_on: date
    figure_kind: str
    figure_subject: str
    created_at: datetime
    done_at: datetime | None
    done_note: str
    before: Figure | None  # None when listed without figures (open_actions)
    after: Figure | None  # from the due date on; None before it, and without figures
    verdict: str  # open | overdue | not_due | too_few | better | worse | unchanged
    owner_role: str = ""  # a head office action owned by a role at the dealer (no one person)
    from_head_office: bool = False  # raised by head office for several dealers (case_id and number empty)

    @property
    def overdue(self) -> bool:
        return self.verdict == "overdue"


def _tail(n: int, k: int, p: float, lower: bool) -> float:
    """P(X <= k) (or P(X >= k)) for X ~ Binomial(n, p), summed in logs so a year of forms can't overflow."""
    if p <= 0:
        return 1.0 if lower or k == 0 else 0.0
    if p >= 1:
        return 1.0 if not lower or k == n else 0.0
    terms = range(0, k + 1) if lower else range(k, n + 1)
    logs = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * math.log(p) + (n - i) * math.log1p(-p)
            for i in terms]
    top = max(logs)
    return min(1.0, math.exp(top) * sum(math.exp(x - top) for x in logs))


def judge(before: Figure, after: Figure | None, *, due: bool) -> str:
    """Whether the failure share moved: judged only after the due date, on enough forms, against
    what chance would give at the old share (a one-sided binomial test each way)."""
    if not due or after is None:
        return "not_due"
    if after.forms < MIN_FORMS or before.forms < MIN_FORMS:
        return "too_few"
    p = before.failures / before.forms
    if _tail(after.forms, after.failures, p, lower=True) < SIGNIFICANCE:
        return "better"
    if _tail(after.forms, after.failures, p, lower=False) < SIGNIFICANCE:
        return "worse"
    return "unchanged"


def series_key(kind: str, subject: str) -> tuple[str, str, str | None]:
    """The warnings' series an action's figure is: a cause's share of the cases, an item's of the forms."""
    return (kind, subject, subject if kind == "item" else None)


def count(history: list[Observation], key, start: date, end: date) -> Figure:
    """Forms (cases, for a cause) in ``[start, end)`` of the series ``key``, and how many failed there."""
    n = f = 0
    for ob in history:
        if start <= ob.day < end:
            for k, failed in ob.outcomes:
                if k == key:
                    n, f = n + 1, f + failed
    return Figure(n, f)


@announces(CASES)
def raise_action(store, case_id: str, title: str, owner_id: str | None, due_on: date, actor, *,
                 figure_kind: str | None = None, figure_subject: str | None = None) -> str:
    """A supervisor turns a closed case's root cause into an action; its figure defaults to the
    case's cause group. The case's version moves (an event), so the action travels with the case."""
    if not actor.is_supervisor:
        raise InvalidInput(field="improvement", problem=QT_TRANSLATE_NOOP(
            "Errors", "only a supervisor can raise an improvement action"))
    title = fields.clean("improvement_title", title)
    if not title:
        raise InvalidInput(field="improvement_title", problem=QT_TRANSLATE_NOOP(
            "Errors", "say what will be changed, e.g. the case's improvement"))
    if due_on <= clock.today():
        raise InvalidInput(field="due_on", problem=QT_TRANSLATE_NOOP(
            "Errors", "the due date must be after today: the figure is judged from that day on"))
    from app.services.uow import UnitOfWork

    with UnitOfWork(store, actor.user_id, write=True) as uow:
        s = uow.session
        case = s.get(FailureCase, case_id)
        if case is None or case.dealer_id != store.identity.home_dealer_id:
            raise InvalidInput(field="case", problem=QT_TRANSLATE_NOOP("Errors", "no such case at this dealer"))
        if case.closed_at is None or not case.root_cause:
            raise InvalidInput(field="case", problem=QT_TRANSLATE_NOOP(
                "Errors", "only a closed case with a root cause can become an improvement action"))
        kind = figure_kind or "cause"
        subject = figure_subject or (case.cause_group if kind == "cause" else "")
        if subject not in FIGURE_SUBJECTS.get(kind, ()):
            raise InvalidInput(field="figure", problem=QT_TRANSLATE_NOOP(
                "Errors", "the figure is a cause group or one of the items timeliness, repair_quality, attitude"))
        if owner_id is not None and s.scalar(select(User.id).where(User.id == owner_id,
                                                                   User.dealer_id == case.dealer_id)) is None:
            raise InvalidInput(field="owner", problem=QT_TRANSLATE_NOOP("Errors", "the owner must be one of the dealer's people"))
        now, aid = utcnow(), new_id()
        s.add(ImprovementAction(id=aid, dealer_id=case.dealer_id, case_id=case.id, title=title, owner_id=owner_id,
                                due_on=due_on, figure_kind=kind, figure_subject=subject, created_at=now,
                                created_by=actor.user_id, done_note=""))
        case.version += 1
        case.updated_at = now
        uow.record("case", case.id, "improvement.raised", {"improvement_id": aid}, case.dealer_id,
                   seq=case.version, at=now)
        uow.commit()
    return aid


@announces(CASES)
def complete_action(store, action_id: str, actor, note: str = "") -> bool:
    """The action done, with ``note``; False when it was done already (its note then stays as it was)."""
    note = fields.clean("warning_note", note)
    from app.services.uow import UnitOfWork

    with UnitOfWork(store, actor.user_id, write=True) as uow:
        s = uow.session
        shared = s.get(NetworkImprovement, action_id)
        if shared is not None:
            return _complete_shared(uow, shared, actor, note)
        a = s.get(ImprovementAction, action_id)
        if a is None or a.dealer_id != store.identity.home_dealer_id:
            raise InvalidInput(field="improvement", problem=QT_TRANSLATE_NOOP("Errors", "no such improvement action at this dealer"))
        if not (actor.is_supervisor or actor.user_id == a.owner_id):
            raise InvalidInput(field="improvement", problem=QT_TRANSLATE_NOOP(
                "Errors", "only its owner or a supervisor can complete an improvement action"))
        newly = a.done_at is None
        if newly:
            now = utcnow()
            a.done_at, a.done_by, a.done_note = now, actor.user_id, note
            case = s.get(FailureCase, a.case_id)
            case.version += 1
            case.updated_at = now
            uow.record("case", case.id, "improvement.done", {"improvement_id": a.id}, case.dealer_id,
                       seq=case.version, at=now)
        uow.commit()
    return newly


def _complete_shared(uow, a: NetworkImprovement, actor, note: str) -> bool:
    """A dealer's share of head office's action done: its owner (the person, or anyone of the role) or a
    supervisor; an event of its own history ("improvement"), so the completion travels to head office."""
    if a.dealer_id != uow.store.identity.home_dealer_id:
        raise InvalidInput(field="improvement", problem=QT_TRANSLATE_NOOP("Errors", "no such improvement action at this dealer"))
    if not (actor.is_supervisor or actor.user_id == a.owner_id or (a.owner_role and actor.role == a.owner_role)):
        raise InvalidInput(field="improvement", problem=QT_TRANSLATE_NOOP(
            "Errors", "only its owner or a supervisor can complete an improvement action"))
    newly = a.done_at is None
    if newly:
        now = utcnow()
        a.done_at, a.done_by, a.done_note = now, actor.user_id, note
        a.version += 1
        a.updated_at = now
        uow.record("improvement", a.id, "improvement.completed", {"note": note}, a.dealer_id, seq=a.version, at=now)
    uow.commit()
    return newly


def _rows(store, dealer_id: str | None, *, open_only: bool) -> list:
    """The stored actions, the dealer's own and head office's shares, with their dealer's code, case number
    (empty for head office's) and owner's name: the dealer's, or every dealer's at head office with ``"*"``;
    only those not done yet when ``open_only``."""
    home = None if dealer_id else store.identity.home_dealer_id
    with store.session() as s:
        rows = []
        for model in (ImprovementAction, NetworkImprovement):
            q = (select(model, Dealer.code, FailureCase.number if model is ImprovementAction else literal(""),
                        User.display_name)
                 .join(Dealer, Dealer.id == model.dealer_id).outerjoin(User, User.id == model.owner_id))
            if model is ImprovementAction:
                q = q.join(FailureCase, FailureCase.id == ImprovementAction.case_id)
            if dealer_id != "*":
                q = q.where(model.dealer_id == (dealer_id or home))
            if open_only:
                q = q.where(model.done_at.is_(None))
            rows += s.execute(q).all()
        return rows


def _info(row, before: Figure | None, after: Figure | None, verdict: str) -> ActionInfo:
    a, code, number, owner = row
    shared = isinstance(a, NetworkImprovement)
    return ActionInfo(a.id, code, "" if shared else a.case_id, number or "", a.title, owner or "", a.due_on,
                      a.figure_kind, a.figure_subject, a.created_at, a.done_at, a.done_note or "", before, after,
                      verdict, (a.owner_role or "") if shared else "", shared)


def _ordered(out: list[ActionInfo]) -> list[ActionInfo]:
    rank = {"overdue": 0, "open": 1}
    return sorted(out, key=lambda x: (rank.get(x.verdict, 2), x.due_on))


def open_actions(store, dealer_id: str | None = None) -> list[ActionInfo]:
    """The actions not done yet, overdue first, then by due date, without their figures (``before`` and
    ``after`` are None): whether one is open or overdue needs only its due date, so the dealer's form
    history is not read (Today lists these on every change of a case)."""
    today = clock.today()
    return _ordered([_info(row, None, None, "overdue" if today >= row[0].due_on else "open")
                     for row in _rows(store, dealer_id, open_only=True)])


def actions(store, dealer_id: str | None = None) -> list[ActionInfo]:
    """The dealer's actions (every dealer's at head office with ``"*"``), each with its figure before
    and, after its due date, whether it moved. Open and overdue first, then by due date."""
    today = clock.today()
    histories: dict[str, list[Observation]] = {}
    out = []
    for row in _rows(store, dealer_id, open_only=False):
        a = row[0]
        history = histories.get(a.dealer_id)
        if history is None:
            history = histories[a.dealer_id] = [o for o in read_history(store, a.dealer_id) if o.day <= today]
        key = series_key(a.figure_kind, a.figure_subject)
        raised = a.created_at.astimezone().date()
        before = count(history, key, raised - timedelta(days=BEFORE_DAYS), raised)
        due = today >= a.due_on
        after = count(history, key, a.due_on, today + timedelta(days=1)) if due else None
        if a.done_at is None:
            verdict = "overdue" if due else "open"
        else:
            verdict = judge(before, after, due=due)
        out.append(_info(row, before, after, verdict))
    return _ordered(out)
