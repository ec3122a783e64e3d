"""The command line: parse, call services, print. With no subcommand it opens the GUI."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from app import __version__
from app.errors import ImportRejected, RecoveryDeskError
from app.paths import resolve_data_dir

# Each module registers its subcommands: register(subparsers, translate).
COMMAND_MODULES = ["app.cli.feedback", "app.cli.demo", "app.cli.hq", "app.cli.scripts", "app.cli.sync",
                   "app.cli.report"]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
CTX = "Cli"


def build_parser(translate) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="recovery-desk",
                                description=translate("Cli", "Recovery Desk: service recovery for dealer service counters. "
                                                       "Without a command, opens the application."))
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--data-dir", metavar="DIR",
                   help=translate("Cli", "where the store lives (default: RECOVERY_DESK_DATA, else the per-user data directory)"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, translate)
    return p


def open_store_for(args):
    from app.models.store import open_store

    return open_store(resolve_data_dir(args.data_dir))


def main(argv: list[str] | None = None) -> int:
    from app.ui.i18n import Words, pick_language

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    translate = Words(pick_language())
    parser = build_parser(translate)
    args = parser.parse_args(argv)
    if args.command is None:
        from app.ui.application import run_gui

        return run_gui(resolve_data_dir(args.data_dir))
    if not hasattr(args, "run"):
        parser.parse_args([args.command, "--help"])
    try:
        return args.run(args, translate) or EXIT_OK
    except ImportRejected as exc:
        print(exc.render(translate), file=sys.stderr)
        shown = exc.problems[:200]
        for pr in shown:
            if pr.column:
                where = translate("Cli", "line {line}, column {column}").format(line=pr.line, column=pr.column)
            else:
                where = translate("Cli", "line {line}").format(line=pr.line)
            print("  " + translate("Cli", "{where}: {problem}").format(where=where, problem=pr.render(translate)),
                  file=sys.stderr)
        if len(exc.problems) > len(shown):
            print("  " + translate("Cli", "... and {n} more problems.").format(n=len(exc.problems) - len(shown)),
                  file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecoveryDeskError as exc:
        print(translate("Cli", "Error: ") + exc.render(translate), file=sys.stderr)
        from app.errors import InvalidInput, NotFound

        return EXIT_BAD_INPUT if isinstance(exc, (InvalidInput, NotFound)) else EXIT_FAILED
    except KeyboardInterrupt:
        return 130
