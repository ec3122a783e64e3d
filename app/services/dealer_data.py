"""Which dealer a command reads: the one named, else the store's own; refused, naming the dealers
the store does hold, when it is unknown or has nothing here while others do."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.foundation.errors import RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Dealer, FailureCase, FeedbackForm


@dataclass(frozen=True)
class DealerHolding:
    code: str
    name: str
    forms: int
    cases: int


class DealerNotHere(RecoveryDeskError):
    """Bad input: the dealer named (or the store's own) can't give a report here. ``holdings`` are
    the dealers that can, each rendered as a line."""

    text = QT_TRANSLATE_NOOP("Errors", "Dealer {dealer} has no feedback forms or cases in this store. Give one "
                             "of the dealers it holds with --dealer CODE:")
    line = QT_TRANSLATE_NOOP("Errors", "  {code} {name}: {forms} forms, {cases} cases")

    def __init__(self, text: str | None = None, *, holdings: list[DealerHolding], **params) -> None:
        self.holdings = holdings
        super().__init__(text, **params)

    def render(self, translate=None) -> str:
        t = (lambda s: translate("Errors", s)) if translate else (lambda s: s)
        lines = [t(self.text).format(**self.params)]
        lines += [t(self.line).format(code=h.code, name=h.name, forms=h.forms, cases=h.cases).rstrip()
                  for h in self.holdings]
        return "\n".join(lines)


UNKNOWN = QT_TRANSLATE_NOOP("Errors", "Dealer \"{dealer}\" is not in this store. Give one of the dealers it "
                            "holds with --dealer CODE:")
UNKNOWN_EMPTY = QT_TRANSLATE_NOOP("Errors", "Dealer \"{dealer}\" is not in this store, which holds no feedback "
                                  "forms or cases yet.")


def holdings(session) -> list[DealerHolding]:
    """Dealers with forms or cases in this store, most data first, with their counts."""
    forms = dict(session.execute(select(FeedbackForm.dealer_id, func.count()).group_by(FeedbackForm.dealer_id)).all())
    cases = dict(session.execute(select(FailureCase.dealer_id, func.count()).group_by(FailureCase.dealer_id)).all())
    out = []
    for d in session.scalars(select(Dealer).where(Dealer.id.in_(set(forms) | set(cases)))):
        out.append(DealerHolding(d.code, d.name if d.name != d.code else "", forms.get(d.id, 0), cases.get(d.id, 0)))
    return sorted(out, key=lambda h: (-(h.forms + h.cases), h.code))


def reported_dealer(store, code: str | None) -> str:
    """The code of the dealer a report reads: ``code``, else the store's own (the enrolled one once
    connected). DealerNotHere when that dealer is unknown, or has nothing while others have data."""
    with store.session() as s:
        if code:
            dealer = (s.scalar(select(Dealer).where(Dealer.code == code.strip()))
                      or s.scalar(select(Dealer).where(Dealer.code == code.strip().upper())))
        else:
            dealer = s.get(Dealer, store.identity.home_dealer_id)
        present = holdings(s)
        if dealer is None:
            raise DealerNotHere(UNKNOWN if present else UNKNOWN_EMPTY, holdings=present, dealer=code)
        if present and all(h.code != dealer.code for h in present):
            raise DealerNotHere(holdings=present, dealer=dealer.code)
        return dealer.code
