"""`recovery-desk warn`: the early warnings worked out and listed (`refresh`, `list`), acknowledged
(`ack`), and replayed over a store's history (`backtest`)."""

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
    r = verbs.add_parser("refresh", help=translate("Cli", "work the dealer's warnings out from its history now "
                                                          "(the desk does it in the background)"))
    r.add_argument("--background", action="store_true",
                   help=translate("Cli", "run at a lower priority, as the desk starts it, so the window keeps the CPU"))
    r.set_defaults(run=run_refresh)
    ls = verbs.add_parser("list", help=translate("Cli", "the warnings no supervisor has acknowledged"))
    ls.add_argument("--json", action="store_true", help=translate("Cli", "print one JSON object"))
    ls.set_defaults(run=run_list)
    a = verbs.add_parser("ack", help=translate("Cli", "acknowledge a warning (a supervisor)"))
    a.add_argument("warning", metavar="ID", help=translate("Cli", "the warning's id, as `warn list --json` prints it"))
    a.add_argument("--note", default="", help=translate("Cli", "what will be done about it"))
    from app.cli import acting

    acting.add_arguments(a, translate)
    a.set_defaults(run=run_ack, typed_as={"warning": "ID", "warning_note": "--note"})


def _items(translate) -> dict[str, str]:
    return {"timeliness": translate("Cli", "Timeliness"), "repair_quality": translate("Cli", "Repair quality"),
            "attitude": translate("Cli", "Attitude")}


def run_refresh(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.predict import worked_out
    from app.services.predict.elsewhere import lower_priority, one_child_at_a_time
    from app.services.predict.warnings import refresh

    if args.background:
        lower_priority()
    store = open_store_for(args)
    try:
        if not args.background:
            made = refresh(store)
        else:
            with one_child_at_a_time(store, "warnings"):
                # Another child may have worked them out from this very history while this one waited.
                made = [] if worked_out.up_to_date(store, store.identity.home_dealer_id) else refresh(store)
    finally:
        store.close()
    print(translate("Cli", "{n} new warnings").format(n=len(made)))
    return 0


def run_list(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.predict.monitor import grades_crossed
    from app.services.predict.warnings import open_warnings

    store = open_store_for(args)
    try:
        rows = open_warnings(store, limit=500)
    finally:
        store.close()
    if args.json:
        json.dump({"warnings": [{"id": w.id, "dealer": w.dealer, "kind": w.kind, "subject": w.subject,
                                 "item": w.item, "since": w.since.isoformat(), "fired_on": w.fired_on.isoformat(),
                                 "forms": w.forms, "failures": w.failures, "baseline_share": round(w.baseline, 4),
                                 "repair_orders": list(w.repair_orders), "figure": w.figure,
                                 **({"grades_since": dict(zip("ABCDE", w.grades)),
                                     "usual_grades": dict(zip("ABCDE", w.usual_grades))} if w.grades else {})}
                                for w in rows]},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    items = _items(translate)
    for w in rows:
        subject = items.get(w.subject, w.subject) if w.kind == "item" else \
            w.subject + (" / " + items[w.item] if w.item else "")
        print(translate("Cli", "{fired}  {subject}: {failures} of {forms} failed since {since} (baseline {base})  {id}")
              .format(fired=w.fired_on.isoformat(), subject=subject, failures=w.failures, forms=w.forms,
                      since=w.since.isoformat(), base=f"{w.baseline:.0%}", id=w.id))
        if w.grades is not None:
            print("    " + grades_crossed(w, translate))
    print(translate("Cli", "{n} warnings waiting for a supervisor").format(n=len(rows)))
    return 0


def run_ack(args, translate) -> int:
    from app.cli import acting, open_store_for
    from app.services.predict.warnings import acknowledge

    store = open_store_for(args)
    try:
        newly = acknowledge(store, args.warning, acting.named_user(args, store, translate, role="supervisor"), args.note)
    finally:
        store.close()
    # A second time: said so (it printed "Acknowledged." while the note given was dropped).
    print(translate("Cli", "Acknowledged.") if newly else
          translate("Cli", "It was acknowledged already; nothing changed (its note stays as it was)."))
    return 0


def run_backtest(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.predict.backtest import backtest
    from app.services.predict.monitor import grades_crossed

    store = open_store_for(args)
    try:
        result = backtest(store, args.dealer)
    finally:
        store.close()
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    items = _items(translate)
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
        if w.grades is not None:  # the figure that crossed its limit: the item's grades, not only D or E
            print("    " + grades_crossed(w, translate))
    print(translate("Cli", "{n} warnings, {false} of them not borne out afterwards ({rate} a month)").format(
        n=len(result.warnings), false=result.false_alarms,
        rate="-" if result.false_alarms_per_dealer_month is None else f"{result.false_alarms_per_dealer_month:.2f}"))
    return 0
