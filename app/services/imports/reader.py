"""The one reader of imported tables: an Excel workbook (python-calamine) or CSV text (UTF-8 with or
without a BOM, GB18030/GBK as Chinese Excel saves it), read as rows of cells with their line numbers,
within bounds a dealer's file never reaches and a damaged or hostile one does."""

from __future__ import annotations

import csv
import io
import itertools
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from app.foundation.errors import ImportRejected, Problem
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.services.imports.cells import SheetError

CTX = "Errors"
log = logging.getLogger(__name__)


class FileRefused(ImportRejected):
    """The file as a whole is refused (a bound passed, or unreadable past some line): no row of it counts."""


@dataclass(frozen=True)
class Limits:
    """What a dealer's file stays well inside (a year of one dealer's forms is a few thousand rows)."""

    file_bytes: int = 100 * 1024 * 1024
    unpacked_bytes: int = 600 * 1024 * 1024  # a workbook's XML once unzipped: 100,000 rows is ~40 MB
    rows: int = 200_000
    cell_chars: int = 10_000


LIMITS = Limits()

# What the csv module refuses, by the start of its message, in the user's words.
_CSV_ERRORS = (
    ("field larger than field limit", QT_TRANSLATE_NOOP("Errors",
        "A value starting on this line is longer than {limit} characters, so the file can't be read. "
        "Often a quote (\") opened here is never closed; otherwise shorten the value.")),
    ("unexpected end of data", QT_TRANSLATE_NOOP("Errors",
        "A quote (\") opened on this line is never closed: the file ends inside the value. "
        "Close the quote, or remove it.")),
    ("expected after '\"'", QT_TRANSLATE_NOOP("Errors",  # after the file's separator: "','", "';'", "'\t'"
        "A quote (\") closes a value but more text follows before the comma. "
        "Inside a quoted value write a quote twice (\"\")."))
)
_CSV_OTHER = QT_TRANSLATE_NOOP("Errors", "This line can't be read as CSV. Save the file again as CSV UTF-8.")


_is_str = str.__instancecheck__
HEADER_SEARCH = 10  # rows looked at for the header


def _filled(cells: list[Any]) -> bool:
    """Not a blank row. (Neither calamine nor csv gives None for an empty cell: it is ""; a cell of any
    other type, a number or a date, reads as something.)"""
    return bool("".join(map(str, cells)).strip())


def _longest_cell(cells: list[Any]) -> int:
    """The length of a row's longest text (a workbook's other cells are numbers and dates)."""
    return max(map(len, filter(_is_str, cells)), default=0)


def _longest_text(cells: list[str]) -> int:
    """``_longest_cell`` of a CSV row, whose cells are all text."""
    return max(map(len, cells), default=0)


def _texts(cells: list[Any]) -> list[str]:
    return [("" if c is None else str(c)).strip() for c in cells]


