"""The cycle collector paused around bulk work: off inside, as it was after (also after an error)."""

import gc

import pytest

from app.foundation.cycles import paused_collection


def test_collection_is_paused_inside_and_back_after_even_on_error():
    assert gc.isenabled()
    with paused_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_collection():
        raise ValueError
    assert gc.isenabled()


def test_collection_left_off_stays_off():
    # The desk turns automatic collection off for good (it collects on its UI thread): a block must not turn it on.
    gc.disable()
    try:
        with paused_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
