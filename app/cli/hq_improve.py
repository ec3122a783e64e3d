"""`recovery-desk hq improve add | list`: one improvement action head office raises for several dealers sharing a cause."""

from __future__ import annotations


def register(hq_sub, translate) -> None:
    from app.cli import acting
    from app.cli.hq_admin import _db_action

    p = hq_sub.add_parser("improve", help=translate(
        "Cli", "improvement actions head office raises for several dealers sharing a cause"))
    verbs = p.add_subparsers(dest="improve_command", metavar="ACTION", required=True)
    a = _db_action(verbs, "add", translate("Cli", "raise one action for the chosen dealers; each dealer's counters "
                                                  "get it on their next sync"), translate)
    a.add_argument("--dealers", required=True, metavar="CODE,CODE",
                   help=translate("Cli", "the dealers sharing the cause, by code, comma-separated"))
    acting.add_action_arguments(a, translate, figure_required=True)
    a.add_argument("--owner-role", default="supervisor", metavar="ROLE", choices=("advisor", "supervisor", "admin"),
                   help=translate("Cli", "who owns it at each dealer: advisor, supervisor or admin (default supervisor)"))
    a.add_argument("--owner", action="append", default=[], metavar="CODE=USER",
                   help=translate("Cli", "a person owning it at one dealer instead of the role (repeatable)"))
    a.set_defaults(run=run_add, typed_as={**acting.ACTION_OPTIONS, "dealers": "--dealers"})
    ls = _db_action(verbs, "list", translate("Cli", "every dealer's actions, open and overdue first, with their figure"),
                    translate)
    ls.add_argument("--json", action="store_true", help=translate("Cli", "print one JSON object"))
    ls.set_defaults(run=run_list)


def run_add(args, translate) -> int:
    from app.cli import acting
    from app.cli.hq_admin import _db
    from app.foundation.errors import InvalidInput
    from app.hq.improve import raise_for_dealers

    due, kind, subject = acting.action_due_and_figure(args, translate)
    owners = {}
    for pair in args.owner:
        code, eq, user = pair.partition("=")
        if not eq or not code.strip() or not user.strip():
            raise InvalidInput(field="--owner", problem=translate("Cli", "CODE=USER, e.g. BJ01=liu"))
        owners[code.strip()] = user.strip()
    codes = [c.strip() for c in args.dealers.split(",") if c.strip()]
    raised = raise_for_dealers(_db(args), codes, args.title, due, figure_kind=kind, figure_subject=subject,
                               owner_role=args.owner_role, owners=owners)
    print(raised.network_id)
    print(translate("Cli", "Raised for {dealers}; each dealer's counters get it on their next sync.").format(
        dealers=", ".join(raised.shares)))
    return 0


def run_list(args, translate) -> int:
    from app.cli.hq_admin import _db
    from app.cli.improve import print_actions
    from app.services.predict.improvements import actions

    db = _db(args)
    try:
        rows = actions(db, "*")
    finally:
        db.close()
    print_actions(rows, args.json, translate)
    return 0
