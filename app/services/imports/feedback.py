"""The feedback form import: a table read by the one reader, each row checked into a form's values, every
problem named by line and column, then stored all or nothing (idempotent; a changed form is a conflict)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable

from app.foundation.cycles import paused_collection
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
    with paused_collection():  # a file's rows are held at once: nothing for the cycle collector
        return check_table(open_table(Path(path), limits), mapping, progress=progress, cancelled=cancelled)


def check_table(table: Table, mapping: dict[str, str] | None = None, *, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> FeedbackFile:
    table.choose_header(lambda cells: len(place(cells, COLUMNS).at))
    placement = place(table.header, COLUMNS, mapping, table.header_line)
    header = tuple(table.header)
    if not placement.complete:
        return FeedbackFile(table.name, table.kind, header, shape(table.header), placement, (), (),
                            tuple(unplaced_problems(placement, COLUMNS, table.header_line)), 0)
    width = len(header)
    checked = _Checked(ColumnChecks(FileIdentifiers(), placement.at, table.sheet_errors), table.kind == "csv")
    lines: list[int] = []
    recs: list[list[Any]] = []
    n = 0
    try:
        for line, rec in table.rows():
            n += 1
            if n % CHUNK == 0:
                if cancelled is not None and cancelled():
                    raise ImportCancelled()
                if progress is not None:
                    progress(n, table.total)
            if checked.text_cells and len(rec) != width:  # a workbook's rows are the sheet's width
                checked.problems.append(Problem(line, "", QT_TRANSLATE_NOOP("Errors",
                    "This row has {found} values but the header has {expected}. Check for a comma inside a value "
                    "that is not in quotes."), {"found": len(rec), "expected": width}))
                continue
            if len(rec) < width:  # a short CSV row was refused above; a workbook's are full: never, but safe
                rec = [*rec, *([""] * (width - len(rec)))]
            lines.append(line)
            recs.append(rec)
            if len(recs) == CHUNK:
                checked.add(lines, recs)
                lines, recs = [], []
    except FileRefused:
        raise
    except ImportRejected as exc:  # the rest of the file can't be read: what was found so far, then why
        checked.add(lines, recs)
        checked.problems += exc.problems
    else:
        checked.add(lines, recs)
    problems = sorted(checked.problems + table.problems, key=lambda p: p.line)
    if progress is not None:
        progress(n, n)
    return FeedbackFile(table.name, table.kind, header, shape(table.header), placement, tuple(checked.forms),
                        tuple(checked.first), tuple(problems), n)


CHUNK = 2000  # rows checked together (and how often progress is told and a cancel looked for)
_MISS = object()  # a cell not checked yet
_NUMBER = KEYS.index("repair_order")


class _Checked:
    """A file's rows checked a chunk at a time, column by column: each column's cells are looked up among
    the cells of that column already checked good (a dictionary lookup in C per cell), and only the rest
    go through their column's check. A row with a bad cell has every problem named, in its order."""

    def __init__(self, checks: ColumnChecks, text_cells: bool) -> None:
        self.checks, self.text_cells = checks, text_cells
        self.good: list[dict] = [{} for _ in KEYS]  # per column: cell (its key) -> value as stored
        self.plain: list[type | None] = [None for _ in KEYS]  # per column: see _keys
        self.forms: list[FormValues] = []
        self.first: list[tuple[int, tuple[str, ...]]] = []  # the preview's rows
        self.problems: list[Problem] = []
        self.first_line_of: dict[str, int] = {}  # repair order -> the line it is on

    def _keys(self, i: int, cells: tuple) -> Any:
        """A workbook column's cells as the keys they are remembered by: the cell itself when it is text
        or of the one other type the column's cells are remembered as they are; else its type too (a
        TRUE cell equals 1.0, but it reads "yes", not "1")."""
        types = set(map(type, cells)) - {str}
        if types and self.plain[i] is None:
            self.plain[i] = min(types, key=str)  # any one of them
        plain = self.plain[i]
        if types <= {plain}:
            return cells
        return [c if c.__class__ is str or c.__class__ is plain else (c.__class__, c) for c in cells]

    def add(self, lines: list[int], recs: list[list[Any]]) -> None:
        if not recs:
            return
        checks, count = self.checks, len(recs)
        columns = list(zip(*recs))
        bad: set[int] = set()  # the chunk's rows with a bad cell
        values = []
        for i, index in enumerate(checks.at):
            if index is None:  # an optional column the file lacks: an empty cell on every row
                values.append([checks.checks[i]("")[0]] * count)
                continue
            cells = columns[index]
            keys = cells if self.text_cells else self._keys(i, cells)
            good = self.good[i]
            column = list(map(good.get, keys, repeat(_MISS)))
            if _MISS in column:
                check = checks.checks[i]
                for j, value in enumerate(column):
                    if value is _MISS:
                        value = good.get(keys[j], _MISS)  # the same new cell twice in a chunk: checked once
                        if value is _MISS:
                            value, found = check(cells[j])
                            if found:
                                bad.add(j)
                                continue
                            good[keys[j]] = value
                        column[j] = value
            values.append(column)
        forms = list(map(FormValues.normalised, lines, *values))  # a bad row's is never used
        numbers = values[_NUMBER]
        if not bad and len(self.first) >= PREVIEW_ROWS and len(set(numbers)) == count \
                and self.first_line_of.keys().isdisjoint(numbers):  # most chunks: every row a form
            self.first_line_of.update(zip(numbers, lines))
            self.forms += forms
            return
        for j, (line, row) in enumerate(zip(lines, forms)):
            if j in bad:
                self.problems += checks.problems(checks.pick(recs[j]), line)
                if len(self.first) < PREVIEW_ROWS:  # a bad row as it was written
                    self.first.append((line, checks.texts(checks.pick(recs[j]))))
                continue
            if len(self.first) < PREVIEW_ROWS:  # a good row as it will be stored
                self.first.append((line, as_read(row)))
            before = self.first_line_of.get(row.repair_order)
            if before is not None:
                self.problems.append(Problem(line, "repair_order", QT_TRANSLATE_NOOP("Errors",
                    "Repair order {ro} is already on line {first}: a repair order has one feedback form. "
                    "Remove one of the two lines."), {"ro": row.repair_order, "first": before}))
                continue
            self.first_line_of[row.repair_order] = line
            self.forms.append(row)


