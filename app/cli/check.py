"""`recovery-desk check`: open the first window, wait until it is ready, print what was found, close."""

from __future__ import annotations

import json
from pathlib import Path


def register(sub, translate) -> None:
    p = sub.add_parser("check", help=translate(
        "Cli", "check this installation: open the first window and the store, print what was found, close"))
    p.add_argument("--screenshot", metavar="FILE.png", help=translate("Cli", "save the first window as a picture"))
    p.set_defaults(run=run_check)


def run_check(args, translate) -> int:
    from app.foundation.paths import resolve_data_dir
    from app.ui.shell.selfcheck import check

    report = check(resolve_data_dir(args.data_dir), Path(args.screenshot) if args.screenshot else None)
    print(json.dumps(report, ensure_ascii=False))
    if args.screenshot and not report.get("screenshot"):  # it said all was well and wrote no picture
        import sys

        print(translate("Cli", "Error: ") + translate("Cli", "the picture could not be saved as {path}: check that "
                                                      "its folder exists and this account may write in it.").format(
            path=args.screenshot), file=sys.stderr)
        return 1
    return 0 if report["ready"] and report["store"] and report["chinese_font"] else 1
