"""Vocabularies of service recovery: script step kinds, remedy kinds and states, callback states."""

from __future__ import annotations

from enum import StrEnum

from app.i18n_marks import QT_TRANSLATE_NOOP


class _Titled(StrEnum):
    @property
    def title(self) -> str:
        return _TITLES[self]


class StepKind(_Titled):
    """The frontline steps DOMAIN.md names, in the order a script usually takes them."""

    LISTEN = "listen"
    ACKNOWLEDGE = "acknowledge"
    CALM = "calm"
    APOLOGISE = "apologise"
    ADMIT = "admit"
    EXPLAIN_CAUSE = "explain_cause"
    EXPLAIN_FIX = "explain_fix"
    OFFER_REMEDY = "offer_remedy"
    CONFIRM_ACCEPTANCE = "confirm_acceptance"
    AGREE_FOLLOW_UP = "agree_follow_up"


class StepOutcome(_Titled):
    DONE = "done"
    SKIPPED = "skipped"
    NOTED = "noted"


class RemedyKind(_Titled):
    FREE_REWORK = "free_rework"
    DISCOUNT = "discount"
    VOUCHER = "voucher"
    GOODWILL_GIFT = "goodwill_gift"
    REFUND = "refund"
    OTHER = "other"


class RemedyStatus(_Titled):
    PENDING_APPROVAL = "pending_approval"  # above the proposer's authority: waits for a supervisor
    OFFERED = "offered"  # within authority or approved: may be put to the customer
    REFUSED = "refused"  # a supervisor said no
    AGREED = "agreed"  # the customer accepted it
    WITHDRAWN = "withdrawn"  # replaced by another offer


class CallbackState(_Titled):
    DUE = "due"
    REACHED = "reached"
    FLAGGED = "flagged"  # not reached too many times: a supervisor looks at it


_TITLES: dict[StrEnum, str] = {
    StepKind.LISTEN: QT_TRANSLATE_NOOP("Vocab", "Listen to the whole complaint"),
    StepKind.ACKNOWLEDGE: QT_TRANSLATE_NOOP("Vocab", "Acknowledge the inconvenience and feelings"),
    StepKind.CALM: QT_TRANSLATE_NOOP("Vocab", "Calm the customer"),
    StepKind.APOLOGISE: QT_TRANSLATE_NOOP("Vocab", "Apologise sincerely"),
    StepKind.ADMIT: QT_TRANSLATE_NOOP("Vocab", "Admit the dealer's mistake"),
    StepKind.EXPLAIN_CAUSE: QT_TRANSLATE_NOOP("Vocab", "Explain the cause"),
    StepKind.EXPLAIN_FIX: QT_TRANSLATE_NOOP("Vocab", "Explain the steps and time to fix"),
    StepKind.OFFER_REMEDY: QT_TRANSLATE_NOOP("Vocab", "Offer a remedy"),
    StepKind.CONFIRM_ACCEPTANCE: QT_TRANSLATE_NOOP("Vocab", "Confirm the customer accepts"),
    StepKind.AGREE_FOLLOW_UP: QT_TRANSLATE_NOOP("Vocab", "Agree the follow-up"),
    StepOutcome.DONE: QT_TRANSLATE_NOOP("Vocab", "Done"),
    StepOutcome.SKIPPED: QT_TRANSLATE_NOOP("Vocab", "Skipped"),
    StepOutcome.NOTED: QT_TRANSLATE_NOOP("Vocab", "Noted"),
    RemedyKind.FREE_REWORK: QT_TRANSLATE_NOOP("Vocab", "Free rework"),
    RemedyKind.DISCOUNT: QT_TRANSLATE_NOOP("Vocab", "Discount"),
    RemedyKind.VOUCHER: QT_TRANSLATE_NOOP("Vocab", "Voucher"),
    RemedyKind.GOODWILL_GIFT: QT_TRANSLATE_NOOP("Vocab", "Goodwill gift"),
    RemedyKind.REFUND: QT_TRANSLATE_NOOP("Vocab", "Refund"),
    RemedyKind.OTHER: QT_TRANSLATE_NOOP("Vocab", "Other remedy"),
    RemedyStatus.PENDING_APPROVAL: QT_TRANSLATE_NOOP("Vocab", "Waiting for approval"),
    RemedyStatus.OFFERED: QT_TRANSLATE_NOOP("Vocab", "May be offered"),
    RemedyStatus.REFUSED: QT_TRANSLATE_NOOP("Vocab", "Refused"),
    RemedyStatus.AGREED: QT_TRANSLATE_NOOP("Vocab", "Agreed"),
    RemedyStatus.WITHDRAWN: QT_TRANSLATE_NOOP("Vocab", "Withdrawn"),
    CallbackState.DUE: QT_TRANSLATE_NOOP("Vocab", "Due"),
    CallbackState.REACHED: QT_TRANSLATE_NOOP("Vocab", "Reached"),
    CallbackState.FLAGGED: QT_TRANSLATE_NOOP("Vocab", "Flagged"),
}
