"""`recovery-desk connect | sync | export`: a counter joins head office, syncs, or exports offline."""

from __future__ import annotations

import sys

CTX = "Cli"


def register(sub, translate) -> None:
    con = sub.add_parser("connect", help=translate("Cli", "join head office with a one-time enrolment code"))
    con.add_argument("--url", required=True, metavar="URL", help=translate("Cli", "head office's address"))
    con.add_argument("--code", required=True, metavar="CODE", help=translate("Cli", "the enrolment code from head office"))
    con.add_argument("--label", default="", metavar="TEXT", help=translate("Cli", "a name for this counter PC"))
    con.set_defaults(run=run_connect, typed_as={"url": "--url", "code": "--code"})

    sy = sub.add_parser("sync", help=translate("Cli", "send waiting changes to head office and fetch updates"))
    sy.add_argument("--once", action="store_true", help=translate("Cli", "do one round and exit"))
    sy.add_argument("--problems", action="store_true", help=translate("Cli", "list case files head office refused"))
    sy.add_argument("--retry", metavar="SEQ|cN",
                    help=translate("Cli", "send a refused file (its sequence) or a refused change (cN) again in a new file"))
    sy.set_defaults(run=run_sync)

    ex = sub.add_parser("export", help=translate("Cli", "write waiting changes as case files for a USB stick or shared folder"))
    ex.add_argument("--out", required=True, metavar="DIR")
    ex.set_defaults(run=run_export)


def run_connect(args, translate) -> int:
    from app.cli import open_store_for
    from app.sync.connect import connect

    store = open_store_for(args)
    try:
        c = connect(store, args.url, args.code, label=args.label)
    finally:
        store.close()
    print(translate("Cli", "Connected to head office at {url} as a counter of dealer {code} {name}.")
          .format(url=c.url, code=c.dealer_code, name=c.dealer_name))
    if c.counter_tag:
        print(translate("Cli", "This counter's case numbers: {example}").format(
            example=f"{c.dealer_code}-YYMM-{c.counter_tag}-NNNN"))
    if c.renumbered:
        print(translate("Cli", "{n} cases recorded before connecting were renumbered (e.g. {old} is now {new}); "
                        "the old numbers still find them.").format(
            n=len(c.renumbered), old=c.renumbered[0].old, new=c.renumbered[0].new))
    return 0


def _problems(store, translate) -> int:
    from app.sync.conflicts import lines
    from app.sync.problems import list_problems, problem_text, render_reason

    problems = list_problems(store)
    if not problems:
        print(translate("Cli", "No sync problems."))
        return 0
    for p in problems:
        if p.kind == "refused":
            print(translate("Cli", "File {seq} ({events} changes) refused by head office: {reason}")
                  .format(seq=p.key, events=p.changes, reason=render_reason(p.detail, translate)))
    for p in problems:
        if p.kind == "change":
            print(translate("Cli", "Change {key} ({events} change(s)) refused by head office: {reason}")
                  .format(key=p.key, events=p.changes, reason=problem_text(p, translate)))
            print(translate("Cli", "  Correct it and it goes out again with the correction, or send it again: "
                            "recovery-desk sync --retry {key}").format(key=p.key))
    for p in problems:
        if p.kind in ("attachment", "pack", "release", "pulled"):  # files, packs, updates and pulled changes this counter could not use
            print(render_reason(p.detail, translate))
    for p in problems:
        if p.kind == "conflict":
            print(translate("Cli", "Conflict: changed in two places; both kept until a supervisor at head office "
                            "resolves it."))
            for line in lines(p.conflict, translate):
                print("  " + line)
    return 1


def run_sync(args, translate) -> int:
    from app.cli import open_store_for
    from app.sync.client import SyncClient

    store = open_store_for(args)
    try:
        if args.problems:
            return _problems(store, translate)
        if args.retry is not None:
            return _retry(store, args.retry.strip(), translate)
        if not args.once:
            print(translate("Cli", "Use --once for one round; the application syncs in the background by itself."),
                  file=sys.stderr)
            return 2
        client = SyncClient(store)
        r = client.run_once(retries=2)
        st = client.state()
        _say_update_ready(store, translate)
    finally:
        store.close()
    print(translate("Cli", "Sent {files} file(s) ({events} changes, {dup} already at head office); refused {rej}; "
                    "received {pf} file(s) from other counters ({pe} changes); {pub} publication(s); "
                    "{conf} conflict(s). Waiting: {waiting}.")
          .format(files=r.sent, events=r.acked_events, dup=r.duplicates, rej=r.rejected, pf=r.pulled_files,
                  pe=r.pulled_events, pub=r.published, conf=r.conflicts, waiting=st.waiting))
    if st.clock_warning:
        print(translate("Cli", "Warning: this computer's clock is {s:.0f} seconds off head office's. "
                        "Set the date and time correctly.").format(s=st.clock_skew_s), file=sys.stderr)
    if r.rejected:
        print(translate("Cli", "Head office refused {n} file(s): see `recovery-desk sync --problems`.")
              .format(n=r.rejected), file=sys.stderr)
        return 1
    return 0


def _retry(store, key: str, translate) -> int:
    """`sync --retry`: a refused file or change goes out again in the next file."""
    from app.foundation.errors import InvalidInput
    from app.sync import outbox, refused
    from app.sync.problems import CHANGE

    number = key[len(CHANGE):] if key.startswith(CHANGE) else key
    if not number.isdigit():
        raise InvalidInput(field="--retry", problem=translate(
            "Cli", "a refused file's sequence (e.g. 12) or a refused change (e.g. c3), as `sync --problems` lists them"))
    if not key.startswith(CHANGE):
        n = outbox.requeue(store, int(number))
        print(translate("Cli", "{n} change(s) of file {seq} will go out again on the next sync.").format(n=n, seq=key))
        return 0 if n else 2
    got = refused.resend_change(store, int(number))
    if got is None:
        print(translate("Cli", "No refused change {key} is open: `recovery-desk sync --problems` lists those that "
                        "are.").format(key=key), file=sys.stderr)
        return 2
    if got.events:
        print(translate("Cli", "{n} change(s) of refused change {key} will go out again on the next sync.")
              .format(n=got.events, key=key))
    elif got.records:
        print(translate("Cli", "Refused change {key} has no change of its own on this counter (it went with another "
                        "change); its {n} record(s) will go out again on the next sync.").format(n=got.records, key=key))
    else:
        print(translate("Cli", "Nothing of refused change {key} is left on this counter to send again.")
              .format(key=key), file=sys.stderr)
        return 2
    return 0


def _say_update_ready(store, translate) -> None:
    """A program update this counter holds, verified: where it is (the desk installs it when it closes)."""
    from pathlib import Path

    from app.sync import releases

    found = releases.ready(Path(store.path).parent)
    if found is not None:
        print(translate("Cli", "Version {version} of the program is downloaded and checked: {path}").format(
            version=found.version, path=found.path))


def run_export(args, translate) -> int:
    from pathlib import Path

    from app.cli import open_store_for
    from app.sync import outbox

    store = open_store_for(args)
    try:
        written = outbox.export(store, Path(args.out))
    finally:
        store.close()
    print(translate("Cli", "Wrote {n} case file(s) to {dir}. They stay in the outbox until head office confirms them.")
          .format(n=len(written), dir=args.out))
    return 0
