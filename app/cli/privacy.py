"""`recovery-desk privacy purge|export`: anonymise customers past the retention period; a customer's
own records as a PDF."""

from __future__ import annotations

from app.cli import acting

CTX = "Cli"


def register(sub, translate) -> None:
    p = sub.add_parser("privacy", help=translate("Cli", "personal data: anonymise old customers, export a "
                                                        "customer's records"))
    psub = p.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    g = psub.add_parser("purge", help=translate("Cli", "anonymise customers whose last case or form is older than "
                                                       "the retention period (an administrator)"))
    g.add_argument("--dry-run", action="store_true", help=translate("Cli", "only say how many would be anonymised"))
    acting.add_arguments(g, translate)
    g.set_defaults(run=run_purge)
    e = psub.add_parser("export", help=translate("Cli", "a customer's own records as a PDF, for the customer"))
    e.add_argument("--customer", required=True, metavar="ID", help=translate("Cli", "the customer (see customers find)"))
    e.add_argument("--out", required=True, metavar="FILE.pdf", help=translate("Cli", "where to write the PDF"))
    e.add_argument("--lang", choices=("zh_CN", "en"),
                   help=translate("Cli", "language of the report (default: the language of these messages)"))
    acting.add_arguments(e, translate)
    e.set_defaults(run=run_export)


def run_purge(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.privacy.purging import purge

    store = open_store_for(args)
    try:
        who = acting.acting_user(args, store, translate, role="admin")
        done = purge(store, who.user_id if who else None, dry_run=args.dry_run, daily=who is None)
    finally:
        store.close()
    text = (translate("Cli", "{n} customers last seen on or before {cutoff} would be anonymised ({cases} cases, "
                             "{forms} forms); nothing was changed.") if done.dry_run else
            translate("Cli", "{n} customers last seen on or before {cutoff} were anonymised ({cases} cases, "
                             "{forms} forms)."))
    print(text.format(n=done.customers, cutoff=done.cutoff.isoformat(), cases=done.cases, forms=done.forms))
    return 0


def run_export(args, translate) -> int:
    from app.cli import open_store_for
    from app.cli.report import check_out, report_words, write_atomically
    from app.reports import customer_records

    out = check_out(args.out, translate)
    store = open_store_for(args)
    try:
        who = acting.acting_user(args, store, translate, role="advisor")
        data = customer_records.gather(store, args.customer)
    finally:
        store.close()
    words = report_words(args, translate)
    write_atomically(out, lambda f: customer_records.render(data, f, words, who.display_name if who else ""))
    print(translate("Cli", "Wrote {file}.").format(file=out))
    return 0