class Table:
    """A file's rows: ``header`` (its cells as written, on ``header_line``), then ``rows()`` yielding
    (line, cells) of every non-blank row after it. Cells are text from CSV, typed values (str, float,
    date, datetime, bool; a SheetError for a cell holding an Excel error) from a workbook. ``problems``
    gathers cells refused on the way (too long); ``sheet_errors``: some cell holds an Excel error."""

    sheet_errors = False

    def __init__(self, name: str, kind: str, rows: Iterator[tuple[int, list[Any]]], total: int,
                 limits: Limits) -> None:
        self.name, self.kind, self.total, self.limits = name, kind, total, limits
        self.problems: list[Problem] = []
        # Blank rows (spreadsheets leave them at the end) are skipped. ``rows()`` reads on from the source
        # where the header's search stopped (this filter pulls a row at a time), without a layer per row.
        self._source = rows
        self._rows = (r for r in rows if _filled(r[1]))
        try:
            self.header_line, header = next(self._rows)
        except StopIteration:
            raise ImportRejected(name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors",
                "The file is empty: its first row must name the columns."))]) from None
        self.header = _texts(header)
        self._ahead: list[tuple[int, list[Any]]] = []  # rows read while looking for the header

    def choose_header(self, score: Callable[[list[str]], int], rows: int = HEADER_SEARCH) -> None:
        """Take as the header the first of the first ``rows`` non-blank rows that ``score``s highest (the
        columns an import recognises in it): a title row or two above the header ("2025年意见反馈表"), as
        dealers' sheets often have, is skipped."""
        for row in self._rows:
            self._ahead.append(row)
            if len(self._ahead) >= rows - 1:
                break
        candidates = [(self.header_line, self.header)] + [(line, _texts(cells)) for line, cells in self._ahead]
        best = max(range(len(candidates)), key=lambda i: (score(candidates[i][1]), -i))
        if best:
            self.header_line, self.header = candidates[best]
            self._ahead = self._ahead[best:]

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        limit, most, n = self.limits.cell_chars, self.limits.rows, 0
        longest = _longest_text if self.kind == "csv" else _longest_cell
        for line, cells in itertools.chain(self._ahead, self._source):
            # _filled inline, as it runs for every row: most rows start with a date or a text.
            if not (cells and ((c := cells[0]).__class__ is not str or c.strip())) and not _filled(cells):
                continue
            n += 1
            if n > most:
                raise FileRefused(self.name, [Problem(line, "", QT_TRANSLATE_NOOP("Errors",
                    "The file has more than {limit} rows; import it in parts (for example a file per quarter)."),
                    {"limit": self.limits.rows})])
            if longest(cells) > limit:
                long = [i for i, c in enumerate(cells) if isinstance(c, str) and len(c) > limit]
                for i in long:
                    self.problems.append(Problem(line, self.header[i] if i < len(self.header) else "",
                        QT_TRANSLATE_NOOP("Errors", "This cell holds {found} characters, more than the {limit} "
                                          "any column takes. Shorten it."), {"found": len(cells[i]), "limit": limit}))
                continue
            yield line, cells


def open_table(path: Path, limits: Limits = LIMITS) -> Table:
    """The table in ``path``, whatever Excel saved: read by its content, not its name's ending."""
    path = Path(path)
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise ImportRejected(path.name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors",
            "The file is {size} MB, more than the {limit} MB an import takes. Import it in parts."),
            {"size": size // 2**20, "limit": limits.file_bytes // 2**20})])
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return _workbook(path, limits)
    return csv_table(path.read_bytes(), path.name, limits)


# -- workbooks
def _check_unpacked(path: Path, limits: Limits) -> None:
    """Refuse a workbook whose parts would unpack far beyond any real sheet (a zip bomb) before reading it."""
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile:
        raise ImportRejected(path.name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors",
            "The file looks like an Excel workbook but is damaged (it can't be unpacked). "
            "Open it in Excel and save it again.")) ]) from None
    if unpacked > limits.unpacked_bytes:
        raise ImportRejected(path.name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors",
            "The workbook would unpack to {size} MB, more than {limit} MB: far more than any sheet of forms, so it "
            "is damaged or built to exhaust the computer. It was not opened. Save the sheet again in Excel, "
            "or import it in parts."), {"size": unpacked // 2**20, "limit": limits.unpacked_bytes // 2**20})])


def _workbook(path: Path, limits: Limits) -> Table:
    from python_calamine import CalamineWorkbook  # only when a workbook is read

    with open(path, "rb") as f:
        if f.read(2) == b"PK":  # xlsx (a zip); .xls is an older format calamine also reads
            _check_unpacked(path, limits)
    index = 0
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet = None
        for index, meta in enumerate(book.sheets_metadata):  # the first sheet that holds anything
            if "WorkSheet" in str(meta.typ):
                sheet = book.get_sheet_by_index(index)
                if sheet.height:
                    break
    except Exception as exc:  # noqa: BLE001 - calamine's errors are its own types; any means unreadable
        # calamine's words ("Cfb error: Invalid OLE ...") are for a programmer: logged, not shown.
        log.info("workbook %s unreadable: %s", path.name, str(exc)[:200])
        raise ImportRejected(path.name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors",
            "The workbook can't be read: it is damaged, or not an Excel workbook. Open it in Excel and use Save As > "
            "\"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (comma delimited)\"."))]) from None
    if sheet is None or not sheet.height:
        raise ImportRejected(path.name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors",
            "The workbook's sheets are empty: its first sheet must hold the forms, a row naming the columns first."))])
    if sheet.height > limits.rows + 1:
        raise ImportRejected(path.name, [Problem(limits.rows + 2, "", QT_TRANSLATE_NOOP("Errors",
            "The file has more than {limit} rows; import it in parts (for example a file per quarter)."),
            {"limit": limits.rows})])
    rows = enumerate(sheet.iter_rows(), start=1)  # (line, cells) from row 1, blank rows above included
    errors = _error_cells(path, index)
    if errors:
        rows = _with_errors(rows, errors, sheet.start[1])
    table = Table(path.name, "xlsx", rows, sheet.height - 1, limits)  # rows after the header
    table.sheet_errors = bool(errors)
    return table


