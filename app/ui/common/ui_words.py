"""Small shared helpers for recovery widgets: the wording language, vocab titles, error text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def wording_language() -> str:
    """Scripts are shown in the UI's language (apply_language sets the default locale)."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def title(member) -> str:
    return QCoreApplication.translate("Vocab", member.title)


def error_text(exc: BaseException) -> str:
    """The error in the user's language: for a wrong field only the problem (shown beside the
    field), an error from the core as it words itself, anything else as something that went wrong."""
    from app.foundation.errors import InvalidInput  # not at import: off the first window's path

    if isinstance(exc, InvalidInput):
        return exc.problem_text(QCoreApplication.translate)
    if isinstance(exc, OSError):  # a full or read-only disk met while writing a file beside the store
        from app.models.store_faults import fault_of

        exc = fault_of(exc, "") or exc
    render = getattr(exc, "render", None)
    if callable(render):
        return render(QCoreApplication.translate)
    return QCoreApplication.translate("Widgets", "Something went wrong: {error}").format(error=exc)


def field_errors(exc: BaseException) -> list[tuple[str, str]]:
    """(field, problem in the user's words) of every field an InvalidInput (or InvalidFields) names."""
    from app.foundation.errors import InvalidFields, InvalidInput

    problems = exc.problems if isinstance(exc, InvalidFields) else [exc] if isinstance(exc, InvalidInput) else []
    return [(p.params.get("field"), error_text(p)) for p in problems if p.params.get("field")]


def field_error(exc: BaseException) -> str | None:
    """The field an InvalidInput names, so the message can sit next to it."""
    params = getattr(exc, "params", {}) or {}
    return params.get("field")


def duration_text(td) -> str:
    """A short, readable span: '25 min', '3 h 10 min', '2 d 4 h'."""
    minutes = int(td.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("Durations", "{d} d {h} h").format(d=days, h=hours)
    if hours:
        return QCoreApplication.translate("Durations", "{h} h {m} min").format(h=hours, m=mins)
    return QCoreApplication.translate("Durations", "{m} min").format(m=mins)


def warning_subject(w) -> str:
    """Who or what drifts, as a supervisor reads it: "王芳 · Timeliness", "Repair quality", a cause."""
    items = {"timeliness": QCoreApplication.translate("EarlyWarnings", "Timeliness"),
             "repair_quality": QCoreApplication.translate("EarlyWarnings", "Repair quality"),
             "attitude": QCoreApplication.translate("EarlyWarnings", "Attitude")}
    if w.kind == "item":
        return items.get(w.subject, w.subject)
    item = getattr(w, "item", None)
    return w.subject + (f" · {items.get(item, item)}" if item else "")


def warning_crossed(w, loc: QLocale) -> str:
    """Which figure of a warning crossed its limit, in words: the failure share, or an advisor's item's
    grades with each grade's count since the run began and its usual share."""
    if getattr(w, "figure", "share") == "grades" and w.grades is not None:
        from app.services.predict.monitor import grades_crossed

        return grades_crossed(w, QCoreApplication.translate, lambda p: loc.toString(p * 100, "f", 0) + "%")
    return QCoreApplication.translate("EarlyWarnings", "crossed on its failure share")


def reason_words(call) -> str:
    """A 3-day call's risk reasons in the person's language, a standard work type in words."""
    from app.rules.work_types import TITLES

    out = []
    for text, params in call.reasons:
        p = dict(params)
        if p.get("work_type") in TITLES:
            p["work_type"] = QCoreApplication.translate("Vocab", TITLES[p["work_type"]])
        out.append(QCoreApplication.translate("Risk", text).format(**p))
    return QCoreApplication.translate("CallsView", "; ").join(out)


def risk_words(risk: float, loc: QLocale) -> str:
    """A risk as a person reads it: its level in a word, and the percent."""
    from app.rules.risk import level_words

    return QCoreApplication.translate("Risk", "{level} ({percent})").format(
        level=QCoreApplication.translate("Risk", level_words(risk)), percent=loc.toString(round(risk * 100)) + "%")
