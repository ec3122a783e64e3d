"""The cycle collector paused around bulk work: off inside, as it was after (also after an error)."""

import gc

import pytest

from app.foundation.cycles import paused_collection


@pytest.fixture(autouse=True)
def _collection_on():
    """Each test starts with automatic collection on, whatever a test before left (the desk's
    application turns it off for good), and leaves it as it found it."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


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


def test_overlapping_blocks_on_two_threads_resume_collection_only_when_both_ended():
    """A server imports several files at once: the first block to end must not turn collection back
    on under the other."""
    import threading

    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with paused_collection():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with paused_collection():
            second_in.set()
            first_out.wait(5)
            seen["after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"after the first ended": False} and gc.isenabled()
