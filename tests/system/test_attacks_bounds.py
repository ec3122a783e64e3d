"""Unbounded bodies, answers and connections, against a real `hq serve` on PostgreSQL and real
counters run through the command line: bodies refused by size before they are read (and before
anyone is known), error answers that never echo their input, answers a counter refuses by size on the
wire and inflated, pull pages with a byte budget, idle and stalled connections closed."""

from __future__ import annotations

import gzip
import json
import socket
import subprocess
import sys

import pytest

from app.foundation.ids import new_id
from app.hq.intake import PULL_PAGE_BYTES
from tests.system.attack_world import (ROOT, alive, assert_clean, cli, cli_counter, close_world, dump, dump_counter,
                                       event, forge, make_world, post, report_rss, restart)
from tests.system.meddling_proxy import MeddlingProxy

SLOW_S = 1.0


@pytest.fixture
def world(pg_url_at_head, tmp_path):
    w = make_world(pg_url_at_head, tmp_path, "--slow-client-s", str(SLOW_S))
    yield w
    close_world(w)


def _raw(w, head: bytes, body_chunks=(), timeout: float = 60) -> tuple[bytes, int]:
    """Send a request head and body chunks on a raw socket until the server stops taking them;
    (the answer, how many body bytes went out)."""
    sent = 0
    with socket.create_connection(("127.0.0.1", w.server.port), timeout=timeout) as s:
        s.sendall(head)
        try:
            for chunk in body_chunks:
                s.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server closed the connection: it read no more of it
        answer = b""
        try:
            while True:
                got = s.recv(65536)
                if not got:
                    break
                answer += got
        except OSError:
            pass
    return answer, sent


ROUTES = [("GET", "/v1/changes"), ("POST", "/v1/attachments/missing"), ("POST", "/v1/enrol"),
          ("PUT", "/v1/attachments/" + "a" * 64), ("POST", "/v1/casefiles")]


@pytest.mark.parametrize("method,path", ROUTES)
def test_a_declared_200_mb_body_is_refused_before_it_is_read(world, method, path):
    w = world
    before = dump(w.db)
    head = (f"{method} {path} HQ/1.1\r\n".replace("HQ", "HTTP") + "Host: x\r\nContent-Length: 200000000\r\n"
            "Content-Type: application/json\r\n\r\n").encode()
    answer, sent = _raw(w, head, (b"x" * 1024 * 1024 for _ in range(200)))
    status = answer.split(b" ", 2)[1]
    print(f"\n{method} {path}: {status.decode()} after {sent / 1e6:.0f} MB sent; answer {len(answer)} bytes")
    assert status == b"413", answer[:300]
    assert b"oversize" in answer and len(answer) < 1000 and b"xxxx" not in answer
    assert sent < 100 * 1024 * 1024  # the server closed the connection long before the 200 MB
    assert dump(w.db) == before
    alive(w)
    report_rss(w, f"200 MB declared to {path}", limit_mb=400)


def _chunked(total_mb: int):
    for _ in range(total_mb):
        yield b"100000\r\n" + b"[" * 0x100000 + b"\r\n"
    yield b"0\r\n\r\n"


@pytest.mark.parametrize("path", ["/v1/attachments/missing", "/v1/enrol", "/v1/casefiles"])
def test_a_streamed_body_without_a_length_is_cut_at_the_limit(world, path):
    w = world
    head = (f"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
            "Content-Type: application/json\r\n\r\n").encode()
    answer, sent = _raw(w, head, _chunked(200))
    print(f"\nchunked to {path}: {answer[:12]!r} after {sent / 1e6:.0f} MB sent")
    assert answer.split(b" ", 2)[1] == b"413" and b"[[[[" not in answer
    alive(w)
    report_rss(w, f"200 MB streamed to {path}", limit_mb=400)


def test_error_answers_never_echo_their_input(world):
    import httpx

    w = world
    big = "<script>" + "A" * 500_000
    r = httpx.post(w.server.url + "/v1/enrol", json={"code": big, "counter_id": big}, timeout=30)
    assert r.status_code == 422 and len(r.content) < 2000 and b"AAAA" not in r.content and b"script" not in r.content
    assert_clean(r.content)
    r = httpx.post(w.server.url + "/v1/attachments/missing", json=[big], timeout=30,
                   headers={"X-Counter": w.me, "X-Nonce": "n", "X-Auth": "x"})
    assert r.status_code == 401 and b"AAAA" not in r.content
    status, _, raw = post(w, b"not a case file " + b"B" * 30_000_000)
    assert status == 415 and len(raw) < 2000 and b"BBBB" not in raw
    spec = httpx.get(w.server.url + "/openapi.json", timeout=30).json()
    for path, ops in spec["paths"].items():
        for op in ops.values():
            assert "413" in op["responses"], path
    assert {"401", "403", "409", "413", "415", "422"} <= set(spec["paths"]["/v1/casefiles"]["post"]["responses"])
    assert "application/vnd.recovery-desk.case-file+json" in \
        spec["paths"]["/v1/casefiles"]["post"]["requestBody"]["content"]
    alive(w)


