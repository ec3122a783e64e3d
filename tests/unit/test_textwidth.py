"""Terminal columns: Chinese characters take two, invisible ones none."""

import pytest

from app.foundation.textwidth import display_width, ljust, rjust


@pytest.mark.parametrize("text, width", [
    ("", 0), ("Timeliness", 10), ("服务及时性", 10), ("维修质量", 8), ("Ａ", 2), ("李明A1", 6),
    ("e\u0301", 1), ("RO\u200b1", 3), ("京A12345", 8),
])
def test_display_width(text, width):
    assert display_width(text) == width


@pytest.mark.parametrize("text", ["Attitude", "服务态度", "维修质量x"])
def test_padding_fills_to_the_column(text):
    assert display_width(ljust(text, 12)) == 12 and ljust(text, 12).startswith(text)
    assert display_width(rjust(text, 12)) == 12 and rjust(text, 12).endswith(text)
    assert ljust("很长很长很长很长", 4) == "很长很长很长很长"
