"""The domain's closed vocabularies (DOMAIN.md), service recovery's included, with their translatable titles."""

from __future__ import annotations

from enum import StrEnum

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP

CTX = "Vocab"


class Titled(StrEnum):
    """A vocabulary whose members carry an English title for the UI to translate."""

    @property
    def title(self) -> str:
        # Keyed by (vocabulary, value): CauseGroup.CUSTOMER and Blame.CUSTOMER are equal strings.
        return _TITLES[(type(self), self.value)]


class Role(Titled):
    ADVISOR = "advisor"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Grade(Titled):
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"


class Verification(Titled):
    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    DISPUTED = "disputed"


class Channel(Titled):
    """Where a failure was found, earliest (cheapest to recover) first."""

    ON_SITE = "on_site"
    CALLBACK_3DAY = "callback_3day"
    MAKER_SURVEY = "maker_survey"
    THIRD_PARTY_SURVEY = "third_party_survey"
    HOTLINE = "hotline"
    VISIT = "visit"
    SUGGESTION_BOX = "suggestion_box"
    OTHER = "other"


# The assessment's second part counts complaints that reached the dealer some other way than
# the counter itself.
OTHER_CHANNELS = frozenset(set(Channel) - {Channel.ON_SITE})


class FailureType(Titled):
    OUTCOME = "outcome"
    PROCESS = "process"


class CauseGroup(Titled):
    SYSTEM = "system"
    EMPLOYEE = "employee"
    CUSTOMER = "customer"
    COMMUNICATION = "communication"


class Blame(Titled):
    CUSTOMER = "customer"
    DEALER = "dealer"
    THIRD_PARTY = "third_party"
    UNKNOWN = "unknown"


class Severity(Titled):
    MINOR = "minor"
    MODERATE = "moderate"
    SERIOUS = "serious"
    SEVERE = "severe"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class Mood(Titled):
    CALM = "calm"
    DISAPPOINTED = "disappointed"
    ANXIOUS = "anxious"
    ANGRY = "angry"


class CaseStatus(Titled):
    OPEN = "open"
    IN_RECOVERY = "in_recovery"
    REMEDY_AGREED = "remedy_agreed"
    AWAITING_CALLBACK = "awaiting_callback"
    ESCALATED = "escalated"
    REOPENED = "reopened"
    CLOSED = "closed"


# Service recovery: script steps, remedies, callbacks.

class StepKind(Titled):
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


class StepOutcome(Titled):
    DONE = "done"
    SKIPPED = "skipped"
    NOTED = "noted"


class RemedyKind(Titled):
    FREE_REWORK = "free_rework"
    DISCOUNT = "discount"
    VOUCHER = "voucher"
    GOODWILL_GIFT = "goodwill_gift"
    REFUND = "refund"
    OTHER = "other"


class RemedyStatus(Titled):
    PENDING_APPROVAL = "pending_approval"  # above the proposer's authority: waits for a supervisor
    OFFERED = "offered"  # within authority or approved: may be put to the customer
    REFUSED = "refused"  # a supervisor said no
    AGREED = "agreed"  # the customer accepted it
    WITHDRAWN = "withdrawn"  # replaced by another offer


class CallbackState(Titled):
    DUE = "due"
    REACHED = "reached"
    FLAGGED = "flagged"  # not reached too many times: a supervisor looks at it


class DayPart(Titled):
    """When in the day the customer wants the follow-up call."""

    ANY = "any"
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


