"""`recovery-desk hq dealer add | enrol | serve | import | publish | counters | refusals | export`."""

from __future__ import annotations

import sys
from pathlib import Path

from app.foundation.errors import InvalidInput

CTX = "Cli"


def db_url(value: str) -> str:
    """A SQLAlchemy URL, or a plain path meaning a SQLite file."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _db(args, *, create: bool = False):
    """The central database of ``--db``, in words when it can't be opened. A SQLite file must exist
    unless ``create`` (`hq dealer add`, the first step): a path mistyped made a new, empty head office
    that then answered "no refusals", "no conflicts"."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from app.foundation.errors import StoreError
    from app.models.store import open_database

    translate = getattr(args, "translate", None) or (lambda _ctx, text: text)
    url = db_url(args.db)
    where = args.db.split("@")[-1]
    if url.startswith("sqlite:///") and not create and not Path(url.removeprefix("sqlite:///")).is_file():
        raise StoreError(translate("Cli", "There is no head-office database at {url}: check the path (a new "
                                          "one is made by `hq dealer add`)."), url=where)
    try:
        return open_database(url)
    except StoreError:
        raise
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError):
        raise StoreError(translate("Cli", "Can't open the central database {url}: give a SQLite file's path or a "
                                          "postgresql+psycopg://user@host/name address."), url=where) from None
    except Exception as exc:  # noqa: BLE001 - an unreachable server, a file that is no database: say which, briefly
        raise StoreError(translate("Cli", "Can't open the central database {url}: {reason}"),
                         url=where, reason=str(getattr(exc, "orig", None) or exc).splitlines()[0]) from None


def _db_action(sub, name: str, help_text: str, translate):
    """An action on the central database: it takes the database as --db."""
    p = sub.add_parser(name, help=help_text)
    p.add_argument("--db", required=True, metavar="URL",
                   help=translate("Cli", "central database: a SQLite file path or postgresql+psycopg://..."))
    return p


def _register_enrolment(hq_sub, translate) -> None:
    """`dealer add` and `enrol`: the dealers head office knows and the counters it lets in."""
    dealer = hq_sub.add_parser("dealer", help=translate("Cli", "register dealers"))
    dsub = dealer.add_subparsers(dest="dealer_command", metavar="ACTION", required=True)
    add = _db_action(dsub, "add", translate("Cli", "register a dealer (or rename it)"), translate)
    add.add_argument("code", metavar="CODE")
    add.add_argument("name", metavar="NAME")
    add.set_defaults(run=run_dealer_add)

    enrol = _db_action(hq_sub, "enrol", translate(
        "Cli", "issue a one-time enrolment code for a new counter"), translate)
    enrol.add_argument("--dealer", required=True, metavar="CODE")
    enrol.add_argument("--replace", metavar="COUNTER_ID",
                       help=translate("Cli", "re-enrol this counter of the dealer (e.g. its keyring was lost); "
                                      "the code works for it only and its old secret stops working"))
    enrol.set_defaults(run=run_enrol)


def _register_exchange(hq_sub, translate) -> None:
    """`serve`, `import` and `publish`: what comes in from the counters and what goes out to them."""
    serve = _db_action(hq_sub, "serve", translate("Cli", "run the intake server counters sync with"), translate)
    serve.add_argument("--inbox", required=True, metavar="DIR", help=translate("Cli", "where every accepted file is kept"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--slow-client-s", type=float, default=20.0, metavar="SECONDS",
                       help=translate("Cli", "close a connection that sends no complete request for this long "
                                      "(default 20)"))
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help=translate("Cli", "processes serving together (PostgreSQL only; default 1)"))
    serve.set_defaults(run=run_serve)

    imp = _db_action(hq_sub, "import", translate("Cli", "import case files (files or folders)"), translate)
    imp.description = translate(
        "Cli", "Import case files (files or folders). A counter's file is left waiting where it is while head "
        "office lacks an earlier file of that counter (see --allow-gaps). Exit status 1 when a file was "
        "refused or left waiting, or a change in a file was refused.")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--workers", type=int, metavar="N", help=translate(
        "Cli", "dealers imported at once (PostgreSQL only; default: one per processor core, at most 4)"))
    imp.add_argument("--allow-gaps", action="store_true", help=translate(
        "Cli", "import a counter's files even when head office lacks an earlier file of that counter: only when "
        "that file is lost for good (the counter's store was restored from a backup); the changes built on "
        "it are refused"))
    imp.set_defaults(run=run_import)

    pub = _db_action(hq_sub, "publish", translate(
        "Cli", "publish settings (JSON) or a script pack to dealers"), translate)
    pub.add_argument("file", metavar="FILE")
    pub.add_argument("--dealer", metavar="CODE", help=translate("Cli", "only this dealer (default: all)"))
    pub.set_defaults(run=run_publish)


