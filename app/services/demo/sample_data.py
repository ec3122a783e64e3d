"""Realistic demo data: Chinese customers, plates and repair orders over the last 12 months."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from app.foundation import clock
from app.foundation.ids import new_id
from app.models import FeedbackForm, RepairOrder, Customer, User, Vehicle
from app.scripts.library import library_for
from app.services.cases.opening import NewCase, validate
from app.services.demo.bulk_opening import BulkOpening
from app.services.demo.recovery_plan import BulkRecovery, DemoCase, plan_case
from app.services.directory import dealer_by_code, ensure_advisors
from app.services.feedback.form_values import FormValues
from app.services import settings
from app.services.feedback.form_writer import store_forms
from app.services.orders import demo_orders
from app.services.uow import UnitOfWork
from app.rules.failure import severity_for_score
from app.rules.vocab import Blame, CauseGroup, Channel, FailureType, Mood, Role, Severity

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌波辉鹏宇浩然子轩欣怡晨阳"
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤川宁琼"
PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
MODELS = ["速腾", "迈腾", "宝来", "高尔夫", "探岳", "途观L", "帕萨特", "朗逸", "凯美瑞", "雅阁", "思域", "CR-V"]
ADVISORS = ["张伟", "李娜", "王强", "刘洋", "陈静", "杨磊", "赵敏", "黄杰"]
SERVICE_MANAGER = "周经理"  # the demo's supervisor who approves remedies and closes cases
# Complaints arrive all year; a share of them in the last two weeks, so the desk has work in progress.
RECENT_SHARE, RECENT_DAYS = 0.2, 14
COMMENTS = ["", "", "", "服务很好", "等待时间太长", "洗车不干净", "师傅很专业", "价格偏高", "没有提前通知取车",
            "休息区很舒适", "问题没有一次修好", "配件要等一周", "态度热情", "结算时多收了工时费"]
WORDS = [
    "车修好没两天又出现同样的异响，耽误了我上班。", "约好下午三点交车，等到六点还没好，也没人告诉我原因。",
    "前台接待态度很冷淡，问了三遍才有人理我。", "保养后发现车内有油污，座椅也弄脏了。",
    "配件一直说到货了，来了又说没有，白跑一趟。", "结算单上有我没同意的项目。",
    "空调还是不制冷，已经是第二次来修了。", "技师没有按约定试车就交车了。",
    "电话回访时说会处理，之后就没有下文了。", "维修时间比预计的长了两天，没有任何解释。",
]
# Weighted so most forms are good and roughly a quarter fail, like the plan measured (24-34%).
GRADE_WEIGHTS = {"A": 56, "B": 28, "C": 10, "D": 4, "E": 2}


@dataclass(frozen=True)
class DemoResult:
    dealer_code: str
    forms: int
    cases: int


def _name(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))


def _plate(rnd: random.Random) -> str:
    return rnd.choice(PROVINCES) + rnd.choice(PLATE_CHARS[:24]) + "".join(rnd.choice(PLATE_CHARS) for _ in range(5))


def _phone(rnd: random.Random) -> str:
    return "1" + rnd.choice("3456789") + "".join(rnd.choice("0123456789") for _ in range(9))


def _grade(rnd: random.Random) -> str:
    return rnd.choices(list(GRADE_WEIGHTS), weights=list(GRADE_WEIGHTS.values()))[0]


@dataclass(frozen=True)
class Drift:
    """A pattern planted in demo forms for the early warnings to find: from ``days_ago`` on, the item
    is graded D or E in ``bad_share`` of the forms of ``advisor`` (of every advisor when None)."""

    advisor: str | None
    item: str
    days_ago: int
    bad_share: float


# `demo --drift`: what docs/prediction.md says is planted (the usual D-or-E share of an item is 6%).
PLANTED_DRIFTS = (Drift("李娜", "attitude", 60, 0.35),  # one advisor's attitude slides from a given week
                  Drift(None, "timeliness", 30, 0.16))  # the whole dealer's timeliness worsens


def _drifted(rnd: random.Random, grade: str, share: float) -> str:
    return rnd.choice("DE") if rnd.random() < share else grade


def demo_forms(n: int, *, today: date, seed: int = 7, ro_prefix: str = "RO",
               drifts: tuple[Drift, ...] = ()) -> list[FormValues]:
    rnd = random.Random(seed)
    drift_rnd = random.Random(seed + 100)  # its own stream: without drifts the data is as it always was
    people = [(_name(rnd), _phone(rnd), _plate(rnd)) for _ in range(max(1, n // 3))]
    rows = []
    for i in range(n):
        day = today - timedelta(days=rnd.randrange(365))
        name, phone, plate = rnd.choice(people)
        grades = [_grade(rnd) for _ in range(3)]
        asked = rnd.random() >= 0.4  # whether the customer gave a 1-10 score
        jitter = rnd.choice((-1, 0, 0, 1)) if asked else 0
        advisor = rnd.choice(ADVISORS)
        for d in drifts:
            if day >= today - timedelta(days=d.days_ago) and d.advisor in (None, advisor):
                k = ("timeliness", "repair_quality", "attitude").index(d.item)
                grades[k] = _drifted(drift_rnd, grades[k], d.bad_share)
        overall = max(1, min(10, 10 - sum("ABCDE".index(g) for g in grades) + jitter)) if asked else None
        rows.append(FormValues(i + 2, day, f"{ro_prefix}{day:%y%m}{i:06d}", advisor, name, phone, plate,
                               *grades, overall, "verified" if rnd.random() < 0.7 else "unverified",
                               rnd.choice(COMMENTS)))
    return rows


def _order_ids(session, dealer_id: str, numbers: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(0, len(numbers), 500):
        out.update(session.execute(select(RepairOrder.number, RepairOrder.id).where(
            RepairOrder.dealer_id == dealer_id, RepairOrder.number.in_(numbers[i:i + 500]))).all())
    return out


def _service_manager(session, dealer_id: str) -> str:
    uid = session.scalar(select(User.id).where(User.dealer_id == dealer_id, User.display_name == SERVICE_MANAGER))
    if uid is None:
        uid = new_id()
        session.add(User(id=uid, dealer_id=dealer_id, username=SERVICE_MANAGER, display_name=SERVICE_MANAGER,
                         role=Role.SUPERVISOR.value, password_hash=None, active=True,
                         created_at=clock.now()))
        session.flush()
    return uid


def holds_real_data(store) -> bool:
    """Whether the store holds a dealer's own data: a form not made by the demo, or someone who can
    sign in with another PIN than the demo users' (a demo store stays one: demo data may be added again)."""
    from app.services.people.users import DEMO_PIN, check_secret

    with store.session() as s:
        if s.scalar(select(FeedbackForm.id).where(FeedbackForm.source != "demo").limit(1)) is not None:
            return True
        hashes = s.scalars(select(User.password_hash).where(User.password_hash.is_not(None))).all()
    return any(not check_secret(DEMO_PIN, h) for h in hashes)


