"""`recovery-desk hq ...`: head-office commands, each family registered from its own module."""

from __future__ import annotations

import importlib

# Modules with register(hq_subparsers, translate): the intake server, dealers, reports...
HQ_COMMAND_MODULES: list[str] = ["app.cli.hq_admin", "app.cli.hq_report", "app.cli.hq_release", "app.cli.hq_improve"]


def register(sub, translate) -> None:
    hq = sub.add_parser("hq", help=translate("Cli", "head-office commands (central database, intake server, reports)"))
    # `hq --db URL` without an action opens head office's window.
    hq.add_argument("--db", metavar="URL", help=translate("Cli", "central database: a SQLite file path or postgresql+psycopg://..."))
    hq.add_argument("--analyst", metavar="NAME",
                    help=translate("Cli", "your name, printed on the reports you make in the window"))
    hq.set_defaults(run=_run_window)
    hq_sub = hq.add_subparsers(dest="hq_command", metavar="ACTION")
    for name in HQ_COMMAND_MODULES:
        importlib.import_module(name).register(hq_sub, translate)


def _run_window(args, translate) -> int:
    if not args.db:
        from app.foundation.errors import InvalidInput

        raise InvalidInput(field="--db", problem=translate("Cli", "give the central database, or an action (see hq --help)"))
    from app.cli.hq_admin import db_url
    from app.ui.hq.hq_window import run_hq_gui

    return run_hq_gui(db_url(args.db), args.analyst or "")
