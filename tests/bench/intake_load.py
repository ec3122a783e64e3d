"""Benchmark: head office's intake under load: many counters uploading at once to the real `hq serve`
(1, 2, 4 processes) on one PostgreSQL, next to a trivial FastAPI endpoint under the same load.

    .venv/bin/python tests/bench/intake_load.py [--counters 200] [--files 2] [--workers 1 2 4]

Loopback only, bounded: every request has a deadline and a round stops after --round-s seconds.
The case files are the product's own: one counter's demo cases filed by its outbox (~475 events a
file), copied for each counter with every id renewed and signed with that counter's secret (each
counter its own dealer, as 1,000 dealers' counters would be). After each round the database is
checked: every file stored once, every event once (0 lost, 0 duplicated).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets as pysecrets
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.figures import figure  # noqa: E402

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CODE = "LOADX"  # the template dealer's code, replaced by each counter's own
CASE_FILE_TYPE = "application/vnd.recovery-desk.case-file+json"
failures: list[str] = []  # the last round's uploads that got no answer, by the client's error


def template_files(root: Path, files: int) -> list[bytes]:
    """One counter's demo cases, filed: ``files`` case files of ~475 events each."""
    import keyring

    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from app.models.store import open_database, open_store
    from app.services.demo.sample_data import fill_demo
    from app.sync import outbox
    from tests.synchelp import enrol_in_process

    store = open_store(root / "template")
    enrol_in_process(open_database(f"sqlite:///{root / 'seed.sqlite3'}"), store, CODE)
    fill_demo(store, forms=0, cases=31 * files)
    outbox.file_waiting(store)
    return [w.path.read_bytes() for w in outbox.waiting(store)][:files]


def for_counter(template: list[bytes], i: int) -> tuple[dict, list[bytes]]:
    """The template's files as counter ``i`` of its own dealer would send them: every id renewed."""
    from app.sync import casefile

    ns = uuid.UUID(int=i + 1)
    ids: dict[str, str] = {}
    code = f"L{i:04d}"
    secret = pysecrets.token_hex(32)
    out = []
    for data in template:
        doc = json.loads(data)
        text = json.dumps({k: v for k, v in doc.items() if k != "signature"}, ensure_ascii=False)
        text = UUID.sub(lambda m: ids.setdefault(m.group(), str(uuid.uuid5(ns, m.group()))), text)
        body = json.loads(text.replace(CODE, code))
        out.append(casefile.sign(body, secret))
    first = json.loads(out[0])
    return {"counter": first["counter"], "dealer_id": first["dealer"]["id"], "code": code, "secret": secret}, out


def enrol_all(url: str, who: list[dict]) -> None:
    from app.models import Dealer, HqCounter, utcnow
    from app.models.store import open_database

    db = open_database(url)
    with db.session() as s, s.begin():
        for w in who:
            s.add(Dealer(id=w["dealer_id"], code=w["code"], name=w["code"], created_at=utcnow()))
        s.flush()
        for w in who:
            s.add(HqCounter(id=w["counter"], dealer_id=w["dealer_id"], label="load", secret=w["secret"],
                            enrolled_at=utcnow(), last_sequence=0))
    db.close()


async def upload_all(url: str, path: str, per_counter: list[tuple[str, list[bytes]]], timeout: float,
                     round_s: float) -> tuple[list[float], list[tuple[int, int]], float]:
    """Every counter at once, each sending its files one after another: latencies and statuses."""
    import httpx

    latencies: list[float] = []
    statuses: list[tuple[int, int]] = []  # (which of the counter's files, HTTP status or 0)
    failures.clear()

    async def counter(client, counter_id: str, files: list[bytes]) -> None:
        for j, data in enumerate(files):
            t = time.perf_counter()
            try:
                r = await client.post(path, content=data, headers={
                    "Content-Type": CASE_FILE_TYPE, "X-Counter": counter_id, "X-Nonce": uuid.uuid4().hex})
                statuses.append((j, r.status_code))
            except httpx.HTTPError as exc:  # never reached the server, or no answer: a counter sends it again
                statuses.append((j, 0))
                failures.append(type(exc).__name__)
            latencies.append(time.perf_counter() - t)

    limits = httpx.Limits(max_connections=len(per_counter) + 10, max_keepalive_connections=len(per_counter) + 10)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        t = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(counter(client, c, f) for c, f in per_counter)), round_s)
        wall = time.perf_counter() - t
    return latencies, statuses, wall


def _load(avg: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.1f}" for x in avg)


def p95(values: list[float]) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(0.95 * len(s)))]


def start_trivial(workers: int, log: Path):
    from tests.system.hqserver import free_port, wait_up

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "tests.bench.trivial_app:app", "--port", str(port),
                             "--workers", str(workers), "--log-level", "warning"], cwd=ROOT,
                            stdout=open(log, "ab"), stderr=subprocess.STDOUT)
    wait_up(proc, f"http://127.0.0.1:{port}/v1/health", log)
    return proc, f"http://127.0.0.1:{port}"


