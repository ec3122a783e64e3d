"""The feedback form import: a table read by the one reader, each row checked into a form's values, every
problem named by line and column, then stored all or nothing (idempotent; a changed form is a conflict)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from app.foundation.errors import ImportRejected, Problem
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import fields
from app.rules.vocab import Verification
from app.services.feedback.form_values import FIELD_OF, GRADES, FormValues, normalise_comment
from app.services.imports import cells
from app.services.imports.columns import Column, Placement, place, shape, unplaced_problems
from app.services.imports.identifiers import FileIdentifiers, repair_order_text
from app.services.imports.reader import LIMITS, FileRefused, Limits, Table, open_table

CTX = "Errors"
COLUMNS = (
    Column("date", QT_TRANSLATE_NOOP("Import", "Service date"), ("日期", "服务日期", "维修日期", "service date")),
    Column("repair_order", QT_TRANSLATE_NOOP("Import", "Repair order"),
           ("工单号", "维修工单号", "工单编号", "工单", "repair order number", "RO")),
    Column("advisor", QT_TRANSLATE_NOOP("Import", "Service advisor"), ("服务顾问", "顾问", "service advisor")),
    Column("customer", QT_TRANSLATE_NOOP("Import", "Customer"), ("客户", "客户姓名", "客户名称", "姓名", "customer name")),
    Column("phone", QT_TRANSLATE_NOOP("Import", "Phone"), ("电话", "联系电话", "手机", "手机号", "电话号码", "phone number", "mobile")),
    Column("plate", QT_TRANSLATE_NOOP("Import", "Plate"), ("车牌", "车牌号", "车牌号码", "plate number", "licence plate")),
    Column("timeliness", QT_TRANSLATE_NOOP("Import", "Timeliness (A-E)"), ("服务及时性", "及时性")),
    Column("repair_quality", QT_TRANSLATE_NOOP("Import", "Repair quality (A-E)"), ("维修质量", "质量", "quality")),
    Column("attitude", QT_TRANSLATE_NOOP("Import", "Attitude (A-E)"), ("服务态度", "态度")),
    Column("overall", QT_TRANSLATE_NOOP("Import", "Overall score (1-10)"), ("满意度", "总体满意度", "总体评分", "overall score"), False),
    Column("verified", QT_TRANSLATE_NOOP("Import", "Verified (yes/no)"), ("核实", "是否核实", "已核实", "verification"), False),
    Column("comment", QT_TRANSLATE_NOOP("Import", "Comment"), ("备注", "意见", "客户意见", "comments", "remarks"), False),
)
KEYS = tuple(c.key for c in COLUMNS)
OPTIONAL = frozenset(c.key for c in COLUMNS if not c.required)
PREVIEW_ROWS = 20
text_of = cells.text


class ImportCancelled(Exception):
    """The person cancelled the import: nothing was stored."""


@dataclass(frozen=True)
class FeedbackFile:
    """A file read and checked, nothing stored yet: what the preview shows and the import then stores."""

    file: str
    kind: str  # "xlsx" or "csv"
    header: tuple[str, ...]
    shape: str
    placement: Placement
    forms: tuple[FormValues, ...]  # every good row
    first: tuple[tuple[int, tuple[str, ...]], ...]  # the first rows as read: (line, a text per column of KEYS)
    problems: tuple[Problem, ...]
    rows: int  # rows read (good and bad)

    @property
    def readable(self) -> bool:
        """Every column placed: the rows could be read (they may still have problems)."""
        return self.placement.complete


Progress = Callable[[int, int], None]  # (rows read, rows in the file)


def read_feedback(path: Path, mapping: dict[str, str] | None = None, *, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None, limits: Limits = LIMITS) -> FeedbackFile:
    """Read and check the whole file (nothing is stored). A file that can't be read at all (its encoding,
    a damaged workbook, a bound passed) raises ImportRejected; row problems are gathered in the result."""
    return check_table(open_table(Path(path), limits), mapping, progress=progress, cancelled=cancelled)


def check_table(table: Table, mapping: dict[str, str] | None = None, *, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> FeedbackFile:
    table.choose_header(lambda cells: len(place(cells, COLUMNS).at))
    placement = place(table.header, COLUMNS, mapping, table.header_line)
    header = tuple(table.header)
    if not placement.complete:
        return FeedbackFile(table.name, table.kind, header, shape(table.header), placement, (), (),
                            tuple(unplaced_problems(placement, COLUMNS, table.header_line)), 0)
    problems: list[Problem] = []
    forms: list[FormValues] = []
    first: list[tuple[int, tuple[str, ...]]] = []
    first_line_of: dict[str, int] = {}
    at, width = placement.at, len(header)
    placed = [(k, at[k]) for k in KEYS if k in at]
    absent = {k: "" for k in KEYS if k not in at}  # optional columns the file doesn't have
    date_at, overall_at = at["date"], at.get("overall")
    dates: dict = {}
    seen = FileIdentifiers()
    n = 0
    try:
        for line, rec in table.rows():
            n += 1
            if n % 2000 == 0:
                if cancelled is not None and cancelled():
                    raise ImportCancelled()
                if progress is not None:
                    progress(n, table.total)
            if table.kind == "csv" and len(rec) != width:  # a workbook's rows are the sheet's width
                problems.append(Problem(line, "", QT_TRANSLATE_NOOP("Errors",
                    "This row has {found} values but the header has {expected}. Check for a comma inside a value "
                    "that is not in quotes."), {"found": len(rec), "expected": width}))
                continue
            if len(rec) < width:  # a short CSV row was refused above; a workbook's are full: never, but safe
                rec = [*rec, *([""] * (width - len(rec)))]
            # Most cells are text (a CSV's always): trimmed here, the rest by cells.text, without a call per cell.
            t = {**absent, **{k: c.strip() if (c := rec[i]).__class__ is str else text_of(c) for k, i in placed}}
            v = {"date": rec[date_at], "overall": rec[overall_at] if overall_at is not None else None}
            raw = tuple(t[k] for k in KEYS) if len(first) < PREVIEW_ROWS else None
            row = check_row(v, t, line, problems, dates, seen)
            if raw is not None:  # a good row as it will be stored, a bad one as it was written
                first.append((line, as_read(row) if row is not None else raw))
            if row is None:
                continue
            before = first_line_of.get(row.repair_order)
            if before is not None:
                problems.append(Problem(line, "repair_order", QT_TRANSLATE_NOOP("Errors",
                    "Repair order {ro} is already on line {first}: a repair order has one feedback form. "
                    "Remove one of the two lines."), {"ro": row.repair_order, "first": before}))
                continue
            first_line_of[row.repair_order] = line
            forms.append(row)
    except FileRefused:
        raise
    except ImportRejected as exc:  # the rest of the file can't be read: what was found so far, then why
        problems += exc.problems
    problems = sorted(problems + table.problems, key=lambda p: p.line)
    if progress is not None:
        progress(n, n)
    return FeedbackFile(table.name, table.kind, header, shape(table.header), placement, tuple(forms),
                        tuple(first), tuple(problems), n)


def as_read(row: FormValues) -> tuple[str, ...]:
    """A checked row's values as text, in the order of KEYS (verified: the Verification value)."""
    return (row.service_date.isoformat(), row.repair_order, row.advisor, row.customer, row.phone, row.plate,
            row.timeliness, row.repair_quality, row.attitude, "" if row.overall is None else str(row.overall),
            row.verification, row.comment)


