"""`recovery-desk hq ...`: head-office commands, each family registered from its own module."""

from __future__ import annotations

import importlib

# Modules with register(hq_subparsers, translate): the intake server, dealers, reports...
HQ_COMMAND_MODULES: list[str] = ["app.cli.hq_report"]


def register(sub, translate) -> None:
    hq = sub.add_parser("hq", help=translate("Cli", "head-office commands (central database, intake server, reports)"))
    hq_sub = hq.add_subparsers(dest="hq_command", metavar="ACTION", required=True)
    for name in HQ_COMMAND_MODULES:
        importlib.import_module(name).register(hq_sub, translate)
