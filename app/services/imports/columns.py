"""Which column of a file is which: each import's catalogue of columns (English and Chinese headers,
in any order), a mapping the user gives for the rest, and the file's shape that remembers it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from app.foundation.errors import InvalidInput, Problem
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CTX = "Errors"
_NOISE = re.compile(r"[\s_\-*:：()（）]+")


def normal(header: str) -> str:
    """A header as compared: case, spaces, underscores, a required-mark (*) and a trailing colon ignored."""
    return _NOISE.sub("", str(header)).casefold()


@dataclass(frozen=True)
class Column:
    key: str      # the English header, and the name problems use
    title: str    # what the mapping dialog calls it (a marked text, context "Import")
    headers: tuple[str, ...] = ()  # other headers dealers' files use for it
    required: bool = True

    def names(self) -> set[str]:
        return {normal(self.key), *(normal(h) for h in self.headers)}


@dataclass(frozen=True)
class Placement:
    """Where each column is: ``at`` key -> index in the file's row; ``missing`` the required keys with no
    column; ``unplaced`` the file's headers that are no column of the catalogue (ignored unless mapped)."""

    at: dict[str, int]
    missing: tuple[str, ...]
    unplaced: tuple[str, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def complete(self) -> bool:
        return not self.missing and not self.problems


def as_written(header, placement: Placement) -> dict[str, str]:
    """Each placed column's header as the file writes it (a problem names its column so)."""
    return {key: str(header[i]).strip() for key, i in placement.at.items()
            if i < len(header) and str(header[i]).strip()}


def shape(header: list[str]) -> str:
    """A file's shape: the same headers in the same order are the same shape (a mapping given once serves
    every later file of it)."""
    return hashlib.sha256("\x1f".join(normal(h) for h in header).encode()).hexdigest()[:16]


def place(header: list[str], catalogue: tuple[Column, ...], mapping: dict[str, str] | None = None,
          line: int = 1) -> Placement:
    """Each catalogue column's index in ``header``: by the user's ``mapping`` (key -> header as written)
    first, then by the catalogue's headers."""
    mapping = mapping or {}
    index = {}
    for i, h in enumerate(header):
        index.setdefault(normal(h), i)
    at: dict[str, int] = {}
    problems = []
    for key, wanted in mapping.items():
        i = index.get(normal(wanted))
        if i is None:
            problems.append(Problem(line, key, QT_TRANSLATE_NOOP("Errors",
                "The mapping names column \"{header}\" for {column}, but the first row has no such column."),
                {"header": wanted, "column": key}))
        else:
            at[key] = i
    taken = set(at.values())
    for col in catalogue:
        if col.key in at:
            continue
        found = [i for i, h in enumerate(header) if normal(h) in col.names() and i not in taken]
        if len(found) > 1:
            problems.append(Problem(line, col.key, QT_TRANSLATE_NOOP("Errors",
                "Column \"{column}\" appears twice in the header."), {"column": col.key}))
        if found:
            at[col.key] = found[0]
            taken.add(found[0])
    missing = tuple(c.key for c in catalogue if c.required and c.key not in at)
    unplaced = tuple(h for i, h in enumerate(header) if i not in taken and h.strip())
    return Placement(at, missing, unplaced, tuple(problems))


def parse_map(text: str, catalogue: tuple[Column, ...]) -> dict[str, str]:
    """``date=日期,phone=手机`` (the command line's --map) as key -> header; a key the import doesn't have is refused."""
    keys = {c.key for c in catalogue}
    out: dict[str, str] = {}
    column_of: dict[str, str] = {}  # header as compared -> the column given it
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        key, sep, header = part.partition("=")
        key, header = key.strip().lower(), header.strip()
        if not sep or key not in keys or not header:
            raise InvalidInput(field="--map", problem=QT_TRANSLATE_NOOP("Errors",
                "\"{part}\" is not COLUMN=HEADER with COLUMN one of {keys}"), part=part, keys=", ".join(sorted(keys)))
        # Either would import silently wrong: the last of a column's two headers won, and a header given
        # to two columns filled both from one (a customer's name became their phone).
        if key in out:
            raise InvalidInput(field="--map", problem=QT_TRANSLATE_NOOP("Errors",
                "{column} is given twice, as \"{first}\" and as \"{second}\"; give each column once"),
                column=key, first=out[key], second=header)
        other = column_of.get(normal(header))
        if other is not None:
            raise InvalidInput(field="--map", problem=QT_TRANSLATE_NOOP("Errors",
                "\"{header}\" is given for both {first} and {second}; a header is one column, give each its own"),
                header=header, first=other, second=key)
        out[key] = header
        column_of[normal(header)] = key
    return out


def unplaced_problems(p: Placement, catalogue: tuple[Column, ...], line: int = 1) -> list[Problem]:
    """Why a placement can't be read: a first row that names no column at all, or each missing column
    (with the headers it could have had) and which of the file's columns went unplaced."""
    by_key = {c.key: c for c in catalogue}
    if not p.at and not p.problems:
        return [Problem(line, "", QT_TRANSLATE_NOOP("Errors",
            "The first row is not the header (none of its columns is there). Add a first row naming the columns, "
            "in English ({keys}) or Chinese ({chinese}), in any order."),
            {"keys": ",".join(by_key), "chinese": ",".join(c.headers[0] for c in catalogue if c.headers)})]
    out = list(p.problems)
    for key in p.missing:
        out.append(Problem(line, key, QT_TRANSLATE_NOOP("Errors",
            "No column is \"{column}\" (headers taken for it: {headers}). Rename that column, or say which it is "
            "(on the command line: --map {column}=HEADER)."),
            {"column": key, "headers": " / ".join((key, *by_key[key].headers))}))
    if p.missing and p.unplaced:
        out.append(Problem(line, "", QT_TRANSLATE_NOOP("Errors", "Columns not placed: {unplaced}."),
                           {"unplaced": ", ".join(p.unplaced)}))
    return out
