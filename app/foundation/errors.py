"""Typed errors the core raises. Each carries English source text and parameters; the UI and
the command line translate the text (context ``Errors``) and fill in the parameters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CTX = "Errors"


def fill(text: str, params: dict[str, Any], translate=None, worded: tuple[str, ...] = ()) -> str:
    """``text`` in the reader's words, its parameters filled in. The parameters named in ``worded``
    are marked texts themselves (what a field should be): translated too, and filled in from the
    same parameters, so no English word is left inside a translated message. Such a text that is a
    sentence of its own, put in brackets, loses its closing full stop there (no "….)" or "…。）")."""
    def word(value: str, inner: dict[str, str]) -> str:
        value = translate(CTX, value) if translate else value
        try:
            return value.format(**{**params, **inner})
        except (KeyError, IndexError, ValueError):  # a value kept before it was a marked text: as it was
            return value

    said = translate(CTX, text) if translate else text

    def bracketed(key: str, value: str) -> str:
        # A sentence set in another's brackets ends where the brackets do: its own full stop goes
        # ("(... at position 2)", "（……（U+0000））"), in any language; an ellipsis stays.
        if value.endswith((".", "\u3002")) and not value.endswith("..") and any(
                f"{{{key}}}{close}" in said for close in (")", "\uff09")):
            return value[:-1]
        return value

    # A word may hold another (a reason naming "the document" as where): those in the reader's words too.
    inner = {k: word(v, {}) for k, v in params.items() if k in worded and isinstance(v, str)}
    words = {k: bracketed(k, word(v, inner)) for k, v in params.items() if k in worded and isinstance(v, str)}
    return said.format(**{**params, **words})


class RecoveryDeskError(Exception):
    text: str = QT_TRANSLATE_NOOP("Errors", "Something went wrong.")
    worded: tuple[str, ...] = ()  # parameters that are marked texts of their own (see fill)

    def __init__(self, text: str | None = None, **params: Any) -> None:
        if text is not None:
            self.text = text
        self.params = params
        super().__init__(self.render())

    def render(self, translate=None) -> str:
        return fill(self.text, self.params, translate, self.worded)


class NotAFile(OSError):
    """A path named as a file that is a folder, a pipe or a device."""


class FileUnusable(RecoveryDeskError):
    """A file or folder a command reads or writes, refused by the system: said in words (which path,
    why, what to do), never a traceback."""

    text = QT_TRANSLATE_NOOP("Errors", "{path} can't be used: {why}.")
    NOT_A_FILE = QT_TRANSLATE_NOOP("Errors", "it is a folder, a device or a pipe, not a file")
    GONE = QT_TRANSLATE_NOOP("Errors", "it is not there (moved or deleted meanwhile, or a link to nothing)")
    DENIED = QT_TRANSLATE_NOOP("Errors", "this user account may not read or change it; check its permissions")
    READ_ONLY = QT_TRANSLATE_NOOP("Errors", "the drive is write-protected")
    IN_THE_WAY = QT_TRANSLATE_NOOP("Errors", "a file of that name is in the way")
    OTHER = QT_TRANSLATE_NOOP("Errors", "the system said: {reason}")

    @classmethod
    def of(cls, exc: OSError, path: str = "") -> FileUnusable:
        import errno

        why = (cls.NOT_A_FILE if isinstance(exc, (NotAFile, IsADirectoryError)) else
               cls.GONE if isinstance(exc, FileNotFoundError) else
               cls.DENIED if isinstance(exc, PermissionError) else
               cls.READ_ONLY if exc.errno == errno.EROFS else
               cls.IN_THE_WAY if isinstance(exc, (FileExistsError, NotADirectoryError)) else cls.OTHER)
        named = str(exc.filename or path)
        if named.endswith(".part"):  # a file written whole beside its place, then moved: its folder is what's refused
            import os.path

            named = os.path.dirname(named) or named
        return cls(path=named, why=why, reason=exc.strerror or str(exc))

    def why_text(self, translate=None) -> str:
        why = self.params["why"]
        return (translate(CTX, why) if translate else why).format(reason=self.params["reason"])

    def render(self, translate=None) -> str:
        text = translate(CTX, self.text) if translate else self.text
        return text.format(path=self.params["path"], why=self.why_text(translate))


class StoreError(RecoveryDeskError):
    """The store can't be opened or upgraded."""


class StoreTooNew(StoreError):
    text = QT_TRANSLATE_NOOP("Errors", "The store at {path} was written by a newer version of Recovery Desk "
                   "(schema {found}; this program knows up to {known}). It was not touched. "
                   "Install the newer version to open it.")


class MigrationFailed(StoreError):
    text = QT_TRANSLATE_NOOP("Errors", "Upgrading the store at {path} failed ({reason}). The store was restored from "
                   "the backup taken just before; nothing was lost. Backup: {backup}")


class NotFound(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "{what} \"{key}\" was not found.")

    def render(self, translate=None) -> str:
        text = translate(CTX, self.text) if translate else self.text
        what = translate(CTX, self.params["what"]) if translate else self.params["what"]
        return text.format(**{**self.params, "what": what})


class InvalidInput(RecoveryDeskError):
    """A single value is wrong: which field, and what to type instead."""

    text = QT_TRANSLATE_NOOP("Errors", "{field}: {problem}")

    def problem_text(self, translate=None) -> str:
        """The problem alone (shown beside its field), its parameters (e.g. a limit) filled in."""
        # The problem is itself a marked source text (or already in the user's words: unchanged).
        problem = str(self.params.get("problem", ""))
        extra = {k: v for k, v in self.params.items() if k not in ("field", "problem")}
        if extra:
            return fill(problem, extra, translate, self.worded)
        return translate(CTX, problem) if translate else problem

    def render(self, translate=None) -> str:
        text = translate(CTX, self.text) if translate else self.text
        return text.format(**{**self.params, "problem": self.problem_text(translate)})