def test_idle_and_stalled_connections_are_closed(world):
    w = world
    socks = [socket.create_connection(("127.0.0.1", w.server.port), timeout=60) for _ in range(50)]
    stalled_head = socket.create_connection(("127.0.0.1", w.server.port), timeout=60)
    stalled_head.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    stalled_body = socket.create_connection(("127.0.0.1", w.server.port), timeout=60)
    stalled_body.sendall(b"POST /v1/enrol HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"code\"")
    closed = 0
    for s in [*socks, stalled_head, stalled_body]:
        try:
            got = s.recv(100)  # blocks until the server closes the connection
        except ConnectionResetError:
            got = b""
        closed += got == b""
        s.close()
    print(f"\n{closed} of 52 idle or stalled connections closed by the server")
    assert closed == 52
    alive(w)
    report_rss(w, "idle connections")


def _answer_with(proxy: MeddlingProxy, path: str, status: int, headers: dict, chunks) -> None:
    proxy.answer = lambda method, p: (status, headers, chunks()) if p.startswith(path) else None


def _bomb():
    """0.5 MB of gzip inflating to 512 MB of zeros."""
    block = gzip.compress(b"\0" * (64 * 1024 * 1024), 9)
    for _ in range(8):
        yield block


def _huge_page():
    yield b'{"data": {"files": ['
    for _ in range(200):
        yield json.dumps({"n": 1, "content": "x" * 1024 * 1024}).encode() + b","
    yield b"]}}"


def _run_counter(w, data: list[str]) -> tuple[subprocess.CompletedProcess, int]:
    """`sync --once` at a counter in its own process; (the result, its peak RSS in MB)."""
    # VmHWM, not getrusage: Linux keeps ru_maxrss across exec, so it would report the forking pytest's size.
    code = ("import re, runpy, sys\n"
            f"sys.argv = ['app', *{data!r}, 'sync', '--once']\n"
            "try:\n    runpy.run_module('app', run_name='__main__')\n"
            "finally:\n    hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
            "    print('PEAK_RSS_KB', hwm, file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=w.env, timeout=600)
    peak = int(r.stderr.rsplit("PEAK_RSS_KB", 1)[1].split()[0]) // 1024
    return r, peak


@pytest.mark.parametrize("attack", ["gzip-bomb", "huge-page-declared", "huge-page-streamed"])
def test_the_counter_refuses_an_answer_over_its_cap_in_words(world, attack):
    w = world
    proxy = MeddlingProxy(w.server.url)
    try:
        b = cli_counter(w, "b", url=proxy.url)
        r, floor = _run_counter(w, b)  # a first round passes: the counter works through this proxy
        assert r.returncode == 0, r.stdout + r.stderr
        hq_before, b_before = dump(w.db), dump_counter(w.tmp / "b")
        if attack == "gzip-bomb":
            _answer_with(proxy, "/v1/changes", 200, {"Content-Type": "application/json", "Content-Encoding": "gzip"},
                         _bomb)
        elif attack == "huge-page-declared":
            _answer_with(proxy, "/v1/changes", 200, {"Content-Type": "application/json",
                                                      "Content-Length": str(200 * 1024 * 1024)}, _huge_page)
        else:
            _answer_with(proxy, "/v1/changes", 200, {"Content-Type": "application/json"}, _huge_page)
        r, peak = _run_counter(w, b)
        said = r.stdout + r.stderr
        print(f"\n{attack}: counter exit {r.returncode}, peak RSS {peak} MB (an ordinary round: {floor} MB)"
              f"\n{said[-600:]}")
        assert r.returncode != 0 and "Traceback" not in said
        assert "larger than the" in said and "MB this counter reads" in said
        assert peak < 400, peak
        assert dump(w.db) == hq_before and dump_counter(w.tmp / "b") == b_before
    finally:
        proxy.close()
    alive(w)


def test_pull_pages_have_a_byte_budget(world):
    w = world
    big = "x" * (1024 * 1024 + 512 * 1024)  # 1.5 MB of a case's words, per file
    for _ in range(6):
        status, sealed, raw = post(w, forge(w, events=[event(w, customer_words=big)]))
        assert status == 200, raw[:300]
    from tests.system.attack_world import authed
    from app.sync import wire

    b = cli_counter(w, "b")
    keys = json.loads((w.tmp / "keyring.json").read_text())
    [(name, secret)] = [(k, v) for k, v in keys.items() if "sync-counter" in k]
    b_id = name.split("sync-counter:")[1]
    after, pages = 0, []
    while True:
        nonce = wire.new_nonce()
        target = f"/v1/changes?after={after}"
        import httpx

        r = httpx.get(w.server.url + target, timeout=60, headers={
            "X-Counter": b_id, "X-Nonce": nonce, "X-Auth": wire.request_mac(secret, "GET", target, nonce)})
        data = wire.opened(secret, nonce, r.json())["data"]
        sizes = [len(f["content"]) for f in data["files"]]
        pages.append(sizes)
        assert len(sizes) == 1 or sum(sizes) <= PULL_PAGE_BYTES + 1024, sizes
        after = data["cursor"]
        if not data["more"]:
            break
    print("\npull pages (bytes of files):", pages)
    assert sum(len(p) for p in pages) >= 7 and len(pages) >= 3
    restart(w)
    report_rss(w, "pull pages")
