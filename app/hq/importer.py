"""`hq import`: load case files from files or folders into the central database; a refused file is
moved aside next to a note of why, and the changes refused of an accepted file are named."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from app.hq.purge_round import purge_round
from app.hq.receive import receive
from app.hq.verify_ahead import VerifyAhead
from app.services.changes import announces
from app.sync.applied import CAN_CHANGE
from app.sync.casefile import CaseFileRejected

REJECTED_DIR = "rejected"


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # imported | present | rejected
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
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.casefile") if REJECTED_DIR not in q.relative_to(p).parts))
        else:
            out.append(p)
    return out


def move_aside(path: Path, reason: str) -> Path:
    """Into ``rejected/`` beside it, under its own base name (checked to stay in that folder)."""
    folder = (path.parent / REJECTED_DIR).resolve()
    aside = (folder / Path(path.name).name).resolve()
    note = (folder / (aside.name + ".reason.txt")).resolve()
    if aside.parent != folder or note.parent != folder:
        raise OSError(f"{path.name}: not a plain file name")
    folder.mkdir(exist_ok=True)
    path.replace(aside)
    note.write_text(reason + "\n", encoding="utf-8")
    return aside


def _words(translate):
    return (lambda ctx, text: translate(ctx, text)) if translate else None


@announces(CAN_CHANGE)
def import_paths(db, paths: list[Path], *, translate=None,
                 progress: Callable[[int, int, FileOutcome], None] | None = None) -> ImportSummary:
    from app.hq.blobs import import_folder

    vouched: set[str] = set()
    for p in map(Path, paths):  # attachments first, as over the network
        if p.is_dir():
            vouched |= import_folder(db, p)
    files = case_files(paths)
    outcomes = []
    # The purges the files carry: each kept file rewritten once, at the end.
    with purge_round(db) as purges, VerifyAhead() as ahead:
        for i, (path, data) in enumerate(ahead.files(files), 1):
            outcomes.append(_import_one(db, path, data, vouched, purges, translate, ahead))
            if progress:
                progress(i, len(files), outcomes[-1])
    return ImportSummary(tuple(outcomes))


def _import_one(db, path: Path, data: bytes | OSError, vouched: set[str], purges, translate,
                ahead: VerifyAhead) -> FileOutcome:
    if isinstance(data, OSError):
        return FileOutcome(str(path), "rejected", reason=str(data), code="unreadable")
    try:
        r = receive(db, data, vouched=frozenset(vouched), purges=purges, ahead=ahead)
    except CaseFileRejected as exc:
        reason = exc.render(translate)
        move_aside(path, reason)
        return FileOutcome(str(path), "rejected", reason=reason, code=exc.code)
    return FileOutcome(str(path), "imported" if r.status == "stored" else "present", r.events_new, r.conflicts,
                       refused=tuple(_refusal_line(x, _words(translate)) for x in r.refused),
                       refused_changes=sum(max(1, len(x.event_ids)) for x in r.refused))


def _refusal_line(refusal, words) -> str:
    """A refused change in words, naming its row once (most refusals' own words name it already)."""
    text, named = refusal.render(words), f"{refusal.table} {refusal.record_id}"
    return text if text.startswith(named) else f"{named}: {text}"
