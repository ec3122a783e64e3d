"""`hq import`: load case files from files or folders into the central database; a refused file is
moved aside next to a note of why, and the changes refused of an accepted file are named.

On PostgreSQL the files of different dealers are imported at the same time, each dealer's on one
thread, each counter's files in the order of their numbers (a counter's file may build on the one
before it, or on another counter's of the same dealer): a file spends about half its time waiting on the database, in which another
dealer's file goes on. Dealers never share data, and each file's import is safe beside any other's
(app.hq.receive), so only the order within a dealer matters. SQLite takes one writer at a time: one
thread.

A counter's file whose earlier file head office never took in, nor finds among the files of the
import, waits (left where it is): its changes built on the missing file would be refused for good,
and the missing file, brought later, could no longer give them. A gap is real only when the counter's
store was restored from a backup (app.sync.outbox._sequence_floor): ``allow_gaps`` then takes it."""

from __future__ import annotations

import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import select

from app.hq.counters import valid_counter_id
from app.hq.purge_round import purge_round
from app.hq.receive import receive
from app.foundation.errors import FileUnusable
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.hq.verify_ahead import VerifyAhead, plain_file
from app.sync import tables
from app.models import Dealer, HqCounter
from app.services.changes import announces
from app.sync.applied import CAN_CHANGE
from app.sync.casefile import CaseFileRejected

REJECTED_DIR = "rejected"
MAX_WORKERS = 4  # a file is about half Python: more threads than this only take turns at its lock


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # imported | present | rejected | waiting (for an earlier file of its counter)
    events: int = 0
    conflicts: int = 0
    reason: str = ""
    code: str = ""
    refused: tuple[str, ...] = ()  # changes of an imported file head office refused, each with why
    refused_changes: int = 0  # the changes those refusals cover (a row refused on its own counts one)


@dataclass(frozen=True)
class ImportSummary:
    outcomes: tuple[FileOutcome, ...] = field(default_factory=tuple)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def case_files(paths: list[Path]) -> list[Path]:
    """The case files of ``paths`` (files, and folders' ``*.casefile`` but those set aside), each once
    (named twice, or inside a folder named too, it was imported, or refused and moved, twice), each
    counter's in the order of their numbers (in_counter_order)."""
    return [path for path, _ in _scheduled(paths)]


def _scheduled(paths: list[Path]) -> list[tuple[Path, _Marks]]:
    """case_files, each with what its first and last bytes say (read once for both schedules)."""
    out, seen = [], set()
    for p in map(Path, paths):
        found = (sorted(q for q in p.rglob("*.casefile") if REJECTED_DIR not in q.relative_to(p).parts)
                 if p.is_dir() else [p])
        for q in found:
            key = os.path.realpath(q)
            if key not in seen:
                seen.add(key)
                out.append(q)
    marks = list(map(_marks, out))
    return [(out[i], marks[i]) for i in in_counter_order(marks)]


# The start of a canonical case file (keys sorted, no spaces): its counter, its time, its dealer; and
# its last keys: its number, signature, version.
_HEAD = re.compile(rb'\{"counter":"([^"\\]{1,80})"(?:,"created_at":"[^"\\]{0,80}","dealer":\{"code":"(?:[^"\\]|\\.){0,200}",'
                   rb'"id":"([^"\\]{1,80})"\})?')
_SEQUENCE = re.compile(rb'"sequence":(\d{1,10}),"signature":\{[^{}]{0,400}\},"version":\d{1,6}\}\s*\Z')


@dataclass(frozen=True)
class _Marks:
    """What a file's first and last bytes say, unverified: only a schedule (None: not readable there)."""
    counter: bytes | None = None
    number: int | None = None
    dealer: bytes | None = None


def _marks(path: Path) -> _Marks:
    try:
        with plain_file(path) as f:
            head = f.read(512)
            f.seek(max(0, os.fstat(f.fileno()).st_size - 600))
            tail = f.read(600)
    except OSError:
        return _Marks()
    found, number = _HEAD.match(head), _SEQUENCE.search(tail)
    return _Marks(found and found.group(1), number and int(number.group(1)), found and found.group(2))


def in_counter_order(marks: list[_Marks]) -> list[int]:
    """The files' positions with each counter's files in the order of their numbers, in the places its
    files held (the files of different counters keep their order). A file built on changes of the
    counter's earlier one, imported first, had those changes refused for good ("built on a version head
    office does not have"): a USB stick's files named newest first, or chosen out of order, lost them.
    Only a schedule: every file is verified whole in its turn; a file without both marks keeps its place."""
    places: dict[bytes, list[int]] = {}
    for i, m in enumerate(marks):
        if m.counter is not None and m.number is not None:
            places.setdefault(m.counter, []).append(i)
    out = list(range(len(marks)))
    for held in places.values():
        for place, i in zip(held, sorted(held, key=lambda i: marks[i].number)):
            out[place] = i
    return out


