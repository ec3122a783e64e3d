"""`recovery-desk warn backtest`: the early warnings replayed over a store's history."""

from __future__ import annotations

import json
import sys


def register(sub, translate) -> None:
    p = sub.add_parser("warn", help=translate("Cli", "early warnings of drifting failure shares"))
    verbs = p.add_subparsers(dest="verb", required=True)
    b = verbs.add_parser("backtest", help=translate("Cli", "replay the store's history day by day and list the "
                                                           "warnings that would have fired"))
    b.add_argument("--dealer", metavar="CODE", help=translate("Cli", "dealer code (default: this store's dealer)"))
    b.add_argument("--json", action="store_true", help=translate("Cli", "print one JSON object"))
    b.set_defaults(run=run_backtest)


def run_backtest(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.predict.backtest import backtest

    store = open_store_for(args)
    try:
        result = backtest(store, args.dealer)
    finally:
        store.close()
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    items = {"timeliness": translate("Cli", "Timeliness"), "repair_quality": translate("Cli", "Repair quality"),
             "attitude": translate("Cli", "Attitude")}
    print(translate("Cli", "Dealer {dealer}: history {first} to {last}, {months} months watched").format(
        dealer=result.dealer, first=result.first_day or "-", last=result.last_day or "-",
        months=f"{result.watched_months:.1f}"))
    for w in result.warnings:
        subject = items.get(w.subject, w.subject)
        if w.item and w.kind != "item":
            subject += " / " + items[w.item]
        print(translate("Cli", "{fired}  {subject}: {failures} of {forms} failed since {since} (baseline {base}); "
                               "the month's summary would show it on {month_end}").format(
            fired=w.fired_on.isoformat(), subject=subject, failures=w.failures, forms=w.forms,
            since=w.since.isoformat(), base=f"{w.baseline:.0%}", month_end=w.month_end_on.isoformat()))
    print(translate("Cli", "{n} warnings, {false} of them not borne out afterwards ({rate} a month)").format(
        n=len(result.warnings), false=result.false_alarms,
        rate="-" if result.false_alarms_per_dealer_month is None else f"{result.false_alarms_per_dealer_month:.2f}"))
    return 0
