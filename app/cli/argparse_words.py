"""argparse's own words (its usage line, its headings, its errors) in the reader's language. argparse
asks gettext, which this program doesn't use; ``speak`` points it at the program's catalogue instead.
The texts are argparse's own (Python 3.11), marked here so the catalogue holds them: under zh_CN a
missing --month read "error: the following arguments are required: --month"."""

from __future__ import annotations

import argparse

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CTX = "argparse"
WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
)
VERSION_HELP = QT_TRANSLATE_NOOP("argparse", "show program's version number and exit")  # not asked of gettext


def speak(translate) -> None:
    """argparse's words through ``translate(context, text)`` from now on."""
    argparse._ = lambda text: translate(CTX, text)
    argparse.ngettext = lambda one, many, n: translate(CTX, one if n == 1 else many)