def fill_demo(store, forms: int, cases: int, *, dealer_code: str | None = None, seed: int = 7,
              today: date | None = None, now: datetime | None = None, drifts: tuple[Drift, ...] = ()) -> DemoResult:
    """Forms over the last year and cases taken through recovery up to ``now``: older cases mostly
    closed, recent ones at every stage (see app/services/demo/recovery_plan.py for how it is written)."""
    now = now or clock.now()
    today = today or now.astimezone().date()
    rnd = random.Random(seed + 1)
    plan_rnd = random.Random(seed + 2)
    with UnitOfWork(store) as uow:
        dealer = dealer_by_code(uow.session, dealer_code, uow.identity.home_dealer_id, create=True)
        stamp = now.astimezone().strftime("%H%M%S")
        rows = demo_forms(forms, today=today, seed=seed, ro_prefix=f"RO{stamp}-", drifts=drifts)
        # Each form's repair order from the management system, with the patterns docs/prediction.md names.
        threshold = settings.get(uow.session, "failure.overall_threshold")
        rows = demo_orders.plant_comebacks(rows, seed=seed, threshold=threshold)
        store_forms(uow, dealer.id, rows, source="demo", origin_note="demo")
        details = demo_orders.order_details(rows, seed=seed, now=now, threshold=threshold,
                                            drift=demo_orders.PLANTED_WORK_TYPE_DRIFT if drifts else None)
        demo_orders.fill_orders(uow, dealer.id, rows, details,
                                _order_ids(uow.session, dealer.id, [r.repair_order for r in rows]))
        advisors = ensure_advisors(uow.session, dealer.id, set(ADVISORS))
        manager = _service_manager(uow.session, dealer.id)
        opening = BulkOpening(uow, dealer)
        recovery = _Recovery(uow, BulkRecovery(uow.session, uow.identity.store_id, library_for(store.path.parent).pack),
                             plan_rnd, manager, now, opening)
        # Cases: failing forms first (as the follow-up would find them), then complaints from elsewhere.
        failing = _failing_forms(uow.session, dealer.id, cases)
        # The newest few complaints came in during the last hours and nobody has answered them yet,
        # whatever the hour the demo is made at (at 22:00 a real counter's day is over, the list not).
        fresh = min(max(2, cases // 100), 12) if cases else 0
        for i in range(cases):
            new, day = _complaint(rnd, failing[i] if i < len(failing) else None, advisors, today, dealer.code)
            validate(new)
            untouched = i >= cases - fresh
            when = _opened_at(rnd, day, now, i, cases, fresh) if untouched else _opened_at(rnd, day, now)
            ref = opening.open(new, when, actor_id=new.assignee_id)  # recorded by the advisor, as at the counter
            recovery.add(DemoCase(ref.id, dealer.id, when, new.failure_type, new.cause_group, new.severity,
                                  new.blame, new.mood, new.assignee_id), untouched=untouched)
        recovery.progress()
        uow.commit()
    return DemoResult(dealer.code, forms, cases)


class _Recovery:
    """Takes the opened cases through their planned recovery up to ``now``, a few thousand at a time."""

    BATCH = 2000

    def __init__(self, uow, bulk: BulkRecovery, plan_rnd: random.Random, manager: str, now: datetime,
                 opening: BulkOpening) -> None:
        self.uow, self.bulk, self.plan_rnd, self.manager, self.now = uow, bulk, plan_rnd, manager, now
        self.opening = opening
        self.limit = bulk.limits["advisor"]
        self.opened: list[DemoCase] = []
        self.waiting: set[str] = set()  # cases nobody has answered yet
        self.made = 0

    def add(self, case: DemoCase, *, untouched: bool) -> None:
        if untouched:
            self.waiting.add(case.id)
        self.opened.append(case)
        self.made += 1
        if self.made % self.BATCH == 0:
            self.progress()

    def progress(self) -> None:
        self.opening.flush()  # the batch's cases are stored before their recovery is written
        self.uow.session.flush()
        self.uow.session.expunge_all()  # keep memory flat on big demo stores
        for c in self.opened:
            plan = plan_case(self.plan_rnd, c, self.bulk.script(c), self.manager, self.limit)
            self.bulk.apply(c, [] if c.id in self.waiting else [a for a in plan if a.at <= self.now])
        self.bulk.flush()
        self.opened.clear()


def _failing_forms(session, dealer_id: str, limit: int) -> list:
    """The failing forms a follow-up would open cases for, with their customer and vehicle."""
    return session.execute(
        select(FeedbackForm.id, FeedbackForm.repair_order_id, FeedbackForm.overall, FeedbackForm.advisor_id,
               FeedbackForm.service_date, Customer.id, Customer.name, Customer.phone, Vehicle.plate)
        .join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
        .join(Customer, Customer.id == RepairOrder.customer_id)
        .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
        .where(FeedbackForm.dealer_id == dealer_id, FeedbackForm.score < 0)
        .limit(limit)).all()


def _complaint(rnd: random.Random, failing, advisors: dict[str, str], today: date,
               dealer_code: str) -> tuple[NewCase, date]:
    """A case for a failing form's customer, or (``failing`` None) a complaint from elsewhere; and its day."""
    if failing is not None:
        fid, roid, overall, adv, day, cid, name, phone, plate = failing
        channel = rnd.choice([Channel.ON_SITE, Channel.CALLBACK_3DAY, Channel.CALLBACK_3DAY])
    else:
        fid = roid = overall = cid = None
        adv = advisors[rnd.choice(ADVISORS)]
        recent = rnd.random() < RECENT_SHARE
        day = today - timedelta(days=rnd.randrange(RECENT_DAYS if recent else 365))
        name, phone, plate = _name(rnd), _phone(rnd), _plate(rnd)
        channel = rnd.choice(list(Channel))
    suggested = severity_for_score(overall)
    severity = suggested or rnd.choice([Severity.MINOR, Severity.MODERATE, Severity.SERIOUS])
    new = NewCase(customer_name=name, phone=phone, plate=plate, channel=channel.value,
                  failure_type=rnd.choice(list(FailureType)).value,
                  cause_group=rnd.choice(list(CauseGroup)).value, severity=severity.value,
                  customer_words=rnd.choice(WORDS), mood=rnd.choice(list(Mood)).value,
                  blame=rnd.choice(list(Blame)).value, score=overall, model=rnd.choice(MODELS),
                  repair_order_id=roid, form_id=fid, customer_id=cid, assignee_id=adv,
                  dealer_code=dealer_code)
    return new, day


def _opened_at(rnd: random.Random, day: date, now: datetime, i: int | None = None, cases: int = 0,
               fresh: int = 0) -> datetime:
    """When the case was opened: opening hours at the counter on ``day`` (local time), or, for the
    ``i``-th of ``cases`` among the ``fresh`` last ones, spread over the last six hours before ``now``."""
    when = (datetime(day.year, day.month, day.day, rnd.randrange(8, 18), rnd.randrange(60)).astimezone()
            + timedelta(days=rnd.choice((0, 1, 2, 3)))).astimezone(timezone.utc)
    if i is not None:  # spread over the last six hours: some answered late already, some not yet
        return now - timedelta(minutes=15 + (cases - i) * 345 // fresh)
    if when > now:  # today's complaints: some minutes or hours ago
        return now - timedelta(minutes=rnd.randrange(5, 300))
    return when
