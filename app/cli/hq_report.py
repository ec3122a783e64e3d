"""`recovery-desk hq report`: the network report from head office's central database."""

from __future__ import annotations


def register(hq_sub, translate) -> None:
    p = hq_sub.add_parser("report", help=translate("Cli", "the network report: every dealer's month side by side"))
    p.add_argument("--db", required=True, metavar="URL",
                   help=translate("Cli", "the central database, e.g. postgresql+psycopg://user@host/recovery"))  # noqa: E501
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=translate("Cli", "where to write the PDF"))
    p.add_argument("--lang", choices=("zh_CN", "en"),
                   help=translate("Cli", "language of the report (default: the language of these messages)"))
    p.add_argument("--analyst", metavar="NAME", required=True,
                   help=translate("Cli", "your name, printed in the page header as the one who printed the report"))
    p.set_defaults(run=run_report, typed_as={"display_name": "--analyst"})


def run_report(args, translate) -> int:
    from app.cli.report import check_out, report_words, write_atomically
    from app.reports import network
    from app.services.assessment import parse_month

    parse_month(args.month)
    out = check_out(args.out, translate)
    analyst = analyst_name(args.analyst, translate)
    from app.cli.hq_admin import _db

    db = _db(args)
    try:
        data = network.gather(db, args.month)
    finally:
        db.close()
    write_atomically(out, lambda f: network.render(data, f, report_words(args, translate), analyst))
    print(translate("Cli", "Wrote {file}.").format(file=out))
    return 0


def analyst_name(text: str | None, translate) -> str:
    """Head office's analyst as typed, checked as any one-line name (the login name is nobody's)."""
    from app.foundation.errors import InvalidInput
    from app.rules import fields

    name = (text or "").strip()
    if not name:
        raise InvalidInput(field="--analyst", problem=translate("Cli", "name yourself: the report says who printed it"))
    fields.check("display_name", name)
    return name