# A cell of type "e" in a sheet's XML, its reference and its value: <c r="D3" s="1" t="e"><f>..</f><v>#N/A</v></c>.
_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)(?<!/)>(.*?)</c>', re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_VALUE = re.compile(rb"<v>([^<]{1,32})</v>")
_SHEET_ID = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\b\w+:id="([^"]+)"')
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")


def _sheet_part(z: zipfile.ZipFile, index: int) -> str | None:
    """The zip member holding the workbook's ``index``-th sheet (in the order calamine lists them)."""
    ids = _SHEET_ID.findall(z.read("xl/workbook.xml"))
    if index >= len(ids):
        return None
    for rel in _RELATION.findall(z.read("xl/_rels/workbook.xml.rels")):
        rid, target = re.search(rb'\bId="([^"]*)"', rel), re.search(rb'\bTarget="([^"]*)"', rel)
        if rid and target and rid[1] == ids[index]:
            name = target[1].decode("utf-8")
            return name[1:] if name.startswith("/") else "xl/" + name.removeprefix("./")
    return None


def _error_cells(path: Path, index: int) -> dict[tuple[int, int], str]:
    """(row, column), from 0, -> the Excel error an .xlsx sheet's cell holds. calamine reads such a cell as
    empty, so a failed formula was reported as an empty cell (or a comment stored empty); the sheet's XML
    keeps the error. {} for an .xls or a sheet that can't be looked into: its cells read as before."""
    try:
        with zipfile.ZipFile(path) as z:
            part = _sheet_part(z, index)
            if part is None:
                return {}
            with z.open(part) as f:  # most sheets hold no error: only looked for, a piece at a time
                tail = b""
                while chunk := f.read(1 << 22):
                    if b't="e"' in tail + chunk:
                        break
                    tail = chunk[-6:]
                else:
                    return {}
            xml = z.read(part)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, UnicodeDecodeError):
        return {}
    found = {}
    for m in _ERROR_CELL.finditer(xml):
        ref, value = _CELL_REF.search(m[1]), _CELL_VALUE.search(m[2])
        if ref and value:
            column = 0
            for letter in ref[1]:
                column = column * 26 + letter - 64
            found[int(ref[2]) - 1, column - 1] = value[1].decode("utf-8", "replace")
    return found


