"""`recovery-desk scripts`: check a recovery script pack, install it, or say which pack is in use."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli import acting

CTX = "Cli"


def register(sub, translate) -> None:
    p = sub.add_parser("scripts", help=translate("Cli", "check or install a recovery script pack"))
    ssub = p.add_subparsers(dest="scripts_command", metavar="ACTION")
    c = ssub.add_parser("check", help=translate("Cli", "check a pack file and name every problem by line"))
    c.add_argument("file", metavar="FILE")
    c.set_defaults(run=run_check)
    i = ssub.add_parser("install", help=translate("Cli", "check a pack and, if it is good, use it from now on"))
    i.add_argument("file", metavar="FILE")
    acting.add_arguments(i, translate)
    i.set_defaults(run=run_install)
    s = ssub.add_parser("show", help=translate("Cli", "say which pack is in use"))
    s.set_defaults(run=run_show)


def _refused(exc, translate) -> int:
    print(exc.render(translate), file=sys.stderr)
    for line in exc.details(translate):
        print("  " + line, file=sys.stderr)
    return 2


def _summary(pack, translate) -> str:
    return translate("Cli", "pack {label}, {scripts} scripts").format(label=pack.label, scripts=len(pack.scripts))


def run_check(args, translate) -> int:
    from app.scripts.pack import PackRejected, load_pack

    try:
        pack = load_pack(Path(args.file))
    except PackRejected as exc:
        return _refused(exc, translate)
    print(translate("Cli", "{file}: good ({summary}).").format(file=args.file, summary=_summary(pack, translate)))
    return 0


def run_install(args, translate) -> int:
    from app.cli import open_store_for
    from app.foundation.paths import resolve_data_dir
    from app.scripts.library import library_for
    from app.scripts.pack import PackRejected

    from app.services.audit import trail

    store = open_store_for(args)
    try:
        who = acting.acting_user(args, store, translate, role="supervisor")  # what every advisor will say
        lib = library_for(resolve_data_dir(args.data_dir))
        try:
            pack = lib.install(Path(args.file))
        except PackRejected as exc:
            code = _refused(exc, translate)
            print(translate("Cli", "Still in use: {summary}.").format(summary=_summary(lib.pack, translate)),
                  file=sys.stderr)
            return code
        trail.note(store, "scripts.installed", {"pack": pack.label, "source": Path(args.file).name,
                                                "sha256": lib.origin.sha256},
                   actor_id=who.user_id if who is not None else None)
    finally:
        store.close()
    print(translate("Cli", "Installed: {summary}.").format(summary=_summary(pack, translate)))
    return 0


def run_show(args, translate) -> int:
    from app.foundation.paths import resolve_data_dir
    from app.scripts.library import describe_origin, library_for

    lib = library_for(resolve_data_dir(args.data_dir))
    if lib.refused is not None:
        _refused(lib.refused, translate)
    print(translate("Cli", "In use: {summary}, {origin}.").format(summary=_summary(lib.pack, translate),
                                                                  origin=describe_origin(lib.origin, translate)))
    return 0
