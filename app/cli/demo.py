"""`recovery-desk demo`: fill a store with realistic demo data."""

from __future__ import annotations

CTX = "Cli"


def register(sub, translate) -> None:
    p = sub.add_parser("demo", help=translate("Cli", "fill the store with realistic demo data"))
    p.add_argument("--forms", type=int, default=500, metavar="N")
    p.add_argument("--cases", type=int, default=50, metavar="N")
    p.add_argument("--dealer", metavar="CODE", help=translate("Cli", "dealer code (default: this store's dealer)"))
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--drift", action="store_true",
                   help=translate("Cli", "plant the drifts docs/prediction.md describes, for the early warnings to find"))
    p.set_defaults(run=run)


def run(args, translate) -> int:
    from app.cli import open_store_for
    from app.foundation.errors import InvalidInput
    from app.services.demo.sample_data import PLANTED_DRIFTS, fill_demo

    if args.forms < 0 or args.cases < 0:
        raise InvalidInput(field="--forms/--cases", problem=translate("Cli", "must be 0 or more"))
    store = open_store_for(args)
    from app.services.demo.sample_data import holds_real_data
    from app.services.people.users import DEMO_PIN, ensure_demo_users

    try:
        if holds_real_data(store):  # invented customers must never mix with a dealer's own
            raise InvalidInput(field="demo", problem=translate("Cli",
                "this store holds a dealer's own data (people who sign in, or forms not made by the demo); "
                "demo data goes only into a new or a demo store: use another --data-dir"))
        r = fill_demo(store, args.forms, args.cases, dealer_code=args.dealer, seed=args.seed,
                      drifts=PLANTED_DRIFTS if args.drift else ())
        demo_users = ensure_demo_users(store)
    finally:
        store.close()
    print(translate("Cli", "Demo data added to dealer {dealer}: {forms} feedback forms, {cases} cases.")
          .format(dealer=r.dealer_code, forms=r.forms, cases=r.cases))
    if demo_users:
        print(translate("Cli", "Demo users who can sign in with PIN {pin}: {users}")
              .format(pin=DEMO_PIN, users=", ".join(demo_users)))
    return 0