def move_aside(path: Path, reason: str) -> Path:
    """Into ``rejected/`` beside it, under its own base name (checked to stay in that folder); a file
    refused before under the same name is kept, the newer one named with a number."""
    folder = (path.parent / REJECTED_DIR).resolve()
    aside = (folder / Path(path.name).name).resolve()
    if aside.parent != folder:
        raise OSError(f"{path.name}: not a plain file name")
    folder.mkdir(exist_ok=True)
    n = 1
    while aside.exists() or Path(str(aside) + ".reason.txt").exists():
        n += 1
        aside = folder / f"{Path(path.name).stem}-{n}{Path(path.name).suffix}"
    path.replace(aside)
    (folder / (aside.name + ".reason.txt")).write_text(reason + "\n", encoding="utf-8")
    return aside


def _words(translate):
    return (lambda ctx, text: translate(ctx, text)) if translate else None


@announces(CAN_CHANGE)
def import_paths(db, paths: list[Path], *, translate=None,
                 progress: Callable[[int, int, FileOutcome], None] | None = None,
                 workers: int | None = None, allow_gaps: bool = False) -> ImportSummary:
    """Every case file of ``paths`` (files or folders), attachments first. ``progress(done, total,
    outcome)`` after each file, as files finish (from the importing threads; the files left waiting
    first); the summary lists them in the order given. ``workers``: dealers imported at once (default:
    as many as the machine's cores, up to MAX_WORKERS, on PostgreSQL; SQLite: one). ``allow_gaps``:
    import the files that would wait for an earlier file of their counter (waiting_for)."""
    from app.hq.blobs import import_folder

    vouched: set[str] = set()
    for p in map(Path, paths):  # attachments first, as over the network
        if p.is_dir():
            vouched |= import_folder(db, p)
    scheduled = _scheduled(paths)
    files = [path for path, _ in scheduled]
    # Decided before any file goes in: a file imported now fills a gap whichever thread takes it first.
    held = {} if allow_gaps else waiting_for(db, [marks for _, marks in scheduled], translate)
    workers = workers_for(db, len(files), workers)
    groups = by_dealer(files, [marks for _, marks in scheduled]) if workers > 1 else []
    groups = [g for g in ([i for i in group if i not in held] for group in groups) if g]
    workers = min(workers, len(groups))
    if workers <= 1:  # one series in the order given, each file read ahead of its turn
        groups = [[i for i in range(len(files)) if i not in held]]
    outcomes: list[FileOutcome | None] = [None] * len(files)
    finished = threading.Lock()
    done = 0
    for i, why in held.items():
        outcomes[i] = FileOutcome(str(files[i]), "waiting", reason=why, code="gap")
        done += 1
        if progress:
            progress(done, len(files), outcomes[i])

    def one_dealer(group: list[int], stop: threading.Event) -> None:
        nonlocal done
        with VerifyAhead() as ahead:
            for i, (_, data) in zip(group, ahead.files([files[i] for i in group])):
                if stop.is_set():
                    return
                outcome = _import_one(db, files[i], data, vouched, purges, translate, ahead)
                with finished:  # one at a time: progress counts in order whatever thread reports
                    outcomes[i] = outcome
                    done += 1
                    if progress:
                        progress(done, len(files), outcome)

    # The purges the files carry: each kept file rewritten once, at the end.
    with purge_round(db) as purges:
        _each_dealer(one_dealer, groups, workers)
    return ImportSummary(tuple(o for o in outcomes if o is not None))


WAITING = QT_TRANSLATE_NOOP("Errors",
    "Head office has not received file(s) {missing} of counter {counter} of dealer {dealer}, which "
    "come before this one (imported now, its changes built on them would be refused for good). Bring the "
    "counter's files {missing} (they are in the counter's outbox folder, or write them again there with "
    "`recovery-desk export --out FOLDER`) and import them, then this file again.")


def waiting_for(db, marks: list[_Marks], translate=None) -> dict[int, str]:
    """The files to hold back, by position, each with why: a file of an enrolled counter numbered
    above a number head office has not taken in (up to the counter's last_sequence) and no file of
    the import bears, with every later file of that counter. Files without both marks, and those of
    counters head office does not know, are left to receive (it refuses or takes them)."""
    places: dict[str, list[int]] = {}
    for i, m in enumerate(marks):
        if m.counter is not None and m.number is not None:
            places.setdefault(m.counter.decode("utf-8", "replace"), []).append(i)
    ids = [c for c in places if valid_counter_id(c)]
    if not ids:
        return {}
    with db.session() as s:  # one query for every counter of the import
        known = {cid: (last, label, dealer) for cid, last, label, dealer in s.execute(
            select(HqCounter.id, HqCounter.last_sequence, HqCounter.label, Dealer.code)
            .join(Dealer, Dealer.id == HqCounter.dealer_id).where(HqCounter.id.in_(ids)))}
    out: dict[int, str] = {}
    for cid, (last, label, dealer) in known.items():
        gaps, top = [], last
        for n in sorted(n for n in {marks[i].number for i in places[cid]} if n > last):
            if n > top + 1:
                gaps.append((top + 1, n - 1))
            top = n
        for i in places[cid]:
            missing = [g for g in gaps if g[1] < marks[i].number]
            if missing:
                out[i] = _words_or_text(translate, "Errors", WAITING).format(
                    missing=", ".join(str(a) if a == b else f"{a}-{b}" for a, b in missing),
                    counter=f"{label} ({cid})" if label else cid, dealer=dealer)
    return out


