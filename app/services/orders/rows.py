"""Repair orders as the dealer's management system exports them: the columns (English or Chinese headers),
each row checked into an order's values with every problem named by line and column; nothing is stored here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.foundation import clock
from app.foundation.errors import ImportRejected, Problem
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import fields, identifiers
from app.rules.work_types import work_type as work_type_of
from app.services.feedback.form_values import catalogue_problem, entry_problems
from app.services.imports import cells
from app.services.imports.columns import Column, Placement, place, shape, unplaced_problems
from app.services.imports.reader import LIMITS, FileRefused, Limits, Table, open_table

CTX = "Errors"
COLUMNS = (
    Column("repair_order", QT_TRANSLATE_NOOP("Import", "Repair order"),
           ("工单号", "维修工单号", "工单编号", "工单", "repair order number", "RO")),
    Column("opened", QT_TRANSLATE_NOOP("Import", "Opened (YYYY-MM-DD HH:MM)"), ("开单时间", "开单日期", "进厂时间", "opened at")),
    Column("promised", QT_TRANSLATE_NOOP("Import", "Promised (YYYY-MM-DD HH:MM)"),
           ("承诺交车时间", "预计交车时间", "承诺时间", "promised at"), False),
    Column("delivered", QT_TRANSLATE_NOOP("Import", "Delivered (YYYY-MM-DD HH:MM)"),
           ("交车时间", "实际交车时间", "结算时间", "delivered at"), False),
    Column("advisor", QT_TRANSLATE_NOOP("Import", "Service advisor"), ("服务顾问", "顾问", "service advisor")),
    Column("customer", QT_TRANSLATE_NOOP("Import", "Customer"), ("客户", "客户姓名", "客户名称", "姓名", "customer name")),
    Column("phone", QT_TRANSLATE_NOOP("Import", "Phone"), ("电话", "联系电话", "手机", "手机号", "电话号码", "phone number", "mobile")),
    Column("plate", QT_TRANSLATE_NOOP("Import", "Plate"), ("车牌", "车牌号", "车牌号码", "plate number", "licence plate")),
    Column("vin", QT_TRANSLATE_NOOP("Import", "VIN"), ("VIN/车架号", "车架号", "车辆识别代号", "VIN码"), False),
    Column("work_type", QT_TRANSLATE_NOOP("Import", "Work type"), ("维修类型", "工单类型", "业务类型", "work type"), False),
    Column("amount", QT_TRANSLATE_NOOP("Import", "Amount (yuan)"), ("金额", "结算金额", "工单金额", "总金额"), False),
    Column("mileage", QT_TRANSLATE_NOOP("Import", "Mileage (km)"), ("里程", "进厂里程", "行驶里程", "公里数"), False),
)
KEYS = tuple(c.key for c in COLUMNS)
REQUIRED = tuple(c.key for c in COLUMNS if c.required)
PREVIEW_ROWS = 20
MAX_AMOUNT = Decimal("10000000")  # yuan: no service job costs ten million
MAX_MILEAGE = 2_000_000  # km
_VIN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")  # ISO 3779: no I, O or Q
_TIME = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d+)?)?)?$")


@dataclass(frozen=True)
class OrderValues:
    """One repair order as checked: identifiers in their one form, times in UTC, the amount in fen.
    ``line``: the file's line (0 when typed at the counter)."""

    line: int
    repair_order: str
    opened_at: datetime
    promised_at: datetime | None
    delivered_at: datetime | None
    advisor: str
    customer: str
    phone: str
    plate: str
    vin: str
    work_type: str
    amount_cents: int | None
    mileage: int | None

    def __post_init__(self) -> None:
        for name, fn in (("repair_order", identifiers.repair_order), ("phone", identifiers.phone),
                         ("plate", identifiers.plate), ("customer", identifiers.name),
                         ("advisor", identifiers.name), ("work_type", work_type_of)):
            object.__setattr__(self, name, fn(getattr(self, name)))

    def content(self) -> dict[str, Any]:
        """What makes two exports of one order the same order (an import of it again changes nothing)."""
        return {"opened_at": self.opened_at, "promised_at": self.promised_at, "delivered_at": self.delivered_at,
                "advisor": self.advisor, "customer": self.customer, "phone": self.phone, "plate": self.plate,
                "vin": self.vin, "work_type": self.work_type, "amount_cents": self.amount_cents,
                "mileage": self.mileage}