def as_read(row: FormValues) -> tuple[str, ...]:
    """A checked row's values as text, in the order of KEYS (verified: the Verification value)."""
    return (row.service_date.isoformat(), row.repair_order, row.advisor, row.customer, row.phone, row.plate,
            row.timeliness, row.repair_quality, row.attitude, "" if row.overall is None else str(row.overall),
            row.verification, row.comment)


# A row's problems are named in one order: every required cell that is empty (in KEYS' order), then each
# value that can't be read (KEYS' order), then the desk's rules on what would be stored (the order of
# form_values.entry_problems, then the advisor and the comment).
_EMPTY, _UNREADABLE, _RULE = 0, 100, 200
_RULE_ORDER = ("repair_order", "date", "customer", "phone", "plate", "advisor", "comment")
_RANK = {(phase, c): phase + order.index(c) for phase, order in ((_EMPTY, KEYS), (_UNREADABLE, KEYS),
                                                                  (_RULE, _RULE_ORDER)) for c in order}
Found = tuple[int, str, str, dict[str, Any]]  # (rank, column, marked text, its parameters)


def _found(phase: int, column: str, text: str, message: str, params: dict[str, Any] | None = None) -> Found:
    return _RANK[phase, column], column, message, {"value": text, "column": column, **(params or {})}


def _empty(column: str) -> Found:
    return _found(_EMPTY, column, "", QT_TRANSLATE_NOOP("Errors", "\"{column}\" is empty; it is required."))


