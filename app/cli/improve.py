"""`recovery-desk improve`: improvement actions raised from closed cases (`add`), listed with whether
their figure moved (`list`), completed (`done`)."""

from __future__ import annotations

import json
import sys


def register(sub, translate) -> None:
    from app.cli import acting

    p = sub.add_parser("improve", help=translate("Cli", "improvement actions raised from closed cases' root causes"))
    verbs = p.add_subparsers(dest="verb", required=True)
    a = verbs.add_parser("add", help=translate("Cli", "turn a closed case's root cause into an improvement action"))
    a.add_argument("case", metavar="CASE", help=translate("Cli", "the case's number"))
    acting.add_action_arguments(a, translate, figure_required=False)
    a.add_argument("--owner", metavar="USER", help=translate("Cli", "who does it (a user name)"))
    acting.add_arguments(a, translate)
    a.set_defaults(run=run_add, typed_as={**acting.ACTION_OPTIONS, "case": "CASE"})
    ls = verbs.add_parser("list", help=translate("Cli", "the actions, open and overdue first, with their figure"))
    ls.add_argument("--json", action="store_true", help=translate("Cli", "print one JSON object"))
    ls.set_defaults(run=run_list)
    d = verbs.add_parser("done", help=translate("Cli", "mark an action done"))
    d.add_argument("action", metavar="ID", help=translate("Cli", "the action's id, as `improve list --json` prints it"))
    d.add_argument("--note", default="", help=translate("Cli", "what was done"))
    acting.add_arguments(d, translate)
    d.set_defaults(run=run_done, typed_as={"improvement": "ID", "warning_note": "--note"})


def run_add(args, translate) -> int:
    from sqlalchemy import select

    from app.cli import acting, open_store_for
    from app.foundation.errors import InvalidInput
    from app.models import FailureCase, User
    from app.services.predict.improvements import raise_action

    due, kind, subject = acting.action_due_and_figure(args, translate)
    store = open_store_for(args)
    try:
        who = acting.named_user(args, store, translate, role="supervisor")
        with store.session() as s:
            case_id = s.scalar(select(FailureCase.id).where(FailureCase.number == args.case.strip(),
                                                             FailureCase.dealer_id == store.identity.home_dealer_id))
            owner_id = s.scalar(select(User.id).where(User.username == args.owner.strip())) if args.owner else None
        if case_id is None:
            raise InvalidInput(field="CASE", problem=translate("Cli", "no case numbered {n} at this dealer").format(n=args.case))
        if args.owner and owner_id is None:
            raise InvalidInput(field="--owner", problem=translate("Cli", "no user named {n}").format(n=args.owner))
        aid = raise_action(store, case_id, args.title, owner_id, due, who,
                           figure_kind=kind or None, figure_subject=subject or None)
    finally:
        store.close()
    print(aid)
    return 0


def _figure(f) -> str:
    return "-" if f is None or f.share is None else f"{f.share:.1%} ({f.failures}/{f.forms})"


def run_list(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.predict.improvements import actions

    store = open_store_for(args)
    try:
        rows = actions(store)
    finally:
        store.close()
    print_actions(rows, args.json, translate)
    return 0


def print_actions(rows, as_json: bool, translate) -> None:
    """The actions as lines or one JSON object (a head office action names no case: "case" is null)."""
    if as_json:
        fig = lambda f: None if f is None else {"forms": f.forms, "failures": f.failures}  # noqa: E731
        json.dump({"actions": [{"id": a.id, "dealer": a.dealer, "case": a.case_number or None, "title": a.title,
                                "owner": a.owner or a.owner_role, "due_on": a.due_on.isoformat(),
                                "figure": f"{a.figure_kind}:{a.figure_subject}", "from_head_office": a.from_head_office,
                                "done": a.done_at is not None, "before": fig(a.before), "after": fig(a.after),
                                "verdict": a.verdict} for a in rows]}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    words = {"open": translate("Cli", "open"), "overdue": translate("Cli", "OVERDUE"),
             "not_due": translate("Cli", "done, not due yet"), "too_few": translate("Cli", "done, too few forms yet"),
             "better": translate("Cli", "done, the figure fell"), "worse": translate("Cli", "done, the figure rose"),
             "unchanged": translate("Cli", "done, no clear change")}
    for a in rows:
        print(translate("Cli", "{due}  {state}  {title} ({case}, {owner}); {figure}: before {before}, after {after}  {id}")
              .format(due=a.due_on.isoformat(), state=words[a.verdict], title=a.title,
                      case=a.case_number or translate("Cli", "head office"), owner=a.owner or a.owner_role or "-",
                      figure=f"{a.figure_kind}:{a.figure_subject}", before=_figure(a.before),
                      after=_figure(a.after), id=a.id))


def run_done(args, translate) -> int:
    from app.cli import acting, open_store_for
    from app.services.predict.improvements import complete_action

    store = open_store_for(args)
    try:
        newly = complete_action(store, args.action, acting.named_user(args, store, translate, role="advisor"), args.note)
    finally:
        store.close()
    # A second time: said so (it printed "Done." while the note given was dropped).
    print(translate("Cli", "Done.") if newly else
          translate("Cli", "It was done already; nothing changed (its note stays as it was)."))
    return 0
