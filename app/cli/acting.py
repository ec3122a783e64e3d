"""Who runs a command that changes a store with real users: `--as NAME`, the PIN asked for (or from
RECOVERY_DESK_PIN), the role checked, or the command refused. A store nobody can sign in to yet (a
fresh or a demo one) needs nobody. Also what an improvement action asks of whoever raises one, at a
counter or at head office: its title, due date and figure."""

from __future__ import annotations

import getpass
import os
import sys
from datetime import date

from app.foundation.errors import RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CTX = "Cli"
PIN_ENV = "RECOVERY_DESK_PIN"
_RANK = {"advisor": 0, "supervisor": 1, "admin": 2}


class ActingRefused(RecoveryDeskError):
    """The person named with --as may not run this command. Nothing was changed."""

    text = QT_TRANSLATE_NOOP("Errors", "{name} may not do this: it needs a {needed} or an administrator, "
                             "and {name} is a {role}. Nothing was changed.")
    # An administrator's own command ("it needs a Administrator or an administrator" before).
    ADMIN_ONLY = QT_TRANSLATE_NOOP("Errors", "{name} may not do this: it needs an administrator, and {name} is "
                                   "a {role}. Nothing was changed.")

    def render(self, translate=None) -> str:
        source = self.ADMIN_ONLY if self.params.get("admin_only") else self.text
        text = translate("Errors", source) if translate else source
        role = translate("Vocab", self.params["role"]) if translate else self.params["role"]
        needed = translate("Vocab", self.params["needed"]) if translate else self.params["needed"]
        return text.format(name=self.params["name"], role=role, needed=needed)


def add_arguments(parser, translate) -> None:
    parser.add_argument("--as", dest="acting_as", metavar="NAME",
                        help=translate("Cli", "your user name, when the store has users: the command runs as you "
                                              "(your PIN is asked for, or read from {env})").format(env=PIN_ENV))


def acting_user(args, store, translate, *, role: str):
    """The signed-in person the command runs as (None on a store nobody can sign in to yet); refused
    with a message when --as is missing, the PIN is wrong or the role is below ``role``."""
    from app.foundation.errors import InvalidInput
    from app.services.people import users
    from app.rules.vocab import Role

    if users.needs_first_admin(store):
        return None
    if not args.acting_as:
        raise InvalidInput(field="--as", problem=translate("Cli",
            "this store has users: name yourself with --as NAME (your PIN is asked for, or read from {env})")
            .format(env=PIN_ENV))
    pin = os.environ.get(PIN_ENV)
    if pin is None:
        if not sys.stdin.isatty():
            raise InvalidInput(field="--as", problem=translate("Cli",
                "no PIN: type it when asked (at a terminal) or set {env}").format(env=PIN_ENV))
        pin = getpass.getpass(translate("Cli", "PIN for {name}: ").format(name=args.acting_as))
    who = users.sign_in(store, args.acting_as, pin)  # the wait after wrong PINs applies here too
    if _RANK.get(who.role, -1) < _RANK[role]:
        raise ActingRefused(name=who.display_name, role=Role(who.role).title, needed=Role(role).title,
                            admin_only=role == "admin")
    return who


def named_user(args, store, translate, *, role: str):
    """The person the command runs as, on a store that must have one: what it changes is some named
    person's doing (a warning acknowledged, an improvement action raised or done), so a store nobody
    can sign in to yet refuses it, saying how to get a user."""
    from app.foundation.errors import InvalidInput

    who = acting_user(args, store, translate, role=role)
    if who is None:
        raise InvalidInput(field="--as", problem=translate("Cli",
            "this store has no users yet: this is done by a person named with --as, so create a supervisor "
            "first (the desk asks for the first administrator when it starts)"))
    return who


# The fields an improvement action's service refuses, as its options are typed (see named_as_typed).
ACTION_OPTIONS = {"improvement_title": "--title", "due_on": "--due", "figure": "--figure", "owner": "--owner"}


def add_action_arguments(parser, translate, *, figure_required: bool) -> None:
    """--title, --due and --figure of an improvement action (`improve add`, `hq improve add`); a
    counter's action may leave its figure to the case's cause group, head office's names it."""
    parser.add_argument("--title", required=True, help=translate("Cli", "what will be changed"))
    parser.add_argument("--due", required=True, metavar="YYYY-MM-DD", help=translate("Cli", "when it should be done"))
    if figure_required:
        figure = translate("Cli", "the failure share it should move: cause:GROUP or item:timeliness|repair_quality|"
                                  "attitude")
    else:
        figure = translate("Cli", "the failure share it should move: cause:GROUP or item:timeliness|repair_quality|"
                                  "attitude (default: the case's cause group)")
    parser.add_argument("--figure", required=figure_required, metavar="KIND:SUBJECT", help=figure)


def action_due_and_figure(args, translate) -> tuple[date, str, str]:
    """--due as a date (refused, exit 2, when it isn't YYYY-MM-DD) and --figure split into its kind
    and subject ("" for a part not given); the service checks the figure itself."""
    from app.foundation.errors import InvalidInput

    try:
        due = date.fromisoformat(args.due)
    except ValueError:
        raise InvalidInput(field="--due", problem=translate("Cli", "a date as YYYY-MM-DD, e.g. 2027-01-31")) from None
    kind, _, subject = (args.figure or "").partition(":")
    return due, kind, subject
