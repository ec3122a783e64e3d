"""What head office publishes to dealers: settings (validated against the catalogue) and script
packs (validated exactly as `scripts check` does, with a hash counters verify before use)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, or_, select

from app.foundation.errors import InvalidInput, NotFound, RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Dealer, SyncPublished, utcnow
from app.services.changes import SYNC, announces
from app.rules import wire_text
from app.rules.published import check_settings
from app.foundation.signing import sha256

MAX_BYTES = 16 * 1024 * 1024


class PackVersionTaken(InvalidInput):
    """Bad input (exit 2): counters would refuse a pack that is not newer than one already published."""

    text = QT_TRANSLATE_NOOP("Errors", "{field}: version {version} of pack {name} is not newer than version "
                             "{latest} already published; raise \"version\" in the file")

    def render(self, translate=None) -> str:
        return RecoveryDeskError.render(self, translate)


class NotPublishable(InvalidInput):
    worded = ("where",)  # wire_text's "a value", "the document"


NOT_UTF8 = QT_TRANSLATE_NOOP("Errors", "not UTF-8 text; save the file as UTF-8")
NOT_JSON = QT_TRANSLATE_NOOP("Errors", "not valid JSON: it goes wrong at line {line}, column {column}")


@dataclass(frozen=True)
class Published:
    n: int
    kind: str
    name: str
    version: int
    sha256: str
    dealer_code: str | None


def check_pack(content: bytes, source: str):
    """The pack in these bytes, or PackRejected: the same validation as `scripts check`."""
    from app.foundation.errors import Problem
    from app.scripts.pack import TOO_DEEP, PackRejected, parse_pack, unreadable

    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise unreadable(source, exc) from None
    try:
        return parse_pack(text, source)
    except RecursionError:  # nesting deeper than any pack: refused as bad input, never a traceback
        raise PackRejected(source, [Problem(1, "", TOO_DEEP)]) from None


@dataclass(frozen=True)
class Checked:
    """A file as it would be published: what it is, and the bytes counters receive."""
    kind: str  # settings | scripts
    name: str
    version: int | None  # a pack's own version; settings are numbered when published
    data: bytes


def check_file(path: Path) -> Checked:
    """A ``.json`` file with a ``settings`` object is settings; any other file is a script pack.
    Raises InvalidInput or PackRejected naming what is wrong, before anything is stored."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(field=str(path), problem=QT_TRANSLATE_NOOP("Errors", "no such file"))
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InvalidInput(field=str(path), problem=QT_TRANSLATE_NOOP("Errors", "larger than 16 MB"))
    if path.suffix.lower() == ".json":
        try:
            # Over-long numbers, NaN, deep nesting and text no database stores refused as bad input.
            doc = wire_text.loads(data.decode("utf-8"))
        except wire_text.WireProblem as exc:
            raise NotPublishable(field=str(path), problem=exc.text, **exc.params) from None
        except UnicodeDecodeError:
            raise InvalidInput(field=str(path), problem=NOT_UTF8) from None
        except json.JSONDecodeError as exc:  # where it goes wrong, not json's English words
            raise InvalidInput(field=str(path), problem=NOT_JSON, line=exc.lineno, column=exc.colno) from None
        if isinstance(doc, dict) and "settings" in doc:
            data = json.dumps({"settings": check_settings(doc["settings"])}, ensure_ascii=False,
                              sort_keys=True).encode("utf-8")
            return Checked("settings", "settings", None, data)
    pack = check_pack(data, path.name)  # PackRejected names every problem by file and line
    return Checked("scripts", pack.name, pack.version, data)


def publish(db, path: Path, dealer_code: str | None = None) -> Published:
    """Publish a file to one dealer, or (no code) to all."""
    return publish_to(db, path, [dealer_code] if dealer_code else None)[0]


@announces(SYNC)
def publish_to(db, path: Path, dealer_codes: list[str] | None = None) -> list[Published]:
    """Publish a file to all dealers (``None``: one publication for all) or to the chosen ones (one
    publication each, the same version), in one transaction."""
    checked = check_file(path)
    kind, name, version, data = checked.kind, checked.name, checked.version, checked.data
    with db.session() as s, s.begin():
        targets: list[tuple[str | None, str | None]] = [(None, None)]
        if dealer_codes is not None:
            targets = []
            for code in dealer_codes:
                dealer_id = s.scalar(select(Dealer.id).where(Dealer.code == code.strip().upper()))
                if dealer_id is None:
                    raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Dealer"), key=code)
                targets.append((dealer_id, code))
        latest = s.scalar(select(func.max(SyncPublished.version)).where(SyncPublished.kind == kind,
                                                                         SyncPublished.name == name)) or 0
        if version is None:
            version = latest + 1
        elif version <= latest:  # counters would refuse it as not newer: say so here
            raise PackVersionTaken(field=str(path), version=version, name=name, latest=latest)
        out = []
        for dealer_id, code in targets:
            row = SyncPublished(dealer_id=dealer_id, kind=kind, name=name, version=version, sha256=sha256(data),
                                content=data, published_at=utcnow())
            s.add(row)
            s.flush()
            out.append(Published(row.n, kind, name, version, row.sha256, code))
        return out


PAGE_BYTES = 4 * 1024 * 1024  # a page of publications stops here (one always goes): the rest next round


@dataclass(frozen=True)
class CounterReport:
    """How a counter says it is when it asks for publications (head office's window shows it)."""
    waiting: int  # changes not yet acknowledged by head office
    problems: int | None  # entries in its Sync problems
    version: str | None  # its program's version


def since(db, dealer_id: str, after: int, limit: int = 50, *, counter_id: str | None = None,
          report: CounterReport | None = None) -> list[dict]:
    """What the dealer's counter has not taken yet, a page within PAGE_BYTES. With ``counter_id``, each
    item handed to it is recorded as arrived there, and ``report`` as the counter's last word on its health."""
    import base64

    out, size, handed = [], 0, []
    with db.session() as s, s.begin():
        rows = list(s.scalars(select(SyncPublished).where(
            SyncPublished.n > after, or_(SyncPublished.dealer_id.is_(None), SyncPublished.dealer_id == dealer_id))
            .order_by(SyncPublished.n).limit(limit)))
        for r in rows:
            if out and size + len(r.content) > PAGE_BYTES:
                break
            size += len(r.content)
            handed.append(r.n)
            out.append({"n": r.n, "kind": r.kind, "name": r.name, "version": r.version, "sha256": r.sha256,
                        "published_at": r.published_at.isoformat() if r.published_at else "",
                        "content": base64.b64encode(r.content).decode("ascii")})
        if counter_id and handed:
            _arrived(s, counter_id, handed)
        if counter_id and report is not None:
            _reported(s, counter_id, report)
    return out


def _arrived(s, counter_id: str, numbers: list[int]) -> None:
    """The first time each publication was handed to the counter (a repeated answer keeps it)."""
    from app.models import HqPublishedArrival

    seen = set(s.scalars(select(HqPublishedArrival.n).where(HqPublishedArrival.counter_id == counter_id,
                                                            HqPublishedArrival.n.in_(numbers))))
    now = utcnow()
    s.add_all(HqPublishedArrival(counter_id=counter_id, n=n, arrived_at=now) for n in numbers if n not in seen)


def _reported(s, counter_id: str, report: CounterReport) -> None:
    from app.models import HqCounter

    s.execute(HqCounter.__table__.update().where(HqCounter.__table__.c.id == counter_id).values(
        reported_at=utcnow(), reported_waiting=report.waiting, reported_problems=report.problems,
        reported_version=(report.version or "")[:40] or None))
