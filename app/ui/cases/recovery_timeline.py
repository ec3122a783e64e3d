"""How recovery events read in a case's timeline (the case detail asks here for kinds it doesn't know)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

from app.rules.vocab import RemedyKind, StepKind, StepOutcome, CaseStatus


def _t(text: str) -> str:
    return QCoreApplication.translate("RecoveryTimeline", text)


def _title(vocab, value) -> str:
    try:
        return QCoreApplication.translate("Vocab", vocab(value).title)
    except ValueError:
        return str(value)


def describe(kind: str, p: dict) -> str | None:
    """The entry's words, or None for kinds that aren't recovery's."""
    if kind == "recovery.step":
        text = _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Step {n} {step}: {outcome}")).format(n=p.get("index", 0) + 1, step=_title(StepKind, p.get("kind")),
                                                        outcome=_title(StepOutcome, p.get("outcome")))
        return f"{text} \u2014 {p['text']}" if p.get("text") else text
    if kind == "recovery.finished":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Script finished; waiting for the callback"))
    if kind == "remedy.proposed":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Remedy proposed: {kind}, {amount} yuan ({status})")).format(
            kind=_title(RemedyKind, p.get("kind")), amount=p.get("amount"),
            status=_t(QT_TRANSLATE_NOOP("RecoveryTimeline", "needs approval")) if p.get("remedy_status") == "pending_approval" else _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "within authority")))
    if kind == "remedy.approved":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Remedy approved: {amount} yuan {note}")).format(amount=p.get("amount"), note=p.get("note", "")).strip()
    if kind == "remedy.refused":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Remedy refused: {note}")).format(note=p.get("note", ""))
    if kind == "remedy.agreed":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Customer accepted the remedy: {kind}, {amount} yuan")).format(
            kind=_title(RemedyKind, p.get("kind")), amount=p.get("amount"))
    if kind == "callback.scheduled":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Callback scheduled for {due}")).format(due=str(p.get("due_at", ""))[:16].replace("T", " "))
    if kind == "callback.not_reached":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Callback: not reached (try {n})")).format(n=p.get("attempt"))
    if kind == "callback.reached":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Callback: re-rated {rating}/10. {words}")).format(rating=p.get("rating"), words=p.get("words", ""))
    if kind == "recovery.rerating_failed":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Re-rating below target: back into recovery; consider escalating"))
    if kind == "case.escalated":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Escalated: {reason}")).format(reason=p.get("reason", ""))
    if kind == "case.taken_over":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Head office took over the escalation: {note}")).format(
            note=p.get("note", ""))
    if kind == "case.reopened":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Reopened: {reason}")).format(reason=p.get("reason", ""))
    if kind == "case.closed":
        head = _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Closed, recovered")) if p.get("recovered") else _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Closed, not recovered"))
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "{head}. Root cause: {cause}. Improvement: {improvement}")).format(
            head=head, cause=p.get("root_cause", ""), improvement=p.get("improvement", ""))
    if kind == "case.renumbered":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "Renumbered at enrolment: {old} is now {new}")).format(
            old=p.get("old_number", ""), new=p.get("number", ""))
    if kind == "case.customer_purged":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "The customer was anonymised: the retention period is over"))
    if kind == "case.customer_merged":
        return _t(QT_TRANSLATE_NOOP("RecoveryTimeline", "The customer's two records were merged into one"))
    if "status" in p:
        return _title(CaseStatus, p["status"])
    return None