def _with_errors(rows: Iterator[tuple[int, list[Any]]], errors: dict[tuple[int, int], str],
                 first_column: int) -> Iterator[tuple[int, list[Any]]]:
    """The rows with each error cell a SheetError (calamine's rows start at the sheet's first used column)."""
    by_line: dict[int, list[tuple[int, str]]] = {}
    for (row, column), code in errors.items():
        by_line.setdefault(row + 1, []).append((column - first_column, code))
    for line, cells in rows:
        for i, code in by_line.get(line, ()):
            if 0 <= i < len(cells):
                cells[i] = SheetError(code)
        yield line, cells


# -- CSV
def _column_at(text_of_line: str, header: list[str]) -> str:
    """The header's name of the column holding the end of ``text_of_line`` (commas counted)."""
    index = text_of_line.count(",")  # good enough to point at it: quoted commas are rare in a name
    return header[index].strip() if index < len(header) else ""


def _header_of(data: bytes, encoding: str) -> list[str]:
    end = data.find(b"\n")
    return data[: end if end >= 0 else len(data)].decode(encoding, "replace").lstrip("\ufeff").split(",")


def decode(data: bytes, name: str) -> str:
    """CSV bytes as text: UTF-8 (a BOM dropped) when they are UTF-8, else GB18030 (which includes GBK,
    what Chinese Excel's "CSV (comma delimited)" writes); refused, with the line, when neither."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRejected(name, [Problem(1, "", QT_TRANSLATE_NOOP("Errors",
            "The file is UTF-16 text (Excel's \"Unicode text\"), not CSV. In Excel use Save As > \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (comma delimited)\"."))])
    nul = data.find(b"\x00")
    if nul >= 0:
        start = data.rfind(b"\n", 0, nul) + 1
        raise ImportRejected(name, [Problem(data[:nul].count(b"\n") + 1,
            _column_at(data[start:nul].decode("utf-8", "replace"), _header_of(data, "utf-8")),
            QT_TRANSLATE_NOOP("Errors", "The file contains a NUL byte here, so it is not a text CSV file. In Excel use Save As > \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (comma delimited)\"."))])
    try:
        return data.decode("utf-8-sig")  # drops the BOM Excel writes, if any
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        start = data.rfind(b"\n", 0, first_bad) + 1
        raise ImportRejected(name, [Problem(data[:first_bad].count(b"\n") + 1,
            _column_at(data[start:first_bad].decode("utf-8", "replace"), _header_of(data, "utf-8")),
            QT_TRANSLATE_NOOP("Errors", "The file is neither UTF-8 nor GB18030/GBK text from this line on, so its "
                              "characters can't be read. In Excel use Save As > \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (comma delimited)\"."))]) from None


def csv_table(data: bytes, name: str, limits: Limits = LIMITS) -> Table:
    return text_table(decode(data, name), name, limits)


def text_table(text: str, name: str, limits: Limits = LIMITS) -> Table:
    """CSV text as a table (tests and the reader's own use)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=_delimiter(text))
    return Table(name, "csv", _csv_rows(reader, name), max(0, text.count("\n") - 1), limits)


def _delimiter(text: str) -> str:
    """Comma, or what the first line is split by when it holds none: a tab (Excel's "Text (Tab
    delimited)", which Chinese Excel saves as GBK .txt) or a semicolon (Excel where the comma is decimal)."""
    first = text[: text.find("\n")] if "\n" in text else text
    if "," in first:
        return ","
    return max(("\t", ";"), key=first.count) if ("\t" in first or ";" in first) else ","


def _csv_rows(reader, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each row; a row the csv module can't read ends the file with a named problem on
    the line where that row starts (nothing after it can be trusted)."""
    while True:
        start = reader.line_num + 1
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = str(exc)
            text = next((t for key, t in _CSV_ERRORS if key in reason), _CSV_OTHER)
            if text == _CSV_OTHER:  # the csv module's words only in the log: English in any language
                log.info("%s line %s: %s", name, start, reason[:200])
            raise ImportRejected(name, [Problem(start, "", text, {"limit": csv.field_size_limit(),
                                                                  "reason": reason[:200]})]) from None
        yield start, rec
