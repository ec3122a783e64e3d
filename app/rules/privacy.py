"""How people appear where they needn't be identified: reports, head office's lists."""

from __future__ import annotations


def mask_phone(phone: str | None) -> str:
    """138****5678: enough to recognise a number already known, not to dial a new one."""
    p = (phone or "").strip()
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