def _register_oversight(hq_sub, translate) -> None:
    """`counters`, `refusals`, `conflicts`, `resolve`, `export`: what head office holds, and settling conflicts."""
    cnt = _db_action(hq_sub, "counters", translate("Cli", "list enrolled counters and their last sync"), translate)
    cnt.set_defaults(run=run_counters)

    ref = _db_action(hq_sub, "refusals", translate(
        "Cli", "list what head office refused of the counters' files, with the reasons"), translate)
    ref.add_argument("--dealer", metavar="CODE", help=translate("Cli", "only this dealer (default: all)"))
    ref.set_defaults(run=run_refusals)

    con = _db_action(hq_sub, "conflicts", translate("Cli", "list conflicts waiting for a supervisor"), translate)
    con.set_defaults(run=run_conflicts)

    res = _db_action(hq_sub, "resolve", translate(
        "Cli", "resolve a conflict; the resolution syncs to the dealer's counters"), translate)
    res.add_argument("conflict", metavar="ID")
    res.add_argument("--keep", required=True, choices=("applied", "other"),
                     help=translate("Cli", "applied: keep head office's version; other: take the change kept aside"))
    res.add_argument("--note", default="", metavar="TEXT")
    res.set_defaults(run=run_resolve)

    exp = _db_action(hq_sub, "export", translate(
        "Cli", "export the central cases, forms and conflicts as CSV and XLSX"), translate)
    exp.add_argument("--out", required=True, metavar="DIR")
    exp.set_defaults(run=run_export)


def register(hq_sub, translate) -> None:
    """Every head-office action, in the order `hq --help` lists them."""
    _register_enrolment(hq_sub, translate)
    _register_exchange(hq_sub, translate)
    _register_oversight(hq_sub, translate)


def run_dealer_add(args, translate) -> int:
    from app.hq.counters import add_dealer

    d = add_dealer(_db(args, create=True), args.code, args.name)
    print(translate("Cli", "Dealer {code} {name} registered.").format(code=d.code, name=d.name))
    return 0


def run_enrol(args, translate) -> int:
    from app.hq.counters import CODE_DAYS, issue_code

    code = issue_code(_db(args), args.dealer, replace=args.replace)
    print(code)
    if args.replace:
        print(translate("Cli", "This code re-enrols counter {counter} only.").format(counter=args.replace),
              file=sys.stderr)
    print(translate("Cli", "One-time enrolment code for a counter of dealer {dealer}, valid {days} days. On the counter: "
                    "recovery-desk connect --url URL --code {code}").format(dealer=args.dealer.upper(), days=CODE_DAYS, code=code),
          file=sys.stderr)
    return 0


def _check_workers(workers: int, url: str, out_of_range: str, needs_postgresql: str) -> None:
    """`serve`'s and `import`'s --workers: from 1 to 64, and more than one only on PostgreSQL (SQLite
    takes one writer at a time). The two messages, already in the reader's language, say which."""
    if not 1 <= workers <= 64:
        raise InvalidInput(field="--workers", problem=out_of_range)
    if workers > 1 and not url.startswith("postgresql"):
        raise InvalidInput(field="--workers", problem=needs_postgresql)


def run_serve(args, translate) -> int:
    from app.hq.serving import serve

    url = db_url(args.db)
    if not 1 <= args.port <= 65535:  # the system's own refusal came as a traceback
        raise InvalidInput(field="--port", problem=translate("Cli", "a port number from 1 to 65535, e.g. 8765"))
    if Path(args.inbox).exists() and not Path(args.inbox).is_dir():
        raise InvalidInput(field="--inbox", problem=translate("Cli", "a folder, not a file"))
    _check_workers(args.workers, url, translate("Cli", "a number of processes from 1 to 64"), translate(
        "Cli", "several processes need a PostgreSQL database; a SQLite head office runs one (leave --workers out)"))
    serve(url, Path(args.inbox), args.host, args.port, slow_s=max(0.5, args.slow_client_s), workers=args.workers)
    return 0


