"""Every vocabulary member has its own title, even where two vocabularies share a value."""

from app.rules import vocab


def test_equal_values_in_different_vocabularies_keep_their_own_titles():
    assert vocab.CauseGroup.CUSTOMER.title == "Customer's own part"
    assert vocab.Blame.CUSTOMER.title == "The customer"


def test_every_member_has_a_title():
    for kind in (vocab.Role, vocab.Grade, vocab.Verification, vocab.Channel, vocab.FailureType, vocab.CauseGroup,
                 vocab.Blame, vocab.Severity, vocab.Mood, vocab.CaseStatus):
        titles = [m.title for m in kind]
        assert all(titles) and len(set(titles)) == len(titles), kind