def check_database(url: str, expected_files: int, expected_events: int) -> tuple[int, int]:
    """(lost, duplicated): files or events the database lacks, and any it holds twice. ``expected_*``
    are what the server acknowledged: an upload that got no answer is the counter's to send again."""
    from sqlalchemy import func, select

    from app.models import Event, SyncReceived
    from app.models.store import open_database

    db = open_database(url)
    with db.session() as s:
        files = s.scalar(select(func.count()).select_from(SyncReceived))
        distinct = s.scalar(select(func.count()).select_from(
            select(SyncReceived.counter_id, SyncReceived.sequence).distinct().subquery()))
        events = s.scalar(select(func.count()).select_from(Event))
        events_distinct = s.scalar(select(func.count(func.distinct(Event.id))))
    db.close()
    lost = max(0, expected_files - distinct) + max(0, expected_events - events_distinct)
    duplicated = (files - distinct) + (events - events_distinct) + max(0, events_distinct - expected_events)
    return lost, duplicated


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--counters", type=int, default=200)
    ap.add_argument("--files", type=int, default=2, help="case files per counter")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--timeout", type=float, default=300.0, help="each request's deadline (s)")
    ap.add_argument("--round-s", type=float, default=900.0, help="each round's deadline (s)")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    os.environ.setdefault("RECOVERY_DESK_DATA", str(root / "default"))
    from tests.pg import start_postgres
    from tests.system.hqserver import HqServer

    t = time.perf_counter()
    template = template_files(root, args.files)
    made = [for_counter(template, i) for i in range(args.counters)]
    who = [w for w, _ in made]
    per_counter = [(w["counter"], files) for w, files in made]
    n_files = sum(len(f) for _, f in per_counter)
    events_each = [len(json.loads(d)["events"]) for d in template]
    size = sum(len(d) for _, f in per_counter for d in f)
    print(f"{args.counters} counters, {n_files} case files ({sum(events_each) / len(events_each):.0f} events, "
          f"{size / n_files / 1e3:.0f} KB a file), made in {time.perf_counter() - t:.0f} s")
    pg = start_postgres(Path(tempfile.mkdtemp(prefix="bench-intake-pg-")))
    rates: dict[int, float] = {}
    try:
        base = pg.new_database()
        enrol_all(base, who)
        for workers in args.workers:
            load_start = os.getloadavg()  # the machine is shared: what else ran shows here
            trivial, trivial_url = start_trivial(workers, root / f"trivial-{workers}.log")
            try:
                lat, statuses, wall = asyncio.run(upload_all(trivial_url, "/v1/casefiles", per_counter,
                                                             args.timeout, args.round_s))
            finally:
                trivial.terminate()
                trivial.wait(10)
            floor = p95(lat)
            url = pg.new_database(template=base.rsplit("/", 1)[1])
            server = HqServer(url, root / f"inbox-{workers}", root / f"hq-{workers}.log",
                              *(["--workers", str(workers)] if workers > 1 else [])).start()
            try:
                lat, statuses, wall = asyncio.run(upload_all(server.url, "/v1/casefiles", per_counter,
                                                             args.timeout, args.round_s))
            finally:
                server.stop()
            acked = [j for j, status in statuses if status == 200]
            lost, duplicated = check_database(url, len(acked), sum(events_each[j] for j in acked))
            refused = sum(status not in (0, 200) for _, status in statuses)
            unanswered = ", ".join(f"{failures.count(k)} {k}" for k in sorted(set(failures))) or "0"
            rates[workers] = n_files / wall
            print(f"  {workers} process{'es' if workers > 1 else ''}: {rates[workers]:6.1f} files/s "
                  f"({wall:.1f} s), p95 {p95(lat):.2f} s (trivial endpoint {floor:.3f} s, "
                  f"x{p95(lat) / floor:.1f}), refused {refused}, unanswered {unanswered}, "
                  f"lost {lost}, duplicated {duplicated} (of {len(acked)} acknowledged); "
                  f"load average {_load(load_start)} at the start, {_load(os.getloadavg())} at the end")
            figure(f"intake, {args.counters} counters, {workers} process(es): files/s", rates[workers], "files/s",
                   aim=">= 100")
            figure(f"intake, {args.counters} counters, {workers} process(es): p95", p95(lat), "s", floor,
                   "trivial FastAPI endpoint, same load", aim="<= 2x")
            figure(f"intake, {workers} process(es): lost + duplicated", lost + duplicated, "files/events", aim="0")
        if 1 in rates:
            for workers in rates:
                if workers > 1:
                    figure(f"intake, {workers} processes against 1: files/s", rates[workers] / rates[1], "x",
                           aim=">= 1.6x for 2")
    finally:
        pg.stop()


if __name__ == "__main__":
    main()