def run_import(args, translate) -> int:
    from app.hq.importer import import_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise InvalidInput(field=missing[0], problem=translate("Cli", "no such file or folder"))
    if args.workers is not None:
        _check_workers(args.workers, db_url(args.db), translate("Cli", "a number of dealers from 1 to 64"), translate(
            "Cli", "importing several dealers at once needs a PostgreSQL database; a SQLite head office "
            "imports one at a time (leave --workers out)"))
    summary = import_paths(_db(args), [Path(p) for p in args.paths], translate=translate, workers=args.workers,
                           allow_gaps=args.allow_gaps)
    refused, waiting = 0, summary.count("waiting")
    for o in summary.outcomes:
        if o.status == "rejected":
            print(translate("Cli", "rejected {file}: {reason}").format(file=o.path, reason=o.reason), file=sys.stderr)
        if o.status == "waiting":
            print(translate("Cli", "waiting {file}: {reason}").format(file=o.path, reason=o.reason), file=sys.stderr)
        for why in o.refused:
            refused += 1
            print(translate("Cli", "refused in {file}: {reason}").format(file=o.path, reason=why), file=sys.stderr)
    counts = translate("Cli", "{files} file(s): {imported} imported, {present} already present, {rejected} rejected, "
                              "{waiting} waiting.") if waiting else translate(
        "Cli", "{files} file(s): {imported} imported, {present} already present, {rejected} rejected.")
    print(counts.format(files=len(summary.outcomes), imported=summary.count("imported"),
                        present=summary.count("present"), rejected=summary.count("rejected"), waiting=waiting))
    if refused:
        print(translate("Cli", "{n} change(s) refused (the rest of their files imported): see `hq refusals`.")
              .format(n=refused), file=sys.stderr)
    if waiting:
        print(translate("Cli", "{n} file(s) left where they are, waiting for earlier files of their counter. If those "
                        "files are lost for good (the counter's store was restored from a backup), import again with "
                        "--allow-gaps to take them anyway.").format(n=waiting), file=sys.stderr)
    # Waiting is not done: a script importing a stick must not take it for a complete import.
    return 1 if summary.count("rejected") or refused or waiting else 0


def run_publish(args, translate) -> int:
    from app.cli.scripts import _refused
    from app.hq.publish import publish
    from app.scripts.pack import PackRejected

    try:
        p = publish(_db(args), Path(args.file), args.dealer)
    except PackRejected as exc:  # named by file and line, exactly as `scripts check` does; nothing published
        return _refused(exc, translate)
    kind = translate("Cli", "settings") if p.kind == "settings" else translate("Cli", "script pack")
    print(translate("Cli", "Published {name} version {version} ({kind}) for {who}.").format(
        name=p.name, version=p.version, kind=kind, who=p.dealer_code or translate("Cli", "all dealers")))
    return 0


def run_counters(args, translate) -> int:
    from app.foundation.textwidth import ljust
    from app.hq.counters import counters, duplicate_case_numbers

    db = _db(args)
    for c in counters(db):
        if not c.counter_id:
            print(f"{c.dealer_code:<10} " + translate("Cli", "(no counter enrolled yet)"))
            continue
        skew = "" if c.clock_skew_s is None else f"  skew {c.clock_skew_s:+.0f}s"
        print(f"{c.dealer_code:<10} {c.counter_id}  {c.tag or '--'}  {ljust(c.label, 16)} files {c.files:>6}  "
              f"last {c.last_seen_at.isoformat(timespec='seconds') if c.last_seen_at else '-'}{skew}")
    duplicates = duplicate_case_numbers(db)
    if duplicates:
        print(translate("Cli", "Case numbers two cases share (counters enrolled before tags were assigned; both "
                        "cases are kept):"))
        for code, number, n in duplicates:
            print(f"  {code:<10} {number}  x{n}")
    return 0


def run_refusals(args, translate) -> int:
    from app.sync.tables import refusal_words, said_row
    from app.hq.counters import refusals
    from app.sync.casefile import CaseFileRejected

    rows = refusals(_db(args), args.dealer)
    if not rows:
        print(translate("Cli", "No refusals."))
    for r in rows:
        what = said_row(r.record_table, r.record_id, translate) if r.record_table else translate("Cli", "the whole file")
        text = refusal_words(r.reason.get("text", ""), r.reason.get("params", {}), translate, CaseFileRejected.worded)
        print(f"{r.refused_at.astimezone().strftime('%Y-%m-%d %H:%M')}  {r.dealer_code:<8} {r.counter_id} "
              f"#{r.sequence}  {what}  [{r.code}]  {text}")
    return 0


def run_export(args, translate) -> int:
    from app.hq.export import export_central

    counts = export_central(_db(args), Path(args.out), translate)
    print(translate("Cli", "Wrote CSV files and recovery-desk.xlsx to {dir}: {rows}.").format(
        dir=args.out, rows=", ".join(f"{k} {v}" for k, v in counts.items())))
    return 0


def run_conflicts(args, translate) -> int:
    from app.hq.counters import open_conflicts

    rows = open_conflicts(_db(args))
    if not rows:
        print(translate("Cli", "No conflicts waiting."))
    from app.sync.conflicts import lines

    for c in rows:
        print(translate("Cli", "Conflict {id} (found {when})").format(
            id=c.id, when=c.detected_at.astimezone().strftime("%Y-%m-%d %H:%M")))
        for line in lines(c, translate):
            print("  " + line)
        print(translate("Cli", "  Settle it: recovery-desk hq resolve --db URL {id} --keep applied|other").format(id=c.id))
        print()
    return 0


def run_resolve(args, translate) -> int:
    from app.hq.resolve import resolve

    r = resolve(_db(args), args.conflict, args.keep, note=args.note)
    print(translate("Cli", "Resolved: {what} {id} is now version {version}; the dealer's counters get it on their next sync.")
          .format(what=r.entity_type, id=r.entity_id, version=r.version))
    return 0