def workers_for(db, dealers: int, asked: int | None = None) -> int:
    """How many dealers' files to import at once (``dealers``: at most as many)."""
    if asked is not None:
        return max(1, min(asked, dealers))
    if db.engine.dialect.name != "postgresql":
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1, dealers))


def _each_dealer(one_dealer, groups: list[list[int]], workers: int) -> None:
    """``one_dealer(group, stop)`` for every group, ``workers`` at a time; the first error stops the
    others after their current file and is raised (the database away: the rest waits for another round)."""
    stop = threading.Event()
    if workers <= 1:
        for group in groups:
            one_dealer(group, stop)
        return

    def guarded(group: list[int]) -> None:
        try:
            one_dealer(group, stop)
        except BaseException:
            stop.set()
            raise

    pool = ThreadPoolExecutor(workers, thread_name_prefix="hq-import")
    try:
        # The largest first: the last to start is then a small one, and the threads end together.
        futures = [pool.submit(guarded, g) for g in sorted(groups, key=len, reverse=True)]
        wait(futures)
    except BaseException:  # Ctrl-C at `hq import`: the threads stop after their current file, as one would
        stop.set()
        raise
    finally:
        pool.shutdown(wait=True)
    for f in futures:
        if f.exception() is not None:
            raise f.exception()


def by_dealer(files: list[Path], marks: list[_Marks] | None = None) -> list[list[int]]:
    """The files' positions grouped by the dealer each names, each group in the order given. Only a
    schedule: read from the file's first bytes, unverified; a file that names none readably (it will
    be refused) is a group of its own."""
    groups: dict[bytes | int, list[int]] = {}
    for i, m in enumerate(marks if marks is not None else map(_marks, files)):
        groups.setdefault(m.dealer if m.dealer is not None else i, []).append(i)
    return list(groups.values())


def _import_one(db, path: Path, data: bytes | OSError | CaseFileRejected, vouched: set[str], purges, translate,
                ahead: VerifyAhead) -> FileOutcome:
    if isinstance(data, OSError):
        return FileOutcome(str(path), "rejected", reason=_unreadable(data, translate), code="unreadable")
    try:
        if isinstance(data, CaseFileRejected):  # refused before it was read (its size)
            raise data
        r = receive(db, data, vouched=frozenset(vouched), purges=purges, ahead=ahead)
    except CaseFileRejected as exc:
        reason = exc.render(translate)
        try:
            move_aside(path, reason)
        except OSError as moved:  # a write-protected stick, a file named "rejected": refused all the same
            reason = _words_or_text(translate, "Errors", NOT_MOVED).format(
                refusal=reason, folder=REJECTED_DIR, reason=_unreadable(moved, translate, why_only=True))
        return FileOutcome(str(path), "rejected", reason=reason, code=exc.code)
    return FileOutcome(str(path), "imported" if r.status == "stored" else "present", r.events_new, r.conflicts,
                       refused=tuple(_refusal_line(x, _words(translate)) for x in r.refused),
                       refused_changes=sum(max(1, len(x.event_ids)) for x in r.refused))


NOT_MOVED = QT_TRANSLATE_NOOP("Errors", "{refusal} It was left where it is: it could not be moved into the "
                              "folder \"{folder}\" beside it ({reason}).")
_CANT_READ = QT_TRANSLATE_NOOP("Errors", "The file can't be read: {why}.")


def _words_or_text(translate, context: str, text: str) -> str:
    return translate(context, text) if translate else text


def _unreadable(exc: OSError, translate, *, why_only: bool = False) -> str:
    """Why a path could not be read (or moved), in the reader's words."""
    why = FileUnusable.of(exc).why_text(translate)
    return why if why_only else _words_or_text(translate, "Errors", _CANT_READ).format(why=why)


def _refusal_line(refusal, words) -> str:
    """A refused change in words, naming its row once (most refusals' own words name it already)."""
    text, named = refusal.render(words), tables.said_row(refusal.table, refusal.record_id, words)
    return text if text.startswith(named) else f"{named}: {text}"
