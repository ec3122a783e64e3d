"""Reading paper or historical feedback forms from CSV: every row checked, every problem named, each good
row turned into the form's values (app.services.form_values) that the writer stores."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from app.foundation.errors import ImportRejected, Problem
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules.vocab import Verification
from app.rules import fields
from app.services.form_values import (FIELD_OF, GRADES, FormValues, entry_problems, normalise_comment,
                                      normalise_phone, normalise_plate)

CTX = "Errors"
COLUMNS = ("date", "repair_order", "advisor", "customer", "phone", "plate", "timeliness",
           "repair_quality", "attitude", "overall", "verified", "comment")
OPTIONAL = frozenset({"overall", "verified", "comment"})
_YES = {"yes", "y", "true", "1", "是", "已核实"}
_NO = {"no", "n", "false", "0", "否", "未核实", ""}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# What the csv module refuses, by the start of its message, in the user's words.
_CSV_ERRORS = (
    ("field larger than field limit", QT_TRANSLATE_NOOP("Errors",
        "A value starting on this line is longer than {limit} characters, so the file can't be read. "
        "Often a quote (\") opened here is never closed; otherwise shorten the value.")),
    ("unexpected end of data", QT_TRANSLATE_NOOP("Errors",
        "A quote (\") opened on this line is never closed: the file ends inside the value. "
        "Close the quote, or remove it.")),
    ("',' expected after '\"'", QT_TRANSLATE_NOOP("Errors",
        "A quote (\") closes a value but more text follows before the comma. "
        "Inside a quoted value write a quote twice (\"\")."))
)
_CSV_OTHER = QT_TRANSLATE_NOOP("Errors", "This line can't be read as CSV ({reason}). Save the file again as CSV UTF-8.")


def _column_at(data: bytes, offset: int) -> str:
    """The header's name of the column holding byte ``offset`` (commas counted on its line)."""
    start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[start:offset].decode("utf-8", "replace")
    header = data[: data.find(b"\n")].decode("utf-8-sig", "replace").split(",")
    index = prefix.count(",")  # good enough to point at it: quoted commas are rare in a name
    return header[index].strip().lower() if index < len(header) else ""


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRejected(name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors",
            "The file is UTF-16 text (Excel's \"Unicode text\"), not CSV UTF-8. "
            "In Excel use Save As > \"CSV UTF-8 (comma delimited)\"."))])
    if data.startswith(b"PK\x03\x04"):
        raise ImportRejected(name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors",
            "The file is an Excel workbook (.xlsx), not CSV. In Excel use Save As > \"CSV UTF-8 (comma delimited)\"."))])
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportRejected(name, [Problem(data[:nul].count(b"\n") + 1, _column_at(data, nul), QT_TRANSLATE_NOOP("Errors",
            "The file contains a NUL byte here, so it is not a text CSV file. "
            "In Excel use Save As > \"CSV UTF-8 (comma delimited)\"."))])
    try:
        return data.decode("utf-8-sig")  # drops the BOM Excel writes, if any
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRejected(name, [Problem(line, _column_at(data, exc.start), QT_TRANSLATE_NOOP("Errors",
            "The file is not UTF-8 text (a Chinese Windows program may have saved it as GBK). "
            "In Excel use Save As > \"CSV UTF-8 (comma delimited)\"."))]) from None


def _records(reader, name: str, problems: list[Problem]):
    """(line, values) of each row; a row the csv module can't read ends the file with a named problem
    on the line where that row starts (nothing after it can be trusted)."""
    while True:
        start = reader.line_num + 1
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = str(exc)
            text = next((t for key, t in _CSV_ERRORS if reason.startswith(key)), _CSV_OTHER)
            problems.append(Problem(start, "", text, {"limit": csv.field_size_limit(), "reason": reason[:200]}))
            raise ImportRejected(name, problems) from None
        yield reader.line_num, rec


def read_feedback_csv(path: Path) -> list[FormValues]:
    """Parse and check the whole file; raise ImportRejected naming every bad row and column."""
    path = Path(path)
    text = _decode(path.read_bytes(), path.name)
    return parse_feedback_text(text, path.name)


