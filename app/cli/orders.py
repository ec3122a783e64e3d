"""`recovery-desk orders`: repair orders from the dealer's management system (`import`), and the 3-day
calls' risk model fitted on them (`refit`, which the desk runs in a process of its own)."""

from __future__ import annotations

from app.cli import acting

CTX = "Cli"


def register(sub, translate) -> None:
    orders = sub.add_parser("orders", help=translate("Cli", "repair orders: import them from the dealer's management "
                                                                  "system, fit their calls' risk model"))
    os_ = orders.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    imp = os_.add_parser("import", help=translate(
        "Cli", "import repair orders from an Excel workbook or a CSV file (all or nothing; an order again is stored once)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--map", metavar="COLUMN=HEADER,...", default="", help=translate(
        "Cli", "which of the file's columns is which, where its headers are not recognised, e.g. opened=\"Open time\""))
    imp.add_argument("--dealer", metavar="CODE", help=translate("Cli", "dealer code (default: this store's dealer)"))
    acting.add_arguments(imp, translate)
    imp.set_defaults(run=run_import)
    fit = os_.add_parser("refit", help=translate(
        "Cli", "fit the 3-day calls' risk model on each dealer's history now (the desk does it in the background)"))
    fit.add_argument("--dealer", metavar="CODE", help=translate(
        "Cli", "only this dealer (default: this store's dealer and every other whose repair orders it holds)"))
    fit.add_argument("--background", action="store_true",
                     help=translate("Cli", "run at a lower priority, as the desk starts it, so the window keeps the CPU"))
    fit.set_defaults(run=run_refit)


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


def run_refit(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.predict.elsewhere import lower_priority, one_child_at_a_time
    from app.services.predict.risk_model import refit_every

    if args.background:
        lower_priority()
    store = open_store_for(args)
    try:
        if not args.background:
            fitted = refit_every(store, args.dealer)
        else:
            with one_child_at_a_time(store, "risk-fit"):
                fitted = refit_every(store, args.dealer)
    finally:
        store.close()
    for f in fitted:
        print(translate("Cli", "Dealer {dealer}: risk model fitted on {orders} repair orders with a form, {failures} "
                               "of them failed.").format(dealer=f.dealer, orders=f.fitted_on, failures=f.failures))
    return 0
