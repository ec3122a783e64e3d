"""How figures and personal data read in print."""

import pytest

from app.reports.pdf import fmt_num, fmt_share, wrapping, Styles
from app.rules.privacy import mask_name, mask_phone


@pytest.mark.parametrize("phone, printed", [
    ("13812345678", "138****5678"), ("+8613812345678", "+86****5678"), ("1234567", "123****4567"),
    ("12345", "***45"), ("12", "**"), ("", ""), (None, ""),
])
def test_phone_numbers_are_masked(phone, printed):
    assert mask_phone(phone) == printed


@pytest.mark.parametrize("name, printed", [("王小明", "王**"), ("李娜", "李*"), ("王", "王*"), ("", ""), (None, "")])
def test_customers_print_by_family_name_only(name, printed):
    assert mask_name(name) == printed


@pytest.mark.parametrize("value, kw, printed", [
    (4.0, {}, "4.00"), (0.5, {"sign": True}, "+0.50"), (-0.005, {"sign": True}, "-0.01"), (None, {}, "-"),
    (3.3333, {"digits": 1}, "3.3"),
])
def test_numbers(value, kw, printed):
    assert fmt_num(value, **kw) == printed


@pytest.mark.parametrize("share, printed", [(0.0, "0.0%"), (0.08, "8.0%"), (1 / 3, "33.3%"), (None, "-")])
def test_shares(share, printed):
    assert fmt_share(share) == printed


def test_english_wraps_between_words_and_chinese_between_characters():
    st = Styles()
    assert wrapping(st.cell, "Awaiting callback").wordWrap is None
    assert wrapping(st.cell, "待回访").wordWrap == "CJK"