_TITLE_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (Role.ADVISOR, QT_TRANSLATE_NOOP("Vocab", "Service advisor")),
    (Role.SUPERVISOR, QT_TRANSLATE_NOOP("Vocab", "Supervisor")),
    (Role.ADMIN, QT_TRANSLATE_NOOP("Vocab", "Administrator")),
    (Grade.A, QT_TRANSLATE_NOOP("Vocab", "A (very satisfied)")),
    (Grade.B, QT_TRANSLATE_NOOP("Vocab", "B (satisfied)")),
    (Grade.C, QT_TRANSLATE_NOOP("Vocab", "C (neutral)")),
    (Grade.D, QT_TRANSLATE_NOOP("Vocab", "D (dissatisfied)")),
    (Grade.E, QT_TRANSLATE_NOOP("Vocab", "E (very dissatisfied)")),
    (Verification.UNVERIFIED, QT_TRANSLATE_NOOP("Vocab", "Unverified")),
    (Verification.VERIFIED, QT_TRANSLATE_NOOP("Vocab", "Verified")),
    (Verification.DISPUTED, QT_TRANSLATE_NOOP("Vocab", "Disputed")),
    (Channel.ON_SITE, QT_TRANSLATE_NOOP("Vocab", "On site")),
    (Channel.CALLBACK_3DAY, QT_TRANSLATE_NOOP("Vocab", "3-day callback")),
    (Channel.MAKER_SURVEY, QT_TRANSLATE_NOOP("Vocab", "Maker survey")),
    (Channel.THIRD_PARTY_SURVEY, QT_TRANSLATE_NOOP("Vocab", "Third-party survey")),
    (Channel.HOTLINE, QT_TRANSLATE_NOOP("Vocab", "Hotline")),
    (Channel.VISIT, QT_TRANSLATE_NOOP("Vocab", "Visit")),
    (Channel.SUGGESTION_BOX, QT_TRANSLATE_NOOP("Vocab", "Suggestion box")),
    (Channel.OTHER, QT_TRANSLATE_NOOP("Vocab", "Other")),
    (FailureType.OUTCOME, QT_TRANSLATE_NOOP("Vocab", "Outcome failure")),
    (FailureType.PROCESS, QT_TRANSLATE_NOOP("Vocab", "Process failure")),
    (CauseGroup.SYSTEM, QT_TRANSLATE_NOOP("Vocab", "Service system")),
    (CauseGroup.EMPLOYEE, QT_TRANSLATE_NOOP("Vocab", "Employee error")),
    (CauseGroup.CUSTOMER, QT_TRANSLATE_NOOP("Vocab", "Customer's own part")),
    (CauseGroup.COMMUNICATION, QT_TRANSLATE_NOOP("Vocab", "Communication gap")),
    (Blame.CUSTOMER, QT_TRANSLATE_NOOP("Vocab", "The customer")),
    (Blame.DEALER, QT_TRANSLATE_NOOP("Vocab", "The dealer")),
    (Blame.THIRD_PARTY, QT_TRANSLATE_NOOP("Vocab", "A third party")),
    (Blame.UNKNOWN, QT_TRANSLATE_NOOP("Vocab", "Not known")),
    (Severity.MINOR, QT_TRANSLATE_NOOP("Vocab", "Minor")),
    (Severity.MODERATE, QT_TRANSLATE_NOOP("Vocab", "Moderate")),
    (Severity.SERIOUS, QT_TRANSLATE_NOOP("Vocab", "Serious")),
    (Severity.SEVERE, QT_TRANSLATE_NOOP("Vocab", "Severe")),
    (Mood.CALM, QT_TRANSLATE_NOOP("Vocab", "Calm")),
    (Mood.DISAPPOINTED, QT_TRANSLATE_NOOP("Vocab", "Disappointed")),
    (Mood.ANXIOUS, QT_TRANSLATE_NOOP("Vocab", "Anxious")),
    (Mood.ANGRY, QT_TRANSLATE_NOOP("Vocab", "Angry")),
    (CaseStatus.OPEN, QT_TRANSLATE_NOOP("Vocab", "Open")),
    (CaseStatus.IN_RECOVERY, QT_TRANSLATE_NOOP("Vocab", "In recovery")),
    (CaseStatus.REMEDY_AGREED, QT_TRANSLATE_NOOP("Vocab", "Remedy agreed")),
    (CaseStatus.AWAITING_CALLBACK, QT_TRANSLATE_NOOP("Vocab", "Awaiting callback")),
    (CaseStatus.ESCALATED, QT_TRANSLATE_NOOP("Vocab", "Escalated")),
    (CaseStatus.REOPENED, QT_TRANSLATE_NOOP("Vocab", "Reopened")),
    (CaseStatus.CLOSED, QT_TRANSLATE_NOOP("Vocab", "Closed")),
    (StepKind.LISTEN, QT_TRANSLATE_NOOP("Vocab", "Listen to the whole complaint")),
    (StepKind.ACKNOWLEDGE, QT_TRANSLATE_NOOP("Vocab", "Acknowledge the inconvenience and feelings")),
    (StepKind.CALM, QT_TRANSLATE_NOOP("Vocab", "Calm the customer")),
    (StepKind.APOLOGISE, QT_TRANSLATE_NOOP("Vocab", "Apologise sincerely")),
    (StepKind.ADMIT, QT_TRANSLATE_NOOP("Vocab", "Admit the dealer's mistake")),
    (StepKind.EXPLAIN_CAUSE, QT_TRANSLATE_NOOP("Vocab", "Explain the cause")),
    (StepKind.EXPLAIN_FIX, QT_TRANSLATE_NOOP("Vocab", "Explain the steps and time to fix")),
    (StepKind.OFFER_REMEDY, QT_TRANSLATE_NOOP("Vocab", "Offer a remedy")),
    (StepKind.CONFIRM_ACCEPTANCE, QT_TRANSLATE_NOOP("Vocab", "Confirm the customer accepts")),
    (StepKind.AGREE_FOLLOW_UP, QT_TRANSLATE_NOOP("Vocab", "Agree the follow-up")),
    (StepOutcome.DONE, QT_TRANSLATE_NOOP("Vocab", "Done")),
    (StepOutcome.SKIPPED, QT_TRANSLATE_NOOP("Vocab", "Skipped")),
    (StepOutcome.NOTED, QT_TRANSLATE_NOOP("Vocab", "Noted")),
    (RemedyKind.FREE_REWORK, QT_TRANSLATE_NOOP("Vocab", "Free rework")),
    (RemedyKind.DISCOUNT, QT_TRANSLATE_NOOP("Vocab", "Discount")),
    (RemedyKind.VOUCHER, QT_TRANSLATE_NOOP("Vocab", "Voucher")),
    (RemedyKind.GOODWILL_GIFT, QT_TRANSLATE_NOOP("Vocab", "Goodwill gift")),
    (RemedyKind.REFUND, QT_TRANSLATE_NOOP("Vocab", "Refund")),
    (RemedyKind.OTHER, QT_TRANSLATE_NOOP("Vocab", "Other remedy")),
    (RemedyStatus.PENDING_APPROVAL, QT_TRANSLATE_NOOP("Vocab", "Waiting for approval")),
    (RemedyStatus.OFFERED, QT_TRANSLATE_NOOP("Vocab", "May be offered")),
    (RemedyStatus.REFUSED, QT_TRANSLATE_NOOP("Vocab", "Refused")),
    (RemedyStatus.AGREED, QT_TRANSLATE_NOOP("Vocab", "Agreed")),
    (RemedyStatus.WITHDRAWN, QT_TRANSLATE_NOOP("Vocab", "Withdrawn")),
    (CallbackState.DUE, QT_TRANSLATE_NOOP("Vocab", "Due")),
    (CallbackState.REACHED, QT_TRANSLATE_NOOP("Vocab", "Reached")),
    (CallbackState.FLAGGED, QT_TRANSLATE_NOOP("Vocab", "Flagged")),
    (DayPart.ANY, QT_TRANSLATE_NOOP("Vocab", "Any time of day")),
    (DayPart.MORNING, QT_TRANSLATE_NOOP("Vocab", "Morning (from 9:00)")),
    (DayPart.AFTERNOON, QT_TRANSLATE_NOOP("Vocab", "Afternoon (from 14:00)")),
    (DayPart.EVENING, QT_TRANSLATE_NOOP("Vocab", "Evening (from 18:00)")),
)
_TITLES = {(type(m), m.value): t for m, t in _TITLE_PAIRS}
