"""Small wording helpers of the recovery widgets."""

from datetime import timedelta

import pytest


@pytest.mark.parametrize("minutes,text", [(0, "0 min"), (25, "25 min"), (60, "1 h 0 min"), (190, "3 h 10 min"),
                                          (2 * 1440 + 245, "2 d 4 h")])
def test_durations_read_short(minutes, text):
    from app.ui.common.ui_words import duration_text

    assert duration_text(timedelta(minutes=minutes)) == text
