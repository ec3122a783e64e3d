"""The command line: parse, call services, print. With no subcommand it opens the GUI."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from app import __version__
from app.foundation.paths import private_umask, resolve_data_dir

# Each module registers its subcommands: register(subparsers, translate).
COMMAND_MODULES = ["app.cli.feedback", "app.cli.demo", "app.cli.hq", "app.cli.scripts", "app.cli.sync",
                   "app.cli.report", "app.cli.warn", "app.cli.improve", "app.cli.check", "app.cli.backup", "app.cli.orders",
                   "app.cli.customers", "app.cli.privacy"]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE
CTX = "Cli"


def build_parser(translate) -> argparse.ArgumentParser:
    from app.cli.argparse_words import VERSION_HELP, speak

    speak(translate)  # argparse's own words too (headings made with each parser), in the reader's language
    p = argparse.ArgumentParser(prog="recovery-desk",
                                description=translate("Cli", "Recovery Desk: service recovery for dealer service counters. "
                                                       "Without a command, opens the application."))
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                   help=translate("argparse", VERSION_HELP))
    p.add_argument("--data-dir", metavar="DIR",
                   help=translate("Cli", "where the store lives (default: RECOVERY_DESK_DATA, else the per-user data directory)"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, translate)
    return p


def open_store_for(args):
    """The store, with a warning on stderr when its files had to be made private (see open_store)."""
    from app.models.store import PERMISSIONS_REPAIRED, open_store

    store = open_store(resolve_data_dir(args.data_dir))
    if store.repaired:
        translate = getattr(args, "translate", None)
        text = translate("Errors", PERMISSIONS_REPAIRED) if translate else PERMISSIONS_REPAIRED
        print(text.format(count=len(store.repaired), path=store.path.parent), file=sys.stderr)
    return store



def read_to_import(args, translate, read, columns):
    """The file an import command names (``args.file``, its --map over ``columns``) read and checked
    whole by ``read`` before any store opens: no such file is refused (exit 2); the file's columns
    left out are said on stderr."""
    from pathlib import Path

    from app.foundation.errors import InvalidInput
    from app.services.imports.columns import parse_map

    path = Path(args.file)
    if path.is_dir():  # it said "no such file" of a folder that is there
        raise InvalidInput(field=str(path), problem=translate("Cli", "a folder: give the file in it to import"))
    if not path.is_file():
        raise InvalidInput(field=str(path), problem=translate("Cli", "no such file"))
    checked = read(path, parse_map(args.map, columns))
    if checked.placement.unplaced and checked.readable:
        print(translate("Cli", "{file}: columns not imported: {columns}").format(
            file=checked.file, columns=", ".join(checked.placement.unplaced)), file=sys.stderr)
    return checked

def gui_data_dir(argv: list[str]) -> tuple[bool, str | None]:
    """(True, --data-dir or None) when ``argv`` asks for nothing but the application.

    The start-up fast path: opening the window needs no parser with every subcommand (building it
    costs as much as the first window itself). Anything else goes through the full parser.
    """
    data_dir, args = None, list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--data-dir" and args and not args[0].startswith("-"):
            data_dir = args.pop(0)
        elif arg.startswith("--data-dir="):
            data_dir = arg.split("=", 1)[1]
        else:
            return False, None
    return True, data_dir


def shown_safely(text: str, limit: int | None = None) -> str:
    """``text`` (a message naming what a file held) fit for a terminal: control and formatting
    characters written as escapes (a CSV's header of raw bytes sent its escape codes to the
    terminal), cut at ``limit`` characters when given (that header was kilobytes long)."""
    import unicodedata

    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    if text.isprintable():
        return text
    return "".join(ch if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
                   else ch.encode("unicode_escape", "backslashreplace").decode("ascii") for ch in text)


def named_as_typed(exc, typed_as: dict[str, str]) -> None:
    """A refused value named as the command line has it (``typed_as``: a service's field -> the option or
    argument, set by each command). The services name their form's fields, so the desk places a message
    beside its widget; here "warning_note:" was said of what `--note` gave."""
    from app.foundation.errors import InvalidInput

    if not isinstance(exc, InvalidInput):
        return
    for one in getattr(exc, "problems", None) or (exc,):
        field = one.params.get("field")
        if field in typed_as:
            one.params = {**one.params, "field": typed_as[field]}


def _closed_pipe() -> int:
    """The reader of our output went away (``| head -1``): stop quietly, as a shell tool does.

    Python would report the pipe again when it flushes stdout at exit: point stdout at the null
    device first. 141 is what a shell reports for a program ended by SIGPIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_CLOSED_PIPE


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    private_umask()  # before the first file is made: reports, exports and the store are private
    gui, data_dir = gui_data_dir(sys.argv[1:] if argv is None else argv)
    if gui:
        from app.ui.shell.application import run_gui

        return run_gui(resolve_data_dir(data_dir))

    from app.foundation.errors import ImportRejected, RecoveryDeskError  # not on the application's start path
    from app.foundation.translation import Words, pick_language

    translate = Words(pick_language())
    parser = build_parser(translate)
    args = parser.parse_args(argv)
    if args.command is None:
        from app.ui.shell.application import run_gui

        return run_gui(resolve_data_dir(args.data_dir))
    if not hasattr(args, "run"):
        parser.parse_args([args.command, "--help"])
    args.translate = translate
    try:
        code = args.run(args, translate) or EXIT_OK
        sys.stdout.flush()  # here, not at exit, so a closed pipe is caught below
        return code
    except BrokenPipeError:
        return _closed_pipe()
    except ImportRejected as exc:
        print(shown_safely(exc.render(translate)), file=sys.stderr)
        shown = exc.problems[:200]
        for pr in shown:
            if pr.column:
                where = translate("Cli", "line {line}, column {column}").format(
                    line=pr.line, column=shown_safely(exc.column_as_written(pr.column), 60))
            else:
                where = translate("Cli", "line {line}").format(line=pr.line)
            print("  " + shown_safely(translate("Cli", "{where}: {problem}").format(
                where=where, problem=pr.render(translate))), file=sys.stderr)
        if len(exc.problems) > len(shown):
            print("  " + translate("Cli", "... and {n} more problems.").format(n=len(exc.problems) - len(shown)),
                  file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecoveryDeskError as exc:
        named_as_typed(exc, getattr(args, "typed_as", {}))
        print(translate("Cli", "Error: ") + shown_safely(exc.render(translate)), file=sys.stderr)
        from app.cli.acting import ActingRefused
        from app.foundation.errors import InvalidInput, NotFound
        from app.services.dealer_data import DealerNotHere
        from app.services.people.lockouts import SignInLocked
        from app.services.cases.case_log import NotAllowed
        from app.services.people.users import SignInFailed

        refused = (InvalidInput, NotFound, DealerNotHere, ActingRefused, SignInFailed, SignInLocked, NotAllowed)
        return EXIT_BAD_INPUT if isinstance(exc, refused) else EXIT_FAILED
    except OSError as exc:  # a full or read-only disk, a folder it may not write in: words, not a traceback
        from app.foundation.errors import FileUnusable
        from app.models.store_faults import fault_of

        fault = fault_of(exc, resolve_data_dir(getattr(args, "data_dir", None)))
        if fault is None:
            fault = FileUnusable.of(exc)
        print(translate("Cli", "Error: ") + fault.render(translate), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
