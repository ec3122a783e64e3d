"""Small shared helpers for recovery widgets: the wording language, vocab titles, error text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def wording_language() -> str:
    """Scripts are shown in the UI's language (apply_language sets the default locale)."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def title(member) -> str:
    return QCoreApplication.translate("Vocab", member.title)


def error_text(exc: BaseException) -> str:
    """The error in the user's language; for a wrong field only the problem, shown beside the field."""
    from app.errors import InvalidInput

    if isinstance(exc, InvalidInput):
        return QCoreApplication.translate("Errors", exc.params["problem"])
    render = getattr(exc, "render", None)
    if render is not None:
        return render(QCoreApplication.translate)
    return str(exc)


def field_error(exc: BaseException) -> str | None:
    """The field an InvalidInput names, so the message can sit next to it."""
    params = getattr(exc, "params", {}) or {}
    return params.get("field")