class InvalidFields(InvalidInput):
    """Several values are wrong at once: every field to fix (``problems``, in the order a form shows
    them), so a form can mark them all together. Its own field and problem are the first's, so a caller
    that shows one error shows the first to fix."""

    def __init__(self, problems: list[InvalidInput]) -> None:
        self.problems = list(problems)
        super().__init__(**self.problems[0].params)

    def render(self, translate=None) -> str:
        return "; ".join(p.render(translate) for p in self.problems)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file: where it is and what to fix."""

    line: int
    column: str
    text: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, translate=None) -> str:
        text = translate(CTX, self.text) if translate else self.text
        return text.format(**self.params)


class ImportRejected(RecoveryDeskError):
    """The whole file was refused; ``problems`` names every bad row. Nothing was stored."""

    text = QT_TRANSLATE_NOOP("Errors", "{file}: {count} problem(s) found; nothing was imported. Fix them and import the file again.")

    def __init__(self, file: str, problems: list[Problem], headers: dict[str, str] | None = None) -> None:
        self.problems = problems
        self.headers = headers or {}  # a problem's column -> the file's header for it, as written
        super().__init__(file=file, count=len(problems))

    def column_as_written(self, column: str) -> str:
        """A problem's column (or columns, "a,b") as the file heads it: the reader looks for "维修质量" in
        the spreadsheet, not for the name the program gives the column."""
        return ", ".join(self.headers.get(c, c) for c in column.split(",")) if column else ""


class StoreFault(StoreError):
    """The store refused a read or write for a reason of the machine, not of the data (see
    app/models/store_faults.py). The change was rolled back whole: nothing of it was stored."""


class StoreBusy(StoreFault):
    """Another writer held the store's write lock longer than the busy timeout. Nothing was written."""

    text = QT_TRANSLATE_NOOP("Errors", "The store is busy with another change (another window, an import, the sync "
                             "or a second desk on the same store) and stayed busy for several seconds. "
                             "Nothing was saved; try again in a moment.")


class StoreFull(StoreFault):
    text = QT_TRANSLATE_NOOP("Errors", "The disk that holds the store ({path}) is full. Nothing of this change "
                             "was saved. Free some space on that disk (move old files or backups elsewhere), "
                             "then try again.")


class StoreReadOnly(StoreFault):
    text = QT_TRANSLATE_NOOP("Errors", "The store ({path}) can only be read here: the file, its folder or the drive "
                             "is write-protected. Nothing was saved. Give this user account permission to "
                             "change that folder (or move the store to a writable drive), then try again.")


class StoreUnreachable(StoreFault):
    text = QT_TRANSLATE_NOOP("Errors", "The store ({path}) can't be reached: its drive may be disconnected or "
                             "failing. Nothing was saved. Check the drive is connected and has free space, "
                             "then try again.")


class VersionChanged(RecoveryDeskError):
    """A case or repair order moved on after the caller read it (another window, a supervisor at the
    same PC, or a change the sync brought from another counter). Nothing was written.

    ``who`` is a marked text naming the changer (``{name}`` filled in); ``when`` the change's local time.
    """

    BY_NAME = "{name}"  # nothing to translate
    BY_YOU = QT_TRANSLATE_NOOP("Errors", "you (in another window)")
    BY_NAME_ELSEWHERE = QT_TRANSLATE_NOOP("Errors", "{name} at another counter")
    BY_ELSEWHERE = QT_TRANSLATE_NOOP("Errors", "someone at another counter")
    BY_HEAD_OFFICE = QT_TRANSLATE_NOOP("Errors", "head office")
    BY_SOMEONE = QT_TRANSLATE_NOOP("Errors", "someone else")

    def __init__(self, *, number: str, seen: int, version: int, who: str, name: str, at) -> None:
        self.at = at
        super().__init__(number=number, seen=seen, version=version, who=who, name=name,
                         when=at.astimezone().strftime("%Y-%m-%d %H:%M"))

    def render(self, translate=None) -> str:
        text = translate(CTX, self.text) if translate else self.text
        who = translate(CTX, self.params["who"]) if translate else self.params["who"]
        return text.format(**{**self.params, "who": who.format(name=self.params["name"])})


class CaseChanged(VersionChanged):
    text = QT_TRANSLATE_NOOP("Errors", "Case {number} was changed by {who} at {when}, after you opened it. "
                             "Your change was not saved.")


class OrderChanged(VersionChanged):
    text = QT_TRANSLATE_NOOP("Errors", "Repair order {number} was changed by {who} at {when}, after its call was "
                             "listed. The call was not recorded, and anything you typed is still here: look at "
                             "the change, then record the call again.")


class WarningsNotWorkedOut(RecoveryDeskError):
    """The process that works the early warnings out ended without doing it."""

    text = QT_TRANSLATE_NOOP("Errors", "The early warnings could not be worked out ({reason}). Nothing was changed; "
                                       "they are tried again when new forms arrive, or run `recovery-desk warn refresh`.")


class RiskNotFitted(RecoveryDeskError):
    """The process that fits the 3-day calls' risk model ended without keeping a model."""

    text = QT_TRANSLATE_NOOP("Errors", "The calls' risk model could not be fitted ({reason}). Nothing was "
                                       "changed; it is tried again when new forms arrive, or run `recovery-desk orders "
                                       "refit`.")