def parse_feedback_text(text: str, name: str) -> list[FormValues]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    records = _records(reader, name, problems)
    try:
        _line, header = next(records)
    except StopIteration:
        raise ImportRejected(name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors", "The file is empty: the first line must be the header {header}."),
                                            {"header": ",".join(COLUMNS)})]) from None
    header = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in header]
    if len(missing) == len(COLUMNS):
        raise ImportRejected(name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors", "The first line is not the header (none of its columns is there). Add this line first: {header}"),
                                            {"header": ",".join(COLUMNS)})])
    if missing:
        raise ImportRejected(name, [Problem(1, c, QT_TRANSLATE_NOOP("Errors", "Column \"{column}\" is missing from the header. The header must be: {header}"),
                                            {"column": c, "header": ",".join(COLUMNS)}) for c in missing])
    dupes = sorted({h for h in header if header.count(h) > 1 and h in COLUMNS})
    if dupes:
        raise ImportRejected(name, [Problem(1, c, QT_TRANSLATE_NOOP("Errors", "Column \"{column}\" appears twice in the header."), {"column": c})
                                    for c in dupes])
    pos = {c: header.index(c) for c in COLUMNS}
    width = len(header)
    rows: list[FormValues] = []
    first_line_of: dict[str, int] = {}
    for line, rec in records:
        if not any(cell.strip() for cell in rec):
            continue  # blank lines, which spreadsheets like to leave at the end
        if len(rec) != width:
            problems.append(Problem(line, "", QT_TRANSLATE_NOOP("Errors", "This row has {found} values but the header has {expected}. Check for a comma inside a value that is not in quotes."),
                                    {"found": len(rec), "expected": width}))
            continue
        row = _check_row(rec, pos, line, problems)
        if row is None:
            continue
        first = first_line_of.get(row.repair_order)
        if first is not None:
            problems.append(Problem(line, "repair_order", QT_TRANSLATE_NOOP("Errors", "Repair order {ro} is already on line {first}: a repair order has one feedback form. Remove one of the two lines."),
                                    {"ro": row.repair_order, "first": first}))
            continue
        first_line_of[row.repair_order] = line
        rows.append(row)
    if problems:
        raise ImportRejected(name, problems)
    return rows


def _check_row(rec: list[str], pos: dict[str, int], line: int, problems: list[Problem]) -> FormValues | None:
    v = {c: rec[i].strip() for c, i in pos.items()}
    before = len(problems)

    def bad(col: str, text: str, **params) -> None:
        problems.append(Problem(line, col, text, {"value": v[col], "column": col, **params}))

    for c in COLUMNS:
        if c not in OPTIONAL and not v[c]:
            bad(c, QT_TRANSLATE_NOOP("Errors", "\"{column}\" is empty; it is required."))
    service_date = None
    if v["date"]:
        if _DATE.match(v["date"]):
            try:
                service_date = date.fromisoformat(v["date"])
            except ValueError:
                pass
        if service_date is None:
            bad("date", QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-05-18."))
    grades = {}
    for c in ("timeliness", "repair_quality", "attitude"):
        g = v[c].upper()
        if v[c] and g not in GRADES:
            bad(c, QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not a grade; use one letter A, B, C, D or E."))
        grades[c] = g
    phone = normalise_phone(v["phone"])
    overall = None
    if v["overall"]:
        try:
            overall = int(v["overall"])
        except ValueError:
            overall = -1
        if not 1 <= overall <= 10:
            bad("overall", QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not an overall score; use a whole number from 1 to 10, or leave it empty."))
    verified = v["verified"].lower()
    if verified not in _YES and verified not in _NO:
        bad("verified", QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not yes or no; write yes, no, or leave it empty (= no)."))
    plate = normalise_plate(v["plate"])
    comment = normalise_comment(v["comment"])
    # The desk's rules for the date and the identifiers (formats, the catalogue), on what is stored.
    flagged = {p.column for p in problems[before:]}
    for c, text, params in entry_problems(service_date=service_date, repair_order=v["repair_order"],
                                          customer=v["customer"], phone=v["phone"], plate=v["plate"]):
        column = "date" if c == "service_date" else c
        if column not in flagged:
            bad(column, text, **params)
    for c, value in (("advisor", v["advisor"]), ("comment", comment)):
        found = fields.problem(FIELD_OF[c], value)  # the catalogue's rule, as form_values.catalogue_problem
        if found is not None:
            bad(c, found[0], **found[1])
    if len(problems) > before:
        return None
    verification = Verification.VERIFIED if verified in _YES else Verification.UNVERIFIED
    return FormValues(line, service_date, v["repair_order"], v["advisor"], v["customer"], phone,
                      plate, grades["timeliness"], grades["repair_quality"],
                      grades["attitude"], overall, verification.value, comment)
