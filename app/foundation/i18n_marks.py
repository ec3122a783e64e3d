"""Marks user-visible strings in the Qt-free core so Qt's lupdate collects them.

The core never translates: it declares English source text under a context; the UI and the
command line pass it through ``QCoreApplication.translate(context, text)``.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text