@dataclass(frozen=True)
class OrdersFile:
    """A file read and checked, nothing stored yet."""

    file: str
    kind: str
    header: tuple[str, ...]
    shape: str
    placement: Placement
    orders: tuple[OrderValues, ...]
    problems: tuple[Problem, ...]
    rows: int
    first: tuple[tuple[int, tuple[str, ...]], ...] = ()  # the first rows: (line, a text per column of KEYS)

    @property
    def readable(self) -> bool:
        return self.placement.complete


def local_to_utc(value: datetime) -> datetime:
    """A wall time of the counter (as the management system writes it) as a UTC instant."""
    return value.astimezone(timezone.utc)  # a naive time is read as the machine's local time


def as_time(value: Any, *, end_of_day: bool = False) -> datetime | None:
    """A local time as a workbook or CSV holds it (2026-05-15 14:30, 2026/5/15 14:30:00, 2026年5月15日 14:30,
    a date-time cell or serial); a bare date is its start (its end for a promise). None when it is none."""
    if isinstance(value, datetime):
        return local_to_utc(value)
    if isinstance(value, date):
        return local_to_utc(datetime.combine(value, time(23, 59) if end_of_day else time(0, 0)))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        day = cells.from_serial(value)
        if day is None:
            return None
        minutes = round((float(value) % 1) * 24 * 60)
        return local_to_utc(datetime.combine(day, time(0, 0)) + timedelta(minutes=min(minutes, 24 * 60 - 1)))
    m = _TIME.match(cells.text(value))
    if m is None:
        return None
    try:
        if m[4] is None:
            return local_to_utc(datetime.combine(date(int(m[1]), int(m[2]), int(m[3])),
                                                 time(23, 59) if end_of_day else time(0, 0)))
        return local_to_utc(datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0)))
    except ValueError:
        return None


def as_amount(value: Any) -> int | None:
    """Yuan (1280, 1280.5, "1,280.50", "¥1280") as whole fen; None when it is not an amount of money."""
    s = cells.text(value).replace(",", "").replace("，", "").lstrip("¥￥").strip()
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    if not d.is_finite() or d < 0 or d >= MAX_AMOUNT or d != d.quantize(Decimal("0.01")):
        return None
    return int(d * 100)


def read_orders(path: Path, mapping: dict[str, str] | None = None, limits: Limits = LIMITS) -> OrdersFile:
    """Read and check the whole file (nothing is stored); a file that can't be read at all raises ImportRejected."""
    return check_table(open_table(Path(path), limits), mapping)


def check_table(table: Table, mapping: dict[str, str] | None = None) -> OrdersFile:
    table.choose_header(lambda c: len(place(c, COLUMNS).at))
    placement = place(table.header, COLUMNS, mapping, table.header_line)
    header = tuple(table.header)
    if not placement.complete:
        return OrdersFile(table.name, table.kind, header, shape(table.header), placement, (),
                          tuple(unplaced_problems(placement, COLUMNS, table.header_line)), 0)
    problems: list[Problem] = []
    orders: list[OrderValues] = []
    first_line_of: dict[str, int] = {}
    first: list[tuple[int, tuple[str, ...]]] = []
    at, width, n = placement.at, len(header), 0
    try:
        for line, rec in table.rows():
            n += 1
            if table.kind == "csv" and len(rec) != width:
                problems.append(Problem(line, "", QT_TRANSLATE_NOOP("Errors",
                    "This row has {found} values but the header has {expected}. Check for a comma inside a value "
                    "that is not in quotes."), {"found": len(rec), "expected": width}))
                continue
            raw = {k: (rec[at[k]] if k in at and at[k] < len(rec) else None) for k in KEYS}
            row = check_row(raw, line, problems)
            if len(first) < PREVIEW_ROWS:  # a good row as it will be stored, a bad one as it was written
                first.append((line, as_read(row) if row is not None else tuple(cells.text(raw[k]) for k in KEYS)))
            if row is None:
                continue
            before = first_line_of.get(row.repair_order)
            if before is not None:
                problems.append(Problem(line, "repair_order", QT_TRANSLATE_NOOP("Errors",
                    "Repair order {ro} is already on line {first}. Remove one of the two lines."),
                    {"ro": row.repair_order, "first": before}))
                continue
            first_line_of[row.repair_order] = line
            orders.append(row)
    except FileRefused:
        raise
    except ImportRejected as exc:
        problems += exc.problems
    problems = sorted(problems + table.problems, key=lambda p: p.line)
    return OrdersFile(table.name, table.kind, header, shape(table.header), placement, tuple(orders),
                      tuple(problems), n, tuple(first))


