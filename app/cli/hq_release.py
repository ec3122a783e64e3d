"""`recovery-desk hq release`: publish a new version of the program to the counters."""

from __future__ import annotations

from pathlib import Path


def register(hq_sub, translate) -> None:
    rel = hq_sub.add_parser("release", help=translate(
        "Cli", "publish a new version of the program (the Windows setup .exe or the .deb) to counters"))
    rel.add_argument("--db", required=True, metavar="URL",
                     help=translate("Cli", "central database: a SQLite file path or postgresql+psycopg://..."))
    rel.add_argument("file", metavar="FILE")
    rel.add_argument("--version", required=True, metavar="X.Y.Z", dest="release_version",
                     help=translate("Cli", "the version the file installs; counters take only a newer one"))
    rel.add_argument("--platform", choices=["windows", "linux"],
                     help=translate("Cli", "which counters the file is for (default: from its name, .exe or .deb)"))
    rel.add_argument("--dealer", metavar="CODE", help=translate("Cli", "only this dealer (default: all)"))
    rel.set_defaults(run=run_release)


def run_release(args, translate) -> int:
    from app.cli.hq_admin import _db
    from app.hq.releases import publish_release

    r = publish_release(_db(args), Path(args.file), args.release_version, args.platform, args.dealer)
    print(translate("Cli", "Published version {version} for {platform} ({size:.1f} MB, SHA-256 {sha}) to {who}; "
                    "counters fetch it on their next sync and install it when the desk closes.").format(
        version=r.version, platform=r.platform, size=r.size / 1e6, sha=r.sha256[:16],
        who=r.dealer_code or translate("Cli", "all dealers")))
    return 0
