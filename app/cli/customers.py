"""`recovery-desk customers find|merge`: find a customer's records; merge two records of one person."""

from __future__ import annotations

import sys

from app.cli import acting

CTX = "Cli"


def register(sub, translate) -> None:
    p = sub.add_parser("customers", help=translate("Cli", "find customers; merge two records of one customer"))
    csub = p.add_subparsers(dest="customers_command", metavar="ACTION", required=True)
    f = csub.add_parser("find", help=translate("Cli", "customers whose phone, plate or name starts with TEXT"))
    f.add_argument("text", metavar="TEXT")
    f.set_defaults(run=run_find)
    m = csub.add_parser("merge", help=translate("Cli", "move every case and form of one record of a customer to "
                                                       "another and remove it (a supervisor)"))
    m.add_argument("--keep", required=True, metavar="ID", help=translate("Cli", "the record kept (see customers find)"))
    m.add_argument("--merge", required=True, metavar="ID", help=translate("Cli", "the record merged into it"))
    acting.add_arguments(m, translate)
    m.set_defaults(run=run_merge, typed_as={"customer": "--keep/--merge"})


def run_find(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.cases.case_queries import find_customers

    store = open_store_for(args)
    try:
        found = find_customers(store, args.text, limit=50)
    finally:
        store.close()
    for c in found:
        print("\t".join((c.customer_id, c.name, c.phone, c.plate)))
    if not found:  # it printed nothing at all, for a search too short as for one that matched nobody
        print(translate("Cli", "No customer's phone, plate or name starts with \"{text}\" (give two letters or "
                        "digits at least, or one Chinese character).").format(text=args.text.strip()), file=sys.stderr)
    return 0


def run_merge(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.customers.merging import merge_customers

    store = open_store_for(args)
    try:
        who = acting.acting_user(args, store, translate, role="supervisor")
        done = merge_customers(store, args.keep, args.merge, who.user_id if who else None)
    finally:
        store.close()
    print(translate("Cli", "Merged: {cases} cases and {forms} forms moved to the record kept.").format(
        cases=done.cases, forms=done.forms))
    return 0