REQUIRED = tuple(k for k in KEYS if k not in OPTIONAL)
GRADED = ("timeliness", "repair_quality", "attitude")


def check_row(v: dict[str, Any], text: dict[str, str], line: int, problems: list[Problem],
              dates: dict | None = None, seen: FileIdentifiers | None = None) -> FormValues | None:
    """One row's cells (key -> cell as read, and as text) as a form's values, or None with its problems
    added. ``dates``: the dates read so far by their cell (a file repeats a few hundred dates); ``seen``:
    the file's identifiers normalised and checked so far (each distinct one once)."""
    if seen is None:
        seen = FileIdentifiers()
    text["repair_order"] = repair_order_text(text["repair_order"])
    before = len(problems)

    def bad(col: str, message: str, **params) -> None:
        problems.append(Problem(line, col, message, {"value": text[col], "column": col, **params}))

    for c in REQUIRED:
        if not text[c]:
            bad(c, QT_TRANSLATE_NOOP("Errors", "\"{column}\" is empty; it is required."))
    service_date = None
    if text["date"]:
        cell = v.get("date")
        service_date = dates.get(cell) if dates is not None else None
        if service_date is None:
            service_date = cells.as_date(cell)
            if dates is not None and service_date is not None:
                dates[cell] = service_date
        if service_date is None:
            bad("date", QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-05-18."))
    grades = {}
    for c in GRADED:
        g = text[c]
        if g not in GRADES:  # most files hold capitals already: only the others are converted
            g = cells.as_grade(g)
            if text[c] and g not in GRADES:
                bad(c, QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not a grade; use one letter A, B, C, D or E."))
        grades[c] = g
    overall = None
    if text["overall"]:
        overall = cells.as_whole(v.get("overall"))
        if overall is None or not 1 <= overall <= 10:
            bad("overall", QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not an overall score; use a whole number from 1 to 10, or leave it empty."))
    verified = cells.as_yes_no(text["verified"])
    if verified is None:
        bad("verified", QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not yes or no; write yes, no, or leave it empty (= no)."))
    comment = normalise_comment(text["comment"])
    # The desk's rules for the date and the identifiers (formats, the catalogue), on what is stored:
    # one rule for the desk and every import (form_values' rules), in entry_problems' order.
    flagged = {p.column for p in problems[before:]} if len(problems) > before else ()
    number, found = seen.repair_order(text["repair_order"])
    if found is not None and "repair_order" not in flagged:
        bad("repair_order", found[0], **found[1])
    if service_date is not None and "date" not in flagged:
        found = seen.service_date(service_date)
        if found is not None:
            bad("date", found[0], **found[1])
    values = []
    for c, check in (("customer", seen.customer), ("phone", seen.phone), ("plate", seen.plate)):
        stored, found = check(text[c])
        values.append(stored)
        if found is not None and c not in flagged:
            bad(c, found[0], **found[1])
    advisor, found = seen.advisor(text["advisor"])
    if found is not None:
        bad("advisor", found[0], **found[1])
    found = fields.problem(FIELD_OF["comment"], comment)  # the catalogue's rule, as form_values.catalogue_problem
    if found is not None:
        bad("comment", found[0], **found[1])
    if len(problems) > before:
        return None
    verification = Verification.VERIFIED if verified else Verification.UNVERIFIED
    customer, phone, plate = values
    # Every identifier went through its normaliser above, once: stored as they are.
    return FormValues.normalised(line, service_date, number, advisor, customer, phone, plate,
                                 grades["timeliness"], grades["repair_quality"], grades["attitude"], overall,
                                 verification.value, comment)
