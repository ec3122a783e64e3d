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
    from app.scripts.pack import PackRejected, parse_pack

    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackRejected(source, [Problem(1, "", QT_TRANSLATE_NOOP("Errors", "can't be read: {reason}"),
                                            {"reason": str(exc)})]) from None
    try:
        return parse_pack(text, source)
    except RecursionError:  # nesting deeper than any pack: refused as bad input, never a traceback
        raise PackRejected(source, [Problem(1, "", QT_TRANSLATE_NOOP("Errors", "can't be read: {reason}"),
                                            {"reason": "nested too deeply"})]) from None


def publish(db, path: Path, dealer_code: str | None = None) -> Published:
    """A ``.json`` file with a ``settings`` object publishes settings; any other file is a script pack."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(field=str(path), problem=QT_TRANSLATE_NOOP("Errors", "no such file"))
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InvalidInput(field=str(path), problem=QT_TRANSLATE_NOOP("Errors", "larger than 16 MB"))
    kind, name, version = "scripts", path.name, None
    if path.suffix.lower() == ".json":
        try:
            # Over-long numbers, NaN, deep nesting and text no database stores refused as bad input.
            doc = wire_text.loads(data.decode("utf-8"))
        except wire_text.WireProblem as exc:
            raise InvalidInput(field=str(path), problem=str(exc)) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidInput(field=str(path), problem=str(exc)[:200]) from None
        if isinstance(doc, dict) and "settings" in doc:
            kind, name = "settings", "settings"
            data = json.dumps({"settings": check_settings(doc["settings"])}, ensure_ascii=False,
                              sort_keys=True).encode("utf-8")
    if kind == "scripts":
        pack = check_pack(data, path.name)  # PackRejected names every problem by file and line
        name, version = pack.name, pack.version
    with db.session() as s, s.begin():
        dealer_id = None
        if dealer_code:
            dealer_id = s.scalar(select(Dealer.id).where(Dealer.code == dealer_code.strip().upper()))
            if dealer_id is None:
                raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Dealer"), key=dealer_code)
        latest = s.scalar(select(func.max(SyncPublished.version)).where(SyncPublished.kind == kind,
                                                                         SyncPublished.name == name)) or 0
        if version is None:
            version = latest + 1
        elif version <= latest:  # counters would refuse it as not newer: say so here
            raise PackVersionTaken(field=str(path), version=version, name=name, latest=latest)
        row = SyncPublished(dealer_id=dealer_id, kind=kind, name=name, version=version, sha256=sha256(data),
                            content=data, published_at=utcnow())
        s.add(row)
        s.flush()
        return Published(row.n, kind, name, version, row.sha256, dealer_code)


PAGE_BYTES = 4 * 1024 * 1024  # a page of publications stops here (one always goes): the rest next round


def since(db, dealer_id: str, after: int, limit: int = 50) -> list[dict]:
    import base64

    out, size = [], 0
    with db.session() as s:
        rows = s.scalars(select(SyncPublished).where(
            SyncPublished.n > after, or_(SyncPublished.dealer_id.is_(None), SyncPublished.dealer_id == dealer_id))
            .order_by(SyncPublished.n).limit(limit))
        for r in rows:
            if out and size + len(r.content) > PAGE_BYTES:
                break
            size += len(r.content)
            out.append({"n": r.n, "kind": r.kind, "name": r.name, "version": r.version, "sha256": r.sha256,
                        "published_at": r.published_at.isoformat() if r.published_at else "",
                        "content": base64.b64encode(r.content).decode("ascii")})
    return out