class ColumnChecks:
    """Every check of a row, one cell at a time: each column's check gives the cell's value as stored and
    its problems, so a cell the file repeats is checked once and a row's verdict is its cells' verdicts.
    ``seen``: the file's identifiers normalised and checked so far (each distinct one once)."""

    def __init__(self, seen: FileIdentifiers, at: dict[str, int], sheet_errors: bool = False) -> None:
        self.seen = seen
        by_key = {"date": self._date, "repair_order": self._repair_order, "advisor": self._advisor,
                  "customer": partial(self._identifier, "customer", seen.customer),
                  "phone": partial(self._identifier, "phone", seen.phone),
                  "plate": partial(self._identifier, "plate", seen.plate),
                  "timeliness": partial(self._grade, "timeliness"),
                  "repair_quality": partial(self._grade, "repair_quality"),
                  "attitude": partial(self._grade, "attitude"),
                  "overall": self._overall, "verified": self._verified, "comment": self._comment}
        self.placed = tuple(k in at for k in KEYS)
        self.at = tuple(at.get(k) for k in KEYS)  # each column's index in a row; None: the file lacks it
        # A row's cells in KEYS order (a column the file lacks reads the date's cell, which its check ignores).
        self.pick = itemgetter(*(at.get(k, at["date"]) for k in KEYS))
        # An optional column the file doesn't have reads as an empty cell.
        self.checks = tuple(by_key[k] if k in at else partial(_as_empty, by_key[k]) for k in KEYS)
        if sheet_errors:  # only then: every cell checked would pay for the look
            self.checks = tuple(partial(_minding_sheet_errors, k, c) for k, c in zip(KEYS, self.checks))

    def problems(self, cells: tuple, line: int) -> list[Problem]:
        """Every problem of a row (its cells in KEYS order), in the order they are named."""
        found = sorted((p for check, cell in zip(self.checks, cells) for p in check(cell)[1]), key=itemgetter(0))
        return [Problem(line, column, message, params) for _rank, column, message, params in found]

    def texts(self, cells: tuple) -> tuple[str, ...]:
        """A row as it was written: a text per column of KEYS."""
        return tuple(text_of(c) if placed else "" for c, placed in zip(cells, self.placed))

    def _date(self, cell: Any) -> tuple[Any, tuple[Found, ...]]:
        t = text_of(cell)
        if not t:
            return None, (_empty("date"),)
        day = cells.as_date(cell)
        if day is None:
            return None, (_found(_UNREADABLE, "date", t, QT_TRANSLATE_NOOP("Errors",
                "\"{value}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-05-18.")),)
        found = self.seen.service_date(day)
        return day, () if found is None else (_found(_RULE, "date", t, *found),)

    def _repair_order(self, cell: Any) -> tuple[Any, tuple[Found, ...]]:
        t = repair_order_text(text_of(cell))
        if not t:
            return None, (_empty("repair_order"),)
        number, found = self.seen.repair_order(t)
        return number, () if found is None else (_found(_RULE, "repair_order", t, *found),)

    def _advisor(self, cell: Any) -> tuple[Any, tuple[Found, ...]]:
        t = text_of(cell)
        advisor, found = self.seen.advisor(t)  # its rule on the name as written, even when empty
        return advisor, ((_empty("advisor"),) if not t else ()) + (() if found is None else
                                                                    (_found(_RULE, "advisor", t, *found),))

    @staticmethod
    def _identifier(column: str, check: Callable, cell: Any) -> tuple[Any, tuple[Found, ...]]:
        t = text_of(cell)
        if not t:
            return None, (_empty(column),)
        stored, found = check(t)
        return stored, () if found is None else (_found(_RULE, column, t, *found),)

    @staticmethod
    def _grade(column: str, cell: Any) -> tuple[Any, tuple[Found, ...]]:
        t = text_of(cell)
        if not t:
            return None, (_empty(column),)
        g = t if t in GRADES else cells.as_grade(t)  # most files hold capitals already
        return g, () if g in GRADES else (_found(_UNREADABLE, column, t, QT_TRANSLATE_NOOP("Errors",
            "\"{value}\" is not a grade; use one letter A, B, C, D or E.")),)

    @staticmethod
    def _overall(cell: Any) -> tuple[Any, tuple[Found, ...]]:
        t = text_of(cell)
        if not t:
            return None, ()
        overall = cells.as_whole(cell)
        if overall is None or not 1 <= overall <= 10:
            return None, (_found(_UNREADABLE, "overall", t, QT_TRANSLATE_NOOP("Errors",
                "\"{value}\" is not an overall score; use a whole number from 1 to 10, or leave it empty.")),)
        return overall, ()

    @staticmethod
    def _verified(cell: Any) -> tuple[Any, tuple[Found, ...]]:
        t = text_of(cell)
        verified = cells.as_yes_no(t)
        if verified is None:
            return None, (_found(_UNREADABLE, "verified", t, QT_TRANSLATE_NOOP("Errors",
                "\"{value}\" is not yes or no; write yes, no, or leave it empty (= no).")),)
        return (Verification.VERIFIED if verified else Verification.UNVERIFIED).value, ()

    @staticmethod
    def _comment(cell: Any) -> tuple[Any, tuple[Found, ...]]:
        t = text_of(cell)
        comment = normalise_comment(t)
        found = fields.problem(FIELD_OF["comment"], comment)  # the catalogue's rule, as form_values.catalogue_problem
        return comment, () if found is None else (_found(_RULE, "comment", t, *found),)


def _as_empty(check: Callable, _cell: Any) -> tuple[Any, tuple[Found, ...]]:
    return check("")


def _minding_sheet_errors(column: str, check: Callable, cell: Any) -> tuple[Any, tuple[Found, ...]]:
    """A cell holding an Excel error has no value to check: named as what it is, not as empty (an
    optional column's was stored empty)."""
    if cell.__class__ is cells.SheetError:
        return None, (_found(_UNREADABLE, column, cell.code, cells.SHEET_ERROR, {"error": cell.code}),)
    return check(cell)
