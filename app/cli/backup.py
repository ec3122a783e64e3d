"""`recovery-desk backup [--out DIR] [--list]` and `restore FILE [--force]`: the counter's store backed up and restored."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CTX = "Cli"
# Why each backup was taken, as --list says it.
KINDS = {"daily": QT_TRANSLATE_NOOP("Cli", "daily"), "manual": QT_TRANSLATE_NOOP("Cli", "made by hand"),
         "before_restore": QT_TRANSLATE_NOOP("Cli", "before a restore"),
         "before_upgrade": QT_TRANSLATE_NOOP("Cli", "before an upgrade")}


def register(sub, translate) -> None:
    b = sub.add_parser("backup", help=translate("Cli", "back up the store (database, attachments, outbox) or list backups"))
    b.add_argument("--out", metavar="DIR", help=translate("Cli", "also save the backup in this folder (e.g. a USB stick)"))
    b.add_argument("--list", action="store_true", help=translate("Cli", "list the backups kept on this PC"))
    b.set_defaults(run=run_backup)
    r = sub.add_parser("restore", help=translate("Cli", "replace the store with a backup (the current one is backed up first)"))
    r.add_argument("file", metavar="FILE", help=translate("Cli", "a backup made by Recovery Desk (backup-....zip)"))
    r.add_argument("--force", action="store_true",
                   help=translate("Cli", "restore even if changes head office has not received yet would be given up"))
    r.set_defaults(run=run_restore)


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, n // 1024)} KB"


def _line(b, translate) -> str:
    return translate("Cli", "{when}  {size}  {cases} cases  {forms} forms  ({reason})  {path}").format(
        when=b.created_at.astimezone().strftime("%Y-%m-%d %H:%M"), size=_size(b.size), cases=b.cases, forms=b.forms,
        reason=translate("Cli", KINDS[b.reason]) if b.reason in KINDS else b.reason, path=b.path)


def run_backup(args, translate) -> int:
    from app.cli import open_store_for
    from app.foundation.paths import resolve_data_dir
    from app.services.backups import catalogue, taking

    if args.list:
        backups = catalogue.list_backups(resolve_data_dir(args.data_dir))
        if not backups:
            print(translate("Cli", "No backups on this PC yet."))
        for b in backups:
            print(_line(b, translate))
        return 0
    if args.out and not Path(args.out).is_dir():
        print(translate("Cli", "Error: ") + translate("Cli", "--out: {path} is not a folder; give an existing folder "
                                                      "(e.g. a USB stick's).").format(path=args.out), file=sys.stderr)
        return 2
    store = open_store_for(args)
    try:
        made = taking.back_up_now(store)
    finally:
        store.close()
    print(translate("Cli", "Backed up: {line}").format(line=_line(made, translate)))
    if args.out:
        copy = taking.save_copy(made.path, Path(args.out))
        print(translate("Cli", "Saved a copy to {path}").format(path=copy))
    return 0


def _keep(args) -> int:
    """The number of backups to keep, from the store if it opens (a damaged one: the default)."""
    from app.cli import open_store_for
    from app.rules.settings_catalogue import setting
    from app.services.backups import taking

    try:
        store = open_store_for(args)  # files found readable by others are made private and said so
    except Exception:  # noqa: BLE001 - restoring is how a store that doesn't open is mended
        return setting("backups.keep").default
    try:
        return taking.keep_of(store)
    finally:
        store.close()


def run_restore(args, translate) -> int:
    from app.foundation.paths import resolve_data_dir
    from app.services.backups import restoring

    data_dir, backup = resolve_data_dir(args.data_dir), Path(args.file)
    if not backup.is_file():
        print(translate("Cli", "Error: ") + translate("Cli", "{path} is not a file; give a backup made by Recovery "
                                                      "Desk (see `backup --list`).").format(path=backup), file=sys.stderr)
        return 2
    try:
        done = restoring.restore(data_dir, backup, keep=_keep(args), force=args.force)
    except (restoring.NotABackup, restoring.DamagedStore) as exc:
        print(translate("Cli", "Error: ") + exc.render(translate), file=sys.stderr)
        return 2
    except restoring.UnsentWouldBeLost as exc:
        print(translate("Cli", "Not restored. ") + exc.render(translate), file=sys.stderr)
        return 1
    m = done.check.manifest
    print(translate("Cli", "Restored the backup of {when} ({cases} cases, {forms} forms).").format(
        when=datetime.fromisoformat(m.created_at).astimezone().strftime("%Y-%m-%d %H:%M"), cases=m.cases, forms=m.forms))
    if done.before is not None:
        print(translate("Cli", "The store as it was is kept in {path}").format(path=done.before))
    if done.check.unsent_lost:
        print(translate("Cli", "{n} change(s) head office had not received are not in the restored store.").format(
            n=done.check.unsent_lost))
    if done.check.sent_not_here:
        print(translate("Cli", "{n} change(s) made here after this backup are at head office but not in the restored "
                        "store.").format(n=done.check.sent_not_here))
    return 0
