"""A proxy keeps a counter's headers but swaps the case file's body: head office seals a refusal of
what it received, naming those bytes' SHA-256; the counter (run through the command line) sees that it
is not its file, keeps the file waiting and delivers it whole once the path is clean."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.foundation.signing import sha256
from app.models import FeedbackForm
from app.sync import wire
from tests.helpers import csv_file, form_line
from tests.system.attack_world import (alive, cli, cli_counter, close_world, dump, dump_counter, event, forge,
                                       make_world, post, report_rss)
from tests.system.meddling_proxy import MeddlingProxy


@pytest.fixture
def world(pg_url_at_head, tmp_path):
    w = make_world(pg_url_at_head, tmp_path)
    yield w
    close_world(w)


def flipped(body: bytes) -> bytes:  # one byte changed: a bad signature
    return body.replace(b"BJ-RO-1", b"BJ-RO-7", 1)


def truncated(body: bytes) -> bytes:
    return body[: len(body) // 2]


def garbage(body: bytes) -> bytes:
    return b"\x00" * len(body)


SWAPS = [flipped, truncated, garbage]


@pytest.mark.parametrize("swap", SWAPS, ids=[s.__name__ for s in SWAPS])
def test_a_refusal_of_other_bytes_leaves_the_file_waiting(world, swap):
    w = world
    proxy = MeddlingProxy(w.server.url)
    try:
        b = cli_counter(w, "b", url=proxy.url)
        lines = [form_line("2026-11-03", f"BJ-RO-{i}") for i in (1, 2, 3)]
        r = cli(w, *b, "feedback", "import", str(csv_file(w.tmp / "b.csv", lines)), "--dealer", "BJ01")
        assert r.returncode == 0, r.stderr
        hq_before, b_before = dump(w.db), dump_counter(w.tmp / "b")
        proxy.swap = lambda method, path, body: swap(body) if path == wire.API + "/casefiles" else None
        r = cli(w, *b, "sync", "--once")
        said = r.stdout + r.stderr
        print(f"\n{swap.__name__}: exit {r.returncode}: {said.strip()[-400:]}")
        assert proxy.swapped >= 1 and r.returncode != 0 and "Traceback" not in said
        assert "not the one this counter sent" in said and "stays waiting" in said
        assert dump(w.db) == hq_before and dump_counter(w.tmp / "b") == b_before
        problems = cli(w, *b, "sync", "--problems")
        assert "refused by head office" not in problems.stdout, problems.stdout  # not parked as rejected
        proxy.swap = None  # the path is clean again: the same file goes out and is stored, whole
        r = cli(w, *b, "sync", "--once")
        assert r.returncode == 0 and "Waiting: 0" in r.stdout, r.stdout + r.stderr
        with w.db.session() as s:
            assert s.scalar(select(func.count()).select_from(FeedbackForm).where(FeedbackForm.dealer_id == w.bj)) == 3
        # what head office seals names the bytes it received (and the counter and sequence when readable)
        sent = forge(w, events=[event(w)])
        status, sealed, _ = post(w, swap(sent.replace(b"attacker", b"BJ-RO-1")))
        received = sealed["error"]["received"]
        assert received["sha256"] == sha256(swap(sent.replace(b"attacker", b"BJ-RO-1"))) != sha256(sent)
        if swap is flipped:
            assert received["counter"] == w.me and received["sequence"] == w.seq
    finally:
        proxy.close()
    alive(w)
    report_rss(w, swap.__name__)
