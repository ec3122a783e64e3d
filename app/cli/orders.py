"""`recovery-desk orders import`: repair orders from the dealer's management system."""

from __future__ import annotations

from app.cli import acting

CTX = "Cli"


def register(sub, translate) -> None:
    orders = sub.add_parser("orders", help=translate("Cli", "import repair orders from the dealer's management system"))
    os_ = orders.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    imp = os_.add_parser("import", help=translate(
        "Cli", "import repair orders from an Excel workbook or a CSV file (all or nothing; an order again is stored once)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--map", metavar="COLUMN=HEADER,...", default="", help=translate(
        "Cli", "which of the file's columns is which, where its headers are not recognised, e.g. opened=\"Open time\""))
    imp.add_argument("--dealer", metavar="CODE", help=translate("Cli", "dealer code (default: this store's dealer)"))
    acting.add_arguments(imp, translate)
    imp.set_defaults(run=run_import)


def run_import(args, translate) -> int:
    from app.cli import open_store_for, read_to_import
    from app.services.orders.rows import COLUMNS, read_orders
    from app.services.orders.store import store_orders

    checked = read_to_import(args, translate, read_orders, COLUMNS)
    store = open_store_for(args)
    try:
        who = acting.acting_user(args, store, translate, role="advisor")
        r = store_orders(store, checked, args.dealer, actor_id=who.user_id if who else None)
    finally:
        store.close()
    print(translate("Cli", "{file}: {rows} repair orders read, {added} new, {filled} added to forms already stored, "
                           "{updated} changed, {same} already stored (dealer {dealer}).")
          .format(file=r.file, rows=r.rows, added=r.added, filled=r.filled, updated=r.updated, same=r.unchanged,
                  dealer=r.dealer_code))
    return 0
