"""`recovery-desk feedback import|summary`: paper forms in, the monthly assessment out."""

from __future__ import annotations

import json
import sys

from app.cli import acting

CTX = "Cli"


def register(sub, translate) -> None:
    fb = sub.add_parser("feedback", help=translate("Cli", "import feedback forms, print the monthly assessment"))
    fbs = fb.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)

    imp = fbs.add_parser("import", help=translate("Cli", "import feedback forms from an Excel workbook or a CSV file (all or nothing)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--map", metavar="COLUMN=HEADER,...", default="", help=translate(
        "Cli", "which of the file's columns is which, where its headers are not recognised, e.g. date=\"Service day\",phone=Mobile"))
    imp.add_argument("--check", action="store_true", help=translate(
        "Cli", "only read and check the file: print its first rows as they would be stored and every problem; store nothing"))
    imp.add_argument("--dealer", metavar="CODE", help=translate("Cli", "dealer code (default: this store's dealer)"))
    acting.add_arguments(imp, translate)
    imp.set_defaults(run=run_import)

    summ = fbs.add_parser("summary", help=translate("Cli", "print a month's feedback assessment"))
    summ.add_argument("--month", required=True, metavar="YYYY-MM")
    summ.add_argument("--dealer", metavar="CODE", help=translate("Cli", "dealer code (default: this store's dealer)"))
    summ.add_argument("--advisor", metavar="NAME")
    summ.add_argument("--json", action="store_true", help=translate("Cli", "print one JSON object"))
    summ.set_defaults(run=run_summary)


def run_import(args, translate) -> int:
    from app.cli import open_store_for, read_to_import
    from app.services.imports.feedback import COLUMNS, read_feedback
    from app.services.imports.feedback_store import store_feedback

    checked = read_to_import(args, translate, read_feedback, COLUMNS)
    if args.check:
        return _print_check(checked, translate, args)
    store = open_store_for(args)
    try:
        who = acting.acting_user(args, store, translate, role="supervisor")  # forms count in people's pay
        r = store_feedback(store, checked, args.dealer, actor_id=who.user_id if who else None)
    finally:
        store.close()
    print(translate("Cli", "{file}: {rows} forms read, {imported} imported, {same} already stored (dealer {dealer}).")
          .format(file=r.file, rows=r.rows, imported=r.imported, same=r.already_stored, dealer=r.dealer_code))
    return 0


def _print_check(checked, translate, args) -> int:
    """The preview on the command line: the first rows as they would be stored, then the verdict, the
    store's forms included (a repair order stored with other values refuses the file here too)."""
    from app.cli import open_store_for
    from app.foundation.paths import resolve_data_dir
    from app.models.store import STORE_FILE
    from app.services.imports.feedback import KEYS
    from app.services.imports.feedback_store import check_against_store, refuse_if_problems

    refuse_if_problems(checked)  # printed line by line, exit 2
    if (resolve_data_dir(args.data_dir) / STORE_FILE).is_file():  # a check makes no store
        store = open_store_for(args)
        try:
            check_against_store(store, checked, args.dealer)
        finally:
            store.close()
    print("line\t" + "\t".join(KEYS))
    for line, values in checked.first:
        print(f"{line}\t" + "\t".join(values))
    print(translate("Cli", "{file}: {rows} forms read, no problems; nothing was stored (--check).").format(
        file=checked.file, rows=len(checked.forms)))
    return 0


def _fmt(value, digits=2) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}"


def run_summary(args, translate) -> int:
    from app.cli import open_store_for
    from app.services.assessment import month_summary, parse_month
    from app.foundation.textwidth import display_width, ljust, rjust
    from app.services.dealer_data import reported_dealer

    parse_month(args.month)
    store = open_store_for(args)
    try:
        s = month_summary(store, args.month, reported_dealer(store, args.dealer), args.advisor)
    finally:
        store.close()
    if args.json:
        json.dump(s.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    outcome = {"reward": translate("Cli", "reward"), "penalty": translate("Cli", "penalty"), "none": translate("Cli", "neither reward nor penalty")}[s.outcome]
    basis = translate("Cli", "verified forms only") if s.basis == "verified" else translate("Cli", "all forms except disputed ones")
    lines = [
        translate("Cli", "Feedback assessment {month}, dealer {dealer}").format(month=s.month, dealer=s.dealer)
        + (" / " + s.advisor if s.advisor else ""),
        translate("Cli", "Counted: {basis}").format(basis=basis),
        translate("Cli", "Forms assessed: {n} (verified {v}, unverified {u}, disputed {d})").format(
            n=s.forms, v=s.verified_forms, u=s.unverified_forms, d=s.disputed_forms),
        translate("Cli", "Total score: {total}    Average: {avg}").format(total=s.total, avg=_fmt(s.average)),
        translate("Cli", "Previous month {month}: average {avg} over {n} forms").format(
            month=s.previous_month, avg=_fmt(s.previous_average), n=s.previous_forms),
        translate("Cli", "Change: {change}    Outcome: {outcome} {amount}").format(
            change=_fmt(s.change), outcome=outcome, amount=f"({s.amount})" if s.amount else ""),
        translate("Cli", "Failure forms: {f} ({share}; target below {target})").format(
            f=s.failures, share="-" if s.failure_share is None else f"{s.failure_share:.1%}",
            target=f"{s.failure_share_target:.0%}"),
    ]
    names = {"timeliness": translate("Cli", "Timeliness"), "repair_quality": translate("Cli", "Repair quality"), "attitude": translate("Cli", "Attitude")}
    # Columns by the width a terminal draws (a Chinese character takes two), so the counts line up.
    label = max(display_width(n) for n in names.values()) + 4
    lines.append(ljust(translate("Cli", "Grades"), label) + "".join(rjust(g, 6) for g in "ABCDE"))
    for item, counts in s.grades.items():
        lines.append(ljust("  " + names[item], label) + "".join(rjust(str(counts[g]), 6) for g in "ABCDE"))
    lines.append(translate("Cli", "Complaints through other channels: {n}").format(n=s.other_channel_complaints))
    c = s.calls
    if c.get("calls_due"):
        lines.append(translate("Cli", "3-day calls due: {due}, completed {done}, reached {reach}; failures found by "
                                      "the calls: {found}").format(
            due=c["calls_due"], done=f"{c['call_completion_rate']:.0%}", reach=f"{c['call_reach_rate']:.0%}",
            found=c["call_failures_found"]))
    print("\n".join(lines))
    return 0