def local_text(at: datetime | None) -> str:
    """A stored time as the counter's wall time, as the management system writes it."""
    return "" if at is None else at.astimezone().strftime("%Y-%m-%d %H:%M")


def as_read(row: OrderValues) -> tuple[str, ...]:
    """A checked row's values as text, in the order of KEYS (the amount in yuan, a work type by its key)."""
    amount = "" if row.amount_cents is None else f"{row.amount_cents / 100:.2f}"
    return (row.repair_order, local_text(row.opened_at), local_text(row.promised_at), local_text(row.delivered_at),
            row.advisor, row.customer, row.phone, row.plate, row.vin, row.work_type, amount,
            "" if row.mileage is None else str(row.mileage))


def check_row(raw: dict[str, Any], line: int, problems: list[Problem]) -> OrderValues | None:
    """One row's cells (key -> cell as read) as an order's values, or None with its problems added."""
    text = {k: cells.text(v) for k, v in raw.items()}
    before = len(problems)

    def bad(col: str, message: str, **params) -> None:
        problems.append(Problem(line, col, message, {"value": text[col][:80], "column": col, **params}))

    failed = [k for k, v in raw.items() if v.__class__ is cells.SheetError]
    for c in failed:  # an Excel error, not a value: named as what it is, then checked no further
        bad(c, cells.SHEET_ERROR, error=text[c])
        text[c] = ""
    for c in REQUIRED:
        if not text[c] and c not in failed:
            bad(c, QT_TRANSLATE_NOOP("Errors", "\"{column}\" is empty; it is required."))
    times: dict[str, datetime | None] = {}
    for c in ("opened", "promised", "delivered"):
        times[c] = None
        if text[c]:
            times[c] = as_time(raw[c], end_of_day=c == "promised")
            if times[c] is None:
                bad(c, QT_TRANSLATE_NOOP("Errors",
                    "\"{value}\" is not a time; write it as YYYY-MM-DD HH:MM, e.g. 2026-05-18 14:30."))
    now = clock.now()
    for c in ("opened", "delivered"):
        if times[c] is not None and times[c] > now:
            bad(c, QT_TRANSLATE_NOOP("Errors", "\"{value}\" is after now; an order can't be opened or delivered in the future."))
    for c in ("promised", "delivered"):
        if times[c] is not None and times["opened"] is not None and times[c] < times["opened"]:
            bad(c, QT_TRANSLATE_NOOP("Errors", "\"{value}\" is before the order was opened ({opened}); check the time."),
                opened=text["opened"])
    vin = identifiers.repair_order(text["vin"])  # upper case, no spaces: the one form of a VIN
    if vin and not _VIN.match(vin):
        bad("vin", QT_TRANSLATE_NOOP("Errors",
            "\"{value}\" is not a VIN: 17 letters and digits, without I, O or Q. Correct it or leave it empty."))
    kind = work_type_of(text["work_type"])
    found = fields.problem("work_type", kind)
    if found is not None:
        bad("work_type", found[0], **found[1])
    amount = None
    if text["amount"]:
        amount = as_amount(raw["amount"])
        if amount is None:
            bad("amount", QT_TRANSLATE_NOOP("Errors",
                "\"{value}\" is not an amount; write yuan with at most two decimals, e.g. 1280.50, or leave it empty."))
    mileage = None
    if text["mileage"]:
        mileage = cells.as_whole(raw["mileage"])
        if mileage is None or not 0 <= mileage <= MAX_MILEAGE:
            mileage = None
            bad("mileage", QT_TRANSLATE_NOOP("Errors",
                "\"{value}\" is not a mileage; write whole kilometres from 0 to 2000000, or leave it empty."))
    flagged = {p.column for p in problems[before:]}
    opened_day = times["opened"].astimezone().date() if times["opened"] is not None else None
    for c, message, params in entry_problems(service_date=opened_day, repair_order=text["repair_order"],
                                             customer=text["customer"], phone=text["phone"], plate=text["plate"]):
        column = "opened" if c == "service_date" else c
        if column not in flagged:
            bad(column, message, **params)
    found = catalogue_problem("advisor", identifiers.name(text["advisor"]))
    if found is not None and "advisor" not in flagged:
        bad("advisor", found[0], **found[1])
    if len(problems) > before:
        return None
    return OrderValues(line, text["repair_order"], times["opened"], times["promised"], times["delivered"],
                       text["advisor"], text["customer"], text["phone"], text["plate"], vin, text["work_type"],
                       amount, mileage)
