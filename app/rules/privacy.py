"""How people appear where they needn't be identified: reports, head office's lists."""

from __future__ import annotations


def mask_phone(phone: str | None) -> str:
    """138****5678: enough to recognise a number already known, not to dial a new one."""
    p = (phone or "").strip()
    if is_token(p):  # anonymised: nothing left to recognise
        return "****"
    if len(p) >= 7:
        return p[:3] + "****" + p[-4:]
    if len(p) > 2:
        return "*" * (len(p) - 2) + p[-2:]
    return "*" * len(p)


def mask_name(name: str | None) -> str:
    """The family name only: 王** for 王小明."""
    n = (name or "").strip()
    if not n:
        return ""
    return n[0] + "*" * max(1, len(n) - 1)


# Who may take customers' full phone numbers out of the program (an exported workbook travels): those
# who answer for the dealer's data. Advisors, and head office's lists, get them masked.
PHONES_VISIBLE_TO = frozenset({"supervisor", "admin"})


def phone_for(role: str | None, phone: str | None) -> str:
    """A phone as a person of ``role`` may see it in an export: whole, or masked (138****5678)."""
    return (phone or "") if role in PHONES_VISIBLE_TO else mask_phone(phone)


# Personal data kept no longer than needed (PIPL): a customer whose last case or form is older than
# the retention period is anonymised: the family name stays, phone and plates become tokens.
TOKEN_PREFIX = "ANON"  # a token is ANON + 12 hex digits: 16 characters (a plate's column), already
#                        in the one form the phone and plate normalisers give (sync passes it as is)


def family_name(name: str | None) -> str:
    """What is left of a name after anonymising: 王 for 王小明, Smith for John Smith."""
    n = " ".join((name or "").split())
    if not n:
        return ""
    if " " in n:
        return n.rsplit(" ", 1)[-1]
    return n[0]  # a Chinese name's family name is its first character (a single word: its initial)


def token(hex_digits: str) -> str:
    """A phone's or a plate's replacement, from 12 hex digits that owe nothing to the value."""
    return TOKEN_PREFIX + hex_digits[:12].upper()


def is_token(value: str | None) -> bool:
    return bool(value) and value.startswith(TOKEN_PREFIX) and len(value) == len(TOKEN_PREFIX) + 12


def retention_cutoff(today, years: int):
    """The last day of activity that is too old to keep: ``years`` before ``today`` (29 February
    counts as 28 February in a year without it)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)
