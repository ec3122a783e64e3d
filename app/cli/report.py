"""`recovery-desk report feedback|cases`: the monthly PDFs from this store."""

from __future__ import annotations

from app.cli import acting

CTX = "Cli"


def _common(p, translate) -> None:
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=translate("Cli", "where to write the PDF"))
    p.add_argument("--dealer", metavar="CODE", help=translate("Cli", "dealer code (default: this store's dealer)"))
    p.add_argument("--lang", choices=("zh_CN", "en"),
                   help=translate("Cli", "language of the report (default: the language of these messages)"))
    acting.add_arguments(p, translate)  # the page header names this person, never the login name


def register(sub, translate) -> None:
    rp = sub.add_parser("report", help=translate("Cli", "print the monthly PDF reports"))
    rps = rp.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    fb = rps.add_parser("feedback", help=translate("Cli", "the monthly feedback summary (reward or penalty)"))
    _common(fb, translate)
    fb.add_argument("--advisor", metavar="NAME", help=translate("Cli", "only this advisor's forms"))
    fb.set_defaults(run=run_feedback)
    cs = rps.add_parser("cases", help=translate("Cli", "the case recovery report"))
    _common(cs, translate)
    cs.set_defaults(run=run_cases)


def check_out(path_text: str, translate):
    """The output file's folder must exist and the name end in .pdf; say so before any work."""
    from pathlib import Path

    from app.foundation.errors import InvalidInput

    out = Path(path_text).expanduser()
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(field="--out", problem=translate("Cli", "the file name must end in .pdf"))
    if not out.parent.is_dir():
        raise InvalidInput(field="--out", problem=translate("Cli", "folder {folder} does not exist").format(
            folder=out.parent))
    if out.is_dir():
        raise InvalidInput(field="--out", problem=translate("Cli", "that is a folder; give a file name"))
    return out


def report_words(args, translate):
    from app.foundation.translation import Words

    return translate if not args.lang or args.lang == translate.language else Words(args.lang)


def write_atomically(out, render) -> None:
    """Write to a temporary file next to ``out`` and rename: a failed run leaves no half PDF."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(suffix=".pdf.part", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            render(f)
        os.replace(tmp, out)
    except BaseException:
        os.unlink(tmp)
        raise


def _run(args, translate, module, gather_kw) -> int:
    from app.cli import open_store_for
    from app.services.assessment import parse_month

    parse_month(args.month)
    out = check_out(args.out, translate)
    words = report_words(args, translate)
    from app.services.dealer_data import reported_dealer

    store = open_store_for(args)
    try:
        # A person of the dealer prints: the one named with --as (a store nobody can sign in to yet,
        # a fresh or a demo one, prints unnamed). The login name of the PC is nobody's.
        who = acting.acting_user(args, store, translate, role="advisor")
        data = module.gather(store, args.month, reported_dealer(store, args.dealer), **gather_kw)
    finally:
        store.close()
    printer = who.display_name if who is not None else ""
    write_atomically(out, lambda f: module.render(data, f, words, printer))
    print(translate("Cli", "Wrote {file}.").format(file=out))
    return 0


def run_feedback(args, translate) -> int:
    from app.reports import feedback

    return _run(args, translate, feedback, {"advisor": args.advisor})


def run_cases(args, translate) -> int:
    from app.reports import cases

    return _run(args, translate, cases, {})
